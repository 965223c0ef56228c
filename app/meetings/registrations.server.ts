// Registrations to webinars and information meetings: a capacity, a waiting list served in arrival
// order with automatic promotion, a confirmation with an .ics invitation, and the scheduled join
// link and reminder (see docs/decisions/0011-webinar-waiting-list-automatic-promotion.md).
//
// Emails are rendered before the transaction (rendering is slow next to an insert) from a reading
// of committed data; the transaction re-reads what the email depends on and, if another request
// changed it meanwhile, starts over (StaleRegistrationState). Positions, the capacity count and the
// ledger record are decided inside the single write transaction, so concurrent registrations can
// never overbook nor share a position (a unique index also guards positions).
import { randomUUID } from "node:crypto";
import { formatEventWhen, formatMoment } from "~/calendar/format";
import { db, DatabaseBusyError, write, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { schedule, unschedule } from "~/jobs/queue.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail, type EmailAttachment, type RenderedEmail } from "~/mail/outbox.server";
import { invitationAttachment } from "./invitation-ics";
import {
  EVENT_KIND_LABELS,
  isRegistrableKind,
  joinLinkDueAt,
  joinLinkJobKey,
  reminderDueAt,
  reminderJobKey,
  waitingRank,
} from "./registration-format";

export const JOIN_LINK_JOB = "event.join_link";
export const REMINDER_JOB = "event.reminder";

export const REGISTRATION_MESSAGES = {
  eventNotFound: "Cet événement n’existe pas ou n’est pas ouvert aux inscriptions.",
  notRegistrable:
    "Cet événement ne se réserve pas par inscription : pour un salon inversé, choisissez un créneau sur un stand.",
  eventCancelled: "Cet événement a été annulé : les inscriptions sont fermées.",
  eventStarted: "Cet événement a déjà commencé : les inscriptions sont closes.",
  notMember: "Vous ne faites pas partie de cette organisation : choisissez une organisation dont vous êtes membre.",
  alreadyConfirmed: "Vous êtes déjà inscrit à cet événement.",
  alreadyWaiting: "Vous êtes déjà sur la liste d’attente de cet événement.",
  full: "Il n’y a plus de place. Pour être prévenu dès qu’une place se libère, cochez « M’inscrire sur la liste d’attente » et validez.",
  notYours: "Cette inscription n’existe pas ou n’est pas la vôtre.",
  alreadyCancelled: "Cette inscription est déjà annulée.",
  cancellationClosed: "L’événement a commencé : l’inscription ne peut plus être annulée.",
} as const;

export function deadlinePassedMessage(deadline: Date): string {
  return `Les inscriptions sont closes depuis le ${formatMoment(deadline)}.`;
}

export function cancellationCutoffMessage(cutoff: Date): string {
  return `Les annulations en ligne étaient possibles jusqu’au ${formatMoment(cutoff)}. Prévenez directement l’organisateur.`;
}

export type RegistrationField = "organizationId" | "waitingList" | "form";
export type RegistrationOutcome =
  | { ok: true; status: "confirmed" | "waiting"; registrationId: string; rank: number | null }
  | { ok: false; field: RegistrationField; message: string };
export type CancellationOutcome =
  { ok: true; promotedRegistrationIds: string[] } | { ok: false; field: RegistrationField; message: string };

/** Another request changed what the prepared emails say: prepare them again. */
class StaleRegistrationState extends Error {
  constructor() {
    super("Registration state changed while the emails were prepared");
    this.name = "StaleRegistrationState";
  }
}

const MAX_PREPARATIONS = 8;

async function withFreshPreparation<T>(attempt: (round: number) => Promise<T>): Promise<T> {
  for (let round = 0; round < MAX_PREPARATIONS; round++) {
    try {
      return await attempt(round);
    } catch (error) {
      if (!(error instanceof StaleRegistrationState)) throw error;
    }
  }
  throw new DatabaseBusyError(new Error("registration state kept changing"));
}

// ---- what the emails and the .ics say ------------------------------------------------------------

/** What registrations, their emails and the event jobs read of an event. */
const REGISTRATION_EVENT_FIELDS = {
  id: true,
  kind: true,
  title: true,
  description: true,
  status: true,
  startsAt: true,
  endsAt: true,
  eventDate: true,
  location: true,
  onlineUrl: true,
  capacity: true,
  registrationDeadline: true,
  cancellationCutoff: true,
  joinLinkSentAt: true,
  organizationId: true,
  coHostOrganizationId: true,
  organization: { select: { name: true } },
} as const;

export type EventForRegistration = NonNullable<Awaited<ReturnType<typeof loadEvent>>>;

export function loadEvent(eventId: string) {
  return db.event.findUnique({ where: { id: eventId }, select: REGISTRATION_EVENT_FIELDS });
}

export function eventUrl(eventId: string): string {
  return `${env().appOrigin}/evenements/${eventId}`;
}

export function registrationUrl(eventId: string): string {
  return `${eventUrl(eventId)}/inscription`;
}

/** An event's address, or "En ligne". */
export function eventPlace(event: { location: string | null }): string {
  return event.location ?? "En ligne";
}

export function eventSummaryProps(event: EventForRegistration) {
  return {
    eventTitle: event.title,
    eventKindLabel: EVENT_KIND_LABELS[event.kind] ?? "Événement",
    organizerName: event.organization.name,
    when: formatEventWhen(event.startsAt, event.endsAt),
    place: eventPlace(event),
  };
}

/** The join link is in a confirmation only once it has been sent to everyone. */
function sentJoinLink(event: Pick<EventForRegistration, "joinLinkSentAt" | "onlineUrl">): string | null {
  return event.joinLinkSentAt && event.onlineUrl ? event.onlineUrl : null;
}

function organizerAddress(): string {
  const from = env().MAIL_FROM;
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

export function registrationInvitation(
  event: EventForRegistration,
  registrationId: string,
  sequence: number,
  attendee: { name: string; email: string },
  method: "REQUEST" | "CANCEL",
): EmailAttachment {
  return invitationAttachment({
    method,
    uid: `registration-${registrationId}`,
    sequence,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    summary: event.title,
    description: `${EVENT_KIND_LABELS[event.kind] ?? "Événement"} organisé par ${event.organization.name}. ${eventUrl(event.id)}`,
    location: eventPlace(event),
    url: eventUrl(event.id),
    organizer: { name: event.organization.name, email: organizerAddress() },
    attendee,
  });
}

interface PreparedConfirmation {
  email: RenderedEmail;
  attachment: EmailAttachment;
}

async function prepareConfirmation(
  template: "registration-confirmed" | "registration-promoted",
  event: EventForRegistration,
  registrationId: string,
  sequence: number,
  attendee: { name: string; email: string },
): Promise<PreparedConfirmation> {
  const joinUrl = sentJoinLink(event);
  const email = await prepareEmail(template, {
    ...eventSummaryProps(event),
    attendeeName: attendee.name,
    joinUrl,
    joinLinkWhen: joinUrl ? null : formatMoment(joinLinkDueAt(event)),
    registrationUrl: registrationUrl(event.id),
  });
  return { email, attachment: registrationInvitation(event, registrationId, sequence, attendee, "REQUEST") };
}

/** What the prepared emails depend on, re-checked inside the transaction. */
async function assertEventUnchanged(tx: WriteTransaction, prepared: EventForRegistration) {
  const current = await tx.event.findUnique({ where: { id: prepared.id }, select: REGISTRATION_EVENT_FIELDS });
  if (
    !current ||
    current.status !== prepared.status ||
    current.startsAt.getTime() !== prepared.startsAt.getTime() ||
    current.endsAt.getTime() !== prepared.endsAt.getTime() ||
    current.capacity !== prepared.capacity ||
    current.onlineUrl !== prepared.onlineUrl ||
    (current.joinLinkSentAt?.getTime() ?? null) !== (prepared.joinLinkSentAt?.getTime() ?? null) ||
    current.title !== prepared.title ||
    current.location !== prepared.location
  ) {
    throw new StaleRegistrationState();
  }
  return current;
}

function registrationClosedReason(event: EventForRegistration, now: Date): string | null {
  if (event.status === "cancelled") return REGISTRATION_MESSAGES.eventCancelled;
  if (event.status !== "published") return REGISTRATION_MESSAGES.eventNotFound;
  if (!isRegistrableKind(event.kind)) return REGISTRATION_MESSAGES.notRegistrable;
  if (now >= event.startsAt) return REGISTRATION_MESSAGES.eventStarted;
  if (now > event.registrationDeadline) return deadlinePassedMessage(event.registrationDeadline);
  return null;
}

const actorOf = (user: { id: string; name: string }) => ({ userId: user.id, label: user.name });

/** Below this many free places, concurrent registrations may take them meanwhile: prepare both emails. */
const UNCERTAIN_PLACES = 5;

async function predictOutcome(event: EventForRegistration): Promise<"confirmed" | "waiting" | "either"> {
  if (event.capacity === null) return "confirmed";
  const [confirmedCount, waitingCount] = await Promise.all([
    db.registration.count({ where: { eventId: event.id, status: "confirmed" } }),
    db.registration.count({ where: { eventId: event.id, status: "waiting" } }),
  ]);
  if (waitingCount > 0) return "waiting";
  const free = event.capacity - confirmedCount;
  if (free <= 0) return "waiting";
  return free > UNCERTAIN_PLACES ? "confirmed" : "either";
}

// ---- register ------------------------------------------------------------------------------------

export interface RegisterInput {
  eventId: string;
  userId: string;
  organizationId: string;
  /** The person chose the waiting list explicitly (required when the event is full). */
  waitingList: boolean;
}

export async function register(input: RegisterInput, now = new Date()): Promise<RegistrationOutcome> {
  return withFreshPreparation(async (round) => {
    const event = await loadEvent(input.eventId);
    if (!event) return { ok: false, field: "form", message: REGISTRATION_MESSAGES.eventNotFound };
    const closed = registrationClosedReason(event, now);
    if (closed) return { ok: false, field: "form", message: closed };
    const user = await db.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { id: true, name: true, email: true },
    });
    const existing = await db.registration.findUnique({
      where: { eventId_userId: { eventId: event.id, userId: user.id } },
    });
    const registrationId = existing?.id ?? randomUUID();
    const sequence = existing ? existing.icsSequence + 1 : 0;
    const attendee = { name: user.name, email: user.email };
    // Render the email the committed state predicts; both when the outcome is uncertain (few
    // places left, or a first prediction turned out wrong under concurrent registrations).
    const outcome = round > 0 ? "either" : await predictOutcome(event);
    const confirmation =
      outcome !== "waiting"
        ? await prepareConfirmation("registration-confirmed", event, registrationId, sequence, attendee)
        : null;
    const waitlisted =
      outcome !== "confirmed"
        ? await prepareEmail("registration-waitlisted", {
            ...eventSummaryProps(event),
            attendeeName: user.name,
            registrationUrl: registrationUrl(event.id),
          })
        : null;

    return write(async (tx): Promise<RegistrationOutcome> => {
      const membership = await tx.membership.findUnique({
        where: { userId_organizationId: { userId: user.id, organizationId: input.organizationId } },
        select: { organization: { select: { id: true, name: true } } },
      });
      if (!membership) return { ok: false, field: "organizationId", message: REGISTRATION_MESSAGES.notMember };
      const currentEvent = await assertEventUnchanged(tx, event);
      const current = await tx.registration.findUnique({
        where: { eventId_userId: { eventId: event.id, userId: user.id } },
      });
      if (current?.status === "confirmed")
        return { ok: false, field: "form", message: REGISTRATION_MESSAGES.alreadyConfirmed };
      if (current?.status === "waiting")
        return { ok: false, field: "form", message: REGISTRATION_MESSAGES.alreadyWaiting };
      if (
        (current?.id ?? null) !== (existing?.id ?? null) ||
        (current && current.icsSequence !== existing?.icsSequence)
      ) {
        throw new StaleRegistrationState();
      }

      const confirmedCount = await tx.registration.count({ where: { eventId: event.id, status: "confirmed" } });
      const waitingCount = await tx.registration.count({ where: { eventId: event.id, status: "waiting" } });
      // Nobody jumps the queue: while people wait, a newcomer waits too.
      const hasPlace = (event.capacity === null || confirmedCount < event.capacity) && waitingCount === 0;
      if (!hasPlace && !input.waitingList)
        return { ok: false, field: "waitingList", message: REGISTRATION_MESSAGES.full };
      if ((hasPlace && !confirmation) || (!hasPlace && !waitlisted)) throw new StaleRegistrationState();

      let position: number | null = null;
      if (!hasPlace) {
        const last = await tx.registration.aggregate({ where: { eventId: event.id }, _max: { waitingPosition: true } });
        position = (last._max.waitingPosition ?? 0) + 1;
      }
      const status = hasPlace ? "confirmed" : "waiting";
      const data = {
        organizationId: membership.organization.id,
        email: user.email,
        status,
        waitingPosition: position,
        attendance: null,
        promotedAt: null,
        cancelledAt: null,
        createdAt: now,
        icsSequence: sequence,
      };
      if (current) await tx.registration.update({ where: { id: current.id }, data });
      else await tx.registration.create({ data: { id: registrationId, eventId: event.id, userId: user.id, ...data } });

      await appendExchange(tx, {
        kind: hasPlace ? "meeting.registered" : "meeting.waitlist_joined",
        actor: actorOf(user),
        organizationIds: [event.organizationId, membership.organization.id],
        eventId: event.id,
        summary: hasPlace
          ? `${user.name} (${membership.organization.name}) s’inscrit à « ${event.title} »`
          : `${user.name} (${membership.organization.name}) s’inscrit sur la liste d’attente de « ${event.title} »`,
        payload: {
          registrationId,
          status,
          waitingPosition: position,
          confirmedBefore: confirmedCount,
          capacity: event.capacity,
        },
        occurredAt: now,
      });
      if (confirmation && hasPlace) await queueEmail(tx, user.email, confirmation.email, [confirmation.attachment]);
      else if (waitlisted) await queueEmail(tx, user.email, waitlisted);
      // The event's join link and reminder exist as soon as someone registers, whatever path
      // published the event (idempotent: one job per event and kind).
      await scheduleEventJobs(tx, currentEvent);

      const rank = position === null ? null : waitingCount + 1;
      return { ok: true, status, registrationId, rank };
    });
  });
}

