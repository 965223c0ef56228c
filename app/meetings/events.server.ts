// Events of a buyer (reverse fairs, webinars, information meetings): create, edit, add stands,
// publish. The event's day is checked against the organiser's calendar like a plan date (refused,
// or accepted with a written justification, per the organisation's policy; the next allowed day is
// proposed). Every write is one transaction; publishing goes on the ledger in that transaction.
import { scheduleImmediateAlerts } from "~/alerts/delivery.server";
import { loadBlockPolicies, loadCalendarContext } from "~/calendar/calendar.server";
import { formatDateFr } from "~/calendar/dates";
import { evaluateDate } from "~/calendar/rules";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { mayPublish } from "~/organizations/verification.server";
import { MIN_JUSTIFICATION_LENGTH, reasonsFr } from "~/plan/date-rules";
import { REGIONS } from "~/territory/regions";
import { localDateTimeToUtc, type EventInput, type StandInput } from "./event-schema";
import { describeMove } from "./moving";
import { prepareMove, recordMove } from "./moving.server";
import { loadEvent, promoteFromWaitingList, scheduleEventJobs } from "./registrations.server";
import { EVENT_KINDS, hasRegistrations, type EventKind } from "./kinds";
import { EVENT_NOT_FOUND_MESSAGE, type MeetingActor, type OrganizerOrganization } from "./organizer";
import { formatBreaks, generateSlots, minutesOf, parisLocalToUtc, parisTimeOf, type TimeRange } from "./slots";

export type EventSaveResult =
  /** notified: how many addresses (bookings, registrations, waiting lists) were told that the event moved. */
  | { ok: true; id: string; notified?: number }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors?: string[]; proposal?: string; notFound?: boolean };

// Routes that edit events answer 404 with this message (they read it here, beside the functions).
export { EVENT_NOT_FOUND_MESSAGE } from "./organizer";

const CONCURRENT_EDIT_MESSAGE =
  "Un autre membre vient de modifier cet événement. Rechargez la page pour voir sa version, puis recommencez.";

export const BOOKED_DATE_CHANGE_MESSAGE =
  "Des entreprises ont déjà réservé des rendez-vous à ce salon : ses heures ne peuvent plus changer. Vous pouvez changer son jour : chaque rendez-vous garde son heure, et toutes les personnes concernées sont prévenues.";

// ---- calendar check of the event's day ------------------------------------------------------------

export interface EventDateCheck {
  ok: boolean;
  fieldErrors: Record<string, string[]>;
  /** The next allowed day, when the chosen one cannot be kept as it is. */
  proposal?: string;
  justification: string | null;
}

/** Checks the event's day with the organiser's calendar and policies (unchanged days are not checked again). */
export async function checkEventDate(
  organization: { id: string; departement: string },
  date: string,
  justification: string | null | undefined,
  previousDate?: string | null,
): Promise<EventDateCheck> {
  const text = justification?.trim() || null;
  if (previousDate && previousDate === date) return { ok: true, fieldErrors: {}, justification: text };
  const [ctx, policies] = await Promise.all([
    loadCalendarContext(organization.departement, organization.id),
    loadBlockPolicies(organization.id),
  ]);
  const evaluation = evaluateDate(ctx, date, "event", policies);
  if (evaluation.status === "ok") return { ok: true, fieldErrors: {}, justification: null };
  if (evaluation.status === "refused") {
    return {
      ok: false,
      fieldErrors: {
        date: [
          `Date refusée : le ${formatDateFr(date)} tombe pendant ${reasonsFr(evaluation.reasons)}. Votre organisation refuse d'organiser un événement pendant ces périodes. Prochaine date possible : ${formatDateFr(evaluation.nextAllowedDate)}.`,
        ],
      },
      proposal: evaluation.nextAllowedDate,
      justification: null,
    };
  }
  if (!text || text.length < MIN_JUSTIFICATION_LENGTH) {
    return {
      ok: false,
      fieldErrors: {
        dateJustification: [
          `Le ${formatDateFr(date)} tombe pendant ${reasonsFr(evaluation.reasons)}. Votre organisation accepte d'organiser un événement à cette date à condition de l'expliquer : écrivez ici pourquoi (au moins ${MIN_JUSTIFICATION_LENGTH} caractères, ce texte sera public), ou prenez le ${formatDateFr(evaluation.nextAllowedDate)}.`,
        ],
      },
      proposal: evaluation.nextAllowedDate,
      justification: null,
    };
  }
  return { ok: true, fieldErrors: {}, justification: text };
}

