// Public side of events: the list with its filters (kind, département or région, organiser, date
// range) and an event's page. Only published events are public; who booked a slot is never shown.
import { todayInParis } from "~/calendar/dates";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { findRegion } from "~/territory/regions";
import { bookingCancelDeadline, supplierFairState } from "./bookings.server";
import type { EventFilters } from "./filters";
import { parisLocalToUtc, parisTimeOf } from "./slots";
import { timeRange } from "./ui";

/** Published events, and cancelled ones (shown as cancelled: someone who planned to come must see it). */
export const PUBLIC_EVENT_STATUSES = ["published", "cancelled"];

export function publicEventWhere(filters: EventFilters, now = new Date()): Prisma.EventWhereInput {
  const where: Prisma.EventWhereInput = { status: { in: PUBLIC_EVENT_STATUSES } };
  const from = filters.du ? parisLocalToUtc(filters.du, "00:00") : now;
  where.endsAt = { gte: from };
  if (filters.au) where.startsAt = { lt: parisLocalToUtc(filters.au, "23:59") };
  if (filters.type) where.kind = filters.type;
  if (filters.departement) where.departement = filters.departement;
  else if (filters.region) where.departement = { in: [...(findRegion(filters.region)?.departements ?? [])] };
  if (filters.organisateur) where.organization = { slug: filters.organisateur };
  return where;
}

export const PUBLIC_LIST_LIMIT = 200;

/** Published events matching the filters, soonest first, with what the list shows. */
export async function listPublicEvents(filters: EventFilters, now = new Date()) {
  const where = publicEventWhere(filters, now);
  const [total, events] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: { startsAt: "asc" },
      take: PUBLIC_LIST_LIMIT,
      select: {
        id: true,
        kind: true,
        title: true,
        departement: true,
        location: true,
        startsAt: true,
        endsAt: true,
        eventDate: true,
        capacity: true,
        status: true,
        organization: { select: { name: true, slug: true } },
        coHost: { select: { name: true } },
        _count: { select: { stands: true } },
      },
    }),
  ]);
  return { total, events };
}

/** Organisers that have published events (for the filter's list). */
export async function organizerOptions() {
  return db.organization.findMany({
    where: { organizedEvents: { some: { status: "published" } } },
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
    take: 300,
  });
}

/** The days shown by default: from today. */
export function defaultFrom(): string {
  return todayInParis();
}

/**
 * What an event page shows that changes only when the organiser edits the event or its stands
 * (every such write bumps Event.updatedAt): stands, their slots' times, the public procurements.
 * Kept in memory by (id, updatedAt), so that a page view only reads what bookings change.
 */
interface StaticEventPart {
  stands: {
    id: string;
    name: string;
    needs: string;
    opensAt: string;
    closesAt: string;
    slotMinutes: number;
    organization: { name: string; slug: string };
    procurements: { id: string; title: string }[];
    /** label: "09:20–09:40" in Paris time, formatted once (Intl formatting is slow for 720 slots per view). */
    slots: { id: string; startsAt: Date; endsAt: Date; label: string }[];
  }[];
  procurements: { id: string; title: string }[];
}

const staticParts = new Map<string, { version: number; part: StaticEventPart }>();
const STATIC_PARTS_MAX = 200;

