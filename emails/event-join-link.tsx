import { Text } from "@react-email/text";
import { EventSummary, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

// One message, identical for every registrant (no name): everyone gets the same words at the
// same moment.
export interface EventJoinLinkProps extends EventSummaryProps {
  joinUrl: string;
  eventUrl: string;
}

export function subject({ eventTitle }: EventJoinLinkProps): string {
  return `Lien de connexion${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  joinUrl: "https://visio.example.fr/amont-restauration",
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies EventJoinLinkProps;

export default function EventJoinLink(props: EventJoinLinkProps) {
  return (
    <EmailLayout preview={`Le lien pour rejoindre ${props.eventTitle}.`} heading="Votre lien de connexion">
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        Voici le lien pour rejoindre l’événement auquel vous êtes inscrit. Tous les inscrits le reçoivent en même temps.
      </Text>
      <EventSummary {...props} />
      <CallToAction href={props.joinUrl} label="Rejoindre la réunion" />
      <Text
        style={note}
      >{`Ce lien est réservé aux inscrits${NBSP}: merci de ne pas le diffuser. Page de l’événement${NBSP}: ${props.eventUrl}`}</Text>
    </EmailLayout>
  );
}

EventJoinLink.PreviewProps = PreviewProps;