// ---- create and edit ------------------------------------------------------------------------------

async function checkReferences(
  organization: OrganizerOrganization,
  input: EventInput,
): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  if (input.coHostOrganizationId) {
    const relay = await db.organization.findUnique({
      where: { id: input.coHostOrganizationId },
      select: { kind: true, verificationStatus: true },
    });
    // A co-host is named on the public page: only a relay the platform verified.
    if (!relay || relay.kind !== "relay" || relay.verificationStatus !== "approved")
      errors.coHostOrganizationId = ["Choisissez un réseau d'accompagnement de la liste (CCI, CMA, CRESS…)."];
  }
  const ids = [...new Set(input.plannedProcurementIds)];
  if (ids.length) {
    const owned = await db.plannedProcurement.count({
      where: { id: { in: ids }, organizationId: organization.id, status: { not: "abandoned" } },
    });
    if (owned !== ids.length)
      errors.plannedProcurementIds = [
        "Choisissez des achats de votre programmation (un achat retiré ne peut pas être lié).",
      ];
  }
  return errors;
}

function eventColumns(input: EventInput, justification: string | null) {
  const registrations = hasRegistrations(input.kind);
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    departement: input.departement,
    location: input.location ?? null,
    onlineUrl: input.onlineUrl ?? null,
    coHostOrganizationId: input.coHostOrganizationId || null,
    startsAt: parisLocalToUtc(input.date, input.startTime),
    endsAt: parisLocalToUtc(input.date, input.endTime),
    eventDate: input.date,
    dateJustification: justification,
    registrationDeadline: localDateTimeToUtc(input.registrationDeadline),
    cancellationCutoff: input.cancellationCutoff ? localDateTimeToUtc(input.cancellationCutoff) : null,
    capacity: registrations ? (input.capacity ?? null) : null,
  };
}

export async function createEvent(
  actor: MeetingActor,
  organization: OrganizerOrganization,
  input: EventInput,
): Promise<EventSaveResult> {
  const [check, referenceErrors] = await Promise.all([
    checkEventDate(organization, input.date, input.dateJustification),
    checkReferences(organization, input),
  ]);
  const fieldErrors = { ...check.fieldErrors, ...referenceErrors };
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors, proposal: check.proposal };
  const created = await write((tx) =>
    tx.event.create({
      data: {
        ...eventColumns(input, check.justification),
        organizationId: organization.id,
        createdById: actor.id,
        procurements: {
          create: [...new Set(input.plannedProcurementIds)].map((plannedProcurementId) => ({ plannedProcurementId })),
        },
      },
      select: { id: true },
    }),
  );
  return { ok: true, id: created.id };
}

/** Moves every slot of a fair to another day at the same Paris times: bookings stay on their slots. */
async function shiftSlots(tx: WriteTransaction, eventId: string, date: string) {
  const slots = await tx.slot.findMany({ where: { eventId }, select: { id: true, startsAt: true, endsAt: true } });
  for (const slot of slots) {
    await tx.slot.update({
      where: { id: slot.id },
      data: {
        startsAt: parisLocalToUtc(date, parisTimeOf(slot.startsAt)),
        endsAt: parisLocalToUtc(date, parisTimeOf(slot.endsAt)),
      },
    });
  }
}

/** Regenerates the slots of every stand of a fair for a new day (only when nothing is booked). */
async function regenerateSlots(tx: WriteTransaction, eventId: string, date: string) {
  const stands = await tx.stand.findMany({ where: { eventId } });
  for (const stand of stands) {
    await tx.slot.deleteMany({ where: { standId: stand.id } });
    await tx.slot.createMany({ data: slotRows(stand.id, eventId, date, stand) });
  }
}

