// A supplier organisation's agenda page (/fournisseur/agenda): its upcoming stand bookings and its
// members' confirmed registrations, soonest first. Cancelled events stay listed (flagged by their
// status): someone who planned to come must see that it is off.
import { db } from "~/db/db.server";

/** Bookings whose slot has not ended and confirmed registrations to events that have not ended. */
export async function upcomingAgenda(organizationId: string, now = new Date()) {
  const [bookings, registrations] = await Promise.all([
    db.booking.findMany({
      where: { supplierOrganizationId: organizationId, slot: { endsAt: { gte: now } } },
      select: {
        id: true,
        slot: {
          select: {
            startsAt: true,
            endsAt: true,
            stand: {
              select: {
                name: true,
                organization: { select: { name: true } },
                event: { select: { id: true, title: true, status: true } },
              },
            },
          },
        },
      },
      orderBy: { slot: { startsAt: "asc" } },
    }),
    db.registration.findMany({
      where: { organizationId, status: "confirmed", event: { endsAt: { gte: now } } },
      select: {
        id: true,
        email: true,
        event: { select: { id: true, kind: true, title: true, startsAt: true, endsAt: true, status: true } },
      },
      orderBy: { event: { startsAt: "asc" } },
    }),
  ]);
  return { bookings, registrations };
}
