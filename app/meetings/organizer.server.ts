// The organiser's pages of an event (/acheteur/evenements/:id and its stands): the event of the
// buyer's organisation or a 404, and what those pages show, read in as few queries as the page needs
// (stand form choices for a fair only, the confirmed registrations for the other kinds only).
import { db } from "~/db/db.server";
import { requireBuyerRecord } from "~/plan/access.server";
import {
  EVENT_NOT_FOUND_MESSAGE,
  getOrganizerEvent,
  parseStoredBreaks,
  standFormOptions,
  type OrganizerEvent,
} from "./events.server";
import { formatBreaks } from "./slots";
import { timeRange } from "./ui";

export const STAND_NOT_FOUND_MESSAGE = "Ce stand n'existe pas, ou votre organisation n'organise pas ce salon.";

/** The buyer member and an event their organisation organises; a French 404 otherwise. */
export async function requireOrganizedEvent(request: Request, id: string) {
  const { buyer, record } = await requireBuyerRecord(
    request,
    (organizationId) => getOrganizerEvent(organizationId, id),
    EVENT_NOT_FOUND_MESSAGE,
  );
  return { buyer, event: record };
}

type OrganizerRef = { id: string; departement: string };

/** The stand form's choices, with each procurement's buyer named (the form groups them by buyer). */
async function standChoices(organization: OrganizerRef) {
  const options = await standFormOptions(organization);
  const buyerNames = new Map(options.buyers.map((buyer) => [buyer.id, buyer.name]));
  return {
    buyers: options.buyers,
    procurements: options.procurements.map((procurement) => ({
      id: procurement.id,
      title: procurement.title,
      organizationName: buyerNames.get(procurement.organizationId) ?? "",
    })),
  };
}

function hoursText(stand: { opensAt: string; closesAt: string; slotMinutes: number; breaks: string }): string {
  const breaks = parseStoredBreaks(stand.breaks);
  return `${stand.opensAt}–${stand.closesAt}, ${stand.slotMinutes} minutes${breaks.length ? `, pauses ${formatBreaks(breaks)}` : ""}`;
}

/** What the organiser's page of an event shows: details, stands with bookings and waiting lists, the stand form. */
export async function organizerEventPage(organization: OrganizerRef, event: OrganizerEvent, now = new Date()) {
  const isFair = event.kind === "reverse_fair";
  const waitingIds = [
    ...new Set(event.stands.flatMap((stand) => stand.waitlist.map((entry) => entry.supplierOrganizationId))),
  ];
  const [standOptions, waitingNames, registrations] = await Promise.all([
    isFair ? standChoices(organization) : Promise.resolve({ buyers: [], procurements: [] }),
    waitingIds.length
      ? db.organization.findMany({ where: { id: { in: waitingIds } }, select: { id: true, name: true } })
      : Promise.resolve([]),
    isFair ? Promise.resolve(0) : db.registration.count({ where: { eventId: event.id, status: "confirmed" } }),
  ]);
  const names = new Map(waitingNames.map((supplier) => [supplier.id, supplier.name]));
  return {
    event: {
      id: event.id,
      kind: event.kind,
      title: event.title,
      status: event.status,
      cancelledAt: event.cancelledAt?.toISOString() ?? null,
      cancellationReason: event.cancellationReason,
      ended: event.endsAt <= now,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      location: event.location,
      onlineUrl: event.onlineUrl,
      departement: event.departement,
      registrationDeadline: event.registrationDeadline.toISOString(),
      cancellationCutoff: event.cancellationCutoff?.toISOString() ?? null,
      capacity: event.capacity,
      coHost: event.coHost?.name ?? null,
      dateJustification: event.dateJustification,
      procurements: event.procurements.map((link) => link.plannedProcurement),
    },
    registrations,
    stands: event.stands.map((stand) => ({
      id: stand.id,
      name: stand.name,
      holder: stand.organization.name,
      needs: stand.needs,
      hours: hoursText(stand),
      procurements: stand.procurements.map((link) => link.plannedProcurement),
      slots: stand.slots.map((slot) => ({
        id: slot.id,
        time: timeRange(slot),
        supplier: slot.booking?.supplierOrganization.name ?? null,
        fromWaitlist: slot.booking?.source === "waiting_list",
      })),
      waitlist: stand.waitlist.map((entry) => names.get(entry.supplierOrganizationId) ?? "?"),
    })),
    standOptions,
    standDefaults: { organizationId: organization.id, opensAt: "09:00", closesAt: "12:00", slotMinutes: "20" },
  };
}

/**
 * The buyer member and the id of a stand of an event their organisation organises, read with one
 * light query before a form is even parsed: another organisation gets the page's 404, whatever it posts.
 */
export async function requireOrganizedStand(request: Request, eventId: string, standId: string) {
  const { buyer, record } = await requireBuyerRecord(
    request,
    (organizationId) =>
      db.stand.findFirst({
        where: { id: standId, eventId, event: { organizationId } },
        select: { id: true },
      }),
    STAND_NOT_FOUND_MESSAGE,
  );
  return { buyer, standId: record.id };
}

/**
 * The stand edit page: the stand of an event the organisation organises (a French 404 otherwise),
 * whether its timing is locked (somebody booked or waits), the form's choices and current values.
 */
export async function organizerStandPage(organization: OrganizerRef, eventId: string, standId: string) {
  const stand = await db.stand.findFirst({
    where: { id: standId, eventId, event: { organizationId: organization.id } },
    select: {
      id: true,
      name: true,
      needs: true,
      organizationId: true,
      opensAt: true,
      closesAt: true,
      slotMinutes: true,
      breaks: true,
      procurements: { select: { plannedProcurementId: true } },
      event: { select: { id: true, title: true } },
      _count: { select: { waitlist: true } },
    },
  });
  if (!stand) return null;
  const [choices, booked] = await Promise.all([
    standChoices(organization),
    db.booking.count({ where: { standId: stand.id } }),
  ]);
  return {
    event: stand.event,
    stand: { id: stand.id, name: stand.name },
    locked: booked + stand._count.waitlist > 0,
    ...choices,
    defaults: {
      organizationId: stand.organizationId,
      name: stand.name,
      needs: stand.needs,
      plannedProcurementIds: stand.procurements.map((link) => link.plannedProcurementId),
      opensAt: stand.opensAt,
      closesAt: stand.closesAt,
      slotMinutes: String(stand.slotMinutes),
      breaks: formatBreaks(parseStoredBreaks(stand.breaks)),
    },
  };
}
