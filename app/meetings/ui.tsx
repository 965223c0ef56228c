// Small pieces shared by the event pages (server-rendered, no JavaScript needed).
import { parisTimeOf } from "./slots";

const dayFormat = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Paris",
});
const instantFormat = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

function firstOfMonth(text: string): string {
  return text.replace(/ 1 /, " 1er ");
}

/** "jeudi 14 janvier 2027, de 09:00 à 12:30". */
export function eventWhen(event: { startsAt: Date | string; endsAt: Date | string }): string {
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  return `${firstOfMonth(dayFormat.format(start))}, de ${parisTimeOf(start)} à ${parisTimeOf(end)}`;
}

/** "mercredi 13 janvier 2027 à 18:00". */
export function instantText(instant: Date | string): string {
  return firstOfMonth(instantFormat.format(new Date(instant))).replace(/ (\d{2}:\d{2})$/, " à $1");
}

export function timeRange(slot: { startsAt: Date | string; endsAt: Date | string }): string {
  return `${parisTimeOf(new Date(slot.startsAt))}–${parisTimeOf(new Date(slot.endsAt))}`;
}

export function EventKindBadge({ kind, label }: { kind: string; label: string }) {
  return <span className={`badge event-kind event-kind--${kind}`}>{label}</span>;
}
