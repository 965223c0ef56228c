import { Text } from "@react-email/text";
import { EventSummary, IcsNote, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface BookingConfirmedProps extends EventSummaryProps {
  attendeeName: string;
  supplierName: string;
  standName: string;
  standHolderName: string;
  /** "de 09:20 à 09:40" (Paris time). */
  slotTime: string;
  /** "jusqu’au lundi 11 janvier 2027 à 18:00", or null when cancelling is no longer possible. */
  cancelUntil: string | null;
  eventUrl: string;
}

export function subject({ eventTitle }: BookingConfirmedProps): string {
  return `Rendez-vous réservé${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  eventKindLabel: "Salon inversé",
  place: "Salle des fêtes, 12 rue de la République, 69001 Lyon",
  when: "jeudi 14 janvier 2027, de 09:00 à 12:30",
  attendeeName: "Sami Benali",
  supplierName: "Menuiserie Perrin & Fils",
  standName: "Entretien des bâtiments",
  standHolderName: "Métropole Rhône-Confluence",
  slotTime: "de 09:20 à 09:40",
  cancelUntil: "jusqu’au mercredi 13 janvier 2027 à 12:00",
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies BookingConfirmedProps;

export default function BookingConfirmed(props: BookingConfirmedProps) {
  return (
    <EmailLayout
      preview={`Rendez-vous ${props.slotTime} au stand ${props.standName}.`}
      heading="Votre rendez-vous est réservé"
    >
      <Text style={paragraph}>{`Bonjour ${props.attendeeName},`}</Text>
      <Text style={paragraph}>
        {`Le rendez-vous de ${props.supplierName} au stand «${NBSP}${props.standName}${NBSP}» (${props.standHolderName}) est réservé, ${props.slotTime}.`}
      </Text>
      <EventSummary {...props} />
      <CallToAction href={props.eventUrl} label="Voir le salon et vos rendez-vous" />
      <Text style={note}>
        {props.cancelUntil
          ? `Un empêchement${NBSP}? Annulez ${props.cancelUntil} depuis la page du salon${NBSP}: le créneau ira à l’entreprise suivante sur la liste d’attente.`
          : "Ce rendez-vous ne peut plus être annulé en ligne."}
      </Text>
      <IcsNote />
    </EmailLayout>
  );
}

BookingConfirmed.PreviewProps = PreviewProps;
