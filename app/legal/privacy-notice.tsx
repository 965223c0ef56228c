// The privacy notice (RGPD articles 13 and 14): what personal data Amont keeps (prisma/schema.prisma),
// why, on what legal basis, for how long, who receives it, and how to use one's rights. Retention
// periods come from the code's own constants (retention.server.ts).
import { Link } from "@remix-run/react";
import { Configured, DemonstrationNotice } from "./demonstration-notice";
import type { LegalIdentity } from "./identity";

export interface RetentionPeriods {
  session: string;
  verificationCode: string;
  resetLink: string;
  invitation: string;
  limitCounters: string;
}

interface Processing {
  title: string;
  what: string;
  why: string;
  basis: string;
  howLong: string;
}

function processings(retention: RetentionPeriods): Processing[] {
  return [
    {
      title: "Votre compte",
      what: "Nom, adresse électronique, empreinte de votre mot de passe (jamais le mot de passe lui-même), date de vérification de l'adresse",
      why: "Vous identifier et vous permettre d'agir au nom de votre organisation",
      basis:
        "Exécution des conditions d'utilisation du service auxquelles vous adhérez en créant un compte (article 6.1.b du RGPD)",
      howLong:
        "Tant que votre compte existe. Vous pouvez le fermer à tout moment depuis « Mon compte » : votre nom, votre adresse et votre mot de passe sont alors effacés. Il n'y a pas encore de fermeture automatique des comptes inactifs.",
    },
    {
      title: "Vos sessions de connexion",
      what: "Date d'ouverture et d'expiration, navigateur utilisé, organisation active",
      why: "Vous garder connecté et vous permettre de fermer vos sessions à distance",
      basis: "Exécution des conditions d'utilisation (article 6.1.b du RGPD)",
      howLong: `${retention.session} après votre dernière visite, puis effacement automatique`,
    },
    {
      title: "Codes, liens à usage unique et invitations",
      what: "Code de vérification de l'adresse, lien de réinitialisation du mot de passe, invitation à rejoindre une organisation",
      why: "Vérifier votre adresse, vous laisser choisir un nouveau mot de passe, vous faire rejoindre une organisation",
      basis: "Exécution des conditions d'utilisation (article 6.1.b du RGPD)",
      howLong: `Valables ${retention.verificationCode} (code), ${retention.resetLink} (lien de réinitialisation) et ${retention.invitation} (invitation). Seule une empreinte est enregistrée : elle ne permet pas de retrouver le code ou le lien.`,
    },
    {
      title: "Compteurs de tentatives et de demandes",
      what: "Le nombre de connexions, de codes saisis et de demandes de courriels (inscription, nouveau code, mot de passe oublié, invitations) pour une adresse électronique, une adresse IP ou un compte. L'adresse et l'IP n'y figurent pas en clair : seule leur empreinte (SHA-256) est enregistrée.",
      why: "Empêcher qu'on devine un mot de passe ou un code par essais répétés, ou qu'on se serve du site pour inonder une messagerie",
      basis: "Obligation légale d'assurer la sécurité des données (articles 6.1.c et 32 du RGPD)",
      howLong: `${retention.limitCounters} au plus, puis effacement automatique ; une connexion réussie ou un nouveau mot de passe efface ceux de votre compte.`,
    },
    {
      title: "Vos organisations",
      what: "Les organisations dont vous êtes membre, et votre rôle (administrateur ou membre)",
      why: "Savoir au nom de qui vous agissez et ce que vous pouvez faire",
      basis: "Exécution des conditions d'utilisation (article 6.1.b du RGPD)",
      howLong: "Tant que vous êtes membre de l'organisation",
    },
    {
      title: "Vérification des organisations et demandes pour en rejoindre une",
      what: "Quand vous inscrivez un acheteur public ou un réseau d'accompagnement : votre nom et votre adresse électronique, avec la décision de l'équipe Amont et son motif. Quand vous demandez à rejoindre une organisation déjà inscrite : votre nom, votre adresse, votre message et la réponse reçue",
      why: "Empêcher qu'une personne publie au nom d'un organisme public sans agir pour lui, ou rejoigne une organisation sans y travailler",
      basis: "Exécution des conditions d'utilisation (article 6.1.b du RGPD)",
      howLong:
        "Tant que l'organisation existe ; la demande et la décision restent au registre des échanges, qui ne s'efface pas.",
    },
    {
      title: "Ce que vous faites au nom de votre organisation",
      what: "Réponses aux questionnaires, questions de précision, inscriptions, rendez-vous et listes d'attente, avec votre nom",
      why: "Permettre aux acheteurs publics de préparer leurs marchés en traitant toutes les entreprises de la même façon, et de le prouver",
      basis:
        "Mission d'intérêt public des acheteurs (article 6.1.e du RGPD) : préparation des marchés publics, prévue par l'article R2111-1 du code de la commande publique",
      howLong:
        "Tant que le service fonctionne, sauf demande de suppression. Un rendez-vous annulé ou une sortie de liste d'attente sont effacés ; une inscription annulée reste enregistrée comme annulée. Le registre des échanges garde la trace de chaque action.",
    },
    {
      title: "Vos alertes",
      what: "Le nom et les critères de chacune de vos alertes (divisions CPV, territoire, catégories, conditions, mots-clés), leur fréquence, et pour chaque courriel envoyé : sa date et le nombre d'achats, questionnaires ou événements listés. Le lien de désabonnement de chaque courriel et celui de votre agenda des alertes ne sont enregistrés que sous forme d'empreinte.",
      why: "Vous prévenir de ce qui vous concerne, n'envoyer chaque courriel qu'une fois, et vous permettre de vous désabonner en un clic",
      basis: "Exécution des conditions d'utilisation, à votre demande (article 6.1.b du RGPD)",
      howLong:
        "Tant que vous gardez l'alerte (vous la supprimez à tout moment depuis la page Mes alertes) ; la trace de chaque envoi, et avec elle son lien de désabonnement, 400 jours. Fermer votre compte efface vos alertes et ce qui a été envoyé pour elles.",
    },
    {
      title: "Les avis de votre réseau relais",
      what: "Si vous êtes membre d'un réseau relais (CCI, CMA…) : votre choix de recevoir ou non un e-mail à chaque nouvelle édition d'un plan suivi par le réseau, et pour chaque e-mail envoyé : l'édition concernée et sa date. Le lien de désabonnement de chaque e-mail n'est enregistré que sous forme d'empreinte.",
      why: "Prévenir les membres du réseau des nouvelles programmations des acheteurs qu'il suit, n'envoyer chaque e-mail qu'une fois, et vous permettre de vous désabonner en un clic",
      basis: "Exécution des conditions d'utilisation (article 6.1.b du RGPD)",
      howLong:
        "Votre choix, tant que vous êtes membre du réseau (vous le changez à tout moment sur la page du réseau) ; la trace de chaque envoi, et avec elle son lien de désabonnement, 400 jours. Quitter le réseau ou fermer votre compte les efface.",
    },
    {
      title: "Le registre des échanges",
      what: "Qui a fait quoi, et quand : votre nom, votre organisation, le résumé de l'échange",
      why: "Prouver que chaque entreprise a reçu la même information ; l'acheteur le joint au rapport de présentation de son marché",
      basis:
        "Mission d'intérêt public des acheteurs (article 6.1.e du RGPD) et leurs obligations de traçabilité des procédures de marché public",
      howLong:
        "Un enregistrement ne peut être ni modifié ni supprimé : c'est ce qui en fait une preuve. Mais votre nom, votre adresse et les textes qui vous désignent en sont effacés à la fermeture de votre compte ou à votre demande : ils sont remplacés par « [effacé] », l'effacement est lui-même inscrit au registre, et le reste de l'enregistrement reste vérifiable. Sa durée de conservation est fixée par l'éditeur avec les règles d'archivage des marchés publics ; aucune purge n'est programmée à ce jour.",
    },
    {
      title: "Les courriels qui vous sont envoyés",
      what: "Destinataire, objet, contenu et état de l'envoi",
      why: "Vous prévenir (confirmation, rappel, annulation…) et pouvoir renvoyer un message qui n'est pas parti",
      basis: "Même base que l'action qui cause le message",
      howLong:
        "Conservés dans la boîte d'envoi du service, consultable par ses administrateurs ; aucune purge n'est programmée à ce jour.",
    },
    {
      title: "Journaux techniques du serveur",
      what: "Adresse de la page demandée, réponse, durée (sans votre adresse IP)",
      why: "Faire fonctionner le service, détecter les pannes et les attaques",
      basis: "Obligation légale d'assurer la sécurité des données (articles 6.1.c et 32 du RGPD)",
      howLong: "Selon la durée de conservation des journaux de l'hébergeur",
    },
  ];
}

