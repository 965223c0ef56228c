import { Text } from "@react-email/text";
import { EventSummary, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface EventCancelledProps extends EventSummaryProps {
  reason: string;
  eventUrl: string;
}

export function subject({ eventTitle }: EventCancelledProps): string {
  return `Événement annulé${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  reason:
    "La salle n’est plus disponible ce jour-là. Nous publierons une nouvelle date sur Amont dès qu’elle sera fixée.",
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies EventCancelledProps;

/** Sent in the same words, at the same moment, to everyone who booked, registered or was waiting. */
export default function EventCancelled(props: EventCancelledProps) {
  return (
    <EmailLayout preview={`${props.organizerName} annule « ${props.eventTitle} ».`} heading="L’événement est annulé">
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`Vous aviez réservé un rendez-vous, vous étiez inscrit ou sur la liste d’attente de cet événement. ${props.organizerName} l’annule. La raison donnée${NBSP}:`}
      </Text>
      <Text style={paragraph}>{props.reason}</Text>
      <EventSummary {...props} />
      <CallToAction href={props.eventUrl} label="Voir la page de l’événement" />
      <Text style={note}>
        {`Si un fichier est joint, il retire l’événement de votre agenda. Toutes les personnes concernées reçoivent ce même message au même moment.`}
      </Text>
    </EmailLayout>
  );
}

EventCancelled.PreviewProps = PreviewProps;
