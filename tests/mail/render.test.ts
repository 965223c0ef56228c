import { describe, expect, it } from "vitest";
import { PreviewProps as invitationPreview } from "#emails/organization-invitation";
import { PreviewProps as accountExistsPreview } from "#emails/account-exists";
// Verified organisations and claims.
import { PreviewProps as claimDecidedPreview } from "#emails/organization-claim-decided";
import { PreviewProps as claimRequestedPreview } from "#emails/organization-claim-requested";
import { PreviewProps as verificationDecidedPreview } from "#emails/organization-verification-decided";
import { PreviewProps as verificationRequestedPreview } from "#emails/organization-verification-requested";
import { PreviewProps as resetPreview } from "#emails/password-reset";
import { PreviewProps as resetNoAccountPreview } from "#emails/password-reset-no-account";
import { PreviewProps as verifyPreview } from "#emails/verify-email";
// Webinars and information meetings.
import { PreviewProps as eventJoinLinkPreview } from "#emails/event-join-link";
import { PreviewProps as eventMaterialsPreview } from "#emails/event-materials";
import { PreviewProps as eventReminderPreview } from "#emails/event-reminder";
import { PreviewProps as registrationCancelledPreview } from "#emails/registration-cancelled";
import { PreviewProps as registrationConfirmedPreview } from "#emails/registration-confirmed";
import { PreviewProps as registrationPromotedPreview } from "#emails/registration-promoted";
import { PreviewProps as registrationWaitlistedPreview } from "#emails/registration-waitlisted";
// Reverse fairs (stand bookings).
import { PreviewProps as bookingCancelledPreview } from "#emails/booking-cancelled";
import { PreviewProps as bookingConfirmedPreview } from "#emails/booking-confirmed";
import { PreviewProps as waitlistPromotedPreview } from "#emails/waitlist-promoted";
// Sourcing questionnaires.
import { PreviewProps as sourcingClarificationPreview } from "#emails/sourcing-clarification";
import { PreviewProps as sourcingInvitationPreview } from "#emails/sourcing-invitation";
import { PreviewProps as sourcingNewVersionPreview } from "#emails/sourcing-new-version";
import { PreviewProps as sourcingClosedPreview } from "#emails/sourcing-closed";
import { PreviewProps as eventCancelledPreview } from "#emails/event-cancelled";
import { PreviewProps as eventMovedPreview } from "#emails/event-moved";
// Supplier alerts.
import { PreviewProps as alertDigestPreview } from "#emails/alert-digest";
import { PreviewProps as alertImmediatePreview } from "#emails/alert-immediate";
import { PreviewProps as relayEditionNoticePreview } from "#emails/relay-edition-notice";
import { EMAIL_TEMPLATE_NAMES, renderEmail, type EmailProps, type EmailTemplateName } from "~/mail/render.server";

const HTML_TAG = /<\/?[a-z!][^>]*>/i;