export async function updateEvent(
  actor: MeetingActor,
  organization: OrganizerOrganization,
  id: string,
  input: EventInput,
  now = new Date(),
): Promise<EventSaveResult> {
  const existing = await loadEvent(id);
  if (!existing || existing.organizationId !== organization.id)
    return { ok: false, fieldErrors: {}, formErrors: [EVENT_NOT_FOUND_MESSAGE], notFound: true };
  if (existing.kind !== input.kind)
    return { ok: false, fieldErrors: { kind: ["Le type d'un événement ne change pas : créez un autre événement."] } };
  const [check, referenceErrors] = await Promise.all([
    checkEventDate(organization, input.date, input.dateJustification, existing.eventDate),
    checkReferences(organization, input),
  ]);
  const fieldErrors = { ...check.fieldErrors, ...referenceErrors };
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors, proposal: check.proposal };
  const columns = eventColumns(input, check.justification);
  // Rendered once before the transaction: everyone concerned gets these same words.
  const after = { ...existing, ...columns };
  const move = await prepareMove(existing, after);
  const outcome = await write(async (tx) => {
    const current = await tx.event.findFirst({
      where: { id, organizationId: organization.id },
      select: { eventDate: true, startsAt: true, endsAt: true, location: true, status: true, capacity: true },
    });
    if (!current) return "missing" as const;
    // Another member changed the day, hours, place or status meanwhile: the message prepared above would be wrong.
    if (current.status !== existing.status || describeMove(current, existing)) return "concurrent" as const;
    const dayChanged = current.eventDate !== input.date;
    const hoursChanged =
      parisTimeOf(current.startsAt) !== input.startTime || parisTimeOf(current.endsAt) !== input.endTime;
    // Booked slots keep their hours: a fair with bookings may change its day, not its hours.
    const booked = (dayChanged || hoursChanged) && (await tx.booking.count({ where: { eventId: id } })) > 0;
    if (booked && hoursChanged) return "booked" as const;
    if (hoursChanged) {
      const stands = await tx.stand.findMany({
        where: { eventId: id },
        select: { opensAt: true, closesAt: true, name: true },
      });
      const outside = stands.find((stand) => !within(stand, input.startTime, input.endTime));
      if (outside) return { outside: outside.name } as const;
    }
    const updated = await tx.event.update({ where: { id }, data: columns });
    // A moved webinar moves its join-link and reminder jobs with it.
    await scheduleEventJobs(tx, updated);
    await tx.eventProcurement.deleteMany({ where: { eventId: id } });
    await tx.eventProcurement.createMany({
      data: [...new Set(input.plannedProcurementIds)].map((plannedProcurementId) => ({
        eventId: id,
        plannedProcurementId,
      })),
    });
    if (dayChanged) await (booked ? shiftSlots(tx, id, input.date) : regenerateSlots(tx, id, input.date));
    const notified = move ? await recordMove(tx, move, after, actor, organization, now) : 0;
    return {
      saved: true,
      notified,
      capacityRaised: (updated.capacity ?? Infinity) > (current.capacity ?? Infinity),
    } as const;
  });
  // More places: the waiting list gets them at once, in order (its own transaction, with emails).
  if (typeof outcome === "object" && "saved" in outcome && outcome.capacityRaised) await promoteFromWaitingList(id);
  if (outcome === "missing")
    return { ok: false, fieldErrors: {}, formErrors: [EVENT_NOT_FOUND_MESSAGE], notFound: true };
  if (outcome === "concurrent") return { ok: false, fieldErrors: {}, formErrors: [CONCURRENT_EDIT_MESSAGE] };
  if (outcome === "booked") return { ok: false, fieldErrors: {}, formErrors: [BOOKED_DATE_CHANGE_MESSAGE] };
  if ("outside" in outcome) {
    return {
      ok: false,
      fieldErrors: {
        startTime: [
          `Le stand « ${outcome.outside} » ouvre en dehors de ces heures : changez d'abord ses horaires, ou gardez des heures qui l'englobent.`,
        ],
      },
    };
  }
  return { ok: true, id, notified: outcome.notified };
}

// ---- stands -----------------------------------------------------------------------------------------

function within(stand: { opensAt: string; closesAt: string }, startTime: string, endTime: string): boolean {
  return minutesOf(stand.opensAt) >= minutesOf(startTime) && minutesOf(stand.closesAt) <= minutesOf(endTime);
}

export function parseStoredBreaks(stored: string): TimeRange[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed as TimeRange[]) : [];
  } catch {
    return [];
  }
}

