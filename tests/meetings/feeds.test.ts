// Event feeds parsed with a real iCalendar parser: the public feed holds published events only, at
// the right instants; the private feed holds the organisation's bookings and confirmed
// registrations, and a regenerated link makes the old one answer 404.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { bookSlot } from "~/meetings/bookings.server";
import { createEvent } from "~/meetings/events.server";
import { buildPublicEventsIcs, organizationFeed, regenerateFeedToken } from "~/meetings/feeds.server";
import { parisLocalToUtc } from "~/meetings/slots";
import { addDays } from "~/calendar/dates";
import { openDayFrom } from "../support/days";
import { createSupplier, FAIR_DATE, fairInput, ORIGIN, publishedFair, supplierActor } from "./fair-fixtures";

const WEBINAR_DATE = openDayFrom(45);

function events(text: string) {
  return new ICAL.Component(ICAL.parse(text))
    .getAllSubcomponents("vevent")
    .map((component) => new ICAL.Event(component));
}

describe("public feed", () => {
  it("lists published events at their UTC instants, not drafts", async () => {
    const { eventId, buyer } = await publishedFair();
    const draft = await createEvent(
      buyer.actor,
      buyer.organization,
      fairInput({ title: "Brouillon jamais publié du salon" }),
    );
    expect(draft.ok).toBe(true);
    const text = await buildPublicEventsIcs(ORIGIN, new URLSearchParams());
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const found = events(text);
    const fair = found.find((event) => event.uid === `event-${eventId}@amont`);
    expect(fair?.summary).toContain("Salon inversé : Salon inversé des achats de la Métropole");
    expect(fair?.startDate.toJSDate()).toEqual(parisLocalToUtc(FAIR_DATE, "09:00"));
    expect(found.some((event) => event.summary.includes("Brouillon"))).toBe(false);
    // Filters of the list apply.
    expect(
      events(await buildPublicEventsIcs(ORIGIN, new URLSearchParams({ type: "webinar" }))).some(
        (event) => event.uid === `event-${eventId}@amont`,
      ),
    ).toBe(false);
  });
});

describe("private feed", () => {
  it("holds the organisation's bookings and confirmed registrations; a new link retires the old one", async () => {
    const { standId, buyer } = await publishedFair();
    const supplier = await createSupplier("Entreprise Agenda");
    const outsider = await createSupplier("Entreprise Curieuse");
    const [slot] = await db.slot.findMany({ where: { standId }, orderBy: { startsAt: "asc" } });
    expect((await bookSlot(supplierActor(supplier), supplier.organization.id, slot!.id, { origin: ORIGIN })).ok).toBe(
      true,
    );
    const webinar = await write((tx) =>
      tx.event.create({
        data: {
          kind: "webinar",
          organizationId: buyer.organization.id,
          title: "Webinaire restauration collective",
          description: "Présentation des besoins de restauration collective.",
          departement: "69",
          onlineUrl: "https://visio.exemple.fr/salle",
          startsAt: parisLocalToUtc(WEBINAR_DATE, "12:30"),
          endsAt: parisLocalToUtc(WEBINAR_DATE, "13:30"),
          eventDate: WEBINAR_DATE,
          registrationDeadline: parisLocalToUtc(addDays(WEBINAR_DATE, -1), "18:00"),
          capacity: 50,
          status: "published",
          createdById: buyer.user.id,
        },
      }),
    );
    await write((tx) =>
      tx.registration.createMany({
        data: [
          {
            eventId: webinar.id,
            userId: supplier.user.id,
            organizationId: supplier.organization.id,
            email: supplier.user.email,
            status: "confirmed",
          },
          {
            eventId: webinar.id,
            userId: outsider.user.id,
            organizationId: outsider.organization.id,
            email: outsider.user.email,
            status: "confirmed",
          },
        ],
      }),
    );

    expect(await regenerateFeedToken(outsider.user.id, supplier.organization.id)).toMatchObject({ ok: false });
    const first = await regenerateFeedToken(supplier.user.id, supplier.organization.id);
    if (!first.ok) throw new Error(first.message);
    const stored = await db.calendarFeed.findUniqueOrThrow({ where: { organizationId: supplier.organization.id } });
    expect(stored.tokenHash).not.toContain(first.token);

    const response = await organizationFeed(new Request(`${ORIGIN}/calendrier/${first.token}.ics`), first.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toContain("private");
    const found = events(await response.text());
    expect(found.map((event) => event.summary).sort()).toEqual([
      "Rendez-vous au stand « Entretien des bâtiments » (Métropole Rhône-Confluence)",
      "Webinaire : Webinaire restauration collective — Métropole Rhône-Confluence",
    ]);
    expect(found.find((event) => event.summary.startsWith("Rendez-vous"))!.startDate.toJSDate()).toEqual(
      parisLocalToUtc(FAIR_DATE, "09:00"),
    );

    const second = await regenerateFeedToken(supplier.user.id, supplier.organization.id);
    if (!second.ok) throw new Error(second.message);
    expect((await organizationFeed(new Request(`${ORIGIN}/calendrier/${first.token}.ics`), first.token)).status).toBe(
      404,
    );
    expect((await organizationFeed(new Request(`${ORIGIN}/calendrier/${second.token}.ics`), second.token)).status).toBe(
      200,
    );
    expect((await organizationFeed(new Request(`${ORIGIN}/calendrier/inconnu.ics`), "inconnu")).status).toBe(404);
  });
});
