// Reading a form that may carry one file (multipart/form-data), with Remix's streaming multipart
// parser and a handler of our own: the file is kept in memory up to its limit plus one byte, and
// anything beyond is read and dropped, so that an oversized file still gets a French message next to
// its field with every other field kept, instead of an error page. Text fields are small; a huge one
// is refused as a whole. Used by the record's attachments and the relays' logos.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

const TEXT_FIELD_MAX_BYTES = 64 * 1024;

export interface Upload {
  fileName: string;
  /** Every byte received, including those dropped past the limit. */
  size: number;
  /** The file's bytes, or its first bytes only when it is over the limit. */
  bytes: Buffer;
}

export type FormWithFile = { ok: true; formData: FormData; upload: Upload | null } | { ok: false; message: string };

export const FORM_TOO_LARGE_MESSAGE =
  "Un des champs du formulaire est bien trop long : rien n'a été enregistré. Raccourcissez le texte et recommencez.";

/** Turns the name the browser sent into the name kept (without folders or control characters). */
export type FileNameCleaner = (name: string) => string;

/**
 * The form's fields and the file of `fileField` (kept up to `maxFileBytes` + 1 bytes), whether the
 * form was sent as multipart or urlencoded. Other file fields are read and dropped.
 */
export async function readFormWithFile(
  request: Request,
  options: { fileField: string; maxFileBytes: number; cleanFileName: FileNameCleaner; label: string },
): Promise<FormWithFile> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data"))
    return { ok: true, formData: await request.formData(), upload: null };
  let upload: Upload | null = null;
  let tooLong = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (typeof filename === "string") {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of data) {
        // Past the limit, keep reading (the browser is still sending) but keep nothing more.
        if (size <= options.maxFileBytes) chunks.push(Buffer.from(chunk));
        size += chunk.byteLength;
      }
      // No file chosen: browsers still send the part, with an empty name and no content.
      if (name === options.fileField && (filename !== "" || size > 0) && upload === null)
        upload = { fileName: options.cleanFileName(filename), size, bytes: Buffer.concat(chunks) };
      return undefined;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= TEXT_FIELD_MAX_BYTES) chunks.push(Buffer.from(chunk));
    }
    if (size > TEXT_FIELD_MAX_BYTES) {
      tooLong = true;
      return undefined;
    }
    return Buffer.concat(chunks).toString("utf8");
  };
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    if (tooLong) return { ok: false, message: FORM_TOO_LARGE_MESSAGE };
    return { ok: true, formData, upload };
  } catch (error) {
    // A body cut short or not multipart at all: a request no browser form sends.
    console.warn(`[${options.label}] unreadable multipart form`, error);
    return { ok: false, message: "Le formulaire n'a pas pu être lu en entier : réessayez." };
  }
}