const samples: { [K in EmailTemplateName]: { props: EmailProps[K]; expected: string[] } } = {
  "verify-email": {
    props: {
      name: "Camille Martin",
      code: "482913",
      verifyUrl: "https://amont.example.fr/verification/abc123",
    },
    expected: ["482913", "https://amont.example.fr/verification/abc123", "30\u00a0minutes"],
  },
  "password-reset": {
    props: { name: "Camille Martin", resetUrl: "https://amont.example.fr/mot-de-passe/tok456" },
    expected: ["https://amont.example.fr/mot-de-passe/tok456", "1\u00a0heure"],
  },
  "account-exists": {
    props: accountExistsPreview,
    expected: [
      "Camille Martin",
      "https://amont.example.fr/connexion",
      "https://amont.example.fr/mot-de-passe-oublie",
      "Un compte existe déjà avec cette adresse",
    ],
  },
  "password-reset-no-account": {
    props: resetNoAccountPreview,
    expected: ["https://amont.example.fr/inscription", "Aucun compte Amont n’utilise cette adresse"],
  },
  "organization-invitation": {
    props: {
      inviterName: "Dominique Bernard",
      organizationName: "Commune de Saint-Amont",
      organizationKindLabel: "acheteur public",
      role: "admin",
      acceptUrl: "https://amont.example.fr/invitations/inv789",
    },
    expected: [
      "Dominique Bernard",
      "Commune de Saint-Amont",
      "acheteur public",
      "https://amont.example.fr/invitations/inv789",
      "7\u00a0jours",
      "Administrateur",
    ],
  },
  "organization-verification-requested": {
    props: verificationRequestedPreview,
    expected: [
      "Commune de Villers-sur-Authie",
      "h.dufour@villers-sur-authie.fr",
      "SIREN 218 007 990",
      "https://amont.example.fr/admin/organisations",
    ],
  },
  "organization-verification-decided": {
    props: verificationDecidedPreview,
    expected: ["Commune de Villers-sur-Authie", "confirmer auprès de la mairie", "nouvel examen"],
  },
  "organization-claim-requested": {
    props: claimRequestedPreview,
    expected: [
      "Karim Haddad",
      "k.haddad@menuiserie-perrin.fr",
      "conducteur de travaux",
      claimRequestedPreview.reviewUrl,
    ],
  },
  "organization-claim-decided": {
    props: claimDecidedPreview,
    expected: ["Menuiserie Perrin", "membre", claimDecidedPreview.nextUrl],
  },
  "registration-confirmed": {
    props: { ...registrationConfirmedPreview, joinUrl: "https://visio.example.fr/salle-42", joinLinkWhen: null },
    expected: ["Sami Benali", "https://visio.example.fr/salle-42", "de 12:30 à 13:30", ".ics"],
  },
  "registration-waitlisted": {
    props: registrationWaitlistedPreview,
    expected: ["liste d’attente", "automatiquement", "/inscription"],
  },
  "registration-promoted": {
    props: registrationPromotedPreview,
    expected: ["Une place s’est libérée", "lundi 7 décembre 2026 à 12:30"],
  },
  "registration-cancelled": {
    props: registrationCancelledPreview,
    expected: ["annulée", "retire l’événement de votre agenda"],
  },
  "event-join-link": {
    props: eventJoinLinkPreview,
    expected: ["https://visio.example.fr/amont-restauration", "en même temps"],
  },
  "event-reminder": {
    props: eventReminderPreview,
    expected: ["demain", "https://visio.example.fr/amont-restauration"],
  },
  "event-materials": {
    props: eventMaterialsPreview,
    expected: ["Diaporama de la réunion", "qu’elles aient assisté à l’événement ou non"],
  },
  "booking-confirmed": {
    props: bookingConfirmedPreview,
    expected: ["Entretien des bâtiments", "de 09:20 à 09:40", "https://amont.example.fr/evenements/exemple"],
  },
  "booking-cancelled": {
    props: bookingCancelledPreview,
    expected: ["Entretien des bâtiments", "de 09:20 à 09:40", "retire ce rendez-vous de votre agenda"],
  },
  "waitlist-promoted": {
    props: waitlistPromotedPreview,
    expected: ["Espaces verts", "de 10:00 à 10:20", "première sur la liste d’attente"],
  },
  "sourcing-new-version": {
    props: sourcingNewVersionPreview,
    expected: [
      "La question 4 précise désormais les volumes annuels.",
      "vendredi 11 décembre 2026",
      sourcingNewVersionPreview.questionnaireUrl,
    ],
  },
  "sourcing-invitation": {
    props: sourcingInvitationPreview,
    expected: ["ne vous donne aucun avantage", sourcingInvitationPreview.questionnaireUrl],
  },
  "sourcing-clarification": {
    props: sourcingClarificationPreview,
    expected: ["En liaison froide, dans les quatre offices des écoles.", sourcingClarificationPreview.questionnaireUrl],
  },
  "event-cancelled": {
    props: eventCancelledPreview,
    expected: ["La salle n’est plus disponible ce jour-là.", "Restauration collective", eventCancelledPreview.eventUrl],
  },
  "event-moved": {
    props: eventMovedPreview,
    expected: [
      "en change la date. Ce que vous aviez réservé",
      "Avant\u00a0: mardi 24 novembre 2026",
      "Restauration collective",
      eventMovedPreview.eventUrl,
    ],
  },
  "sourcing-closed": {
    props: sourcingClosedPreview,
    expected: [
      "reporté le projet de cuisine centrale",
      "vendredi 11 décembre 2026",
      "brouillon qui n’avait pas été déposé",
      sourcingClosedPreview.questionnaireUrl,
    ],
  },
  "alert-digest": {
    props: alertDigestPreview,
    expected: [
      "du 25 janvier 2027 au 31 janvier 2027",
      "Rénovation des menuiseries de l’école Jean-Moulin",
      "Réponses jusqu’au vendredi 11 décembre 2026",
      "Salon inversé du bâtiment",
      "se désabonner en un clic",
      alertDigestPreview.unsubscribeUrl,
    ],
  },
  "alert-immediate": {
    props: alertImmediatePreview,
    expected: [
      "a publié sa programmation du 1er semestre 2027",
      "Mobilier des médiathèques",
      alertImmediatePreview.unsubscribeUrl,
    ],
  },
  "relay-edition-notice": {
    props: relayEditionNoticePreview,
    expected: [
      "1 ajouté, 1 déplacé, 1 modifié, 1 retiré",
      "Mobilier de bureau issu du réemploi",
      "Déplacé du lundi 8 mars 2027 au lundi 12 avril 2027",
      "Impression des supports de communication",
      relayEditionNoticePreview.editionUrl,
      relayEditionNoticePreview.settingsUrl,
      relayEditionNoticePreview.unsubscribeUrl,
    ],
  },
};

