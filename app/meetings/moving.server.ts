// Moving a published event (its day, hours or place): in the transaction that saves the change,
// everyone registered or waiting for a place gets the same email at the same moment, confirmed
// registrations get an updated .ics (METHOD REQUEST, next SEQUENCE, same UID, so that agendas move
// the entry instead of adding one), and the ledger records the change once.
import { db, type WriteTransaction } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail, type RenderedEmail } from "~/mail/outbox.server";
import type { MeetingActor, OrganizerOrganization } from "./events.server";
import { EVENT_KINDS, type EventKind } from "./kinds";
import { describeMove, type MoveDescription } from "./moving";
import { formatEventWhen } from "./registration-format";
import { eventSummaryProps, eventUrl, registrationInvitation, type EventForRegistration } from "./registrations.server";

export interface PreparedMove {
  description: MoveDescription;
  email: RenderedEmail;
  before: EventForRegistration;
}

function placeOf(event: { location: string | null }): string {
  return event.location ?? "En ligne";
}

/** Renders the message once, before the transaction, when a published event moves; else null. */
export async function prepareMove(before: EventForRegistration, after: EventForRegistration): Promise<PreparedMove | null> {
  if (before.status !== "published") return null;
  const description = describeMove(before, after);
  if (!description) return null;
  const email = await prepareEmail("event-moved", {
    ...eventSummaryProps(after),
    ...description,
    previousWhen: formatEventWhen(before.startsAt, before.endsAt),
    previousPlace: placeOf(before),
    eventUrl: eventUrl(before.id),
  });
  return { description, email, before };
}

/** Tells everyone concerned and records the move, in the caller's transaction. Returns how many were told. */
export async function recordMove(tx: WriteTransaction, prepared: PreparedMove, after: EventForRegistration, actor: MeetingActor, organization: OrganizerOrganization, now: Date): Promise<number> {
  const { before, description, email } = prepared;
  const registrations = await tx.registration.findMany({
    where: { eventId: before.id, status: { in: ["confirmed", "waiting"] } },
    select: { id: true, userId: true, email: true, organizationId: true, status: true, icsSequence: true },
    orderBy: { email: "asc" },
  });
  const names = new Map((await tx.user.findMany({ where: { id: { in: registrations.map((registration) => registration.userId) } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  await tx.registration.updateMany({ where: { eventId: before.id, status: "confirmed" }, data: { icsSequence: { increment: 1 } } });
  for (const registration of registrations) {
    const attachments =
      registration.status === "confirmed"
        ? [registrationInvitation(after, registration.id, registration.icsSequence + 1, { name: names.get(registration.userId) ?? registration.email, email: registration.email }, "REQUEST")]
        : [];
    await queueEmail(tx, registration.email, email, attachments);
  }
  const told = registrations.length;
  await appendExchange(tx, {
    kind: "meeting.event_moved",
    actor: { userId: actor.id, label: `${actor.name} (${organization.name})` },
    organizationIds: [organization.id, ...(after.coHostOrganizationId ? [after.coHostOrganizationId] : []), ...registrations.map((registration) => registration.organizationId)],
    eventId: before.id,
    summary:
      `${EVENT_KINDS[after.kind as EventKind] ?? "Événement"} « ${after.title} » : ${description.change} change. ` +
      `Avant : ${formatEventWhen(before.startsAt, before.endsAt)}, ${placeOf(before)}. Désormais : ${formatEventWhen(after.startsAt, after.endsAt)}, ${placeOf(after)}. ` +
      (told ? `${told} personne${told > 1 ? "s" : ""} prévenue${told > 1 ? "s" : ""} par le même message.` : "Personne n'était encore inscrit."),
    payload: {
      before: { startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString(), place: placeOf(before) },
      after: { startsAt: after.startsAt.toISOString(), endsAt: after.endsAt.toISOString(), place: placeOf(after) },
      recipients: told,
      subject: email.subject,
    },
    occurredAt: now,
  });
  return told;
}

/** How many people a move of this published event would tell (the edit form says so beforehand). */
export async function peopleToTellOfMove(eventId: string): Promise<number> {
  return db.registration.count({ where: { eventId, status: { in: ["confirmed", "waiting"] }, event: { status: "published" } } });
}
