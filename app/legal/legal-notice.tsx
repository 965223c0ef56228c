// Legal notices (mentions légales, loi n° 2004-575 du 21 juin 2004, article 6): publisher,
// publication director, host; and how to report a security flaw (linked from security.txt).
import { Link } from "@remix-run/react";
import { Configured, DemonstrationNotice } from "./demonstration-notice";
import type { LegalIdentity } from "./identity";

export function LegalNotice({ identity }: { identity: LegalIdentity }) {
  const { publisher, host } = identity;
  return (
    <>
      <h1>Mentions légales</h1>
      <DemonstrationNotice identity={identity} />

      <h2>Éditeur</h2>
      <dl className="facts">
        <dt>Nom</dt>
        <dd>{publisher.name}</dd>
        <dt>Adresse</dt>
        <dd>
          <Configured value={publisher.address} setting="LEGAL_PUBLISHER_ADDRESS" />
        </dd>
        <dt>SIREN</dt>
        <dd>
          <Configured value={publisher.siren} setting="LEGAL_PUBLISHER_SIREN" />
        </dd>
        <dt>Contact</dt>
        <dd>
          {identity.contactEmail ? (
            <a href={`mailto:${identity.contactEmail}`}>{identity.contactEmail}</a>
          ) : (
            <Configured value={null} setting="LEGAL_CONTACT_EMAIL" />
          )}
        </dd>
      </dl>

      <h2>Directeur de la publication</h2>
      <p>
        <Configured value={identity.publicationDirector} setting="LEGAL_PUBLICATION_DIRECTOR" />
      </p>

      <h2>Hébergement</h2>
      <p>
        {host.name}, {host.address}.
      </p>

      <h2 id="securite">Signaler une faille de sécurité</h2>
      <p>
        Si vous pensez avoir trouvé une faille de sécurité, écrivez-nous{" "}
        {identity.securityContact ? (
          <>
            à <a href={identity.securityContact}>{identity.securityContact.replace(/^mailto:/, "")}</a>
          </>
        ) : (
          <>
            (adresse <Configured value={null} setting="SECURITY_CONTACT" />)
          </>
        )}{" "}
        sans la rendre publique : décrivez ce que vous avez fait et ce que vous avez constaté. N'accédez pas aux données
        d'autres personnes, ne modifiez ni ne supprimez rien, et laissez-nous le temps de corriger avant d'en parler. La
        même adresse figure dans le fichier <a href="/.well-known/security.txt">security.txt</a>.
      </p>

      <h2>Accessibilité et données personnelles</h2>
      <p>
        Voir la <Link to="/accessibilite">déclaration d'accessibilité</Link> et la page{" "}
        <Link to="/confidentialite">données personnelles</Link>.
      </p>
    </>
  );
}