function slotRows(
  standId: string,
  eventId: string,
  date: string,
  stand: { opensAt: string; closesAt: string; slotMinutes: number; breaks: string | readonly TimeRange[] },
) {
  const breaks = typeof stand.breaks === "string" ? parseStoredBreaks(stand.breaks) : stand.breaks;
  return generateSlots({
    date,
    opensAt: stand.opensAt,
    closesAt: stand.closesAt,
    slotMinutes: stand.slotMinutes,
    breaks,
  }).map((slot) => ({
    standId,
    eventId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
  }));
}

export type StandSaveResult =
  | { ok: true; id: string; slots: number }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors?: string[]; notFound?: boolean };

type StandEvent = { kind: string; eventDate: string; startsAt: Date; endsAt: Date; status: string };

/**
 * What adding and editing a stand both check: a fair that is on, a buyer holding it, hours within
 * the fair, the holder's procurements (published ones only when another organisation holds it).
 */
async function checkStand(
  organizerId: string,
  event: StandEvent | null,
  input: StandInput,
  now = new Date(),
): Promise<{
  fieldErrors: Record<string, string[]>;
  formErrors?: string[];
  notFound?: boolean;
  procurementIds: string[];
}> {
  const procurementIds = [...new Set(input.plannedProcurementIds)];
  if (!event) return { fieldErrors: {}, formErrors: [EVENT_NOT_FOUND_MESSAGE], notFound: true, procurementIds };
  if (event.kind !== "reverse_fair")
    return { fieldErrors: {}, formErrors: ["Seul un salon inversé a des stands."], procurementIds };
  if (event.status === "cancelled")
    return { fieldErrors: {}, formErrors: ["Cet événement est annulé."], procurementIds };
  if (event.endsAt <= now)
    return { fieldErrors: {}, formErrors: ["Ce salon est terminé : ses stands ne changent plus."], procurementIds };
  const fieldErrors: Record<string, string[]> = {};
  const holder = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: { kind: true, verificationStatus: true },
  });
  // A stand is public with its fair: another buyer holds one only once the platform verified it. The
  // organiser's own stand is checked when the fair is published.
  if (
    !holder ||
    holder.kind !== "buyer" ||
    (input.organizationId !== organizerId && holder.verificationStatus !== "approved")
  )
    fieldErrors.organizationId = ["Choisissez un acheteur public de la liste."];
  const startTime = parisTimeOf(event.startsAt);
  const endTime = parisTimeOf(event.endsAt);
  if (!within(input, startTime, endTime))
    fieldErrors.opensAt = [`Le stand doit ouvrir et fermer pendant le salon, de ${startTime} à ${endTime}.`];
  if (procurementIds.length && holder) {
    const linkable =
      input.organizationId === organizerId
        ? await db.plannedProcurement.count({
            where: { id: { in: procurementIds }, organizationId: organizerId, status: { not: "abandoned" } },
          })
        : (await publishedProcurements([input.organizationId], procurementIds)).length;
    if (linkable !== procurementIds.length)
      fieldErrors.plannedProcurementIds = [
        "Choisissez des achats de l'acheteur qui tient le stand (d'un autre acheteur que vous, seulement ceux qu'il a publiés).",
      ];
  }
  return { fieldErrors, procurementIds };
}

/** The stand's own columns, as the form gives them. */
function standColumns(input: StandInput) {
  return {
    organizationId: input.organizationId,
    name: input.name,
    needs: input.needs,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    slotMinutes: input.slotMinutes,
    breaks: JSON.stringify(input.breaks),
  };
}

const STAND_EVENT_FIELDS = { kind: true, eventDate: true, startsAt: true, endsAt: true, status: true } as const;

/** Adds a stand to a fair the organisation organises; the stand is held by a buyer organisation the organiser chooses. */
export async function addStand(
  actor: MeetingActor,
  organization: OrganizerOrganization,
  eventId: string,
  input: StandInput,
): Promise<StandSaveResult> {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId: organization.id },
    select: STAND_EVENT_FIELDS,
  });
  const check = await checkStand(organization.id, event, input);
  if (check.notFound || check.formErrors || Object.keys(check.fieldErrors).length)
    return { ok: false, fieldErrors: check.fieldErrors, formErrors: check.formErrors, notFound: check.notFound };
  void actor;
  return write(async (tx) => {
    const position = (await tx.stand.count({ where: { eventId } })) + 1;
    const stand = await tx.stand.create({
      data: {
        eventId,
        ...standColumns(input),
        position,
        procurements: { create: check.procurementIds.map((plannedProcurementId) => ({ plannedProcurementId })) },
      },
      select: { id: true },
    });
    const rows = slotRows(stand.id, eventId, event!.eventDate, { ...input });
    await tx.slot.createMany({ data: rows });
    // Public pages keep the stands in memory by the event's updatedAt: bump it.
    await tx.event.update({ where: { id: eventId }, data: { updatedAt: new Date() } });
    return { ok: true as const, id: stand.id, slots: rows.length };
  });
}

