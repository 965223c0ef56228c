// Stand bookings at reverse fairs: book, cancel, the stand's waiting list and its promotion.
//
// The rules are held by the database, not only checked before writing: Booking.slotId is unique
// (a slot is never booked twice) and (standId, supplierOrganizationId) is unique (one slot per
// stand per supplier). A look at committed data first refuses a lost race cheaply (one query, no
// email rendered); inside the write transaction the insert itself is refused by those constraints
// (Prisma P2002, answered in French), so nothing is half written. Overlapping slots at one fair are
// refused inside the transaction (the single write queue makes that check and the insert atomic
// within the process).
//
// A freed slot goes at once to the first organisation in line at that stand (decision 0008):
// automatic assignment, with an email and an .ics invitation, in the cancellation's transaction.
import { db, write, type WriteTransaction } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import type { MembershipSummary } from "~/organizations/memberships";
import { prepareEmail, queueEmail, type RenderedEmail } from "~/mail/outbox.server";
import { EVENT_CANCELLED_MESSAGE } from "./cancellation";
import { invitationAttachment } from "./invitation-ics";
import { EVENT_KINDS, type EventKind } from "./kinds";
import { formatEventWhen, formatMoment } from "~/calendar/format";
import { overlaps, parisTimeOf } from "./slots";

export interface SupplierActor {
  id: string;
  name: string;
  email: string;
  /** The user's memberships as read with their session this request; read here when absent. */
  memberships?: readonly MembershipSummary[];
}

export interface BookingOptions {
  /** The site's origin, for links in emails and invitations. */
  origin: string;
  now?: Date;
}

export type BookingResult =
  { ok: true; bookingId: string; message: string } | { ok: false; message: string; status: number };
export type SimpleBookingResult = { ok: true; message: string } | { ok: false; message: string; status: number };

export const MESSAGES = {
  notMember:
    "Vous n'agissez pas au nom de cette organisation : choisissez l'une de vos entreprises dans le menu « Agir au nom de », en haut de la page, puis recommencez.",
  notSupplier: "Seules les entreprises (fournisseurs) réservent des rendez-vous aux stands des acheteurs.",
  slotNotFound: "Ce créneau n'existe pas ou n'est plus proposé.",
  notOpen: "Ce salon n'est pas ouvert aux réservations.",
  slotTaken:
    "Ce créneau vient d'être réservé par une autre entreprise. Choisissez-en un autre, ou inscrivez-vous sur la liste d'attente du stand s'il n'en reste plus.",
  alreadyAtStand:
    "Votre organisation a déjà un rendez-vous à ce stand : un seul par entreprise, pour laisser leur chance aux autres. Annulez-le d'abord si vous voulez changer d'heure.",
  bookingNotFound: "Ce rendez-vous n'existe pas, ou ce n'est pas celui de votre organisation.",
  standNotFound: "Ce stand n'existe pas.",
  standHasFreeSlots: "Des créneaux sont encore libres à ce stand : réservez-en un directement.",
  concurrent: "Une autre demande est passée au même moment. Rechargez la page et réessayez.",
} as const;

// ---- who acts ---------------------------------------------------------------------------------------

/** The supplier organisation the user acts for, checked against their memberships (a tampered id is refused). */
async function checkSupplierMember(
  actor: SupplierActor,
  organizationId: string,
): Promise<{ ok: true; name: string } | { ok: false; message: string; status: number }> {
  const membership = actor.memberships
    ? (actor.memberships.find((candidate) => candidate.organizationId === organizationId) ?? null)
    : await db.membership.findUnique({
        where: { userId_organizationId: { userId: actor.id, organizationId } },
        select: { organization: { select: { kind: true, name: true } } },
      });
  if (!membership) return { ok: false, message: MESSAGES.notMember, status: 403 };
  if (membership.organization.kind !== "supplier") return { ok: false, message: MESSAGES.notSupplier, status: 403 };
  return { ok: true, name: membership.organization.name };
}

// ---- email and invitation pieces ----------------------------------------------------------------------

export function slotTimeText(slot: { startsAt: Date; endsAt: Date }): string {
  return `de ${parisTimeOf(slot.startsAt)} à ${parisTimeOf(slot.endsAt)}`;
}

