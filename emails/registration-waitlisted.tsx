import { Text } from "@react-email/text";
import { EventSummary, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { EmailLayout, NBSP, note, paragraph } from "./layout";

export interface RegistrationWaitlistedProps extends EventSummaryProps {
  attendeeName: string;
  registrationUrl: string;
}

export function subject({ eventTitle }: RegistrationWaitlistedProps): string {
  return `Liste d’attente${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  attendeeName: "Sami Benali",
  registrationUrl: "https://amont.example.fr/evenements/exemple/inscription",
} satisfies RegistrationWaitlistedProps;

export default function RegistrationWaitlisted(props: RegistrationWaitlistedProps) {
  return (
    <EmailLayout
      preview={`Vous êtes sur la liste d’attente de ${props.eventTitle}.`}
      heading="Vous êtes sur la liste d’attente"
    >
      <Text style={paragraph}>{`Bonjour ${props.attendeeName},`}</Text>
      <Text style={paragraph}>
        L’événement est complet. Vous êtes inscrit sur la liste d’attente : dès qu’une place se libère, elle est donnée
        automatiquement à la première personne de la liste, et vous recevez un message de confirmation.
      </Text>
      <EventSummary {...props} />
      <Text
        style={note}
      >{`Votre rang actuel sur la liste d’attente est affiché sur la page d’inscription${NBSP}: ${props.registrationUrl}`}</Text>
    </EmailLayout>
  );
}

RegistrationWaitlisted.PreviewProps = PreviewProps;
