// Event pages over real HTTP on the built server, without JavaScript: the buyer's form refuses a
// blocked day with the next allowed one in a button; only published events are public; a booking
// for an organisation one does not belong to is refused in French and writes nothing; feeds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { createEvent } from "~/meetings/events.server";
import { createBuyer } from "../plan/fixtures";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { addDays } from "~/calendar/dates";
import { parisLocalToUtc } from "~/meetings/slots";
import { dayFr, nextChristmas, openDayFrom } from "../support/days";
import { addStand, publishEvent } from "~/meetings/events.server";
import { register } from "~/meetings/registrations.server";
import { BROKEN_DATE_SENTENCE, spokenDay } from "../support/spoken-dates";
import { WEBINAR_DAY, webinarInput } from "./registrations-fixtures";
import { must } from "../support/must";
import { createSupplier, EVE, FAIR_DATE, fairInput, neighbourBuyers, publishedFair, standInput } from "./fair-fixtures";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

function post(path: string, cookie: string, body: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: cookie },
    body: new URLSearchParams(body),
    redirect: "manual",
  });
}

const FORM = {
  kind: "reverse_fair",
  title: "Salon inversé de la commune",
  description: "Rencontrez les services techniques de la commune pendant vingt minutes.",
  departement: "69",
  location: "Salle des fêtes, 1 place de la Mairie, 69000 Lyon",
  startTime: "09:00",
  endTime: "12:30",
};

describe("buyer pages", () => {
  it("refuses a fair on Christmas Day with the reason and a button for the next allowed day, keeping the input", async () => {
    const { user, organization } = await createBuyer({ name: "Commune de Brindas", departement: "69" });
    const cookie = await sessionCookie(user.id, organization.id);
    const christmas = nextChristmas();
    const refused = await post("/acheteur/evenements/nouveau", cookie, {
      ...FORM,
      date: christmas.date,
      registrationDeadline: `${addDays(christmas.date, -5)}T18:00`,
    });
    expect(refused.status).toBe(400);
    const html = visibleHtml(await refused.text());
    expect(html).toContain(`Date refusée : le ${dayFr(christmas.date)} tombe pendant`);
    expect(html).toContain(`Utiliser le ${dayFr(christmas.nextAllowed)}`);
    expect(html).toContain('value="Salon inversé de la commune"');
    expect(await db.event.count({ where: { organizationId: organization.id } })).toBe(0);

    const created = await post("/acheteur/evenements/nouveau", cookie, {
      ...FORM,
      date: FAIR_DATE,
      registrationDeadline: `${EVE}T18:00`,
    });
    expect(created.status).toBe(302);
    const event = await db.event.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(created.headers.get("location")).toBe(`/acheteur/evenements/${event.id}`);
    expect(event.status).toBe("draft");
  });

  it("prefills a webinar at lunchtime", async () => {
    const { user, organization } = await createBuyer({ name: "Commune de Craponne", departement: "69" });
    const html = await (
      await fetch(`${server.url}/acheteur/evenements/nouveau?type=webinar`, {
        headers: { Cookie: await sessionCookie(user.id, organization.id) },
      })
    ).text();
    expect(html).toMatch(/name="startTime"[^>]*value="12:30"|value="12:30"[^>]*name="startTime"/);
    expect(html).toMatch(/name="endTime"[^>]*value="13:30"|value="13:30"[^>]*name="endTime"/);
  });

  it("does not show another organisation's event to a buyer", async () => {
    const { eventId } = await publishedFair();
    const other = await createBuyer({ name: "Commune voisine", departement: "69" });
    const response = await fetch(`${server.url}/acheteur/evenements/${eventId}`, {
      headers: { Cookie: await sessionCookie(other.user.id, other.organization.id) },
    });
    expect(response.status).toBe(404);
  });
});

