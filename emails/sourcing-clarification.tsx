import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface SourcingClarificationProps {
  buyerName: string;
  questionnaireTitle: string;
  question: string;
  answer: string;
  questionnaireUrl: string;
}

export function subject({ questionnaireTitle }: SourcingClarificationProps): string {
  return `Nouvelle précision sur le questionnaire « ${questionnaireTitle} »`;
}

export const PreviewProps = {
  buyerName: "Communauté de communes du Val d’Amont",
  questionnaireTitle: "Restauration collective : connaître le marché local",
  question: "Les repas sont-ils livrés en liaison froide ou chaude ?",
  answer: "En liaison froide, dans les quatre offices des écoles.",
  questionnaireUrl: "https://amont.example.fr/sourcing/exemple",
} satisfies SourcingClarificationProps;

/** Sent in the same words to every supplier who answered or was invited; the asker is never named. */
export default function SourcingClarification({
  buyerName,
  questionnaireTitle,
  question,
  answer,
  questionnaireUrl,
}: SourcingClarificationProps) {
  return (
    <EmailLayout
      preview={`${buyerName} a publié une précision pour toutes les entreprises.`}
      heading="Une précision publiée pour toutes les entreprises"
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`Une entreprise a posé une question sur le questionnaire «${NBSP}${questionnaireTitle}${NBSP}». ${buyerName} y a répondu et publie la question et la réponse pour tout le monde${NBSP}:`}
      </Text>
      <Text style={paragraph}>{`Question${NBSP}: ${question}`}</Text>
      <Text style={paragraph}>{`Réponse${NBSP}: ${answer}`}</Text>
      <CallToAction href={questionnaireUrl} label="Voir le questionnaire et ses précisions" />
      <Text style={note}>
        Toutes les entreprises qui ont répondu ou ont été invitées reçoivent ce même message, sans le nom de
        l’entreprise qui a posé la question.
      </Text>
    </EmailLayout>
  );
}

SourcingClarification.PreviewProps = PreviewProps;