export function PrivacyNotice({ identity, retention }: { identity: LegalIdentity; retention: RetentionPeriods }) {
  const contact = identity.contactEmail;
  return (
    <>
      <h1>Données personnelles</h1>
      <DemonstrationNotice identity={identity} />
      <p>
        Cette page explique quelles informations sur vous Amont enregistre, pourquoi, combien de temps, qui les voit, et
        comment exercer vos droits. Amont n'affiche pas de publicité et ne vend ni ne cède aucune donnée.
      </p>

      <h2>Qui est responsable de vos données</h2>
      <p>
        Le responsable du traitement est l'éditeur du service : <strong>{identity.publisher.name}</strong> (voir les{" "}
        <Link to="/mentions-legales">mentions légales</Link>).
      </p>
      <p>
        Délégué à la protection des données : <Configured value={identity.dpoEmail} setting="LEGAL_DPO_EMAIL" />.
      </p>

      <h2>Ce qui est enregistré, pourquoi et combien de temps</h2>
      {processings(retention).map((processing) => (
        <section key={processing.title}>
          <h3>{processing.title}</h3>
          <dl className="facts">
            <dt>Données</dt>
            <dd>{processing.what}</dd>
            <dt>Pourquoi</dt>
            <dd>{processing.why}</dd>
            <dt>Base légale</dt>
            <dd>{processing.basis}</dd>
            <dt>Durée de conservation</dt>
            <dd>{processing.howLong}</dd>
          </dl>
        </section>
      ))}

      <h2>Qui peut voir vos données</h2>
      <ul>
        <li>Les autres membres de votre organisation voient votre nom et votre rôle.</li>
        <li>
          Un acheteur voit les réponses que votre organisation <strong>a déposées</strong> à ses questionnaires (pas les
          brouillons), les questions de précision que vous lui posez, et les inscriptions et rendez-vous pris à ses
          événements.
        </li>
        <li>
          Le nom et l'adresse du contact d'un achat prévu, choisis par l'acheteur, sont publiés avec sa programmation.
        </li>
        <li>
          Les administrateurs de la plateforme peuvent lire la boîte d'envoi des courriels, pour l'assistance et le
          renvoi des messages.
        </li>
        <li>
          Les administrateurs de la plateforme voient qui a inscrit un acheteur public ou un réseau d'accompagnement,
          pour le vérifier. Quand vous demandez à rejoindre une organisation déjà inscrite, ses administrateurs et ceux
          de la plateforme voient votre nom, votre adresse et votre message.
        </li>
        <li>
          Deux prestataires traitent des données pour le compte de l'éditeur : l'hébergeur du service,{" "}
          {identity.host.name} ({identity.host.address}), et Resend, Inc. (États-Unis), qui achemine les courriels.
          Quand un prestataire est établi hors de l'Union européenne, l'éditeur doit encadrer ce transfert par les
          garanties prévues par le RGPD (clauses contractuelles types de la Commission européenne ou cadre de protection
          des données UE – États-Unis).
        </li>
      </ul>

      <h2>Cookies</h2>
      <p>
        Amont n'utilise que deux cookies, indispensables au service et exemptés de consentement : l'un garde votre
        session ouverte ({retention.session} après votre dernière visite), l'autre transmet un message de confirmation
        d'une page à la suivante puis s'efface. Aucun cookie de mesure d'audience ni de publicité.
      </p>

      <h2>Vos droits et comment les exercer</h2>
      <p>Vous pouvez à tout moment :</p>
      <ul>
        <li>
          <strong>accéder</strong> à vos données et les <strong>emporter</strong> (portabilité) : depuis{" "}
          <Link to="/compte">Mon compte</Link>, le bouton « Télécharger mes données » vous donne un fichier JSON avec
          tout ce qui vous concerne ;
        </li>
        <li>
          faire <strong>corriger</strong> une information inexacte ;
        </li>
        <li>
          faire <strong>effacer</strong> vos données : fermez votre compte depuis <Link to="/compte">Mon compte</Link>{" "}
          (page « Fermer mon compte »), ou demandez-le à l'adresse ci-dessous ;
        </li>
        <li>
          demander la <strong>limitation</strong> de leur utilisation, et vous <strong>opposer</strong> à un traitement
          fondé sur une mission d'intérêt public, pour des raisons tenant à votre situation particulière.
        </li>
      </ul>
      <p>
        Pour tout cela, écrivez à{" "}
        {contact ? (
          <a href={`mailto:${contact}`}>{contact}</a>
        ) : (
          <Configured value={null} setting="LEGAL_CONTACT_EMAIL" />
        )}{" "}
        (voir aussi la <Link to="/contact">page de contact</Link>). La réponse doit vous parvenir dans un délai d'un
        mois (article 12 du RGPD).
      </p>
      <p>
        Une limite : les enregistrements du registre des échanges restent, car ils servent de preuve de l'égalité de
        traitement entre entreprises pour les marchés publics (article 17.3 du RGPD) ; seuls votre nom, votre adresse et
        les textes qui vous désignent en sont effacés, remplacés par « [effacé] ». Une erreur y est corrigée par un
        nouvel enregistrement.
      </p>

      <h2>Réclamation auprès de la CNIL</h2>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
        nationale de l'informatique et des libertés (CNIL) : en ligne sur <a href="https://www.cnil.fr">www.cnil.fr</a>,
        ou par courrier à CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07.
      </p>
    </>
  );
}