function untilText(instant: Date): string {
  return `jusqu’au ${formatMoment(instant)}`;
}

function senderAddress(): string {
  const from = process.env.MAIL_FROM ?? "Amont <ne-pas-repondre@amont.example>";
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

export const slotContext = {
  id: true,
  startsAt: true,
  endsAt: true,
  standId: true,
  eventId: true,
  stand: {
    select: {
      id: true,
      name: true,
      organizationId: true,
      organization: { select: { name: true } },
      procurements: { select: { plannedProcurementId: true } },
      event: {
        select: {
          id: true,
          kind: true,
          title: true,
          status: true,
          eventDate: true,
          startsAt: true,
          endsAt: true,
          location: true,
          onlineUrl: true,
          registrationDeadline: true,
          cancellationCutoff: true,
          organizationId: true,
          organization: { select: { name: true } },
          procurements: { select: { plannedProcurementId: true } },
        },
      },
    },
  },
} as const;

export type SlotContext = NonNullable<Awaited<ReturnType<typeof loadSlot>>>;

/** The slot, with what the supplier already has at its stand (a booking, a place in line): one read. */
function loadSlotForSupplier(slotId: string, supplierOrganizationId: string) {
  const booked = { where: { booking: { supplierOrganizationId } }, select: { id: true }, take: 1 } as const;
  const waiting = { where: { supplierOrganizationId }, select: { id: true }, take: 1 } as const;
  return db.slot.findUnique({
    where: { id: slotId },
    select: { ...slotContext, stand: { select: { ...slotContext.stand.select, slots: booked, waitlist: waiting } } },
  });
}

function loadSlot(slotId: string) {
  return db.slot.findUnique({ where: { id: slotId }, select: slotContext });
}

function eventUrl(origin: string, eventId: string): string {
  return `${origin}/evenements/${eventId}`;
}

function summaryProps(slot: SlotContext) {
  const event = slot.stand.event;
  return {
    eventTitle: event.title,
    eventKindLabel: EVENT_KINDS[event.kind as EventKind] ?? "Événement",
    organizerName: event.organization.name,
    when: formatEventWhen(event.startsAt, event.endsAt),
    place: event.location ?? "En ligne",
  };
}

/**
 * Until when a booking can be cancelled online (cancelBooking refuses after it; the emails and the
 * event page say it): the event's cancellation cutoff when the organiser set one, otherwise the
 * start of the slot.
 */
export function bookingCancelDeadline(event: { cancellationCutoff: Date | null }, slot: { startsAt: Date }): Date {
  return event.cancellationCutoff ?? slot.startsAt;
}

function cancelDeadline(slot: SlotContext): Date {
  return bookingCancelDeadline(slot.stand.event, slot);
}

/** The booking's agenda entry; `sequence` is 0 for a new booking, then the booking's icsSequence after each change. */
export function bookingInvitation(
  slot: SlotContext,
  supplierOrganizationId: string,
  method: "REQUEST" | "CANCEL",
  attendee: { name: string; email: string },
  origin: string,
  now: Date,
  sequence: number,
) {
  const event = slot.stand.event;
  return invitationAttachment({
    method,
    uid: `booking-${slot.id}-${supplierOrganizationId}`,
    sequence,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    summary: `Rendez-vous au stand « ${slot.stand.name} » (${slot.stand.organization.name}) — ${event.title}`,
    description: `Salon inversé organisé par ${event.organization.name}. Votre rendez-vous ${slotTimeText(slot)} au stand « ${slot.stand.name} ». ${eventUrl(origin, event.id)}`,
    location: event.location ?? "En ligne",
    url: eventUrl(origin, event.id),
    organizer: { name: slot.stand.organization.name, email: senderAddress() },
    attendee,
    issuedAt: now,
  });
}

function procurementIdsOf(slot: SlotContext): string[] {
  const standIds = slot.stand.procurements.map((link) => link.plannedProcurementId);
  const ids = standIds.length ? standIds : slot.stand.event.procurements.map((link) => link.plannedProcurementId);
  return [...new Set(ids)].sort();
}

function ledgerLinks(slot: SlotContext) {
  const ids = procurementIdsOf(slot);
  return { eventId: slot.eventId, plannedProcurementId: ids.length === 1 ? ids[0]! : null, ids };
}

// ---- unique violations ------------------------------------------------------------------------------

/** The unique constraint a Prisma P2002 error names (the adapter puts it in the message or meta). */
export function uniqueViolation(error: unknown): "slot" | "stand" | "waitlist" | "other" | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown };
    const text = `${typeof candidate.message === "string" ? candidate.message : ""} ${JSON.stringify(candidate.meta ?? {})}`;
    if (candidate.code === "P2002" || /UNIQUE constraint failed|Unique constraint failed/i.test(text)) {
      if (/slotId/.test(text)) return "slot";
      if (/supplierOrganizationId/.test(text) && /Booking|standId/.test(text) && !/StandWaitlistEntry/.test(text))
        return "stand";
      if (/StandWaitlistEntry|position/.test(text)) return "waitlist";
      return "other";
    }
    current = candidate.cause;
  }
  return null;
}

