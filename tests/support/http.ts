// Helpers for tests that talk to the built server over HTTP: a session cookie made directly in the
// database (as the login form would), and the page's visible text for assertions.
import { createSession, sessionCookieHeader } from "~/auth/session.server";
import { write } from "~/db/db.server";

/** The `Cookie` header value of a fresh session for `userId`, acting for `activeOrganizationId`. */
export async function sessionCookie(userId: string, activeOrganizationId?: string): Promise<string> {
  const { token } = await write((tx) => createSession(tx, userId, { activeOrganizationId }));
  return (await sessionCookieHeader(token)).split(";")[0]!;
}

/** Visible markup only (the serialised route data in <script> repeats every message), entities decoded. */
export function visibleHtml(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replaceAll("<!-- -->", "")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
