import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface OrganizationVerificationDecidedProps {
  organizationName: string;
  decision: "approved" | "refused";
  /** The platform admin's reason, for a refusal. */
  reason: string | null;
  /** The organisation's page on Amont. */
  organizationUrl: string;
}

export function subject({ organizationName, decision }: OrganizationVerificationDecidedProps): string {
  return decision === "approved"
    ? `${organizationName} est vérifiée sur Amont${NBSP}: vous pouvez publier`
    : `${organizationName}${NBSP}: vérification refusée sur Amont`;
}

export const PreviewProps = {
  organizationName: "Commune de Villers-sur-Authie",
  decision: "refused",
  reason:
    "Nous n’avons pas pu confirmer auprès de la mairie que vous agissez pour la commune. Écrivez-nous depuis une adresse de la mairie, ou demandez au secrétariat de nous confirmer votre mission.",
  organizationUrl: "https://amont.example.fr/organisations/exemple",
} satisfies OrganizationVerificationDecidedProps;

/** Sent to the organisation's administrators when a platform admin approves or refuses it. */
export default function OrganizationVerificationDecided({
  organizationName,
  decision,
  reason,
  organizationUrl,
}: OrganizationVerificationDecidedProps) {
  const approved = decision === "approved";
  return (
    <EmailLayout
      preview={
        approved
          ? `${organizationName} peut maintenant publier sur Amont.`
          : `L’équipe Amont n’a pas validé ${organizationName}.`
      }
      heading={approved ? "Votre organisation est vérifiée" : "Votre organisation n’est pas validée"}
    >
      <Text style={paragraph}>Bonjour,</Text>
      {approved ? (
        <Text style={paragraph}>
          {`L’équipe Amont a vérifié ${organizationName}. Vous pouvez maintenant publier votre programmation, vos questionnaires de sourcing et vos événements${NBSP}: les brouillons préparés en attendant sont prêts à l’être.`}
        </Text>
      ) : (
        <>
          <Text style={paragraph}>
            {`L’équipe Amont n’a pas validé ${organizationName}${NBSP}: cette organisation ne peut rien publier sur Amont. Le motif donné${NBSP}:`}
          </Text>
          <Text style={paragraph}>{reason ?? ""}</Text>
          <Text style={paragraph}>
            {`Si c’est une erreur, ou si vous pouvez apporter la preuve demandée, demandez un nouvel examen depuis la page de l’organisation en expliquant ce qui a changé.`}
          </Text>
        </>
      )}
      <CallToAction href={organizationUrl} label="Voir l’organisation" />
      <Text style={note}>Ce message est envoyé à chaque administrateur de l’organisation.</Text>
    </EmailLayout>
  );
}

OrganizationVerificationDecided.PreviewProps = PreviewProps;
