// What a relay follows and what that shows, on a real database: buyers by département, by région
// and by name; a refused following saves nothing; which relays a buyer sees; events, questionnaires
// and the periods to avoid of the relay's page; and the newsletter block, from the edition diff,
// in the constraints of a mail client.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "~/calendar/dates";
import { connectDatabase } from "~/db/db.server";
import { semesterOf } from "~/plan/vocabulary";
import { newsletterText, NEWSLETTER_MAX_ITEMS } from "~/relay/newsletter";
import { relayNewsletter } from "~/relay/newsletter.server";
import { loadRelayPage, loadRelayWidget } from "~/relay/page.server";
import { findPublicRelay, findRelaySettings, relaysFollowingBuyer, saveFollowing } from "~/relay/relays.server";
import { followingSchema } from "~/relay/schemas";
import { createBuyer, createProcurement, publish, updateProcurement, type TestBuyer } from "../plan-public/support";
import { openDayFrom } from "../support/days";
import { backdatedFirstEdition, createEvent, createOpenQuestionnaire, createRelay, type TestRelay } from "./support";

let lyon: TestBuyer;
let amiens: TestBuyer;
let toulouse: TestBuyer;
let strasbourg: TestBuyer;
let relay: TestRelay;
const ids: Record<string, string> = {};
const day = openDayFrom(45);
const semester = semesterOf(day);

beforeAll(async () => {
  await connectDatabase();
  lyon = await createBuyer("Ville de Lyon-Test", "69");
  amiens = await createBuyer("Amiens Métropole-Test", "80");
  toulouse = await createBuyer("Toulouse Commune-Test", "31");
  strasbourg = await createBuyer("Strasbourg Habitat-Test", "67");
  ids.lyonWorks = await createProcurement(lyon, {
    title: "Rénovation de l'école Jean-Macé",
    category: "travaux",
    cpvCode: "45453000-7",
    expectedPublicationDate: day,
  });
  ids.amiensMeals = await createProcurement(amiens, {
    title: "Repas des cantines",
    category: "services",
    cpvCode: "55524000-9",
    expectedPublicationDate: day,
  });
  ids.toulouseGreens = await createProcurement(toulouse, {
    title: "Espaces verts de Toulouse",
    expectedPublicationDate: day,
  });
  ids.strasbourgBoilers = await createProcurement(strasbourg, {
    title: "Chaudières de Strasbourg",
    expectedPublicationDate: day,
  });
  for (const buyer of [lyon, amiens, toulouse, strasbourg]) await publish(buyer, semester);
  relay = await createRelay("CCI Test", "69");
  const saved = await saveFollowing(
    relay.id,
    followingSchema.parse({
      departements: ["69"],
      regions: ["32"],
      buyers: toulouse.slug,
      categories: [],
      cpv: "45",
    }),
  );
  expect(saved).toEqual({ ok: true });
}, 60_000);

describe("following", () => {
  it("relays the buyers of its départements, of its régions and those it names, and no other", async () => {
    const view = (await findPublicRelay(relay.slug))!;
    const page = await loadRelayPage(view, new URLSearchParams(), new Date());
    const titles = page.page.items.map((item) => item.title);
    expect(new Set(titles)).toEqual(
      new Set(["Espaces verts de Toulouse", "Rénovation de l'école Jean-Macé", "Repas des cantines"]),
    );
    expect(titles).toHaveLength(3);
    const works = page.page.items.find((item) => item.plannedProcurementId === ids.lyonWorks)!;
    // The source and time of each item, and what the relay highlights (CPV 45).
    expect(works.source.label).toMatch(/^Programmation du (1er|2e) semestre \d{4}, édition n° 1$/);
    expect(works.highlight).toBe("Mis en avant par le réseau");
    expect(page.page.items.find((item) => item.plannedProcurementId === ids.amiensMeals)!.highlight).toBeNull();
    // The plan's filters apply within the relay's scope.
    const filtered = await loadRelayPage(view, new URLSearchParams("departement=80"), new Date());
    expect(filtered.page.items.map((item) => item.title)).toEqual(["Repas des cantines"]);
    const outside = await loadRelayPage(view, new URLSearchParams("departement=67"), new Date());
    expect(outside.page.total).toBe(0);
    // The filters' buyers are those the relay covers.
    expect((page.options.buyers ?? []).map((buyer) => buyer.label).sort()).toEqual([
      "Amiens Métropole-Test",
      "Toulouse Commune-Test",
      "Ville de Lyon-Test",
    ]);
  });

  it("saves nothing when a named buyer is unknown, and says which one", async () => {
    const before = await findRelaySettings(relay.id);
    const result = await saveFollowing(
      relay.id,
      followingSchema.parse({ departements: ["75"], buyers: `${lyon.slug}\ninconnu-de-test`, cpv: "" }),
    );
    expect(result).toEqual({
      ok: false,
      field: "buyers",
      message: expect.stringContaining("« …/acheteurs/inconnu-de-test »"),
    });
    const after = await findRelaySettings(relay.id);
    expect(after).toEqual(before);
  });

  it("tells a buyer which verified relays follow it, and how", async () => {
    const pending = await createRelay("CCI en attente", "69", { verificationStatus: "pending" });
    expect(await findPublicRelay(pending.slug)).toBeNull();
    expect((await relaysFollowingBuyer(lyon)).map((entry) => [entry.name, entry.how])).toEqual([
      ["CCI Test", "departement"],
    ]);
    expect((await relaysFollowingBuyer(amiens)).map((entry) => entry.how)).toEqual(["region"]);
    expect((await relaysFollowingBuyer(toulouse)).map((entry) => entry.how)).toEqual(["buyer"]);
    expect(await relaysFollowingBuyer(strasbourg)).toEqual([]);
  });
});

