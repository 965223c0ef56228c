import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface OrganizationClaimRequestedProps {
  claimantName: string;
  claimantEmail: string;
  organizationName: string;
  /** « SIRET 356 000 000 00048 » or « SIREN 213 800 004 ». */
  identifier: string;
  /** What the claimant wrote about their link with the organisation. */
  message: string;
  /** Where the recipient accepts or refuses: the organisation's requests page, or /admin/organisations. */
  reviewUrl: string;
  /** Whether the recipient is a platform admin (rather than an admin of the organisation). */
  toPlatformAdmin: boolean;
}

export function subject({ claimantName, organizationName }: OrganizationClaimRequestedProps): string {
  return `${claimantName} demande à rejoindre ${organizationName} sur Amont`;
}

export const PreviewProps = {
  claimantName: "Karim Haddad",
  claimantEmail: "k.haddad@menuiserie-perrin.fr",
  organizationName: "Menuiserie Perrin & Fils",
  identifier: "SIRET 412 345 678 00014",
  message: "Je suis conducteur de travaux chez Perrin depuis 2019 et je réponds aux consultations des communes.",
  reviewUrl: "https://amont.example.fr/organisations/exemple/demandes",
  toPlatformAdmin: false,
} satisfies OrganizationClaimRequestedProps;

/** Sent to the organisation's administrators and to every platform administrator. */
export default function OrganizationClaimRequested({
  claimantName,
  claimantEmail,
  organizationName,
  identifier,
  message,
  reviewUrl,
  toPlatformAdmin,
}: OrganizationClaimRequestedProps) {
  return (
    <EmailLayout
      preview={`${claimantName} a essayé d’inscrire ${organizationName}, déjà inscrite, et demande à la rejoindre.`}
      heading="Une demande pour rejoindre l’organisation"
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`${claimantName} (${claimantEmail}) a voulu inscrire ${organizationName} (${identifier}) sur Amont. Cette organisation y est déjà inscrite${NBSP}: la personne demande donc à la rejoindre. Elle écrit${NBSP}:`}
      </Text>
      <Text style={paragraph}>{`«${NBSP}${message}${NBSP}»`}</Text>
      <Text style={paragraph}>
        {toPlatformAdmin
          ? `Les administrateurs de l’organisation ont reçu la même demande. Vous pouvez l’accepter ou la refuser à leur place, par exemple s’ils ne répondent pas.`
          : `Si vous connaissez cette personne et qu’elle travaille bien pour ${organizationName}, acceptez sa demande${NBSP}: elle deviendra membre. Sinon, refusez-la en expliquant pourquoi${NBSP}; elle recevra votre motif.`}
      </Text>
      <CallToAction href={reviewUrl} label="Répondre à la demande" />
      <Text style={note}>
        {`Tant que personne n’a accepté, cette personne n’a aucun accès à l’organisation. L’équipe Amont est aussi prévenue.`}
      </Text>
    </EmailLayout>
  );
}

OrganizationClaimRequested.PreviewProps = PreviewProps;