function uniqueViolationMessage(kind: ReturnType<typeof uniqueViolation>): string {
  if (kind === "slot") return MESSAGES.slotTaken;
  if (kind === "stand") return MESSAGES.alreadyAtStand;
  return MESSAGES.concurrent;
}

// ---- booking ----------------------------------------------------------------------------------------

async function checkBookable(
  tx: WriteTransaction,
  slot: SlotContext,
  supplierOrganizationId: string,
  now: Date,
): Promise<string | null> {
  const event = slot.stand.event;
  if (event.status !== "published" || event.kind !== "reverse_fair") return MESSAGES.notOpen;
  if (now >= event.registrationDeadline)
    return `Les réservations de ce salon sont closes depuis le ${formatMoment(event.registrationDeadline)}.`;
  if (now >= slot.startsAt) return "Ce créneau est déjà passé.";
  // The event read before the transaction may have been cancelled since: the cancellation tells
  // every booking it finds, so none may be added after it.
  const current = await tx.event.findUnique({ where: { id: slot.eventId }, select: { status: true } });
  if (current?.status === "cancelled") return EVENT_CANCELLED_MESSAGE;
  if (current?.status !== "published") return MESSAGES.notOpen;
  // A slot already taken, or a second slot at this stand, is refused by the unique constraints
  // when the booking is inserted (P2002, answered in French by the caller): no read needed here,
  // and the transaction stays short on the single writer.
  const atFair = await tx.booking.findMany({
    where: { eventId: slot.eventId, supplierOrganizationId },
    select: { slot: { select: { startsAt: true, endsAt: true, stand: { select: { name: true } } } } },
  });
  const clash = atFair.find((booking) => overlaps(booking.slot, slot));
  if (clash) {
    return `Ce créneau ${slotTimeText(slot)} chevauche votre rendez-vous ${slotTimeText(clash.slot)} au stand « ${clash.slot.stand.name} » : choisissez une autre heure.`;
  }
  return null;
}

async function recordBooking(
  tx: WriteTransaction,
  slot: SlotContext,
  supplier: { id: string; name: string },
  user: { id: string; name: string; email: string },
  source: "direct" | "waiting_list",
  email: RenderedEmail,
  origin: string,
  now: Date,
  waiting = false,
) {
  const booking = await tx.booking.create({
    data: {
      slotId: slot.id,
      standId: slot.standId,
      eventId: slot.eventId,
      supplierOrganizationId: supplier.id,
      bookedById: user.id,
      source,
    },
    select: { id: true },
  });
  // Served: no longer waiting at this stand (promotions always are; a direct booking only if it was).
  if (source === "waiting_list" || waiting)
    await tx.standWaitlistEntry.deleteMany({ where: { standId: slot.standId, supplierOrganizationId: supplier.id } });
  const links = ledgerLinks(slot);
  await appendExchange(tx, {
    kind: source === "direct" ? "meeting.slot_booked" : "meeting.waitlist_promoted",
    actor:
      source === "direct"
        ? { userId: user.id, label: `${user.name} (${supplier.name})` }
        : { userId: null, label: "Amont (liste d'attente)" },
    organizationIds: [supplier.id, slot.stand.organizationId, slot.stand.event.organizationId],
    eventId: links.eventId,
    plannedProcurementId: links.plannedProcurementId,
    summary:
      source === "direct"
        ? `${supplier.name} réserve le rendez-vous ${slotTimeText(slot)} au stand « ${slot.stand.name} » (${slot.stand.organization.name}).`
        : `Le créneau ${slotTimeText(slot)} du stand « ${slot.stand.name} » est attribué à ${supplier.name}, premier sur la liste d'attente.`,
    payload: {
      bookingId: booking.id,
      slotId: slot.id,
      standId: slot.standId,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      plannedProcurementIds: links.ids,
    },
    occurredAt: now,
  });
  await queueEmail(tx, user.email, email, [
    bookingInvitation(slot, supplier.id, "REQUEST", { name: user.name, email: user.email }, origin, now, 0),
  ]);
  return booking;
}

