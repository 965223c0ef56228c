// The supplier's agenda page data (/fournisseur/agenda): its own upcoming bookings and confirmed
// registrations, nothing of other organisations, nothing that has ended; and who may open the page.
import { describe, expect, it } from "vitest";
import { addDays } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { requireSupplierMember, SUPPLIER_ONLY_MESSAGE } from "~/meetings/access.server";
import { upcomingAgenda } from "~/meetings/agenda.server";
import { bookSlot } from "~/meetings/bookings.server";
import { parisLocalToUtc } from "~/meetings/slots";
import { openDayFrom } from "../support/days";
import { sessionCookie } from "../support/http";
import { createSupplier, ORIGIN, publishedFair, supplierActor } from "./fair-fixtures";

async function webinar(organizationId: string, createdById: string, date: string, title: string) {
  return write((tx) =>
    tx.event.create({
      data: {
        kind: "webinar",
        organizationId,
        title,
        description: "Présentation des besoins de restauration collective.",
        departement: "69",
        onlineUrl: "https://visio.exemple.fr/salle",
        startsAt: parisLocalToUtc(date, "12:30"),
        endsAt: parisLocalToUtc(date, "13:30"),
        eventDate: date,
        registrationDeadline: parisLocalToUtc(addDays(date, -1), "18:00"),
        status: "published",
        createdById,
      },
    }),
  );
}

describe("upcomingAgenda", () => {
  it("lists the organisation's upcoming bookings and confirmed registrations, soonest first", async () => {
    const { standId, buyer } = await publishedFair();
    const supplier = await createSupplier("Entreprise Agenda");
    const other = await createSupplier("Entreprise Voisine");
    const [first, second] = await db.slot.findMany({ where: { standId }, orderBy: { startsAt: "asc" } });
    const booked = await bookSlot(supplierActor(supplier), supplier.organization.id, second!.id, { origin: ORIGIN });
    expect(booked.ok).toBe(true);
    expect((await bookSlot(supplierActor(other), other.organization.id, first!.id, { origin: ORIGIN })).ok).toBe(true);

    const later = await webinar(buyer.organization.id, buyer.user.id, openDayFrom(60), "Webinaire plus tard");
    const sooner = await webinar(buyer.organization.id, buyer.user.id, openDayFrom(20), "Webinaire bientôt");
    const past = await webinar(buyer.organization.id, buyer.user.id, addDays(openDayFrom(0), -30), "Webinaire passé");
    const waiting = await webinar(buyer.organization.id, buyer.user.id, openDayFrom(30), "Webinaire complet");
    const registration = (eventId: string, status = "confirmed") => ({
      eventId,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      email: supplier.user.email,
      status,
    });
    await write((tx) =>
      tx.registration.createMany({
        data: [
          registration(later.id),
          registration(sooner.id),
          registration(past.id),
          registration(waiting.id, "waiting"),
          { ...registration(sooner.id), userId: other.user.id, organizationId: other.organization.id },
        ],
      }),
    );

    const agenda = await upcomingAgenda(supplier.organization.id);
    expect(agenda.bookings.map((booking) => booking.id)).toEqual([booked.ok ? booked.bookingId : ""]);
    expect(agenda.bookings[0]!.slot.stand).toMatchObject({
      name: "Entretien des bâtiments",
      organization: { name: "Métropole Rhône-Confluence" },
      event: { status: "published" },
    });
    expect(agenda.registrations.map((entry) => entry.event.title)).toEqual([
      "Webinaire bientôt",
      "Webinaire plus tard",
    ]);
    expect(agenda.registrations[0]!.email).toBe(supplier.user.email);
  });
});

describe("requireSupplierMember", () => {
  it("lets a member acting for a supplier in, and answers 403 to a buyer", async () => {
    const { buyer } = await publishedFair();
    const supplier = await createSupplier("Entreprise Membre");
    const asSupplier = new Request(`${ORIGIN}/fournisseur/agenda`, {
      headers: { Cookie: await sessionCookie(supplier.user.id, supplier.organization.id) },
    });
    expect((await requireSupplierMember(asSupplier)).organization).toMatchObject({
      id: supplier.organization.id,
      kind: "supplier",
    });
    const asBuyer = new Request(`${ORIGIN}/fournisseur/agenda`, {
      headers: { Cookie: await sessionCookie(buyer.user.id, buyer.organization.id) },
    });
    const refusal = await requireSupplierMember(asBuyer).catch((thrown: unknown) => thrown);
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(403);
    expect(await (refusal as Response).text()).toBe(SUPPLIER_ONLY_MESSAGE);
  });
});