// ---- promotion -----------------------------------------------------------------------------------

interface PromotionCandidate {
  id: string;
  userId: string;
  email: string;
  organizationId: string;
  icsSequence: number;
  name: string;
}

/** The waiting registrations that the free places go to, in position order (committed data). */
async function promotionCandidates(event: EventForRegistration, freedPlaces: number): Promise<PromotionCandidate[]> {
  if (freedPlaces <= 0) return [];
  const waiting = await db.registration.findMany({
    where: { eventId: event.id, status: "waiting" },
    orderBy: { waitingPosition: "asc" },
    take: freedPlaces,
    select: { id: true, userId: true, email: true, organizationId: true, icsSequence: true },
  });
  const users = await db.user.findMany({
    where: { id: { in: waiting.map((row) => row.userId) } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((user) => [user.id, user.name]));
  return waiting.map((row) => ({ ...row, name: names.get(row.userId) ?? row.email }));
}

async function preparePromotions(event: EventForRegistration, candidates: PromotionCandidate[]) {
  return Promise.all(
    candidates.map(async (candidate) => ({
      candidate,
      prepared: await prepareConfirmation("registration-promoted", event, candidate.id, candidate.icsSequence + 1, {
        name: candidate.name,
        email: candidate.email,
      }),
    })),
  );
}

/**
 * Inside the transaction: gives every free place to the first waiting registrations, exactly the
 * ones the emails were prepared for (otherwise the preparation starts over).
 */
async function applyPromotions(
  tx: WriteTransaction,
  event: EventForRegistration,
  prepared: Awaited<ReturnType<typeof preparePromotions>>,
  actor: { userId: string | null; label: string },
  now: Date,
): Promise<string[]> {
  const confirmedCount = await tx.registration.count({ where: { eventId: event.id, status: "confirmed" } });
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : Math.max(0, event.capacity - confirmedCount);
  const due = await tx.registration.findMany({
    where: { eventId: event.id, status: "waiting" },
    orderBy: { waitingPosition: "asc" },
    take: Math.min(free, 10_000),
    select: { id: true, icsSequence: true, organizationId: true, waitingPosition: true },
  });
  const expected = prepared.map(({ candidate }) => `${candidate.id}:${candidate.icsSequence}`);
  if (due.map((row) => `${row.id}:${row.icsSequence}`).join() !== expected.join()) throw new StaleRegistrationState();

  for (const [index, { candidate, prepared: confirmation }] of prepared.entries()) {
    await tx.registration.update({
      where: { id: candidate.id },
      data: { status: "confirmed", waitingPosition: null, promotedAt: now, icsSequence: candidate.icsSequence + 1 },
    });
    await appendExchange(tx, {
      kind: "meeting.waitlist_promoted",
      actor,
      organizationIds: [event.organizationId, candidate.organizationId],
      eventId: event.id,
      summary: `${candidate.name} passe de la liste d’attente aux inscrits de « ${event.title} »`,
      payload: { registrationId: candidate.id, formerWaitingPosition: due[index]?.waitingPosition ?? null },
      occurredAt: now,
    });
    await queueEmail(tx, candidate.email, confirmation.email, [confirmation.attachment]);
  }
  return prepared.map(({ candidate }) => candidate.id);
}

const SYSTEM_ACTOR = { userId: null, label: "Amont (liste d’attente)" };

/**
 * Gives the free places to the waiting list, in order. Call it after the capacity of an event was
 * raised (cancellations promote on their own).
 */
export async function promoteFromWaitingList(eventId: string, now = new Date()): Promise<string[]> {
  return withFreshPreparation(async () => {
    const event = await loadEvent(eventId);
    if (!event || event.status !== "published" || now >= event.startsAt) return [];
    const confirmedCount = await db.registration.count({ where: { eventId, status: "confirmed" } });
    const free = event.capacity === null ? 10_000 : event.capacity - confirmedCount;
    const prepared = await preparePromotions(event, await promotionCandidates(event, free));
    if (prepared.length === 0) return [];
    return write(async (tx) => {
      await assertEventUnchanged(tx, event);
      return applyPromotions(tx, event, prepared, SYSTEM_ACTOR, now);
    });
  });
}

// ---- cancel --------------------------------------------------------------------------------------

export interface CancelInput {
  eventId: string;
  registrationId: string;
  userId: string;
}

export async function cancelRegistration(input: CancelInput, now = new Date()): Promise<CancellationOutcome> {
  return withFreshPreparation(async () => {
    const registration = await db.registration.findUnique({ where: { id: input.registrationId } });
    // A tampered id (someone else's registration, another event's) gets the same answer as a
    // missing one: nothing about it leaks.
    if (!registration || registration.eventId !== input.eventId || registration.userId !== input.userId) {
      return { ok: false, field: "form", message: REGISTRATION_MESSAGES.notYours };
    }
    if (registration.status === "cancelled")
      return { ok: false, field: "form", message: REGISTRATION_MESSAGES.alreadyCancelled };
    const event = await loadEvent(input.eventId);
    if (!event) return { ok: false, field: "form", message: REGISTRATION_MESSAGES.notYours };
    if (event.status === "cancelled")
      return { ok: false, field: "form", message: REGISTRATION_MESSAGES.eventCancelled };
    if (now >= event.startsAt) return { ok: false, field: "form", message: REGISTRATION_MESSAGES.cancellationClosed };
    if (event.cancellationCutoff && now > event.cancellationCutoff) {
      return { ok: false, field: "form", message: cancellationCutoffMessage(event.cancellationCutoff) };
    }
    const user = await db.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { id: true, name: true, email: true },
    });
    const hadPlace = registration.status === "confirmed";
    const cancellationEmail = await prepareEmail("registration-cancelled", {
      ...eventSummaryProps(event),
      attendeeName: user.name,
      hadPlace,
      eventUrl: eventUrl(event.id),
    });
    const attachments = hadPlace
      ? [
          registrationInvitation(
            event,
            registration.id,
            registration.icsSequence + 1,
            { name: user.name, email: registration.email },
            "CANCEL",
          ),
        ]
      : [];
    // The place this cancellation frees goes to the first person waiting (if the event is still on).
    const confirmedCount = await db.registration.count({ where: { eventId: event.id, status: "confirmed" } });
    const freeAfter = event.capacity === null ? 0 : event.capacity - (confirmedCount - (hadPlace ? 1 : 0));
    const promotions =
      event.status === "published" ? await preparePromotions(event, await promotionCandidates(event, freeAfter)) : [];

    return write(async (tx): Promise<CancellationOutcome> => {
      await assertEventUnchanged(tx, event);
      const { count } = await tx.registration.updateMany({
        where: { id: registration.id, status: registration.status, icsSequence: registration.icsSequence },
        data: {
          status: "cancelled",
          cancelledAt: now,
          waitingPosition: null,
          icsSequence: registration.icsSequence + 1,
        },
      });
      if (count === 0) throw new StaleRegistrationState();
      await appendExchange(tx, {
        kind: "meeting.registration_cancelled",
        actor: actorOf(user),
        organizationIds: [event.organizationId, registration.organizationId],
        eventId: event.id,
        summary: hadPlace
          ? `${user.name} annule son inscription à « ${event.title} »`
          : `${user.name} quitte la liste d’attente de « ${event.title} »`,
        payload: {
          registrationId: registration.id,
          previousStatus: registration.status,
          waitingPosition: registration.waitingPosition,
        },
        occurredAt: now,
      });
      await queueEmail(tx, registration.email, cancellationEmail, attachments);
      const promotedRegistrationIds =
        event.status === "published" ? await applyPromotions(tx, event, promotions, SYSTEM_ACTOR, now) : [];
      return { ok: true, promotedRegistrationIds };
    });
  });
}

