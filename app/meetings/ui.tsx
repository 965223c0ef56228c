// Small pieces shared by the event pages (server-rendered, no JavaScript needed).
import { formatEventWhen, formatMoment, type Instant } from "~/calendar/format";
import { parisTimeOf } from "./slots";

/** "jeudi 14 janvier 2027, de 09:00 à 12:30". */
export function eventWhen(event: { startsAt: Instant; endsAt: Instant }): string {
  return formatEventWhen(event.startsAt, event.endsAt);
}

/** "mercredi 13 janvier 2027 à 18:00". */
export function instantText(instant: Instant): string {
  return formatMoment(instant);
}

export function timeRange(slot: { startsAt: Date | string; endsAt: Date | string }): string {
  return `${parisTimeOf(new Date(slot.startsAt))}–${parisTimeOf(new Date(slot.endsAt))}`;
}

export function EventKindBadge({ kind, label }: { kind: string; label: string }) {
  return <span className={`badge event-kind event-kind--${kind}`}>{label}</span>;
}
