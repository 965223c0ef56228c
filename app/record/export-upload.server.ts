// Reading the public verification form (/registre/verifier): an export uploaded as a file or pasted
// as text, at most EXPORT_MAX_BYTES either way. Past the limit the rest is read and dropped, so that
// the page can answer with a French message next to the field instead of an error page. Nothing is
// written anywhere: the text lives in memory for the time of the request.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { EXPORT_FILE_FIELD, EXPORT_MAX_BYTES, EXPORT_TEXT_FIELD } from "./export-form";

export { EXPORT_FILE_FIELD, EXPORT_MAX_BYTES, EXPORT_TEXT_FIELD };

const OTHER_FIELD_MAX_BYTES = 1024;

export type ExportForm =
  | {
      ok: true;
      text: string;
      field: typeof EXPORT_FILE_FIELD | typeof EXPORT_TEXT_FIELD;
      expectedProcurementId: string | null;
    }
  | { ok: false; field: typeof EXPORT_FILE_FIELD | typeof EXPORT_TEXT_FIELD; message: string };

// A genuine export can pass the limit (about 2.9 kB per record: some 3,500 records), so the message
// must not call it altered: it says where such an export is checked instead.
const TOO_LARGE =
  `L'export dépasse ${EXPORT_MAX_BYTES / 1024 / 1024} Mo, la limite de cette page (un export d'environ 3 000 inscriptions). ` +
  "Un export plus grand se vérifie sur votre ordinateur avec le vérificateur hors ligne décrit sur la page « État du registre des échanges ».";

/** The export sent by the form, or why there is none to check. */
export async function readExportForm(request: Request): Promise<ExportForm> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    // Pasted text sent without the file field (a client of our own); the server caps such bodies.
    const formData = await request.formData();
    return fromFields(null, formData.get(EXPORT_TEXT_FIELD), formData.get("achat"));
  }
  let file: { size: number; bytes: Buffer } | null = null;
  const oversized = new Set<string>();
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const limit = name === EXPORT_FILE_FIELD || name === EXPORT_TEXT_FIELD ? EXPORT_MAX_BYTES : OTHER_FIELD_MAX_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      // Past the limit, keep reading (the browser is still sending) but keep nothing more.
      if (size <= limit) chunks.push(Buffer.from(chunk));
    }
    if (size > limit) {
      oversized.add(name);
      return undefined;
    }
    if (typeof filename === "string") {
      // No file chosen: browsers still send the part, with an empty name and no content.
      if (name === EXPORT_FILE_FIELD && (filename !== "" || size > 0)) file = { size, bytes: Buffer.concat(chunks) };
      return undefined;
    }
    return Buffer.concat(chunks).toString("utf8");
  };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    console.warn("[registre] unreadable verification form", error instanceof Error ? error.message : error);
    return { ok: false, field: EXPORT_FILE_FIELD, message: "Le formulaire n'a pas pu être lu en entier : réessayez." };
  }
  if (oversized.has(EXPORT_FILE_FIELD)) return { ok: false, field: EXPORT_FILE_FIELD, message: TOO_LARGE };
  if (oversized.has(EXPORT_TEXT_FIELD)) return { ok: false, field: EXPORT_TEXT_FIELD, message: TOO_LARGE };
  return fromFields(file, formData.get(EXPORT_TEXT_FIELD), formData.get("achat"));
}

function fromFields(
  file: { size: number; bytes: Buffer } | null,
  pasted: FormDataEntryValue | null,
  achat: FormDataEntryValue | null,
): ExportForm {
  const expectedProcurementId = typeof achat === "string" && achat.trim() ? achat.trim().slice(0, 100) : null;
  if (file) {
    const text = decodeUtf8(file.bytes);
    if (text === null)
      return {
        ok: false,
        field: EXPORT_FILE_FIELD,
        message: "Ce fichier n'est pas un fichier texte (un PDF ou une image ?) : déposez le fichier JSON de l'export.",
      };
    return { ok: true, text, field: EXPORT_FILE_FIELD, expectedProcurementId };
  }
  if (typeof pasted === "string" && pasted.trim())
    return { ok: true, text: pasted, field: EXPORT_TEXT_FIELD, expectedProcurementId };
  return {
    ok: false,
    field: EXPORT_FILE_FIELD,
    message: "Choisissez le fichier JSON de l'export, ou collez son contenu dans le champ ci-dessous.",
  };
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