// ---- scheduled messages --------------------------------------------------------------------------

/**
 * Schedules (or moves, or cancels) the join-link and reminder jobs of a webinar or information
 * meeting. Call it in the transaction that publishes, reschedules or cancels the event. The job
 * handlers check the event again when they run, so a change made without calling this is safe.
 */
export async function scheduleEventJobs(
  tx: WriteTransaction,
  event: { id: string; kind: string; status: string; startsAt: Date; eventDate: string },
): Promise<void> {
  if (!isRegistrableKind(event.kind)) return;
  if (event.status !== "published") {
    await unschedule(tx, joinLinkJobKey(event.id));
    await unschedule(tx, reminderJobKey(event.id));
    return;
  }
  await schedule(tx, {
    kind: JOIN_LINK_JOB,
    dedupeKey: joinLinkJobKey(event.id),
    runAt: joinLinkDueAt(event),
    payload: { eventId: event.id },
  });
  await schedule(tx, {
    kind: REMINDER_JOB,
    dedupeKey: reminderJobKey(event.id),
    runAt: reminderDueAt(event),
    payload: { eventId: event.id },
  });
}

// ---- reading, for the registration page -----------------------------------------------------------

export async function registrationPage(eventId: string, userId: string | null, now = new Date()) {
  const event = await loadEvent(eventId);
  if (!event || (event.status !== "published" && event.status !== "cancelled")) return null;
  const [confirmedCount, waiting, mine] = await Promise.all([
    db.registration.count({ where: { eventId, status: "confirmed" } }),
    db.registration.findMany({ where: { eventId, status: "waiting" }, select: { waitingPosition: true } }),
    userId ? db.registration.findUnique({ where: { eventId_userId: { eventId, userId } } }) : null,
  ]);
  const positions = waiting.map((row) => row.waitingPosition ?? 0);
  const placesLeft = event.capacity === null ? null : Math.max(0, event.capacity - confirmedCount);
  const closedReason = registrationClosedReason(event, now);
  return {
    event: {
      id: event.id,
      kind: event.kind,
      kindLabel: EVENT_KIND_LABELS[event.kind] ?? "Événement",
      title: event.title,
      description: event.description,
      status: event.status,
      when: formatEventWhen(event.startsAt, event.endsAt),
      place: eventPlace(event),
      organizerName: event.organization.name,
      capacity: event.capacity,
      registrationDeadline: formatMoment(event.registrationDeadline),
      joinLinkWhen: formatMoment(joinLinkDueAt(event)),
    },
    confirmedCount,
    waitingCount: waiting.length,
    placesLeft,
    // Full also while people wait: a freed place goes to them first.
    isFull: placesLeft !== null && (placesLeft === 0 || waiting.length > 0),
    closedReason,
    mine:
      mine && mine.status !== "cancelled"
        ? {
            id: mine.id,
            status: mine.status as "confirmed" | "waiting",
            rank:
              mine.status === "waiting" && mine.waitingPosition !== null
                ? waitingRank(mine.waitingPosition, positions)
                : null,
            joinUrl: mine.status === "confirmed" ? sentJoinLink(event) : null,
          }
        : null,
  };
}

export type RegistrationPageData = NonNullable<Awaited<ReturnType<typeof registrationPage>>>;