/** Subjects that name the event rather than Amont (meetings). */
const SUBJECT_PATTERNS: Partial<Record<EmailTemplateName, RegExp>> = {
  "organization-verification-requested": /^Organisation à vérifier sur Amont\u00a0: /,
  "organization-verification-decided": /^.+\u00a0: vérification refusée sur Amont$/,
  "organization-claim-requested": /^.+ demande à rejoindre .+ sur Amont$/,
  "organization-claim-decided": /^Vous avez rejoint .+ sur Amont$/,
  "registration-confirmed": /^Inscription confirmée\u00a0: Restauration collective/,
  "registration-waitlisted": /^Liste d’attente\u00a0: /,
  "registration-promoted": /^Une place s’est libérée\u00a0: /,
  "registration-cancelled": /^Inscription annulée\u00a0: /,
  "event-join-link": /^Lien de connexion\u00a0: /,
  "event-reminder": /^C’est demain\u00a0: /,
  "event-materials": /^Supports disponibles\u00a0: /,
  "booking-confirmed": /^Rendez-vous réservé\u00a0: /,
  "booking-cancelled": /^Rendez-vous annulé\u00a0: /,
  "waitlist-promoted": /^Un créneau s’est libéré, il est pour vous\u00a0: /,
  "sourcing-new-version": /^Questionnaire « .+ » : version n° 2 publiée$/,
  "sourcing-invitation": /vous invite à répondre au questionnaire « /,
  "sourcing-clarification": /^Nouvelle précision sur le questionnaire « /,
  "sourcing-closed": /^Questionnaire « .+ » : clos avant la date prévue$/,
  "event-cancelled": /^Événement annulé\u00a0: /,
  "event-moved": /^Nouvelle date\u00a0: /,
  "account-exists": /^Vous avez déjà un compte Amont$/,
  "password-reset-no-account": /^Aucun compte Amont avec cette adresse$/,
  "alert-digest": /^4 nouveautés cette semaine pour votre alerte «\u00a0Menuiserie dans le Rhône\u00a0»$/,
  "relay-edition-notice":
    /^Métropole Rhône-Confluence a publié l’édition n°\u00a02 de sa programmation du 1er semestre 2027$/,
  "alert-immediate": /^Alerte «\u00a0Menuiserie dans le Rhône\u00a0»\u00a0: Métropole Rhône-Confluence a publié/,
};

function renderSample<K extends EmailTemplateName>(name: K) {
  return renderEmail(name, samples[name].props);
}

