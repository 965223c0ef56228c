import { Text } from "@react-email/text";
import { EventSummary, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { EmailLayout, NBSP, note, paragraph } from "./layout";

export interface RegistrationCancelledProps extends EventSummaryProps {
  attendeeName: string;
  /** Whether the person had a place (then the .ics removes the event from the agenda). */
  hadPlace: boolean;
  eventUrl: string;
}

export function subject({ eventTitle }: RegistrationCancelledProps): string {
  return `Inscription annulée${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  attendeeName: "Sami Benali",
  hadPlace: true,
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies RegistrationCancelledProps;

export default function RegistrationCancelled(props: RegistrationCancelledProps) {
  return (
    <EmailLayout
      preview={`Votre inscription à ${props.eventTitle} est annulée.`}
      heading="Votre inscription est annulée"
    >
      <Text style={paragraph}>{`Bonjour ${props.attendeeName},`}</Text>
      <Text style={paragraph}>
        {props.hadPlace
          ? "Votre inscription est annulée et votre place a été libérée pour une autre personne."
          : "Vous n’êtes plus sur la liste d’attente."}
      </Text>
      <EventSummary {...props} />
      {props.hadPlace ? (
        <Text style={note}>L’annulation jointe (fichier .ics) retire l’événement de votre agenda.</Text>
      ) : null}
      <Text
        style={note}
      >{`Vous pouvez vous réinscrire tant que les inscriptions sont ouvertes${NBSP}: ${props.eventUrl}`}</Text>
    </EmailLayout>
  );
}

RegistrationCancelled.PreviewProps = PreviewProps;
