// Shown on the legal pages while the deployer has not named the publisher (LEGAL_PUBLISHER_NAME):
// nobody should take a demonstration's placeholders for a real publisher's commitments.
import type { LegalIdentity } from "./identity";

export function DemonstrationNotice({ identity }: { identity: LegalIdentity }) {
  if (!identity.demonstration) return null;
  return (
    <p className="notice">
      <strong>Instance de démonstration.</strong> L'organisme qui exploite ce service n'a pas encore renseigné ses
      coordonnées : les informations marquées « non renseigné » doivent l'être avant toute mise en service réelle.
    </p>
  );
}

/** A configured value, or a visible "non renseigné" that says which setting provides it. */
export function Configured({ value, setting }: { value: string | null; setting: string }) {
  if (value) return <>{value}</>;
  return (
    <em>
      non renseigné <span className="muted">(paramètre {setting})</span>
    </em>
  );
}
