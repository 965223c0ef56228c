// Pieces of relay UI shared by other pages (server-rendered, no JavaScript needed).
import { Link } from "@remix-run/react";

const HOW: Record<string, string> = {
  buyer: "suit cet acheteur",
  departement: "suit son département",
  region: "suit sa région",
};

/** "Relayé par : CCI Rhône-Confluence (suit son département), …": the relays that relay a buyer's plan. */
export function FollowingRelays({
  relays,
  subject,
}: {
  relays: readonly { slug: string; name: string; how: string }[];
  /** "Cet acheteur", "Votre programmation"… */
  subject: string;
}) {
  if (relays.length === 0) return null;
  return (
    <p className="following-relays">
      {subject} est relayée auprès des entreprises par{" "}
      {relays.map((relay, index) => (
        <span key={relay.slug}>
          {index > 0 ? (index === relays.length - 1 ? " et " : ", ") : null}
          <Link to={`/relais/${relay.slug}`}>{relay.name}</Link> ({HOW[relay.how] ?? "la suit"})
        </span>
      ))}
      .
    </p>
  );
}
