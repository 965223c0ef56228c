import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface SourcingClosedProps {
  buyerName: string;
  questionnaireTitle: string;
  closedOn: string; // in French, "lundi 30 novembre 2026"
  plannedDeadline: string; // the deadline that was announced, in French
  reason: string;
  questionnaireUrl: string;
}

export function subject({ questionnaireTitle }: SourcingClosedProps): string {
  return `Questionnaire « ${questionnaireTitle} » : clos avant la date prévue`;
}

export const PreviewProps = {
  buyerName: "Communauté de communes du Val d’Amont",
  questionnaireTitle: "Restauration collective : connaître le marché local",
  closedOn: "lundi 30 novembre 2026",
  plannedDeadline: "vendredi 11 décembre 2026",
  reason:
    "Le conseil communautaire a reporté le projet de cuisine centrale à 2028 : nous reprendrons le sourcing à ce moment-là.",
  questionnaireUrl: "https://amont.example.fr/sourcing/exemple",
} satisfies SourcingClosedProps;

/** Sent in the same words, at the same moment, to every supplier who answered, started an answer or was invited. */
export default function SourcingClosed({
  buyerName,
  questionnaireTitle,
  closedOn,
  plannedDeadline,
  reason,
  questionnaireUrl,
}: SourcingClosedProps) {
  return (
    <EmailLayout
      preview={`${buyerName} a clos son questionnaire avant la date prévue.`}
      heading="Le questionnaire est clos"
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`${buyerName} a clos le ${closedOn} son questionnaire de sourcing « ${questionnaireTitle} », qui devait rester ouvert jusqu’au ${plannedDeadline}. Les réponses ne peuvent plus être déposées ni modifiées. La raison donnée par l’acheteur${NBSP}:`}
      </Text>
      <Text style={paragraph}>{reason}</Text>
      <Text style={paragraph}>
        {`Si vous aviez déposé une réponse, elle reste transmise à l’acheteur telle quelle. Un brouillon qui n’avait pas été déposé n’est pas pris en compte.`}
      </Text>
      <CallToAction href={questionnaireUrl} label="Voir le questionnaire" />
      <Text style={note}>Toutes les entreprises concernées reçoivent ce même message au même moment.</Text>
    </EmailLayout>
  );
}

SourcingClosed.PreviewProps = PreviewProps;
