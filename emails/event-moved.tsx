import { Text } from "@react-email/text";
import { EventSummary, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface EventMovedProps extends EventSummaryProps {
  /** What changed: "la date", "l’horaire", "le lieu", "la date et le lieu". */
  change: string;
  /** The same as a title: "Nouvelle date", "Nouvelle date et nouveau lieu". */
  headline: string;
  /** A reverse fair: booked appointments keep their hours on the new day. */
  fair: boolean;
  /** The former day and hours, and place, as the summary words them. */
  previousWhen: string;
  previousPlace: string;
  eventUrl: string;
}

export function subject({ eventTitle, headline }: EventMovedProps): string {
  return `${headline}${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  change: "la date",
  headline: "Nouvelle date",
  fair: false,
  previousWhen: "mardi 24 novembre 2026, de 12:30 à 13:30",
  previousPlace: "En ligne",
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies EventMovedProps;

/** Sent in the same words, at the same moment, to everyone who booked, registered or waits for a place. */
export default function EventMoved(props: EventMovedProps) {
  return (
    <EmailLayout
      preview={`${props.organizerName} change ${props.change} de « ${props.eventTitle} ».`}
      heading={props.headline}
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`Vous avez réservé un rendez-vous à cet événement, vous y êtes inscrit ou vous attendez une place. ${props.organizerName} en change ${props.change}. Ce que vous aviez réservé ou demandé reste valable${NBSP}: vous n’avez rien à refaire.${props.fair ? " Chaque rendez-vous à un stand garde son heure, le nouveau jour." : ""}`}
      </Text>
      <Text style={paragraph}>{`Avant${NBSP}: ${props.previousWhen}, ${props.previousPlace}.`}</Text>
      <Text style={paragraph}>{`Désormais${NBSP}:`}</Text>
      <EventSummary {...props} />
      <CallToAction href={props.eventUrl} label="Voir la page de l’événement" />
      <Text style={note}>
        {`Si ce changement ne vous convient pas, annulez depuis la page de l’événement${NBSP}: votre place ira à la personne suivante en liste d’attente. Si un fichier est joint, il met à jour l’événement dans votre agenda. Toutes les personnes concernées reçoivent ce même message au même moment.`}
      </Text>
    </EmailLayout>
  );
}

EventMoved.PreviewProps = PreviewProps;
