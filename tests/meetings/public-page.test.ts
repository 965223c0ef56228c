// A published event's page (/evenements/:id) as the meetings capability assembles it: a supplier's
// bookings with until when each can be cancelled online (the rule of bookings.server.ts), the free
// slots offered to a supplier and only listed for others, and who the viewer is.
import { describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { bookingCancelDeadline, bookSlot } from "~/meetings/bookings.server";
import { publicEventPage } from "~/meetings/public.server";
import { parisLocalToUtc } from "~/meetings/slots";
import { must } from "../support/must";
import { createSupplier, EVE, FAIR_DATE, ORIGIN, publishedFair, supplierActor } from "./fair-fixtures";

describe("bookingCancelDeadline", () => {
  it("is the event's cutoff when it has one, else the slot's start", () => {
    const slot = { startsAt: new Date("2027-03-10T08:00:00Z") };
    const cutoff = new Date("2027-03-09T11:00:00Z");
    expect(bookingCancelDeadline({ cancellationCutoff: cutoff }, slot)).toEqual(cutoff);
    expect(bookingCancelDeadline({ cancellationCutoff: null }, slot)).toEqual(slot.startsAt);
  });
});

describe("publicEventPage", () => {
  it("gives a supplier its booking, cancellable until the cutoff, and the free slots to choose from", async () => {
    const fair = await publishedFair();
    const supplier = await createSupplier("Menuiserie Perrin");
    const slots = await db.slot.findMany({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    must(await bookSlot(supplierActor(supplier), supplier.organization.id, slots[0]!.id, { origin: ORIGIN }));
    const asSupplier = { organization: { id: supplier.organization.id, name: "Menuiserie Perrin", kind: "supplier" } };

    const page = await publicEventPage(fair.eventId, () => Promise.resolve(asSupplier));
    expect(page?.viewer).toEqual({
      signedIn: true,
      organizationId: supplier.organization.id,
      organizationName: "Menuiserie Perrin",
      isSupplier: true,
      isOrganizer: false,
    });
    expect(page?.mine?.bookings).toEqual([
      {
        id: expect.any(String),
        standId: fair.standId,
        standName: "Entretien des bâtiments",
        holder: "Métropole Rhône-Confluence",
        time: "09:00–09:20",
        fromWaitlist: false,
        cancellable: true,
        cancelUntil: parisLocalToUtc(EVE, "12:00").toISOString(),
      },
    ]);
    expect(page?.stands[0]).toMatchObject({
      freeCount: 2,
      freeSlots: [
        { id: slots[1]!.id, label: "09:20–09:40" },
        { id: slots[2]!.id, label: "09:40–10:00" },
      ],
      freeLabels: "",
    });

    // After the cutoff the booking can no longer be cancelled online.
    const afterCutoff = await publicEventPage(
      fair.eventId,
      () => Promise.resolve(asSupplier),
      parisLocalToUtc(EVE, "12:01"),
    );
    expect(afterCutoff?.mine?.bookings[0]).toMatchObject({ cancellable: false });
  });

  it("without a cutoff, a booking can be cancelled until its slot starts", async () => {
    const fair = await publishedFair();
    await write((tx) => tx.event.update({ where: { id: fair.eventId }, data: { cancellationCutoff: null } }));
    const supplier = await createSupplier("Plomberie Roux");
    const slots = await db.slot.findMany({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    must(await bookSlot(supplierActor(supplier), supplier.organization.id, slots[1]!.id, { origin: ORIGIN }));
    const page = await publicEventPage(fair.eventId, () =>
      Promise.resolve({ organization: { id: supplier.organization.id, name: "Plomberie Roux", kind: "supplier" } }),
    );
    expect(page?.event.cancellationCutoff).toBeNull();
    expect(page?.mine?.bookings[0]).toMatchObject({
      cancellable: true,
      cancelUntil: parisLocalToUtc(FAIR_DATE, "09:20").toISOString(),
    });
  });

  it("lists the free times to a visitor, with no slot to choose, and is null for an unknown event", async () => {
    const fair = await publishedFair();
    const page = await publicEventPage(fair.eventId, () => Promise.resolve(null));
    expect(page?.viewer).toMatchObject({ signedIn: false, isSupplier: false });
    expect(page?.mine).toBeNull();
    expect(page?.stands[0]).toMatchObject({
      freeSlots: [],
      freeLabels: "09:00–09:20, 09:20–09:40, 09:40–10:00",
    });
    let asked = false;
    expect(
      await publicEventPage("inconnu", () => {
        asked = true;
        return Promise.resolve(null);
      }),
    ).toBeNull();
    expect(asked).toBe(false);
  });
});