describe("public pages and misuse", () => {
  it("shows published events only", async () => {
    const { eventId, buyer } = await publishedFair();
    const draft = await createEvent(
      buyer.actor,
      buyer.organization,
      fairInput({ title: "Un salon encore en brouillon" }),
    );
    if (!draft.ok) throw new Error("draft not created");
    const list = visibleHtml(await (await fetch(`${server.url}/evenements`)).text());
    expect(list).toContain("Salon inversé des achats de la Métropole");
    expect(list).not.toContain("Un salon encore en brouillon");
    expect((await fetch(`${server.url}/evenements/${eventId}`)).status).toBe(200);
    expect((await fetch(`${server.url}/evenements/${draft.id}`)).status).toBe(404);
    const feed = await fetch(`${server.url}/evenements.ics`);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const text = await feed.text();
    expect(text).toContain(`UID:event-${eventId}@amont`);
    expect(text).not.toContain(draft.id);
  });

  it("refuses a booking for an organisation the user does not belong to, in French, without writing", async () => {
    const { eventId, standId } = await publishedFair();
    const honest = await createSupplier("Entreprise Honnête HTTP");
    const victim = await createSupplier("Entreprise Victime HTTP");
    const cookie = await sessionCookie(honest.user.id, honest.organization.id);
    const [slot] = await db.slot.findMany({ where: { standId }, orderBy: { startsAt: "asc" } });
    const before = await db.booking.count();
    const response = await post(`/evenements/${eventId}`, cookie, {
      intent: "reserver",
      organizationId: victim.organization.id,
      slotId: slot!.id,
    });
    expect(response.status).toBe(403);
    expect(visibleHtml(await response.text())).toContain("Vous n'agissez pas au nom de cette organisation");
    expect(await db.booking.count()).toBe(before);

    const booked = await post(`/evenements/${eventId}`, cookie, {
      intent: "reserver",
      organizationId: honest.organization.id,
      slotId: slot!.id,
    });
    expect(booked.status).toBe(302);
    const page = visibleHtml(
      await (await fetch(`${server.url}/evenements/${eventId}`, { headers: { Cookie: cookie } })).text(),
    );
    expect(page).toContain("Annuler le rendez-vous de 09:00–09:20");
  });
});

describe("editing a stand", () => {
  it("shows the stand's values; saves new words; refuses new hours once booked, next to the field, input kept", async () => {
    const fair = await publishedFair();
    const cookie = await sessionCookie(fair.buyer.user.id, fair.buyer.organization.id);
    const path = `/acheteur/evenements/${fair.eventId}/stands/${fair.standId}`;
    const page = visibleHtml(await (await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })).text());
    expect(page).toContain('value="Entretien des bâtiments"');
    expect(page).toContain("Personne n'a encore réservé à ce stand");
    const form = {
      organizationId: fair.buyer.organization.id,
      name: "Bâtiments scolaires",
      needs: "Nous cherchons des entreprises pour entretenir nos écoles et nos gymnases.",
      opensAt: "09:00",
      closesAt: "10:00",
      slotMinutes: "20",
      breaks: "",
    };
    const saved = await post(path, cookie, form);
    expect(saved.status).toBe(302);
    expect((await db.stand.findUniqueOrThrow({ where: { id: fair.standId } })).name).toBe("Bâtiments scolaires");

    const supplier = await createSupplier("Menuiserie Perrin");
    const slot = await db.slot.findFirstOrThrow({ where: { standId: fair.standId } });
    await write((tx) =>
      tx.booking.create({
        data: {
          slotId: slot.id,
          standId: fair.standId,
          eventId: fair.eventId,
          supplierOrganizationId: supplier.organization.id,
          bookedById: supplier.user.id,
        },
      }),
    );
    const refused = await post(path, cookie, { ...form, closesAt: "11:00" });
    expect(refused.status).toBe(400);
    const html = visibleHtml(await refused.text());
    expect(html).toMatch(/id="stand-opensAt-error"[^>]*><li>Des entreprises ont déjà réservé à ce stand/);
    expect(html).toContain('value="11:00"');
    expect((await db.stand.findUniqueOrThrow({ where: { id: fair.standId } })).closesAt).toBe("10:00");
  });
});