export const BOOKED_STAND_TIMING_MESSAGE =
  "Des entreprises ont déjà réservé à ce stand, ou attendent une place : ses horaires, la durée des rendez-vous, ses pauses et l'acheteur qui le tient ne peuvent plus changer. Le nom, les besoins et les achats liés, si.";

/**
 * Edits a stand. Its name, needs and linked procurements can change until the fair ends; its hours,
 * slot length, breaks and holder only while nobody booked or waits there (the slots are then made again).
 */
export async function updateStand(
  organization: OrganizerOrganization,
  eventId: string,
  standId: string,
  input: StandInput,
  now = new Date(),
): Promise<StandSaveResult> {
  const stand = await db.stand.findFirst({
    where: { id: standId, eventId, event: { organizationId: organization.id } },
    select: {
      organizationId: true,
      opensAt: true,
      closesAt: true,
      slotMinutes: true,
      breaks: true,
      event: { select: STAND_EVENT_FIELDS },
    },
  });
  const check = await checkStand(organization.id, stand?.event ?? null, input, now);
  if (check.notFound || check.formErrors || Object.keys(check.fieldErrors).length)
    return { ok: false, fieldErrors: check.fieldErrors, formErrors: check.formErrors, notFound: check.notFound };
  const timingChanged =
    stand!.opensAt !== input.opensAt ||
    stand!.closesAt !== input.closesAt ||
    stand!.slotMinutes !== input.slotMinutes ||
    stand!.breaks !== JSON.stringify(input.breaks) ||
    stand!.organizationId !== input.organizationId;
  return write(async (tx): Promise<StandSaveResult> => {
    // Read in the transaction: a booking made a moment ago keeps its slot.
    if (timingChanged) {
      const taken =
        (await tx.booking.count({ where: { standId } })) + (await tx.standWaitlistEntry.count({ where: { standId } }));
      if (taken > 0) return { ok: false, fieldErrors: { opensAt: [BOOKED_STAND_TIMING_MESSAGE] } };
    }
    await tx.stand.update({
      where: { id: standId },
      data: {
        ...standColumns(input),
        procurements: {
          deleteMany: {},
          create: check.procurementIds.map((plannedProcurementId) => ({ plannedProcurementId })),
        },
      },
    });
    let slots = await tx.slot.count({ where: { standId } });
    if (timingChanged) {
      await tx.slot.deleteMany({ where: { standId } });
      const rows = slotRows(standId, eventId, stand!.event.eventDate, { ...input });
      await tx.slot.createMany({ data: rows });
      slots = rows.length;
    }
    await tx.event.update({ where: { id: eventId }, data: { updatedAt: new Date() } });
    return { ok: true, id: standId, slots };
  });
}

export type SimpleResult = { ok: true } | { ok: false; message: string; notFound?: boolean };

/** Removes a stand that nobody booked yet. */
export async function removeStand(
  organization: { id: string },
  eventId: string,
  standId: string,
): Promise<SimpleResult> {
  return write(async (tx) => {
    const stand = await tx.stand.findFirst({
      where: { id: standId, eventId, event: { organizationId: organization.id } },
      select: { id: true },
    });
    if (!stand)
      return {
        ok: false,
        message: "Ce stand n'existe pas, ou votre organisation n'organise pas ce salon.",
        notFound: true,
      };
    if ((await tx.booking.count({ where: { standId } })) > 0)
      return {
        ok: false,
        message: "Des entreprises ont réservé des rendez-vous à ce stand : il ne peut plus être retiré.",
      };
    await tx.stand.delete({ where: { id: standId } });
    await tx.event.update({ where: { id: eventId }, data: { updatedAt: new Date() } });
    return { ok: true };
  });
}

// ---- publish ----------------------------------------------------------------------------------------

