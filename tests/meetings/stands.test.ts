// Editing a stand: its name, needs and procurements change freely; its hours, slot length, breaks
// and holder only while nobody booked or waits there, and then its slots are made again.
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache } from "~/calendar/calendar.server";
import { db } from "~/db/db.server";
import { bookSlot } from "~/meetings/bookings.server";
import { BOOKED_STAND_TIMING_MESSAGE, updateStand } from "~/meetings/events.server";
import { createBuyer } from "../plan/fixtures";
import { createSupplier, ORIGIN, publishedFair, standInput, supplierActor } from "./fair-fixtures";

beforeAll(() => invalidateCalendarCache());

const edited = (organizationId: string, overrides: Record<string, unknown> = {}) =>
  standInput(organizationId, overrides);

describe("editing a stand", () => {
  it("remakes the slots when nobody booked, and keeps a booking when only the words change", async () => {
    const fair = await publishedFair(); // 09:00-10:00, three 20-minute slots
    const organizationId = fair.buyer.organization.id;
    const longer = await updateStand(
      fair.buyer.organization,
      fair.eventId,
      fair.standId,
      edited(organizationId, { closesAt: "11:00", slotMinutes: "30" }),
    );
    expect(longer).toMatchObject({ ok: true, slots: 4 });
    expect(await db.slot.count({ where: { standId: fair.standId } })).toBe(4);

    const slot = await db.slot.findFirstOrThrow({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    const supplier = await createSupplier("Menuiserie Perrin");
    expect((await bookSlot(supplierActor(supplier), supplier.organization.id, slot.id, { origin: ORIGIN })).ok).toBe(
      true,
    );

    const renamed = await updateStand(
      fair.buyer.organization,
      fair.eventId,
      fair.standId,
      edited(organizationId, {
        closesAt: "11:00",
        slotMinutes: "30",
        name: "Bâtiments scolaires",
        needs: "Nous cherchons des entreprises pour l'entretien de nos écoles et gymnases.",
      }),
    );
    expect(renamed).toMatchObject({ ok: true, slots: 4 });
    const stand = await db.stand.findUniqueOrThrow({ where: { id: fair.standId } });
    expect(stand.name).toBe("Bâtiments scolaires");
    expect(
      await db.booking.count({ where: { slotId: slot.id, supplierOrganizationId: supplier.organization.id } }),
    ).toBe(1);
  });

  it("refuses new hours once someone booked, changing nothing; refuses another organisation", async () => {
    const fair = await publishedFair();
    const organizationId = fair.buyer.organization.id;
    const slots = await db.slot.findMany({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    const supplier = await createSupplier("Plomberie Roux");
    expect(
      (await bookSlot(supplierActor(supplier), supplier.organization.id, slots[0]!.id, { origin: ORIGIN })).ok,
    ).toBe(true);

    const refused = await updateStand(
      fair.buyer.organization,
      fair.eventId,
      fair.standId,
      edited(organizationId, { closesAt: "12:00", name: "Nouveau nom" }),
    );
    expect(refused).toMatchObject({ ok: false, fieldErrors: { opensAt: [BOOKED_STAND_TIMING_MESSAGE] } });
    expect((await db.stand.findUniqueOrThrow({ where: { id: fair.standId } })).closesAt).toBe("10:00");
    expect(
      (await db.slot.findMany({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } })).map(
        (slot) => slot.id,
      ),
    ).toEqual(slots.map((slot) => slot.id));

    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });
    expect(await updateStand(stranger.organization, fair.eventId, fair.standId, edited(organizationId))).toMatchObject({
      ok: false,
      notFound: true,
    });
  });
});