describe("the relay's page and widget", () => {
  it("lists the upcoming events and open questionnaires of its buyers, and those it co-hosts", async () => {
    const inScope = await createEvent(lyon, { title: "Webinaire de Lyon", departement: "69", day: openDayFrom(20) });
    await createEvent(strasbourg, { title: "Webinaire de Strasbourg", departement: "67", day: openDayFrom(21) });
    const coHosted = await createEvent(strasbourg, {
      title: "Salon co-organisé",
      departement: "67",
      day: openDayFrom(22),
      coHostId: relay.id,
    });
    await createEvent(lyon, { title: "Brouillon", departement: "69", day: openDayFrom(23), status: "draft" });
    const questionnaire = await createOpenQuestionnaire(lyon, ids.lyonWorks!, {
      title: "Questionnaire Jean-Macé",
      openUntil: openDayFrom(30),
    });
    await createOpenQuestionnaire(strasbourg, ids.strasbourgBoilers!, {
      title: "Questionnaire chaudières",
      openUntil: openDayFrom(30),
    });
    const view = (await findPublicRelay(relay.slug))!;
    const page = await loadRelayPage(view, new URLSearchParams(), new Date());
    expect(page.events.events.map((event) => event.id)).toEqual([inScope, coHosted]);
    expect(page.questionnaires.questionnaires.map((q) => q.id)).toEqual([questionnaire]);
    expect(page.questionnaires.questionnaires[0]).toMatchObject({ versionNumber: 1, buyer: { name: lyon.name } });
    // A filter on another category leaves the questionnaire out.
    const services = await loadRelayPage(view, new URLSearchParams("categorie=services"), new Date());
    expect(services.questionnaires.total).toBe(0);

    const widget = await loadRelayWidget(view, new URLSearchParams(), new Date());
    expect(widget.items.items.map((item) => item.title)).toHaveLength(3);
    expect(widget.events.events).toHaveLength(2);
  });

  it("lists the periods to avoid of the chosen département or région, or else of its own territory", async () => {
    const view = (await findPublicRelay(relay.slug))!;
    const own = await loadRelayPage(view, new URLSearchParams(), new Date());
    expect(own.periods.territory).toBe("les départements suivis par le réseau");
    const kinds = new Set(own.periods.periods.map((period) => period.kind));
    expect(kinds.has("public_holiday")).toBe(true);
    expect(own.periods.periods.every((period) => period.to >= todayInParis())).toBe(true);
    const bas = await loadRelayPage(view, new URLSearchParams("departement=67"), new Date());
    expect(bas.periods.territory).toBe("le département 67 — Bas-Rhin");
    // Alsace-Moselle's Good Friday, within the next six months or not: the list is that calendar's.
    expect(bas.periods.periods.every((period) => period.calendar === null)).toBe(true);
  });
});

