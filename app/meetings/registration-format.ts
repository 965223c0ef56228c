// Pure helpers for webinars and information meetings: when the scheduled messages go out. How their
// dates read in French is ~/calendar/format's (pages and emails say the same thing).
import { addDays } from "~/calendar/dates";
import { parisLocalToUtc } from "./slots";

/** Events people register to (a reverse fair is booked slot by slot instead). */
export const REGISTRABLE_EVENT_KINDS = ["webinar", "info_meeting"] as const;
export type RegistrableEventKind = (typeof REGISTRABLE_EVENT_KINDS)[number];

export function isRegistrableKind(kind: string): kind is RegistrableEventKind {
  return (REGISTRABLE_EVENT_KINDS as readonly string[]).includes(kind);
}

export const EVENT_KIND_LABELS: Record<string, string> = {
  webinar: "Webinaire",
  info_meeting: "Réunion d’information",
  reverse_fair: "Salon inversé",
};

/** The join link goes to every confirmed registrant at once, this long before the start. */
export const JOIN_LINK_LEAD_MS = 24 * 60 * 60 * 1000;
/** The reminder goes out the day before the event, at this Paris time. */
export const REMINDER_LOCAL_TIME = "17:00";

export function joinLinkDueAt(event: { startsAt: Date }): Date {
  return new Date(event.startsAt.getTime() - JOIN_LINK_LEAD_MS);
}

export function reminderDueAt(event: { eventDate: string }): Date {
  return parisLocalToUtc(addDays(event.eventDate, -1), REMINDER_LOCAL_TIME);
}

export const joinLinkJobKey = (eventId: string) => `event.join_link:${eventId}`;
export const reminderJobKey = (eventId: string) => `event.reminder:${eventId}`;

/** Rank on the waiting list: 1 + how many waiting registrations come before. */
export function waitingRank(position: number, waitingPositions: readonly number[]): number {
  return 1 + waitingPositions.filter((other) => other < position).length;
}