/** Books a slot for the supplier organisation the user acts for. */
export async function bookSlot(
  actor: SupplierActor,
  supplierOrganizationId: string,
  slotId: string,
  options: BookingOptions,
): Promise<BookingResult> {
  const now = options.now ?? new Date();
  const member = await checkSupplierMember(actor, supplierOrganizationId);
  if (!member.ok) return member;
  // Cheap looks at committed data first, so that a lost race costs one query and no email
  // rendering. The transaction below checks again, and the unique constraints have the last word.
  const taken = await db.booking.findUnique({ where: { slotId }, select: { supplierOrganizationId: true } });
  if (taken)
    return {
      ok: false,
      message: taken.supplierOrganizationId === supplierOrganizationId ? MESSAGES.alreadyAtStand : MESSAGES.slotTaken,
      status: 409,
    };
  const slot = await loadSlotForSupplier(slotId, supplierOrganizationId);
  if (slot?.stand.event.status === "cancelled") return { ok: false, message: EVENT_CANCELLED_MESSAGE, status: 409 };
  if (!slot || slot.stand.event.status !== "published")
    return { ok: false, message: MESSAGES.slotNotFound, status: 404 };
  const waiting = slot.stand.waitlist.length > 0;
  if (slot.stand.slots.length > 0) return { ok: false, message: MESSAGES.alreadyAtStand, status: 409 };
  const cutoff = cancelDeadline(slot);
  const email = await prepareEmail("booking-confirmed", {
    ...summaryProps(slot),
    attendeeName: actor.name,
    supplierName: member.name,
    standName: slot.stand.name,
    standHolderName: slot.stand.organization.name,
    slotTime: slotTimeText(slot),
    cancelUntil: cutoff > now ? untilText(cutoff) : null,
    eventUrl: eventUrl(options.origin, slot.eventId),
  });
  try {
    return await write(async (tx) => {
      const refusal = await checkBookable(tx, slot, supplierOrganizationId, now);
      if (refusal) return { ok: false as const, message: refusal, status: 409 };
      const booking = await recordBooking(
        tx,
        slot,
        { id: supplierOrganizationId, name: member.name },
        actor,
        "direct",
        email,
        options.origin,
        now,
        waiting,
      );
      return {
        ok: true as const,
        bookingId: booking.id,
        message: `Rendez-vous réservé au stand « ${slot.stand.name} », ${slotTimeText(slot)}. La confirmation part par courriel, avec l'invitation pour votre agenda.`,
      };
    });
  } catch (error) {
    const violation = uniqueViolation(error);
    if (violation) return { ok: false, message: uniqueViolationMessage(violation), status: 409 };
    throw error;
  }
}

// ---- cancellation and promotion ---------------------------------------------------------------------

async function promotionEmail(
  slot: SlotContext,
  entry: { supplierOrganizationId: string; userId: string },
  origin: string,
  now: Date,
) {
  const [user, organization] = await Promise.all([
    db.user.findUnique({ where: { id: entry.userId }, select: { id: true, name: true, email: true } }),
    db.organization.findUnique({ where: { id: entry.supplierOrganizationId }, select: { name: true } }),
  ]);
  if (!user || !organization) return null;
  const cutoff = cancelDeadline(slot);
  const email = await prepareEmail("waitlist-promoted", {
    ...summaryProps(slot),
    attendeeName: user.name,
    supplierName: organization.name,
    standName: slot.stand.name,
    standHolderName: slot.stand.organization.name,
    slotTime: slotTimeText(slot),
    cancelUntil: cutoff > now ? untilText(cutoff) : null,
    eventUrl: eventUrl(origin, slot.eventId),
  });
  return { user, organization: { id: entry.supplierOrganizationId, name: organization.name }, email };
}