describe("the newsletter block", () => {
  it("lists what the editions of the period added and changed, from the edition known before the period", async () => {
    const buyer = await createBuyer("Villeurbanne-Test", "69");
    const kept = await createProcurement(buyer, { title: "Entretien des ascenseurs", expectedPublicationDate: day });
    const moved = await createProcurement(buyer, {
      title: "Nettoyage des vitres",
      expectedPublicationDate: day,
      category: "services",
      cpvCode: "90911300-9",
    });
    const modified = await createProcurement(buyer, { title: "Achat de mobilier", expectedPublicationDate: day });
    const withdrawn = await createProcurement(buyer, {
      title: "Maintenance des horloges",
      expectedPublicationDate: day,
    });
    await backdatedFirstEdition(buyer, semester, new Date(Date.now() - 60 * 24 * 3600 * 1000));
    // Another day of the same semester (a week later, or else a fortnight earlier).
    const movedTo = [openDayFrom(7, day), openDayFrom(-14, day)].find(
      (candidate) =>
        candidate !== day &&
        semesterOf(candidate).year === semester.year &&
        semesterOf(candidate).half === semester.half,
    )!;
    await updateProcurement(moved, { expectedPublicationDate: movedTo });
    await updateProcurement(modified, { valueBand: "1m_5m" });
    await updateProcurement(withdrawn, { status: "abandoned" });
    const added = await createProcurement(buyer, {
      title: "Réfection de la toiture du gymnase",
      category: "travaux",
      cpvCode: "45261210-9",
      expectedPublicationDate: day,
    });
    await publish(buyer, semester);

    const view = (await findPublicRelay(relay.slug))!;
    const now = new Date();
    const { data, html, text } = await relayNewsletter(
      view,
      { from: addDays(todayInParis(now), -29), to: todayInParis(now) },
      "https://amont.example",
      now,
    );
    const addedIds = data.added.map((item) => item.plannedProcurementId);
    // Edition 1 is older than the period: only edition 2's changes are news.
    expect(addedIds).toContain(added);
    expect(addedIds).not.toContain(kept);
    expect(data.changed.map((item) => item.plannedProcurementId)).toContain(modified);
    expect(data.changed.find((item) => item.plannedProcurementId === modified)!.change).toBe(
      "Modifié : montant estimé.",
    );
    expect(data.changed.find((item) => item.plannedProcurementId === moved)!.change).toMatch(
      /^Date de publication déplacée du .+ au .+\.$/,
    );
    expect(data.withdrawn.map((item) => item.title)).toContain("Maintenance des horloges");
    // The other buyers' first editions, published today, are all news; highlighted items first.
    expect(addedIds).toContain(ids.lyonWorks);
    expect(data.added[0]!.highlighted).toBe(true);
    expect(data.added.find((item) => item.plannedProcurementId === added)).toMatchObject({
      highlighted: true,
      source: expect.stringMatching(/^Programmation du .* semestre \d{4}, édition n° 2, publiée le /),
      url: `https://amont.example/plan/${added}`,
    });
    expect(data.events.map((event) => event.title)).toEqual(["Webinaire de Lyon", "Salon co-organisé"]);
    expect(data.questionnaires.map((q) => q.title)).toEqual(["Questionnaire Jean-Macé"]);
    expect(data.added.length + data.changed.length).toBeLessThanOrEqual(NEWSLETTER_MAX_ITEMS);

    // The same content as plain text, with every link.
    expect(text).toBe(newsletterText(data));
    for (const url of [...data.added, ...data.changed].map((item) => item.url)) {
      expect(text).toContain(url);
      expect(html).toContain(`href="${url}"`);
    }
    expectMailSafe(html);

    // A period before any of these editions: nothing new, and the block says so.
    const empty = await relayNewsletter(
      view,
      { from: addDays(todayInParis(now), -20), to: addDays(todayInParis(now), -10) },
      "https://amont.example",
      now,
    );
    expect(empty.data.added).toEqual([]);
    expect(empty.text).toContain("Aucun achat prévu nouveau ou modifié");
    expectMailSafe(empty.html);
  });
});

/**
 * What a mail client keeps of an HTML block: no <style>, <script>, <link> or external resource, no
 * class or id (styles are inline), layout in tables of at most 600 pixels, no CSS that mail clients
 * drop (positioning, floats, flex or grid), every link absolute.
 */
function expectMailSafe(html: string) {
  expect(html).not.toMatch(/<(style|script|link|img|iframe|form|input|button|svg|div|meta)\b/i);
  expect(html.startsWith("<table")).toBe(true);
  const tags = [...html.matchAll(/<([a-zA-Z0-9]+)((?:\s+[a-zA-Z-]+="[^"]*")*)\s*\/?>/g)];
  expect(tags.length).toBeGreaterThan(5);
  const allowed = new Set(["table", "tbody", "tr", "td", "h1", "h2", "p", "a", "span"]);
  for (const [, tag, attributes] of tags) {
    expect(allowed.has(tag!.toLowerCase()), tag).toBe(true);
    for (const [, name, value] of attributes!.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
      expect(["class", "id"]).not.toContain(name);
      expect(name!.startsWith("on"), name).toBe(false);
      if (name === "href") expect(value).toMatch(/^https:\/\/amont\.example\//);
      if (name === "style") {
        for (const declaration of value!.split(";").filter(Boolean)) {
          const property = declaration.split(":")[0]!.trim();
          expect(["position", "float", "display", "grid", "flex", "transform"]).not.toContain(property);
        }
      }
    }
  }
  expect(html).toMatch(/^<table role="presentation" width="600"/);
  expect(html).toContain("max-width:600px");
  // Every element that holds text has an inline style, so that no default stylesheet is needed.
  for (const [, tag, attributes] of tags)
    if (["p", "h1", "h2", "a", "td"].includes(tag!) && !/style="/.test(attributes!))
      expect(tag === "td" && /<td>/.test(html), `${tag} without style`).toBe(true);
}