async function loadStaticPart(eventId: string): Promise<StaticEventPart> {
  const [stands, slots, eventLinks, standLinks] = await Promise.all([
    db.stand.findMany({
      where: { eventId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        name: true,
        needs: true,
        opensAt: true,
        closesAt: true,
        slotMinutes: true,
        organization: { select: { name: true, slug: true } },
      },
    }),
    db.slot.findMany({
      where: { eventId },
      orderBy: { startsAt: "asc" },
      select: { id: true, standId: true, startsAt: true, endsAt: true },
    }),
    db.eventProcurement.findMany({ where: { eventId }, select: { plannedProcurementId: true } }),
    db.standProcurement.findMany({
      where: { stand: { eventId } },
      select: { standId: true, plannedProcurementId: true },
    }),
  ]);
  const linkedIds = [
    ...new Set([
      ...eventLinks.map((link) => link.plannedProcurementId),
      ...standLinks.map((link) => link.plannedProcurementId),
    ]),
  ];
  // Only procurements that a published edition of the plan made public are named.
  const published = linkedIds.length
    ? await db.planEditionItem.findMany({
        where: { plannedProcurementId: { in: linkedIds } },
        select: { plannedProcurementId: true, title: true },
        orderBy: { edition: { publishedAt: "desc" } },
      })
    : [];
  const titles = new Map<string, string>();
  for (const item of published)
    if (!titles.has(item.plannedProcurementId)) titles.set(item.plannedProcurementId, item.title);
  const procurement = (id: string) => (titles.has(id) ? [{ id, title: titles.get(id)! }] : []);
  const slotsByStand = new Map<string, StaticEventPart["stands"][number]["slots"]>();
  for (const slot of slots) {
    const list = slotsByStand.get(slot.standId) ?? [];
    list.push({
      id: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      label: `${parisTimeOf(slot.startsAt)}–${parisTimeOf(slot.endsAt)}`,
    });
    slotsByStand.set(slot.standId, list);
  }
  return {
    procurements: eventLinks.flatMap((link) => procurement(link.plannedProcurementId)),
    stands: stands.map((stand) => ({
      ...stand,
      procurements: standLinks
        .filter((link) => link.standId === stand.id)
        .flatMap((link) => procurement(link.plannedProcurementId)),
      slots: slotsByStand.get(stand.id) ?? [],
    })),
  };
}

async function staticPart(eventId: string, updatedAt: Date): Promise<StaticEventPart> {
  const cached = staticParts.get(eventId);
  if (cached && cached.version === updatedAt.getTime()) return cached.part;
  const part = await loadStaticPart(eventId);
  if (staticParts.size >= STATIC_PARTS_MAX) staticParts.clear();
  staticParts.set(eventId, { version: updatedAt.getTime(), part });
  return part;
}

/** A published event's page: organiser, co-host, linked procurements that are public, stands with free slots, materials. */
export async function getPublicEvent(id: string) {
  const event = await db.event.findFirst({
    where: { id, status: { in: PUBLIC_EVENT_STATUSES } },
    select: {
      id: true,
      status: true,
      cancelledAt: true,
      cancellationReason: true,
      kind: true,
      title: true,
      description: true,
      departement: true,
      location: true,
      startsAt: true,
      endsAt: true,
      eventDate: true,
      dateJustification: true,
      registrationDeadline: true,
      cancellationCutoff: true,
      capacity: true,
      updatedAt: true,
      organizationId: true,
      organization: { select: { name: true, slug: true } },
      coHost: { select: { name: true } },
    },
  });
  if (!event) return null;
  const isFair = event.kind === "reverse_fair";
  const [part, booked, waiting, materials, confirmed] = await Promise.all([
    staticPart(id, event.updatedAt),
    isFair ? db.booking.findMany({ where: { eventId: id }, select: { slotId: true } }) : Promise.resolve([]),
    isFair
      ? db.standWaitlistEntry.groupBy({ by: ["standId"], where: { stand: { eventId: id } }, _count: { _all: true } })
      : Promise.resolve([]),
    db.eventMaterial.findMany({
      where: { eventId: id },
      orderBy: { publishedAt: "asc" },
      select: { id: true, kind: true, title: true, url: true, publishedAt: true },
    }),
    isFair ? Promise.resolve(0) : db.registration.count({ where: { eventId: id, status: "confirmed" } }),
  ]);
  const taken = new Set(booked.map((booking) => booking.slotId));
  const waitingByStand = new Map(waiting.map((row) => [row.standId, row._count._all]));
  return {
    ...event,
    materials,
    procurements: part.procurements,
    stands: part.stands.map((stand) => ({
      ...stand,
      slots: stand.slots.map((slot) => ({ ...slot, taken: taken.has(slot.id) })),
      waitlistCount: waitingByStand.get(stand.id) ?? 0,
    })),
    placesLeft: event.capacity === null ? null : Math.max(0, event.capacity - confirmed),
    confirmedRegistrations: confirmed,
  };
}

export type PublicEvent = NonNullable<Awaited<ReturnType<typeof getPublicEvent>>>;

/** Who looks at an event page (see currentActor): nobody signed in, or a user acting for an organisation. */
export interface EventViewer {
  organization: { id: string; name: string; kind: string } | null;
}

/**
 * What a published event's page shows to this viewer: the event, its stands with their free slots
 * (a supplier gets them to choose from, others read their times), and a supplier's own bookings at
 * the fair (with until when each can be cancelled online) and places in the stands' waiting lists.
 */
