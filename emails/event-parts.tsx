// Pieces shared by the webinar and meeting emails: the event's summary block.
import { Text } from "@react-email/text";
import { NBSP, note, paragraph } from "./layout";

export interface EventSummaryProps {
  eventTitle: string;
  /** "Webinaire", "Réunion d’information". */
  eventKindLabel: string;
  organizerName: string;
  /** "mardi 8 décembre 2026, de 12:30 à 13:30" (Paris time). */
  when: string;
  /** An address, or "En ligne". */
  place: string;
}

export function EventSummary({ eventTitle, eventKindLabel, organizerName, when, place }: EventSummaryProps) {
  return (
    <Text style={{ ...paragraph, borderLeft: "4px solid #000091", paddingLeft: "12px" }}>
      <strong>{eventTitle}</strong>
      <br />
      {`${eventKindLabel} organisé par ${organizerName}`}
      <br />
      {`Quand${NBSP}: ${when} (heure de Paris)`}
      <br />
      {`Où${NBSP}: ${place}`}
    </Text>
  );
}

export function IcsNote() {
  return (
    <Text
      style={note}
    >{`L’invitation jointe (fichier .ics) ajoute ou met à jour cet événement dans votre agenda.`}</Text>
  );
}

export const SAMPLE_EVENT: EventSummaryProps = {
  eventTitle: "Restauration collective : ce que nous achèterons en 2027",
  eventKindLabel: "Webinaire",
  organizerName: "Communauté de communes du Val d’Amont",
  when: "mardi 8 décembre 2026, de 12:30 à 13:30",
  place: "En ligne",
};