describe("another organisation's unpublished work", () => {
  it("never shows a neighbour's unpublished procurements in the stand forms, nor its draft fair to a stand holder", async () => {
    const { organiser, neighbour, ids } = await neighbourBuyers();
    const event = must(
      await createEvent(organiser.actor, organiser.organization, fairInput({ title: "Salon pas encore publié" })),
    );
    const stand = must(
      await addStand(
        organiser.actor,
        organiser.organization,
        event.id,
        standInput(neighbour.organization.id, { plannedProcurementIds: [ids.published] }),
      ),
    );
    const cookie = await sessionCookie(organiser.user.id, organiser.organization.id);
    for (const path of [`/acheteur/evenements/${event.id}`, `/acheteur/evenements/${event.id}/stands/${stand.id}`]) {
      const html = await (await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })).text();
      expect(html, path).toContain("Achat publié de la voisine");
      expect(html, path).toContain("Projet de l&#x27;organisateur en brouillon");
      expect(html, path).not.toContain("Achat prévu pas encore publié de la voisine");
      expect(html, path).not.toContain("Brouillon de la voisine");
      expect(html, path).not.toContain(ids.unpublished);
      expect(html, path).not.toContain(ids.draft);
    }
    const refused = await post(`/acheteur/evenements/${event.id}/stands/${stand.id}`, cookie, {
      organizationId: neighbour.organization.id,
      name: "Entretien des bâtiments",
      needs: "Nous cherchons des entreprises de maintenance pour nos écoles et nos gymnases.",
      opensAt: "09:00",
      closesAt: "10:00",
      slotMinutes: "20",
      breaks: "",
      plannedProcurementIds: ids.unpublished,
    });
    expect(refused.status).toBe(400);
    expect(visibleHtml(await refused.text())).toContain("Choisissez des achats");
    expect(await db.standProcurement.count({ where: { plannedProcurementId: ids.unpublished } })).toBe(0);

    const holder = await (
      await fetch(`${server.url}/acheteur/evenements`, {
        headers: { Cookie: await sessionCookie(neighbour.user.id, neighbour.organization.id) },
      })
    ).text();
    expect(holder).not.toContain("Salon pas encore publié");
    expect(holder).not.toContain(event.id);
  });
});

describe("date sentences", () => {
  it("writes each deadline of the fair page and of the booking email as « le mardi 26 janvier 2027 à 18:00 »", async () => {
    const { eventId, standId } = await publishedFair();
    const page = visibleHtml(await (await fetch(`${server.url}/evenements/${eventId}`)).text());
    expect(page).toContain(`${spokenDay(FAIR_DATE)}, de 09:00 à 12:30`);
    expect(page).toContain(`jusqu'au ${spokenDay(EVE)} à 18:00`);
    expect(page).toContain(`jusqu'au ${spokenDay(EVE)} à 12:00`);
    expect(page).not.toMatch(BROKEN_DATE_SENTENCE);

    const supplier = await createSupplier("Peintures Ponctuelles");
    const cookie = await sessionCookie(supplier.user.id, supplier.organization.id);
    const slot = await db.slot.findFirstOrThrow({ where: { standId }, orderBy: { startsAt: "asc" } });
    const booked = await post(`/evenements/${eventId}`, cookie, {
      intent: "reserver",
      organizationId: supplier.organization.id,
      slotId: slot.id,
    });
    expect(booked.status).toBe(302);
    const booking = visibleHtml(
      await (await fetch(`${server.url}/evenements/${eventId}`, { headers: { Cookie: cookie } })).text(),
    );
    expect(booking).toContain(`possible jusqu'au ${spokenDay(EVE)} à 12:00`);
    expect(booking).not.toMatch(BROKEN_DATE_SENTENCE);
    const email = await db.outboxMessage.findFirstOrThrow({
      where: { to: supplier.user.email, template: "booking-confirmed" },
    });
    expect(email.text).toContain(`Annulez jusqu’au ${spokenDay(EVE)} à 12:00`);
    expect(email.text).toContain(`${spokenDay(FAIR_DATE)}, de 09:00 à 12:30`);
    for (const body of [email.text, email.html]) expect(body).not.toMatch(BROKEN_DATE_SENTENCE);
  });

  it("says when a webinar's join link goes out with one « à »", async () => {
    const buyer = await createBuyer({ name: "Métropole des webinaires", departement: "69" });
    const webinar = must(await createEvent(buyer.actor, buyer.organization, webinarInput()));
    must(await publishEvent(buyer.actor, buyer.organization, webinar.id));
    const supplier = await createSupplier("Traiteur Attentif");
    must(
      await register({
        eventId: webinar.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: false,
      }),
    );
    const email = await db.outboxMessage.findFirstOrThrow({
      where: { to: supplier.user.email, template: "registration-confirmed" },
    });
    expect(email.text).toMatch(new RegExp(`, le ${spokenDay(addDays(WEBINAR_DAY, -1))} à \\d{2}:\\d{2}\\.`));
    for (const body of [email.text, email.html]) expect(body).not.toMatch(BROKEN_DATE_SENTENCE);
    const page = visibleHtml(await (await fetch(`${server.url}/evenements/${webinar.id}`)).text());
    expect(page).toContain(`${spokenDay(WEBINAR_DAY)}, de 12:30 à 13:30`);
    expect(page).toContain(`jusqu'au ${spokenDay(addDays(WEBINAR_DAY, -1))} à 18:00`);
    expect(page).not.toMatch(BROKEN_DATE_SENTENCE);
  });
});