/**
 * Gives a freed slot to the first organisation in line at its stand that has no overlapping
 * appointment at the fair (those keep their place for a later slot). Runs in the caller's transaction.
 */
async function promoteFromWaitlist(
  tx: WriteTransaction,
  slot: SlotContext,
  origin: string,
  now: Date,
  prepared: Awaited<ReturnType<typeof promotionEmail>>,
) {
  if (slot.startsAt <= now) return null;
  const entries = await tx.standWaitlistEntry.findMany({
    where: { standId: slot.standId },
    orderBy: { position: "asc" },
  });
  for (const entry of entries) {
    const atFair = await tx.booking.findMany({
      where: { eventId: slot.eventId, supplierOrganizationId: entry.supplierOrganizationId },
      select: { standId: true, slot: { select: { startsAt: true, endsAt: true } } },
    });
    if (atFair.some((booking) => booking.standId === slot.standId || overlaps(booking.slot, slot))) continue;
    // Rendered before the transaction for the expected first in line; another one (rare) is rendered here.
    const message =
      prepared && prepared.organization.id === entry.supplierOrganizationId && prepared.user.id === entry.userId
        ? prepared
        : await promotionEmail(slot, entry, origin, now);
    if (!message) continue;
    await recordBooking(tx, slot, message.organization, message.user, "waiting_list", message.email, origin, now);
    return message.organization;
  }
  return null;
}

/** Cancels the organisation's booking before the cutoff; the slot goes to the stand's waiting list. */
export async function cancelBooking(
  actor: SupplierActor,
  supplierOrganizationId: string,
  bookingId: string,
  options: BookingOptions,
): Promise<SimpleBookingResult> {
  const now = options.now ?? new Date();
  const member = await checkSupplierMember(actor, supplierOrganizationId);
  if (!member.ok) return member;
  const booking = await db.booking.findUnique({
    where: { id: bookingId },
    select: { id: true, slotId: true, supplierOrganizationId: true, bookedById: true },
  });
  if (!booking || booking.supplierOrganizationId !== supplierOrganizationId)
    return { ok: false, message: MESSAGES.bookingNotFound, status: 404 };
  const slot = await loadSlot(booking.slotId);
  if (!slot) return { ok: false, message: MESSAGES.bookingNotFound, status: 404 };
  // The whole event is off: its bookings stay as they were (no slot to free, nobody to promote).
  if (slot.stand.event.status === "cancelled") return { ok: false, message: EVENT_CANCELLED_MESSAGE, status: 409 };
  const cutoff = cancelDeadline(slot);
  if (now >= cutoff) {
    return {
      ok: false,
      message: `Il n'est plus possible d'annuler ce rendez-vous en ligne depuis le ${formatMoment(cutoff)}. Prévenez directement ${slot.stand.organization.name}.`,
      status: 409,
    };
  }
  const booker = (await db.user.findUnique({
    where: { id: booking.bookedById },
    select: { name: true, email: true },
  })) ?? { name: actor.name, email: actor.email };
  const firstInLine = await db.standWaitlistEntry.findFirst({
    where: { standId: slot.standId },
    orderBy: { position: "asc" },
  });
  const [cancelEmail, prepared] = await Promise.all([
    prepareEmail("booking-cancelled", {
      ...summaryProps(slot),
      attendeeName: booker.name,
      supplierName: member.name,
      standName: slot.stand.name,
      slotTime: slotTimeText(slot),
      cancelledBy: actor.name,
      eventUrl: eventUrl(options.origin, slot.eventId),
    }),
    firstInLine ? promotionEmail(slot, firstInLine, options.origin, now) : Promise.resolve(null),
  ]);
  try {
    return await write(async (tx) => {
      const current = await tx.booking.findUnique({
        where: { id: bookingId },
        select: { supplierOrganizationId: true, icsSequence: true },
      });
      if (!current || current.supplierOrganizationId !== supplierOrganizationId)
        return { ok: false as const, message: MESSAGES.bookingNotFound, status: 404 };
      await tx.booking.delete({ where: { id: bookingId } });
      const links = ledgerLinks(slot);
      await appendExchange(tx, {
        kind: "meeting.slot_cancelled",
        actor: { userId: actor.id, label: `${actor.name} (${member.name})` },
        organizationIds: [supplierOrganizationId, slot.stand.organizationId, slot.stand.event.organizationId],
        eventId: links.eventId,
        plannedProcurementId: links.plannedProcurementId,
        summary: `${member.name} annule son rendez-vous ${slotTimeText(slot)} au stand « ${slot.stand.name} » (${slot.stand.organization.name}).`,
        payload: {
          bookingId,
          slotId: slot.id,
          standId: slot.standId,
          startsAt: slot.startsAt.toISOString(),
          plannedProcurementIds: links.ids,
        },
        occurredAt: now,
      });
      await queueEmail(tx, booker.email, cancelEmail, [
        bookingInvitation(slot, supplierOrganizationId, "CANCEL", booker, options.origin, now, current.icsSequence + 1),
      ]);
      const promoted = await promoteFromWaitlist(tx, slot, options.origin, now, prepared);
      return {
        ok: true as const,
        message: promoted
          ? `Rendez-vous annulé. Le créneau est attribué à l'entreprise suivante sur la liste d'attente.`
          : `Rendez-vous annulé. Le créneau ${slotTimeText(slot)} est de nouveau libre.`,
      };
    });
  } catch (error) {
    const violation = uniqueViolation(error);
    if (violation) return { ok: false, message: MESSAGES.concurrent, status: 409 };
    throw error;
  }
}