/** Publishes the event: it appears on /evenements and in the feeds. Recorded on the ledger. */
export async function publishEvent(
  actor: MeetingActor,
  organization: OrganizerOrganization,
  eventId: string,
  now = new Date(),
): Promise<SimpleResult> {
  return write(async (tx) => {
    const event = await tx.event.findFirst({
      where: { id: eventId, organizationId: organization.id },
      include: {
        procurements: { select: { plannedProcurementId: true } },
        stands: { select: { id: true, procurements: { select: { plannedProcurementId: true } } } },
      },
    });
    if (!event) return { ok: false, message: EVENT_NOT_FOUND_MESSAGE, notFound: true };
    if (event.status === "published") return { ok: false, message: "Cet événement est déjà publié." };
    const verification = await mayPublish(tx, organization.id);
    if (!verification.ok) return verification;
    if (event.status === "cancelled")
      return { ok: false, message: "Cet événement est annulé : il ne peut pas être publié." };
    if (event.kind === "reverse_fair" && event.stands.length === 0)
      return { ok: false, message: "Ajoutez au moins un stand avant de publier le salon." };
    if (event.startsAt <= now)
      return { ok: false, message: "Cet événement a déjà commencé : il ne peut plus être publié." };
    const published = await tx.event.update({
      where: { id: eventId },
      data: { status: "published", publishedAt: now },
    });
    await scheduleEventJobs(tx, published);
    await scheduleImmediateAlerts(tx, { kind: "event", id: eventId }, now);
    const procurementIds = [
      ...new Set([
        ...event.procurements.map((link) => link.plannedProcurementId),
        ...event.stands.flatMap((stand) => stand.procurements.map((link) => link.plannedProcurementId)),
      ]),
    ].sort();
    const standOrganizations = await tx.stand.findMany({ where: { eventId }, select: { organizationId: true } });
    await appendExchange(tx, {
      kind: "meeting.event_published",
      actor: { userId: actor.id, label: `${actor.name} (${organization.name})` },
      organizationIds: [
        organization.id,
        ...(event.coHostOrganizationId ? [event.coHostOrganizationId] : []),
        ...standOrganizations.map((stand) => stand.organizationId),
      ],
      eventId,
      plannedProcurementId: procurementIds.length === 1 ? procurementIds[0] : null,
      summary: `${EVENT_KINDS[event.kind as EventKind] ?? "Événement"} publié : « ${event.title} », le ${formatDateFr(event.eventDate)}.`,
      payload: {
        kind: event.kind,
        title: event.title,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        plannedProcurementIds: procurementIds,
        stands: event.stands.length,
      },
      occurredAt: now,
    });
    return { ok: true };
  });
}

// ---- reading ----------------------------------------------------------------------------------------

/**
 * The organisation's events: those it organises (drafts included), and those where it holds a stand
 * once the organiser published them (another organisation's draft stays private). Latest first.
 */
export function listOrganizerEvents(organizationId: string) {
  return db.event.findMany({
    where: {
      OR: [{ organizationId }, { stands: { some: { organizationId } }, status: { not: "draft" } }],
    },
    select: {
      id: true,
      kind: true,
      title: true,
      status: true,
      startsAt: true,
      endsAt: true,
      organizationId: true,
      _count: { select: { stands: true } },
    },
    orderBy: { startsAt: "desc" },
  });
}

/** One event the organisation organises, with its stands, slots, bookings and waiting lists. */
export function getOrganizerEvent(organizationId: string, eventId: string) {
  return db.event.findFirst({
    where: { id: eventId, organizationId },
    include: {
      coHost: { select: { id: true, name: true } },
      procurements: { include: { plannedProcurement: { select: { id: true, title: true } } } },
      stands: {
        orderBy: { position: "asc" },
        include: {
          organization: { select: { id: true, name: true } },
          procurements: { include: { plannedProcurement: { select: { id: true, title: true } } } },
          slots: {
            orderBy: { startsAt: "asc" },
            include: { booking: { include: { supplierOrganization: { select: { id: true, name: true } } } } },
          },
          waitlist: { orderBy: { position: "asc" } },
        },
      },
    },
  });
}

export type OrganizerEvent = NonNullable<Awaited<ReturnType<typeof getOrganizerEvent>>>;

const dateTimeLocal = (instant: Date) =>
  `${new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant)}T${parisTimeOf(instant)}`;

