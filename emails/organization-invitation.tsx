import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export type InvitationRole = "admin" | "member";

export interface OrganizationInvitationProps {
  /** Display name of the member who sent the invitation. */
  inviterName: string;
  organizationName: string;
  /** Human label of the organisation kind, e.g. « acheteur public », « entreprise ». */
  organizationKindLabel: string;
  role: InvitationRole;
  /** Link to accept the invitation (valid 7 days). */
  acceptUrl: string;
}

const ROLE_DESCRIPTIONS: Record<InvitationRole, string> = {
  admin: `Vous aurez le rôle «${NBSP}Administrateur${NBSP}»${NBSP}: vous pourrez agir au nom de l’organisation sur Amont, et aussi inviter ou retirer des membres et modifier ses informations.`,
  member: `Vous aurez le rôle «${NBSP}Membre${NBSP}»${NBSP}: vous pourrez agir au nom de l’organisation sur Amont.`,
};

export function subject({ inviterName, organizationName }: OrganizationInvitationProps): string {
  return `${inviterName} vous invite à rejoindre ${organizationName} sur Amont`;
}

export const PreviewProps = {
  inviterName: "Camille Martin",
  organizationName: "Communauté de communes du Val d’Amont",
  organizationKindLabel: "acheteur public",
  role: "member",
  acceptUrl: "https://amont.example.fr/invitations/exemple-de-jeton",
} satisfies OrganizationInvitationProps;

export default function OrganizationInvitation({
  inviterName,
  organizationName,
  organizationKindLabel,
  role,
  acceptUrl,
}: OrganizationInvitationProps) {
  return (
    <EmailLayout
      preview={`${inviterName} vous invite à rejoindre ${organizationName}. Invitation valable 7${NBSP}jours.`}
      heading={`Rejoignez ${organizationName} sur Amont`}
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`${inviterName} vous invite à rejoindre ${organizationName} (${organizationKindLabel}) sur Amont, la plateforme qui prépare la commande publique en amont des appels d’offres.`}
      </Text>
      <Text style={paragraph}>{ROLE_DESCRIPTIONS[role]}</Text>
      <CallToAction href={acceptUrl} label="Accepter l’invitation" />
      <Text style={note}>
        {`Ce lien est valable 7${NBSP}jours. Si vous n’avez pas encore de compte, vous pourrez en créer un avec cette adresse e-mail.`}
      </Text>
      <Text style={note}>
        {`Vous ne connaissez pas cette personne ou cette organisation${NBSP}? Ignorez ce message${NBSP}: tant que vous n’acceptez pas l’invitation, vous ne rejoignez aucune organisation.`}
      </Text>
    </EmailLayout>
  );
}

OrganizationInvitation.PreviewProps = PreviewProps;
