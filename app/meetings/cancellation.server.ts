// Cancelling a published event (see docs/decisions/0014-cancelling-an-event.md): in one write
// transaction the event is marked cancelled with its reason, its scheduled messages are dropped,
// everyone concerned (bookings, registrations, waiting lists) gets the same email, with the .ics
// that removes their entry from their agenda, and the ledger records it.
import { db, write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail } from "~/mail/outbox.server";
import { advanceInvitationSequences, audienceCounts, eventAudience, queueForAudience } from "./audience.server";
import { bookingInvitation } from "./bookings.server";
import { EVENT_KINDS, type EventKind } from "./kinds";
import { EVENT_NOT_FOUND_MESSAGE, type MeetingActor, type OrganizerOrganization } from "./organizer";
import {
  eventSummaryProps,
  eventUrl,
  loadEvent,
  registrationInvitation,
  scheduleEventJobs,
} from "./registrations.server";

export type CancellationResult = { ok: true; notified: number } | { ok: false; message: string; notFound?: true };

const NOT_PUBLISHED_MESSAGE =
  "Seul un événement publié peut être annulé. Un brouillon n'est visible de personne : il suffit de ne pas le publier.";
const ALREADY_CANCELLED_MESSAGE = "Cet événement est déjà annulé.";
const ENDED_MESSAGE = "Cet événement est terminé : il ne peut plus être annulé.";

function refusal(event: { status: string; endsAt: Date }, now: Date): string | null {
  if (event.status === "cancelled") return ALREADY_CANCELLED_MESSAGE;
  if (event.status !== "published") return NOT_PUBLISHED_MESSAGE;
  if (event.endsAt <= now) return ENDED_MESSAGE;
  return null;
}

/** What the cancel form shows: whether it can be cancelled, and how many people will be told. */
export async function cancellationPreview(organizationId: string, eventId: string, now = new Date()) {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId },
    select: { id: true, title: true, kind: true, status: true, endsAt: true },
  });
  if (!event) return null;
  return { event, refusal: refusal(event, now), counts: await audienceCounts(eventId) };
}

export async function cancelEvent(
  actor: MeetingActor,
  organization: OrganizerOrganization,
  eventId: string,
  reason: string,
  options: { origin: string; now?: Date },
): Promise<CancellationResult> {
  const now = options.now ?? new Date();
  const event = await loadEvent(eventId);
  if (!event || event.organizationId !== organization.id)
    return { ok: false, message: EVENT_NOT_FOUND_MESSAGE, notFound: true };
  const refused = refusal(event, now);
  if (refused) return { ok: false, message: refused };
  // One rendering for everybody: the same words at the same moment.
  const email = await prepareEmail("event-cancelled", {
    ...eventSummaryProps(event),
    reason,
    eventUrl: eventUrl(event.id),
  });
  const cancelledAt = new Date(Math.floor(now.getTime()));

  return write(async (tx): Promise<CancellationResult> => {
    // Conditional: a second click, or another member at the same moment, changes nothing.
    const changed = await tx.event.updateMany({
      where: { id: eventId, organizationId: organization.id, status: "published" },
      data: { status: "cancelled", cancelledAt, cancellationReason: reason },
    });
    if (changed.count !== 1) return { ok: false, message: ALREADY_CANCELLED_MESSAGE };
    await scheduleEventJobs(tx, { ...event, status: "cancelled" });

    // Read inside the transaction: a booking committed just before is told, none can follow.
    // The CANCEL invitations carry the next sequence number of each agenda entry.
    const audience = await eventAudience(tx, eventId, {
      booking: (slot, booking, booker) =>
        bookingInvitation(
          slot,
          booking.supplierOrganizationId,
          "CANCEL",
          booker,
          options.origin,
          now,
          booking.icsSequence + 1,
        ),
      registration: (registration, person) =>
        registrationInvitation(event, registration.id, registration.icsSequence + 1, person, "CANCEL"),
    });
    await advanceInvitationSequences(tx, eventId);
    await queueForAudience(tx, audience, email);
    const recipients = audience.attachmentsByEmail.size;

    const standOrganizations = await tx.stand.findMany({ where: { eventId }, select: { organizationId: true } });
    await appendExchange(tx, {
      kind: "meeting.event_cancelled",
      actor: { userId: actor.id, label: `${actor.name} (${organization.name})` },
      organizationIds: [
        organization.id,
        ...(event.coHostOrganizationId ? [event.coHostOrganizationId] : []),
        ...standOrganizations.map((stand) => stand.organizationId),
        ...audience.organizationIds,
      ],
      eventId,
      summary: `${EVENT_KINDS[event.kind as EventKind] ?? "Événement"} annulé : « ${event.title} ». Raison : ${reason} ${recipients} personne${recipients > 1 ? "s" : ""} prévenue${recipients > 1 ? "s" : ""} par le même message.`,
      payload: { reason, ...audience.counts, recipients, subject: email.subject },
      occurredAt: cancelledAt,
    });
    return { ok: true, notified: recipients };
  });
}
