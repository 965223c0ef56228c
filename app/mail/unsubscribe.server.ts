// One-click unsubscribe links of the emails sent in bulk (supplier alerts, decision 0026; relay
// edition notices, decision 0025): what the two share, so that they behave the same.
//
// Each message carries its own random link (a new secret per message, so that earlier messages'
// links keep working); only the SHA-256 of the secret is stored, beside the message's delivery row.
// The message is sent with the RFC 8058 headers, and its link must be one of the template's secret
// props (masked in the admin outbox, erased once sent: decision 0019). A link's secret is looked up
// by hashOfWellFormedToken() (app/auth/tokens.server.ts).
import { generateToken, hashToken } from "~/auth/tokens.server";

/** Delivery rows, and with them their links, are kept this long; an older link says it no longer works. */
export const UNSUBSCRIBE_LINK_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;

/** A fresh unsubscribe secret for one message, and what is stored of it. */
export function newUnsubscribeToken(): { token: string; tokenHash: string } {
  const token = generateToken();
  return { token, tokenHash: hashToken(token) };
}

/** The RFC 8058 headers of a bulk email: one-click unsubscribe, by a POST to the same link. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * What a link's page answers: 404 for an unknown or broken link; 410 for a used one whose effect
 * was undone since (it did nothing this time); 200 otherwise.
 */
export function unsubscribePageStatus(link: { state: string; stillStopped?: boolean }): number {
  if (link.state === "invalid") return 404;
  if (link.state === "used" && !link.stillStopped) return 410;
  return 200;
}
