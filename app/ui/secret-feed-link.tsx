// A private calendar link (decision 0009): shown once when created, never again; creating a new one
// disables the old. Shared by the supplier's agenda and alerts pages.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function SecretFeedLink({
  url,
  error,
  organizationId,
  createdAtText,
  children,
}: {
  /** The link just created (shown this once), or null. */
  url: string | null | undefined;
  error: string | null | undefined;
  organizationId: string;
  /** When the current link was created, already formatted, or null when there is none. */
  createdAtText: string | null;
  /** What the link is for. */
  children: ReactNode;
}) {
  return (
    <>
      {children}
      {url ? (
        <div className="notice" role="status">
          <p>
            <strong>Voici votre lien.</strong> Copiez-le maintenant : pour le protéger, Amont ne l'affichera plus. Vous
            pourrez toujours en créer un nouveau.
          </p>
          <code className="feed-link">{url}</code>
        </div>
      ) : null}
      {error ? (
        <div className="form-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <Form method="post">
        <input type="hidden" name="organizationId" value={organizationId} />
        {createdAtText ? (
          <p>
            Un lien existe depuis le {createdAtText}. En créer un nouveau désactive l'ancien : les agendas abonnés à
            l'ancien lien ne recevront plus rien.
          </p>
        ) : null}
        <button type="submit">
          {createdAtText ? "Créer un nouveau lien (l'ancien cessera de fonctionner)" : "Créer mon lien d'agenda"}
        </button>
      </Form>
    </>
  );
}