/** The form's values for a stored event. */
export function eventFormValues(event: OrganizerEvent) {
  return {
    kind: event.kind,
    title: event.title,
    description: event.description,
    departement: event.departement,
    location: event.location ?? undefined,
    onlineUrl: event.onlineUrl ?? undefined,
    coHostOrganizationId: event.coHostOrganizationId ?? undefined,
    date: event.eventDate,
    dateJustification: event.dateJustification ?? undefined,
    startTime: parisTimeOf(event.startsAt),
    endTime: parisTimeOf(event.endsAt),
    registrationDeadline: dateTimeLocal(event.registrationDeadline),
    cancellationCutoff: event.cancellationCutoff ? dateTimeLocal(event.cancellationCutoff) : undefined,
    capacity: event.capacity ?? undefined,
    plannedProcurementIds: event.procurements.map((link) => link.plannedProcurementId),
  };
}

export { dateTimeLocal, formatBreaks };

/** Choices for the event form: relays that may co-host, the organiser's procurements. */
export async function eventFormOptions(organization: { id: string; departement: string }) {
  const region = findRegionOf(organization.departement);
  const departements = region ? [...region.departements] : [organization.departement];
  const [relays, procurements] = await Promise.all([
    db.organization.findMany({
      where: {
        kind: "relay",
        verificationStatus: "approved",
        OR: [{ departement: { in: departements } }, { territory: { some: { departement: { in: departements } } } }],
      },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
    db.plannedProcurement.findMany({
      where: { organizationId: organization.id, status: { not: "abandoned" } },
      select: { id: true, title: true, expectedPublicationDate: true },
      orderBy: { expectedPublicationDate: "asc" },
      take: 300,
    }),
  ]);
  return { relays, procurements };
}

/**
 * Another buyer's procurements that the public can read: those in the latest published edition of
 * its plan (under their published title) and not withdrawn since. Its drafts, and what it has
 * planned but not published yet, are its own business.
 */
export async function publishedProcurements(organizationIds: string[], ids?: string[]) {
  if (!organizationIds.length) return [];
  const items = await db.planEditionItem.findMany({
    where: {
      organizationId: { in: organizationIds },
      edition: { isLatest: true },
      ...(ids ? { plannedProcurementId: { in: ids } } : {}),
    },
    select: { plannedProcurementId: true, title: true, organizationId: true },
    orderBy: { edition: { publishedAt: "desc" } },
    take: 2_000,
  });
  const withdrawn = new Set(
    (
      await db.plannedProcurement.findMany({
        where: { id: { in: items.map((item) => item.plannedProcurementId) }, status: "abandoned" },
        select: { id: true },
      })
    ).map((procurement) => procurement.id),
  );
  const byId = new Map<string, { id: string; title: string; organizationId: string }>();
  for (const item of items)
    if (!withdrawn.has(item.plannedProcurementId) && !byId.has(item.plannedProcurementId))
      byId.set(item.plannedProcurementId, {
        id: item.plannedProcurementId,
        title: item.title,
        organizationId: item.organizationId,
      });
  return [...byId.values()];
}

/**
 * Choices for the stand form: buyers of the organiser's région (organiser first), the organiser's
 * own procurements (work in progress included) and the other buyers' published ones.
 */
export async function standFormOptions(organization: { id: string; departement: string }) {
  const region = findRegionOf(organization.departement);
  const departements = region ? [...region.departements] : [organization.departement];
  const buyers = await db.organization.findMany({
    where: {
      kind: "buyer",
      OR: [{ id: organization.id }, { departement: { in: departements }, verificationStatus: "approved" }],
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 300,
  });
  buyers.sort((a, b) => (a.id === organization.id ? -1 : b.id === organization.id ? 1 : 0));
  const [own, others] = await Promise.all([
    db.plannedProcurement.findMany({
      where: { organizationId: organization.id, status: { not: "abandoned" } },
      select: { id: true, title: true, organizationId: true },
      take: 500,
    }),
    publishedProcurements(buyers.filter((buyer) => buyer.id !== organization.id).map((buyer) => buyer.id)),
  ]);
  const procurements = [...own, ...others].sort((a, b) => a.title.localeCompare(b.title, "fr")).slice(0, 500);
  return { buyers, procurements };
}

export function findRegionOf(departement: string) {
  return REGIONS.find((candidate) => (candidate.departements as readonly string[]).includes(departement));
}
