// /.well-known/security.txt (RFC 9116): where to report a security flaw. Expires is computed at
// request time, one year ahead, so that a running instance never serves an expired file; the
// contact comes from the configuration (SECURITY_CONTACT, else LEGAL_CONTACT_EMAIL).
import { addYears } from "date-fns";

export function securityTxt({ contact, origin, now }: { contact: string; origin: string; now: Date }): string {
  return [
    `Contact: ${contact}`,
    `Expires: ${addYears(now, 1)
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z")}`,
    "Preferred-Languages: fr, en",
    `Canonical: ${origin}/.well-known/security.txt`,
    `Policy: ${origin}/mentions-legales#securite`,
    "",
  ].join("\n");
}
