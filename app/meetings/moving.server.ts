// Moving a published event (its day, hours or place; a fair with bookings only its day): in the
// transaction that saves the change, everyone who booked, registered or waits gets the same email
// at the same moment, each booking and confirmed registration with an updated .ics (METHOD REQUEST,
// same UID, next SEQUENCE, so that agendas move the entry instead of adding one), and the ledger
// records the change once.
import type { WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, type RenderedEmail } from "~/mail/outbox.server";
import { advanceInvitationSequences, audienceCounts, eventAudience, queueForAudience } from "./audience.server";
import { bookingInvitation } from "./bookings.server";
import { EVENT_KINDS, type EventKind } from "./kinds";
import { describeMove, type MoveDescription } from "./moving";
import type { MeetingActor, OrganizerOrganization } from "./organizer";
import { formatEventWhen } from "~/calendar/format";
import {
  eventPlace,
  eventSummaryProps,
  eventUrl,
  registrationInvitation,
  type EventForRegistration,
} from "./registrations.server";

export interface PreparedMove {
  description: MoveDescription;
  email: RenderedEmail;
  before: EventForRegistration;
}

/** Renders the message once, before the transaction, when a published event moves; else null. */
export async function prepareMove(
  before: EventForRegistration,
  after: EventForRegistration,
): Promise<PreparedMove | null> {
  if (before.status !== "published") return null;
  const description = describeMove(before, after);
  if (!description) return null;
  const email = await prepareEmail("event-moved", {
    ...eventSummaryProps(after),
    ...description,
    fair: before.kind === "reverse_fair",
    previousWhen: formatEventWhen(before.startsAt, before.endsAt),
    previousPlace: eventPlace(before),
    eventUrl: eventUrl(before.id),
  });
  return { description, email, before };
}

/**
 * Tells everyone concerned and records the move, in the caller's transaction, after the event and
 * its slots were saved (the invitations are read from them). Returns how many addresses were told.
 */
export async function recordMove(
  tx: WriteTransaction,
  prepared: PreparedMove,
  after: EventForRegistration,
  actor: MeetingActor,
  organization: OrganizerOrganization,
  now: Date,
): Promise<number> {
  const { before, description, email } = prepared;
  const audience = await eventAudience(tx, before.id, {
    booking: (slot, booking, booker) =>
      bookingInvitation(
        slot,
        booking.supplierOrganizationId,
        "REQUEST",
        booker,
        env().appOrigin,
        now,
        booking.icsSequence + 1,
      ),
    registration: (registration, person) =>
      registrationInvitation(after, registration.id, registration.icsSequence + 1, person, "REQUEST"),
  });
  await advanceInvitationSequences(tx, before.id);
  await queueForAudience(tx, audience, email);
  const told = audience.attachmentsByEmail.size;
  await appendExchange(tx, {
    kind: "meeting.event_moved",
    actor: { userId: actor.id, label: `${actor.name} (${organization.name})` },
    organizationIds: [
      organization.id,
      ...(after.coHostOrganizationId ? [after.coHostOrganizationId] : []),
      ...audience.organizationIds,
    ],
    eventId: before.id,
    summary:
      `${EVENT_KINDS[after.kind as EventKind] ?? "Événement"} « ${after.title} » : ${description.change} change. ` +
      `Avant : ${formatEventWhen(before.startsAt, before.endsAt)}, ${eventPlace(before)}. Désormais : ${formatEventWhen(after.startsAt, after.endsAt)}, ${eventPlace(after)}. ` +
      (told
        ? `${told} personne${told > 1 ? "s" : ""} prévenue${told > 1 ? "s" : ""} par le même message.`
        : "Personne n'avait encore réservé ni ne s'était inscrit."),
    payload: {
      before: {
        startsAt: before.startsAt.toISOString(),
        endsAt: before.endsAt.toISOString(),
        place: eventPlace(before),
      },
      after: { startsAt: after.startsAt.toISOString(), endsAt: after.endsAt.toISOString(), place: eventPlace(after) },
      ...audience.counts,
      recipients: told,
      subject: email.subject,
    },
    occurredAt: now,
  });
  return told;
}

/** How many bookings, places in line and registrations a move of this event would concern (the edit form says so beforehand). */
export async function peopleToTellOfMove(event: { id: string; status: string }): Promise<number> {
  if (event.status !== "published") return 0;
  const counts = await audienceCounts(event.id);
  return counts.bookings + counts.waiting + counts.registrations;
}
