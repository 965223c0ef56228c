import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface SourcingInvitationProps {
  buyerName: string;
  questionnaireTitle: string;
  procurementTitle: string;
  deadline: string; // in French
  questionnaireUrl: string;
}

export function subject({ buyerName, questionnaireTitle }: SourcingInvitationProps): string {
  return `${buyerName} vous invite à répondre au questionnaire « ${questionnaireTitle} »`;
}

export const PreviewProps = {
  buyerName: "Communauté de communes du Val d’Amont",
  questionnaireTitle: "Restauration collective : connaître le marché local",
  procurementTitle: "Fourniture de repas pour les écoles",
  deadline: "vendredi 11 décembre 2026",
  questionnaireUrl: "https://amont.example.fr/sourcing/exemple",
} satisfies SourcingInvitationProps;

/** The same words for every invited supplier: the questionnaire is public and open to all. */
export default function SourcingInvitation({
  buyerName,
  questionnaireTitle,
  procurementTitle,
  deadline,
  questionnaireUrl,
}: SourcingInvitationProps) {
  return (
    <EmailLayout
      preview={`Questionnaire de sourcing ouvert jusqu’au ${deadline}.`}
      heading="Un acheteur public consulte le marché"
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`${buyerName} prépare un achat («${NBSP}${procurementTitle}${NBSP}») et interroge les entreprises avant de lancer la consultation. Il vous invite à répondre à son questionnaire «${NBSP}${questionnaireTitle}${NBSP}», ouvert jusqu’au ${deadline}.`}
      </Text>
      <Text style={paragraph}>
        Répondre ne vous engage à rien et ne vous donne aucun avantage : le questionnaire est public, toute entreprise
        peut y répondre, et les précisions données par l’acheteur sont publiées pour tous.
      </Text>
      <CallToAction href={questionnaireUrl} label="Voir le questionnaire" />
      <Text style={note}>Toutes les entreprises invitées reçoivent ce même message.</Text>
    </EmailLayout>
  );
}

SourcingInvitation.PreviewProps = PreviewProps;
