// The .ics invitation attached to booking and registration emails (RFC 5546 iTIP: METHOD REQUEST
// to add or update the meeting in the recipient's agenda, METHOD CANCEL to remove it). The UID is
// stable per booking or registration and SEQUENCE grows with each change, so that agendas update
// the same entry instead of adding a second one.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { EmailAttachment } from "~/mail/outbox.server";

export interface InvitationIcsInput {
  method: "REQUEST" | "CANCEL";
  /** Stable identifier of what the agenda entry stands for, e.g. `booking-<slotId>-<orgId>`. */
  uid: string;
  /** 0 for the first invitation, then one more for every change or the cancellation. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  /** Address of an in-person meeting, or "En ligne". */
  location?: string | null;
  /** The event page on Amont. */
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** The moment the invitation is issued (DTSTAMP). */
  issuedAt?: Date;
}

export function invitationIcs(input: InvitationIcsInput): string {
  const calendar = ical({
    prodId: { company: "Amont", product: "Rendez-vous", language: "FR" },
    method: input.method === "REQUEST" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: `${input.uid}@amont`,
    sequence: input.sequence,
    start: input.startsAt,
    end: input.endsAt,
    stamp: input.issuedAt ?? new Date(),
    summary: input.summary,
    description: input.description,
    location: input.location ?? null,
    url: input.url,
    status: input.method === "REQUEST" ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: input.method === "REQUEST" ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.DECLINED,
      },
    ],
  });
  // RFC 5545 wants a CRLF after END:VCALENDAR, which ical-generator leaves out.
  return `${calendar.toString()}\r\n`;
}

/** The invitation as an email attachment (agendas recognise the method from the content type). */
export function invitationAttachment(input: InvitationIcsInput): EmailAttachment {
  return {
    filename: input.method === "REQUEST" ? "invitation.ics" : "annulation.ics",
    contentType: `text/calendar; charset=utf-8; method=${input.method}`,
    content: invitationIcs(input),
  };
}
