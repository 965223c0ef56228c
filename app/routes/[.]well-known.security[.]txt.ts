// /.well-known/security.txt (RFC 9116): the security contact from the configuration, with an
// Expires date computed at each request. Without a configured contact there is nothing honest to
// publish, so the file does not exist (404).
import { legalPageData } from "~/legal/publisher.server";
import { securityTxt } from "~/legal/security-txt";

export function loader() {
  const { identity, origin } = legalPageData();
  if (!identity.securityContact) {
    return new Response("Aucun contact de sécurité n'est configuré (SECURITY_CONTACT).\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(securityTxt({ contact: identity.securityContact, origin, now: new Date() }), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
