// Attachments of manual record entries (pure): what is accepted, recognised by the file's first
// bytes, never by its name or the type the browser declares; how a stored file is named for download.

/** 5 Mo (5 MiB): enough for a scanned page or a photo, small enough to keep the data folder light. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export const ATTACHMENT_TYPES = {
  "application/pdf": { label: "PDF", extensions: [".pdf"] },
  "image/png": { label: "PNG", extensions: [".png"] },
  "image/jpeg": { label: "JPEG", extensions: [".jpg", ".jpeg"] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** What the record says of an attachment deleted on an erasure request (decision 0027). */
export const ERASED_ATTACHMENT_NOTICE = "Pièce jointe effacée à la demande de la personne concernée (RGPD)";

export const ATTACHMENT_MESSAGES = {
  tooLarge: "Le fichier dépasse 5 Mo : réduisez-le (une page numérisée en noir et blanc, une photo moins lourde).",
  empty: "Le fichier choisi est vide.",
  notAccepted:
    "Seuls les fichiers PDF, PNG ou JPEG sont acceptés. Le contenu du fichier a été vérifié : ce n'en est pas un.",
  disguised: (extension: string) =>
    `Ce fichier porte l'extension « ${extension} », mais son contenu n'est pas celui d'un fichier PDF, PNG ou JPEG : il n'a pas été accepté.`,
  chooseAgain: (fileName: string) =>
    `Le fichier « ${fileName} » n'a pas été enregistré : choisissez-le de nouveau après avoir corrigé le formulaire.`,
} as const;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

/** The type of a file from its first bytes: "%PDF-", the PNG signature, or a JPEG's SOI marker. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

function extensionOf(fileName: string): string {
  const match = /\.[A-Za-z0-9]{1,8}$/.exec(fileName);
  return match ? match[0].toLowerCase() : "";
}

export type AttachmentCheck = { ok: true; contentType: AttachmentType } | { ok: false; message: string };

/** Whether an uploaded file may be kept, and as what; `size` counts every byte sent, even those not kept. */
export function checkAttachment(file: { fileName: string; size: number; head: Uint8Array }): AttachmentCheck {
  if (file.size > ATTACHMENT_MAX_BYTES) return { ok: false, message: ATTACHMENT_MESSAGES.tooLarge };
  if (file.size === 0) return { ok: false, message: ATTACHMENT_MESSAGES.empty };
  const contentType = detectAttachmentType(file.head);
  if (contentType) return { ok: true, contentType };
  const extension = extensionOf(file.fileName);
  const claimed = Object.values(ATTACHMENT_TYPES).some((type) =>
    (type.extensions as readonly string[]).includes(extension),
  );
  return { ok: false, message: claimed ? ATTACHMENT_MESSAGES.disguised(extension) : ATTACHMENT_MESSAGES.notAccepted };
}

/** The name as the person's computer had it, without folders or control characters, at most 150 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  if (!cleaned) return "piece-jointe";
  if (cleaned.length <= 150) return cleaned;
  const extension = extensionOf(cleaned);
  return cleaned.slice(0, 150 - extension.length) + extension;
}

/** The download name: the original name, with an extension that matches what the file really is. */
export function downloadFileName(fileName: string, contentType: AttachmentType): string {
  const extensions: readonly string[] = ATTACHMENT_TYPES[contentType].extensions;
  return extensions.includes(extensionOf(fileName)) ? fileName : `${fileName}${extensions[0]}`;
}

/** Content-Disposition for a download: an ASCII fallback name and the real one (RFC 6266, RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\]/g, "_") || "piece-jointe";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** "1,2 Mo", "350 ko", "12 octets". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octet${bytes > 1 ? "s" : ""}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}

/** A SHA-256 in lowercase hex: the only names the attachment folder holds. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
}
