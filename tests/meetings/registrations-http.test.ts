// The registration page and the buyer's follow-up page over real HTTP on the built server, without
// JavaScript: register, the waiting list offered (and required) when full, refusals in French,
// access control, a note stopped by the price guard then saved with a justification.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { createBuyer } from "../plan/fixtures";
import { createSupplier, createWebinar, DAY, HOUR } from "./registrations-fixtures";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

async function get(path: string, cookie?: string) {
  const response = await fetch(`${server.url}${path}`, {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
  });
  return { status: response.status, html: visibleHtml(await response.text()) };
}

async function post(path: string, cookie: string, fields: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: cookie },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    html: visibleHtml(await response.text()),
  };
}

describe("/evenements/:id/inscription", () => {
  it("a supplier registers, sees the confirmation; when full the waiting list is offered and must be chosen", async () => {
    const buyer = await createBuyer({ name: "Grand Lyon", departement: "69" });
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 1 });
    const path = `/evenements/${event.id}/inscription`;

    const anonymous = await get(path);
    expect(anonymous.status).toBe(200);
    expect(anonymous.html).toContain("Se connecter pour s’inscrire");
    expect(anonymous.html).toContain("1 place restante sur 1");

    const first = await createSupplier("Traiteur du Rhône");
    const firstCookie = await sessionCookie(first.user.id, first.organization.id);
    expect((await get(path, firstCookie)).html).toContain("M’inscrire");
    const registered = await post(path, firstCookie, { intent: "register", organizationId: first.organization.id });
    expect(registered.status).toBe(302);
    const confirmedPage = await get(path, firstCookie);
    expect(confirmedPage.html).toContain("Vous êtes inscrit.");

    const second = await createSupplier("Cuisine solidaire");
    const secondCookie = await sessionCookie(second.user.id, second.organization.id);
    const fullPage = await get(path, secondCookie);
    expect(fullPage.html).toContain("Complet (1 place)");
    expect(fullPage.html).toContain("M’inscrire sur la liste d’attente");
    const refused = await post(path, secondCookie, { intent: "register", organizationId: second.organization.id });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("Il n’y a plus de place.");
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1);

    const waiting = await post(path, secondCookie, {
      intent: "register",
      organizationId: second.organization.id,
      waitingList: "on",
    });
    expect(waiting.status).toBe(302);
    expect((await get(path, secondCookie)).html).toContain("Vous êtes sur la liste d’attente, au rang 1.");

    // Another organisation's id in the form: refused next to the field.
    const third = await createSupplier("Intrus");
    const tampered = await post(path, await sessionCookie(third.user.id, third.organization.id), {
      intent: "register",
      organizationId: first.organization.id,
      waitingList: "on",
    });
    expect(tampered.status).toBe(400);
    expect(tampered.html).toContain("Vous ne faites pas partie de cette organisation");

    // Cancelling someone else's registration by its id.
    const victim = await db.registration.findFirstOrThrow({ where: { eventId: event.id, userId: first.user.id } });
    const cancel = await post(path, secondCookie, { intent: "cancel", registrationId: victim.id });
    expect(cancel.status).toBe(409);
    expect(cancel.html).toContain("Cette inscription n’existe pas ou n’est pas la vôtre.");

    // The first cancels: the second is promoted.
    expect((await post(path, firstCookie, { intent: "cancel", registrationId: victim.id })).status).toBe(302);
    expect((await get(path, secondCookie)).html).toContain("Vous êtes inscrit.");
  });

  it("answers 404 for an unknown or draft event", async () => {
    const buyer = await createBuyer({ name: "Brouillon", departement: "69" });
    const draft = await createWebinar(buyer.organization.id, buyer.user.id, { status: "draft" });
    expect((await get(`/evenements/${draft.id}/inscription`)).status).toBe(404);
    expect((await get(`/evenements/inconnu/inscription`)).status).toBe(404);
  });
});

describe("/acheteur/evenements/:id/suivi", () => {
  it("refuses other buyers and suppliers; the organiser's note is stopped by the price guard, then saved with a justification", async () => {
    const buyer = await createBuyer({ name: "Syndicat des eaux", departement: "69" });
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { startsInMs: DAY });
    const startsAt = new Date(Date.now() - DAY);
    await write((tx) =>
      tx.event.update({ where: { id: event.id }, data: { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) } }),
    );
    const path = `/acheteur/evenements/${event.id}/suivi`;

    const stranger = await createBuyer({ name: "Autre acheteur", departement: "01" });
    // Another buyer's event is answered like one that does not exist; a supplier (a role) gets 403.
    const denied = await get(path, await sessionCookie(stranger.user.id, stranger.organization.id));
    expect(denied.status).toBe(404);
    expect(denied.html).not.toContain("Seuls les membres de l’acheteur qui organise");
    const strangerPost = await post(path, await sessionCookie(stranger.user.id, stranger.organization.id), {
      intent: "note",
      formId: "note-reunion",
      body: "Compte rendu écrit par un intrus.",
    });
    expect(strangerPost.status).toBe(404);
    expect(await db.meetingNote.count({ where: { eventId: event.id } })).toBe(0);
    const supplier = await createSupplier("Fournisseur curieux");
    expect((await get(path, await sessionCookie(supplier.user.id, supplier.organization.id))).status).toBe(403);

    const cookie = await sessionCookie(buyer.user.id, buyer.organization.id);
    const page = await get(path, cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain("pas seulement pour celles qui étaient présentes");

    const body = "Les entreprises ont donné leurs prix unitaires et proposé une remise.";
    const stopped = await post(path, cookie, { intent: "note", formId: "note-reunion", body });
    expect(stopped.status).toBe(400);
    expect(stopped.html).toContain("Attention : ce texte semble parler de prix ou de conditions du contrat");
    expect(stopped.html).toContain(body);
    expect(await db.meetingNote.count({ where: { eventId: event.id } })).toBe(0);

    const saved = await post(path, cookie, {
      intent: "note",
      formId: "note-reunion",
      body,
      guardJustification: "Propos tenus spontanément par les entreprises, consignés sans négociation.",
    });
    expect(saved.status).toBe(302);
    expect((await get(path, cookie)).html).toContain("Propos tenus spontanément par les entreprises");
  });
});
