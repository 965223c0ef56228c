import { Text } from "@react-email/text";
import { EventSummary, IcsNote, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface WaitlistPromotedProps extends EventSummaryProps {
  attendeeName: string;
  supplierName: string;
  standName: string;
  standHolderName: string;
  /** "de 09:20 à 09:40" (Paris time). */
  slotTime: string;
  cancelUntil: string | null;
  eventUrl: string;
}

export function subject({ eventTitle }: WaitlistPromotedProps): string {
  return `Un créneau s’est libéré, il est pour vous${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  eventKindLabel: "Salon inversé",
  place: "Salle des fêtes, 12 rue de la République, 69001 Lyon",
  attendeeName: "Sami Benali",
  supplierName: "Les Jardins de la Confluence",
  standName: "Espaces verts",
  standHolderName: "Métropole Rhône-Confluence",
  slotTime: "de 10:00 à 10:20",
  cancelUntil: "jusqu’au mercredi 13 janvier 2027 à 12:00",
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies WaitlistPromotedProps;

export default function WaitlistPromoted(props: WaitlistPromotedProps) {
  return (
    <EmailLayout
      preview={`Rendez-vous ${props.slotTime} au stand ${props.standName}.`}
      heading="Un créneau s’est libéré : il est pour vous"
    >
      <Text style={paragraph}>{`Bonjour ${props.attendeeName},`}</Text>
      <Text style={paragraph}>
        {`Une entreprise a annulé son rendez-vous au stand «${NBSP}${props.standName}${NBSP}» (${props.standHolderName}). ${props.supplierName} était la première sur la liste d’attente${NBSP}: le créneau ${props.slotTime} lui est attribué.`}
      </Text>
      <EventSummary {...props} />
      <CallToAction href={props.eventUrl} label="Voir vos rendez-vous" />
      <Text style={note}>
        {props.cancelUntil
          ? `Vous ne pouvez plus venir${NBSP}? Annulez ${props.cancelUntil} depuis la page du salon${NBSP}: le créneau ira à l’entreprise suivante.`
          : "Ce rendez-vous ne peut plus être annulé en ligne."}
      </Text>
      <IcsNote />
    </EmailLayout>
  );
}

WaitlistPromoted.PreviewProps = PreviewProps;