export async function publicEventPage(
  id: string,
  /** Read once the event is known: a missing event costs no session read. */
  viewerOf: () => Promise<EventViewer | null>,
  now = new Date(),
) {
  const event = await getPublicEvent(id);
  if (!event) return null;
  const viewer = await viewerOf();
  const cancelled = event.status === "cancelled";
  const supplier = viewer?.organization?.kind === "supplier" ? viewer.organization : null;
  const state = supplier && event.kind === "reverse_fair" ? await supplierFairState(supplier.id, event.id) : null;
  const standsById = new Map(event.stands.map((stand) => [stand.id, stand]));
  return {
    event: {
      id: event.id,
      kind: event.kind,
      title: event.title,
      description: event.description,
      departement: event.departement,
      location: event.location,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      dateJustification: event.dateJustification,
      registrationDeadline: event.registrationDeadline.toISOString(),
      cancellationCutoff: event.cancellationCutoff?.toISOString() ?? null,
      registrationOpen: !cancelled && now < event.registrationDeadline,
      cancelled: cancelled
        ? { at: event.cancelledAt?.toISOString() ?? null, reason: event.cancellationReason ?? "" }
        : null,
      capacity: event.capacity,
      placesLeft: event.placesLeft,
      organizer: event.organization,
      coHost: event.coHost?.name ?? null,
      procurements: event.procurements,
      materials: event.materials.map((material) => ({ ...material, publishedAt: material.publishedAt.toISOString() })),
      past: event.endsAt <= now,
    },
    stands: event.stands.map((stand) => {
      const free = stand.slots.filter((slot) => !slot.taken && slot.startsAt > now);
      return {
        id: stand.id,
        name: stand.name,
        needs: stand.needs,
        holder: stand.organization.name,
        hours: `${stand.opensAt}–${stand.closesAt}, créneaux de ${stand.slotMinutes} minutes`,
        procurements: stand.procurements,
        slotCount: stand.slots.length,
        freeCount: free.length,
        // Only a supplier gets the slots to choose from; others read the times (a lighter page).
        freeSlots: supplier ? free.map((slot) => ({ id: slot.id, label: slot.label })) : [],
        freeLabels: supplier ? "" : free.map((slot) => slot.label).join(", "),
        waitlistCount: stand.waitlistCount,
      };
    }),
    viewer: viewer
      ? {
          signedIn: true,
          organizationId: viewer.organization?.id ?? null,
          organizationName: viewer.organization?.name ?? null,
          isSupplier: Boolean(supplier),
          isOrganizer: viewer.organization?.id === event.organizationId,
        }
      : { signedIn: false, organizationId: null, organizationName: null, isSupplier: false, isOrganizer: false },
    mine: state
      ? {
          bookings: state.bookings.map((booking) => {
            const found = standsById.get(booking.standId);
            const deadline = bookingCancelDeadline(event, booking.slot);
            return {
              id: booking.id,
              standId: booking.standId,
              standName: found?.name ?? "",
              holder: found?.organization.name ?? "",
              time: timeRange(booking.slot),
              fromWaitlist: booking.source === "waiting_list",
              cancellable: !cancelled && now < deadline,
              cancelUntil: deadline.toISOString(),
            };
          }),
          waitlistRanks: state.waitlistRanks,
        }
      : null,
  };
}

/** Upcoming published events linked to a planned procurement (directly or through a stand). */
export function eventsForProcurement(plannedProcurementId: string, now = new Date()) {
  return db.event.findMany({
    where: {
      status: "published",
      endsAt: { gte: now },
      OR: [
        { procurements: { some: { plannedProcurementId } } },
        { stands: { some: { procurements: { some: { plannedProcurementId } } } } },
      ],
    },
    select: {
      id: true,
      kind: true,
      title: true,
      startsAt: true,
      endsAt: true,
      organization: { select: { name: true } },
    },
    orderBy: { startsAt: "asc" },
    take: 20,
  });
}

/** Published events for search engines (drafts never; cancelled ones keep their page but are not listed). */
export function publishedEventPages() {
  return db.event.findMany({
    where: { status: "published" },
    orderBy: { startsAt: "desc" },
    select: { id: true, updatedAt: true },
  });
}
