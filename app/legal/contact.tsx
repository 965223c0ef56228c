// The contact page: the publisher's address from the configuration (LEGAL_CONTACT_EMAIL). A plain
// address rather than a form: nothing to throttle or store, and the reply comes from a person.
import { Link } from "@remix-run/react";
import { Configured, DemonstrationNotice } from "./demonstration-notice";
import type { LegalIdentity } from "./identity";

export function ContactPage({ identity }: { identity: LegalIdentity }) {
  const email = identity.contactEmail;
  return (
    <>
      <h1>Contact</h1>
      <DemonstrationNotice identity={identity} />
      <p>
        Pour toute question sur le service, un problème d'accès, une demande sur vos données personnelles ou une
        correction, écrivez à l'éditeur, {identity.publisher.name} :
      </p>
      <p className="lead">
        {email ? <a href={`mailto:${email}`}>{email}</a> : <Configured value={null} setting="LEGAL_CONTACT_EMAIL" />}
      </p>
      {identity.publisher.address ? <p>Par courrier : {identity.publisher.address}.</p> : null}

      <h2>Pour aller plus vite</h2>
      <ul>
        <li>
          <strong>Un contenu vous est inaccessible</strong> (lecteur d'écran, clavier, agrandissement…) : indiquez la
          page et ce que vous cherchiez à faire ; nous vous proposerons une autre façon d'y accéder. Voir aussi la{" "}
          <Link to="/accessibilite">déclaration d'accessibilité</Link>.
        </li>
        <li>
          <strong>Vos données personnelles</strong> : vous pouvez déjà télécharger toutes vos données depuis{" "}
          <Link to="/compte">Mon compte</Link>. Pour les corriger ou les faire effacer, écrivez-nous depuis l'adresse de
          votre compte. Sans compte (un acheteur vous a invité à répondre à un questionnaire, ou a noté un échange avec
          vous), écrivez-nous depuis l'adresse où vous avez été invité, ou avec votre nom complet. Voir la page{" "}
          <Link to="/confidentialite">données personnelles</Link>.
        </li>
        <li>
          <strong>Une question sur un achat, un questionnaire ou un événement</strong> : adressez-vous à l'acheteur
          concerné. Pour un questionnaire, posez votre question depuis sa page : la réponse sera publiée pour toutes les
          entreprises.
        </li>
        <li>
          <strong>Une faille de sécurité</strong> : voir{" "}
          <Link to="/mentions-legales#securite">comment la signaler</Link>.
        </li>
      </ul>
      <p className="muted">Ne nous envoyez jamais votre mot de passe : nous ne vous le demanderons pas.</p>
    </>
  );
}
