// Reading the record page's form, which may carry one attachment (multipart/form-data): the shared
// reader of app/ui/multipart.server.ts, with the attachment's field and limit.
import { readFormWithFile, type FormWithFile } from "~/ui/multipart.server";
import { ATTACHMENT_MAX_BYTES, cleanFileName } from "./attachments";

export { FORM_TOO_LARGE_MESSAGE, type Upload } from "~/ui/multipart.server";

export const ATTACHMENT_FIELD = "attachment";

export type RecordForm = FormWithFile;

/** The form's fields and its attachment, whether the form was sent as multipart or urlencoded. */
export function readRecordForm(request: Request): Promise<RecordForm> {
  return readFormWithFile(request, {
    fileField: ATTACHMENT_FIELD,
    maxFileBytes: ATTACHMENT_MAX_BYTES,
    cleanFileName,
    label: "record",
  });
}
