// The organiser's page of an event (/acheteur/evenements/:id): its stands with who booked which
// slot and who waits in which order, the stand form's choices; for a webinar, the confirmed
// registrations. Read as the page shows it, from the meetings capability.
import { describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { bookSlot, joinStandWaitlist } from "~/meetings/bookings.server";
import { getOrganizerEvent } from "~/meetings/events.server";
import { organizerEventPage } from "~/meetings/organizer.server";
import { parisLocalToUtc } from "~/meetings/slots";
import { addDays } from "~/calendar/dates";
import { openDayFrom } from "../support/days";
import { must } from "../support/must";
import { createBuyer } from "../plan/fixtures";
import { createSupplier, ORIGIN, publishedFair, supplierActor } from "./fair-fixtures";

describe("organizerEventPage", () => {
  it("shows a fair's stands with their bookings, waiting list in order, and the stand form's choices", async () => {
    const fair = await publishedFair();
    const slots = await db.slot.findMany({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    const names = ["Menuiserie Perrin", "Plomberie Roux", "Élec Blanc"];
    for (const [index, name] of names.entries()) {
      const supplier = await createSupplier(name);
      must(await bookSlot(supplierActor(supplier), supplier.organization.id, slots[index]!.id, { origin: ORIGIN }));
    }
    for (const name of ["Peintures Girard", "Vitrerie Moulin"]) {
      const waiting = await createSupplier(name);
      must(await joinStandWaitlist(supplierActor(waiting), waiting.organization.id, fair.standId));
    }
    const event = await getOrganizerEvent(fair.buyer.organization.id, fair.eventId);
    const page = await organizerEventPage(fair.buyer.organization, event!);

    expect(page.event).toMatchObject({ id: fair.eventId, kind: "reverse_fair", status: "published", ended: false });
    expect(page.registrations).toBe(0);
    expect(page.stands).toEqual([
      expect.objectContaining({
        id: fair.standId,
        name: "Entretien des bâtiments",
        holder: "Métropole Rhône-Confluence",
        hours: "09:00–10:00, 20 minutes",
        slots: [
          { id: slots[0]!.id, time: "09:00–09:20", supplier: "Menuiserie Perrin", fromWaitlist: false },
          { id: slots[1]!.id, time: "09:20–09:40", supplier: "Plomberie Roux", fromWaitlist: false },
          { id: slots[2]!.id, time: "09:40–10:00", supplier: "Élec Blanc", fromWaitlist: false },
        ],
        waitlist: ["Peintures Girard", "Vitrerie Moulin"],
      }),
    ]);
    expect(page.standOptions.buyers[0]).toEqual({
      id: fair.buyer.organization.id,
      name: "Métropole Rhône-Confluence",
    });
    expect(page.standDefaults.organizationId).toBe(fair.buyer.organization.id);
  });

  it("counts a webinar's confirmed registrations and offers no stand choices", async () => {
    const buyer = await createBuyer({ name: "Commune de Vénissieux", departement: "69" });
    const date = openDayFrom(30);
    const webinar = await write((tx) =>
      tx.event.create({
        data: {
          kind: "webinar",
          organizationId: buyer.organization.id,
          title: "Webinaire des achats de voirie",
          description: "Présentation des besoins de voirie de la commune.",
          departement: "69",
          onlineUrl: "https://visio.exemple.fr/salle",
          startsAt: parisLocalToUtc(date, "12:30"),
          endsAt: parisLocalToUtc(date, "13:30"),
          eventDate: date,
          registrationDeadline: parisLocalToUtc(addDays(date, -1), "18:00"),
          capacity: 40,
          status: "published",
          createdById: buyer.user.id,
        },
      }),
    );
    const suppliers = await Promise.all(["Voirie A", "Voirie B", "Voirie C"].map((name) => createSupplier(name)));
    await write((tx) =>
      tx.registration.createMany({
        data: suppliers.map((supplier, index) => ({
          eventId: webinar.id,
          userId: supplier.user.id,
          organizationId: supplier.organization.id,
          email: supplier.user.email,
          status: index === 2 ? "waiting" : "confirmed",
        })),
      }),
    );
    const event = await getOrganizerEvent(buyer.organization.id, webinar.id);
    const page = await organizerEventPage(buyer.organization, event!);
    expect(page.registrations).toBe(2);
    expect(page.stands).toEqual([]);
    expect(page.standOptions).toEqual({ buyers: [], procurements: [] });
    expect(page.event).toMatchObject({ kind: "webinar", capacity: 40, onlineUrl: "https://visio.exemple.fr/salle" });
  });
});