describe("renderEmail", () => {
  it("knows every template", () => {
    expect([...EMAIL_TEMPLATE_NAMES].sort()).toEqual(
      [
        "organization-invitation",
        "organization-verification-requested",
        "organization-verification-decided",
        "organization-claim-requested",
        "organization-claim-decided",
        "password-reset",
        "account-exists",
        "password-reset-no-account",
        "verify-email",
        "registration-confirmed",
        "registration-waitlisted",
        "registration-promoted",
        "registration-cancelled",
        "event-join-link",
        "event-reminder",
        "event-materials",
        "booking-confirmed",
        "booking-cancelled",
        "waitlist-promoted",
        "sourcing-new-version",
        "sourcing-invitation",
        "sourcing-clarification",
        "sourcing-closed",
        "event-cancelled",
        "event-moved",
        "alert-digest",
        "alert-immediate",
        "relay-edition-notice",
      ].sort(),
    );
  });

  for (const name of EMAIL_TEMPLATE_NAMES) {
    describe(name, () => {
      it("renders French HTML with the key content", async () => {
        const { expected } = samples[name];
        const { html } = await renderSample(name);
        expect(html).toContain('lang="fr"');
        expect(html).toContain("Amont — en amont de la commande publique");
        for (const fragment of expected) expect(html).toContain(fragment);
      });

      it("renders a plain-text version with the link and no HTML tags", async () => {
        const { expected } = samples[name];
        const { text } = await renderSample(name);
        expect(text).not.toMatch(HTML_TAG);
        for (const fragment of expected) expect(text).toContain(fragment);
        expect(text).toContain("Amont — en amont de la commande publique");
      });

      it("has a non-empty French subject line", async () => {
        const { subject } = await renderSample(name);
        expect(subject.trim()).not.toBe("");
        expect(subject).not.toMatch(HTML_TAG);
        const pattern = SUBJECT_PATTERNS[name];
        if (pattern) {
          expect(subject).toMatch(pattern);
        } else {
          expect(subject).toMatch(/Amont/);
          expect(subject).toMatch(/code|mot de passe|invite/);
        }
      });
    });
  }

  it("puts the verification code in the subject", async () => {
    const { subject } = await renderEmail("verify-email", samples["verify-email"].props);
    expect(subject).toContain("482913");
  });

  it("describes the member role", async () => {
    const { text } = await renderEmail("organization-invitation", {
      ...samples["organization-invitation"].props,
      role: "member",
    });
    expect(text).toContain("«\u00a0Membre\u00a0»");
    expect(text).not.toContain("Administrateur");
  });

  it("escapes user-provided values in HTML", async () => {
    const { html, subject } = await renderEmail("organization-invitation", {
      ...samples["organization-invitation"].props,
      inviterName: "<script>alert(1)</script>",
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    // Subjects are plain text: escaping is the mail transport's job.
    expect(subject).toContain("<script>alert(1)</script> vous invite");
  });

  it("says so when a week brought nothing new for an alert", async () => {
    const { subject, text } = await renderEmail("alert-digest", {
      ...alertDigestPreview,
      procurements: [],
      questionnaires: [],
      events: [],
      moreCount: 0,
    });
    expect(subject).toBe("Rien de nouveau cette semaine pour votre alerte «\u00a0Menuiserie dans le Rhône\u00a0»");
    expect(text).toContain(
      "Aucun achat prévu, questionnaire ou événement publié du 25 janvier 2027 au 31 janvier 2027",
    );
    expect(text).toContain(alertDigestPreview.unsubscribeUrl);
  });

  it("escapes ampersands in URLs but keeps them intact in plain text", async () => {
    const { html, text } = await renderEmail("verify-email", verifyPreview);
    expect(html).toContain(verifyPreview.verifyUrl.replaceAll("&", "&amp;"));
    expect(text).toContain(verifyPreview.verifyUrl);
  });

  it("renders every preview sample", async () => {
    const previews = {
      "verify-email": verifyPreview,
      "password-reset": resetPreview,
      "account-exists": accountExistsPreview,
      "password-reset-no-account": resetNoAccountPreview,
      "organization-invitation": invitationPreview,
      "registration-confirmed": registrationConfirmedPreview,
      "registration-waitlisted": registrationWaitlistedPreview,
      "registration-promoted": registrationPromotedPreview,
      "registration-cancelled": registrationCancelledPreview,
      "event-join-link": eventJoinLinkPreview,
      "event-reminder": eventReminderPreview,
      "event-materials": eventMaterialsPreview,
      "booking-confirmed": bookingConfirmedPreview,
      "booking-cancelled": bookingCancelledPreview,
      "waitlist-promoted": waitlistPromotedPreview,
      "sourcing-new-version": sourcingNewVersionPreview,
      "sourcing-invitation": sourcingInvitationPreview,
      "sourcing-clarification": sourcingClarificationPreview,
      "sourcing-closed": sourcingClosedPreview,
      "event-cancelled": eventCancelledPreview,
      "event-moved": eventMovedPreview,
      "organization-verification-requested": verificationRequestedPreview,
      "organization-verification-decided": verificationDecidedPreview,
      "organization-claim-requested": claimRequestedPreview,
      "organization-claim-decided": claimDecidedPreview,
      "alert-digest": alertDigestPreview,
      "alert-immediate": alertImmediatePreview,
      "relay-edition-notice": relayEditionNoticePreview,
    } satisfies EmailProps;
    const renderPreview = <K extends EmailTemplateName>(name: K) => renderEmail(name, previews[name]);
    for (const name of EMAIL_TEMPLATE_NAMES) {
      const email = await renderPreview(name);
      expect(email.html).toContain('lang="fr"');
      expect(email.text.length).toBeGreaterThan(100);
    }
  });
});
