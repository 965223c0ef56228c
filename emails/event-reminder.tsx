import { Text } from "@react-email/text";
import { EventSummary, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

// Identical for every registrant: rendered once, queued for each.
export interface EventReminderProps extends EventSummaryProps {
  joinUrl: string | null;
  eventUrl: string;
}

export function subject({ eventTitle }: EventReminderProps): string {
  return `C’est demain${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  joinUrl: "https://visio.example.fr/amont-restauration",
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies EventReminderProps;

export default function EventReminder(props: EventReminderProps) {
  return (
    <EmailLayout preview={`Rappel : ${props.eventTitle}, demain.`} heading="Rappel : c’est demain">
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>Vous êtes inscrit à cet événement, qui a lieu demain.</Text>
      <EventSummary {...props} />
      {props.joinUrl ? <CallToAction href={props.joinUrl} label="Rejoindre la réunion" /> : null}
      <Text
        style={note}
      >{`Vous ne pouvez plus venir${NBSP}? Annulez votre inscription pour laisser votre place${NBSP}: ${props.eventUrl}/inscription`}</Text>
    </EmailLayout>
  );
}

EventReminder.PreviewProps = PreviewProps;