// ---- waiting list -----------------------------------------------------------------------------------

/** Puts the organisation on a full stand's waiting list, after those already in line. */
export async function joinStandWaitlist(
  actor: SupplierActor,
  supplierOrganizationId: string,
  standId: string,
  options: { now?: Date } = {},
): Promise<SimpleBookingResult> {
  const now = options.now ?? new Date();
  const member = await checkSupplierMember(actor, supplierOrganizationId);
  if (!member.ok) return member;
  const stand = await db.stand.findUnique({
    where: { id: standId },
    select: {
      id: true,
      name: true,
      organizationId: true,
      eventId: true,
      procurements: { select: { plannedProcurementId: true } },
      event: {
        select: {
          status: true,
          kind: true,
          registrationDeadline: true,
          organizationId: true,
          procurements: { select: { plannedProcurementId: true } },
        },
      },
    },
  });
  if (stand?.event.status === "cancelled") return { ok: false, message: EVENT_CANCELLED_MESSAGE, status: 409 };
  if (!stand || stand.event.status !== "published") return { ok: false, message: MESSAGES.standNotFound, status: 404 };
  if (now >= stand.event.registrationDeadline)
    return {
      ok: false,
      message: `Les réservations de ce salon sont closes depuis le ${formatMoment(stand.event.registrationDeadline)}.`,
      status: 409,
    };
  try {
    return await write(async (tx) => {
      const current = await tx.event.findUnique({ where: { id: stand.eventId }, select: { status: true } });
      if (current?.status !== "published") return { ok: false as const, message: EVENT_CANCELLED_MESSAGE, status: 409 };
      const free = await tx.slot.count({ where: { standId, startsAt: { gt: now }, booking: null } });
      if (free > 0) return { ok: false as const, message: MESSAGES.standHasFreeSlots, status: 409 };
      const booked = await tx.booking.findUnique({
        where: { standId_supplierOrganizationId: { standId, supplierOrganizationId } },
        select: { id: true },
      });
      if (booked) return { ok: false as const, message: MESSAGES.alreadyAtStand, status: 409 };
      const existing = await tx.standWaitlistEntry.findUnique({
        where: { standId_supplierOrganizationId: { standId, supplierOrganizationId } },
      });
      if (existing) {
        const ahead = await tx.standWaitlistEntry.count({ where: { standId, position: { lt: existing.position } } });
        return {
          ok: false as const,
          message: `Votre organisation est déjà sur la liste d'attente de ce stand (${ahead === 0 ? "première" : `${ahead + 1}e`}).`,
          status: 409,
        };
      }
      const last = await tx.standWaitlistEntry.findFirst({
        where: { standId },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      const entry = await tx.standWaitlistEntry.create({
        data: { standId, supplierOrganizationId, userId: actor.id, position: (last?.position ?? 0) + 1 },
      });
      const rank = await tx.standWaitlistEntry.count({ where: { standId, position: { lte: entry.position } } });
      const standIds = stand.procurements.map((link) => link.plannedProcurementId);
      const ids = [
        ...new Set(standIds.length ? standIds : stand.event.procurements.map((link) => link.plannedProcurementId)),
      ].sort();
      await appendExchange(tx, {
        kind: "meeting.waitlist_joined",
        actor: { userId: actor.id, label: `${actor.name} (${member.name})` },
        organizationIds: [supplierOrganizationId, stand.organizationId, stand.event.organizationId],
        eventId: stand.eventId,
        plannedProcurementId: ids.length === 1 ? ids[0]! : null,
        summary: `${member.name} s'inscrit sur la liste d'attente du stand « ${stand.name} » (rang ${rank}).`,
        payload: { standId, position: entry.position, rank, plannedProcurementIds: ids },
        occurredAt: now,
      });
      return {
        ok: true as const,
        message: `Votre organisation est sur la liste d'attente du stand « ${stand.name} » (rang ${rank}). Si un créneau se libère, il vous sera attribué automatiquement et vous recevrez un courriel.`,
      };
    });
  } catch (error) {
    const violation = uniqueViolation(error);
    if (violation) return { ok: false, message: MESSAGES.concurrent, status: 409 };
    throw error;
  }
}

/** Takes the organisation off a stand's waiting list. */
export async function leaveStandWaitlist(
  actor: SupplierActor,
  supplierOrganizationId: string,
  standId: string,
): Promise<SimpleBookingResult> {
  const member = await checkSupplierMember(actor, supplierOrganizationId);
  if (!member.ok) return member;
  return write(async (tx) => {
    const entry = await tx.standWaitlistEntry.findUnique({
      where: { standId_supplierOrganizationId: { standId, supplierOrganizationId } },
      select: {
        id: true,
        position: true,
        stand: {
          select: { name: true, organizationId: true, eventId: true, event: { select: { organizationId: true } } },
        },
      },
    });
    if (!entry)
      return {
        ok: false as const,
        message: "Votre organisation n'est pas sur la liste d'attente de ce stand.",
        status: 404,
      };
    await tx.standWaitlistEntry.delete({ where: { id: entry.id } });
    await appendExchange(tx, {
      kind: "meeting.waitlist_left",
      actor: { userId: actor.id, label: `${actor.name} (${member.name})` },
      organizationIds: [supplierOrganizationId, entry.stand.organizationId, entry.stand.event.organizationId],
      eventId: entry.stand.eventId,
      summary: `${member.name} quitte la liste d'attente du stand « ${entry.stand.name} ».`,
      payload: { standId, position: entry.position },
    });
    return { ok: true as const, message: "Votre organisation n'est plus sur la liste d'attente de ce stand." };
  });
}

/** The supplier organisation's bookings and waiting-list places at one fair. */
export async function supplierFairState(supplierOrganizationId: string, eventId: string) {
  const [bookings, waiting] = await Promise.all([
    db.booking.findMany({
      where: { eventId, supplierOrganizationId },
      select: { id: true, standId: true, source: true, slot: { select: { id: true, startsAt: true, endsAt: true } } },
      orderBy: { slot: { startsAt: "asc" } },
    }),
    db.standWaitlistEntry.findMany({
      where: { supplierOrganizationId, stand: { eventId } },
      select: { standId: true, position: true },
    }),
  ]);
  const ranks: Record<string, number> = {};
  if (waiting.length) {
    const lines = await db.standWaitlistEntry.findMany({
      where: { standId: { in: waiting.map((entry) => entry.standId) } },
      select: { standId: true, position: true },
    });
    for (const entry of waiting)
      ranks[entry.standId] = lines.filter(
        (line) => line.standId === entry.standId && line.position <= entry.position,
      ).length;
  }
  return { bookings, waitlistRanks: ranks };
}
