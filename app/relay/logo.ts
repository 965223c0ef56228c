// A relay's logo (pure): a small PNG or JPEG, recognised by its first bytes (never by its name or
// the type the browser declares), stored in the database and served by Amont itself. No SVG: an SVG
// is a document that can carry scripts, and a URL to another site would make every visitor's browser
// call that site (and need an exception in the pages' Content-Security-Policy).
import { detectAttachmentType } from "~/record/attachments";

/** 200 Ko: a logo is shown at most 64 pixels high. */
export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_FIELD = "logo";

export type LogoType = "image/png" | "image/jpeg";

export type LogoCheck = { ok: true; contentType: LogoType } | { ok: false; message: string };

export function checkLogo(file: { size: number; bytes: Uint8Array }): LogoCheck {
  if (file.size === 0) return { ok: false, message: "Le fichier choisi est vide." };
  if (file.size > LOGO_MAX_BYTES)
    return {
      ok: false,
      message: "Le logo dépasse 200 Ko : enregistrez-le en plus petit (64 pixels de haut suffisent).",
    };
  const type = detectAttachmentType(file.bytes);
  if (type === "image/png" || type === "image/jpeg") return { ok: true, contentType: type };
  return {
    ok: false,
    message: "Le logo doit être une image PNG ou JPEG. Le contenu du fichier a été vérifié : ce n'en est pas une.",
  };
}

/** The logo's address, versioned by its hash so that browsers may keep it for a year. */
export function logoPath(slug: string, sha256: string): string {
  return `/relais/${encodeURIComponent(slug)}/logo?v=${sha256.slice(0, 12)}`;
}