describe("moving a fair that has a booking", () => {
  it("says beforehand who will be told; refuses new hours next to the form, input kept; moves the day and says who was told", async () => {
    const fair = await publishedFair();
    const cookie = await sessionCookie(fair.buyer.user.id, fair.buyer.organization.id);
    const supplier = await createSupplier("Menuiserie Perrin");
    const slot = await db.slot.findFirstOrThrow({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    await write((tx) =>
      tx.booking.create({
        data: {
          slotId: slot.id,
          standId: fair.standId,
          eventId: fair.eventId,
          supplierOrganizationId: supplier.organization.id,
          bookedById: supplier.user.id,
        },
      }),
    );
    const path = `/acheteur/evenements/${fair.eventId}/modifier`;
    const page = visibleHtml(await (await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })).text());
    expect(page).toContain("Une réservation, inscription ou place en liste d'attente : si vous changez la date");

    const form = {
      ...FORM,
      title: "Salon inversé des achats de la Métropole",
      description: "Rencontrez les acheteurs de la Métropole et présentez vos savoir-faire en vingt minutes.",
      location: "Salle des fêtes, 12 rue de la République, 69001 Lyon",
      cancellationCutoff: `${EVE}T12:00`,
    };
    const newDay = openDayFrom(7, FAIR_DATE);
    const refused = await post(path, cookie, {
      ...form,
      date: FAIR_DATE,
      startTime: "08:30",
      registrationDeadline: `${EVE}T18:00`,
    });
    expect(refused.status).toBe(400);
    const html = visibleHtml(await refused.text());
    expect(html).toContain("ses heures ne peuvent plus changer. Vous pouvez changer son jour");
    expect(html).toContain('value="08:30"');
    expect(await db.outboxMessage.count({ where: { template: "event-moved" } })).toBe(0);

    const moved = await post(path, cookie, {
      ...form,
      date: newDay,
      registrationDeadline: `${addDays(newDay, -1)}T18:00`,
      cancellationCutoff: `${addDays(newDay, -1)}T12:00`,
    });
    expect(moved.status).toBe(302);
    const toast = (moved.headers.get("set-cookie") ?? "").split(";")[0]!;
    const after = visibleHtml(
      await (
        await fetch(`${server.url}${moved.headers.get("location")}`, { headers: { Cookie: `${cookie}; ${toast}` } })
      ).text(),
    );
    expect(after).toContain("1 personne concernée est prévenue du changement par courriel.");
    expect((await db.outboxMessage.findFirstOrThrow({ where: { template: "event-moved" } })).to).toBe(
      supplier.user.email,
    );
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).startsAt).toEqual(
      parisLocalToUtc(newDay, "09:00"),
    );
  });
});
