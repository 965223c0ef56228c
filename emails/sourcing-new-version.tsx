import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface SourcingNewVersionProps {
  buyerName: string;
  questionnaireTitle: string;
  versionNumber: number;
  changeNote: string;
  deadline: string; // in French, "vendredi 11 décembre 2026"
  questionnaireUrl: string;
}

export function subject({ questionnaireTitle, versionNumber }: SourcingNewVersionProps): string {
  return `Questionnaire « ${questionnaireTitle} » : version n° ${versionNumber} publiée`;
}

export const PreviewProps = {
  buyerName: "Communauté de communes du Val d’Amont",
  questionnaireTitle: "Restauration collective : connaître le marché local",
  versionNumber: 2,
  changeNote: "La question 4 précise désormais les volumes annuels.",
  deadline: "vendredi 11 décembre 2026",
  questionnaireUrl: "https://amont.example.fr/sourcing/exemple",
} satisfies SourcingNewVersionProps;

/** Sent in the same words, at the same moment, to every supplier who started or submitted an answer. */
export default function SourcingNewVersion({
  buyerName,
  questionnaireTitle,
  versionNumber,
  changeNote,
  deadline,
  questionnaireUrl,
}: SourcingNewVersionProps) {
  return (
    <EmailLayout
      preview={`${buyerName} a modifié son questionnaire : version n° ${versionNumber}.`}
      heading={`Le questionnaire a changé (version n°${NBSP}${versionNumber})`}
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`Vous avez commencé ou déposé une réponse au questionnaire de sourcing « ${questionnaireTitle} » de ${buyerName}. L’acheteur vient d’en publier la version n°${NBSP}${versionNumber}. Ce qui change${NBSP}:`}
      </Text>
      <Text style={paragraph}>{changeNote}</Text>
      <Text style={paragraph}>
        {`Votre réponse précédente reste enregistrée, liée à la version à laquelle vous avez répondu. Vous pouvez la mettre à jour sur la nouvelle version jusqu’au ${deadline}${NBSP}: les réponses aux questions inchangées sont reprises.`}
      </Text>
      <CallToAction href={questionnaireUrl} label="Voir la nouvelle version" />
      <Text style={note}>Toutes les entreprises concernées reçoivent ce même message au même moment.</Text>
    </EmailLayout>
  );
}

SourcingNewVersion.PreviewProps = PreviewProps;
