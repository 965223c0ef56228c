import { Text } from "@react-email/text";
import { EventSummary, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface BookingCancelledProps extends EventSummaryProps {
  attendeeName: string;
  supplierName: string;
  standName: string;
  /** "de 09:20 à 09:40" (Paris time). */
  slotTime: string;
  /** Who cancelled, e.g. "Sami Benali". */
  cancelledBy: string;
  eventUrl: string;
}

export function subject({ eventTitle }: BookingCancelledProps): string {
  return `Rendez-vous annulé${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  eventKindLabel: "Salon inversé",
  attendeeName: "Sami Benali",
  supplierName: "Menuiserie Perrin & Fils",
  standName: "Entretien des bâtiments",
  slotTime: "de 09:20 à 09:40",
  cancelledBy: "Sami Benali",
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies BookingCancelledProps;

export default function BookingCancelled(props: BookingCancelledProps) {
  return (
    <EmailLayout
      preview={`Le rendez-vous ${props.slotTime} au stand ${props.standName} est annulé.`}
      heading="Votre rendez-vous est annulé"
    >
      <Text style={paragraph}>{`Bonjour ${props.attendeeName},`}</Text>
      <Text style={paragraph}>
        {`${props.cancelledBy} a annulé le rendez-vous de ${props.supplierName} au stand «${NBSP}${props.standName}${NBSP}», ${props.slotTime}. Le créneau est proposé à d’autres entreprises.`}
      </Text>
      <EventSummary {...props} />
      <CallToAction href={props.eventUrl} label="Voir les créneaux encore libres" />
      <Text style={note}>{`Le fichier joint retire ce rendez-vous de votre agenda.`}</Text>
    </EmailLayout>
  );
}

BookingCancelled.PreviewProps = PreviewProps;
