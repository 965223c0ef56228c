// The public plan over real HTTP on the built server: the three feeds (parsed with real parsers,
// OCDS validated against the official 1.1.5 schemas), conditional GET (ETag, Last-Modified, 304),
// and the pages (200 with their key content, French 404).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase } from "~/db/db.server";
import { startServer, type RunningServer } from "../support/server";
import {
  createBuyer,
  createProcurement,
  publish,
  S1_2027,
  S2_2027,
  updateProcurement,
  type TestBuyer,
} from "./support";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "ocds-1.1.5");

let server: RunningServer;
let lyon: TestBuyer;
let somme: TestBuyer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await connectDatabase();
  lyon = await createBuyer("Métropole de Lyon-Confluence", "69", "metropole-lyon-test");
  somme = await createBuyer("Agglomération « Somme & Baie »", "80", "agglo-somme-test");
  ids.school = await createProcurement(lyon, {
    title: "Rénovation énergétique du groupe scolaire Jean-Macé",
    need: "Isoler les murs et la toiture ; remplacer les fenêtres.\nTravaux pendant l'été.",
    category: "travaux",
    cpvCode: "45453000-7",
    valueBand: "1m_5m",
    procedure: "ao_ouvert",
    expectedPublicationDate: "2027-02-15",
    publicationJustification:
      "Budget voté le 11 février : publier pendant les vacances permet de notifier avant l'été.",
    responseDeadline: "2027-04-30",
    contractStart: "2027-07-01",
    contractDurationMonths: 14,
    socialConsideration: "Clause d'insertion : 5 % des heures.",
    environmentalConsideration: "Isolants biosourcés.",
    lots: [{ title: "Désamiantage" }, { title: 'Isolation, "ITE"', description: "Fibre de bois; 2 400 m²" }],
  });
  ids.greens = await createProcurement(lyon, {
    title: "Entretien des espaces verts des parcs",
    reserved: "siae",
    expectedPublicationDate: "2027-03-08",
    valueBand: "gt_5m",
  });
  ids.transport = await createProcurement(somme, {
    title: "=Transport scolaire; circuits nord",
    category: "services",
    cpvCode: "60112000-6",
    valueBand: "lt_40k",
    procedure: "sans_publicite",
    expectedPublicationDate: "2027-09-13",
    responseDeadline: null,
    contractStart: null,
    contractDurationMonths: null,
  });
  ids.later = await createProcurement(somme, { title: "Achat retiré ensuite", expectedPublicationDate: "2027-10-04" });
  await publish(lyon, S1_2027);
  await publish(somme, S2_2027);
  await updateProcurement(ids.later, { status: "abandoned" });
  await publish(somme, S2_2027);
  // A prefix of the registered shape (not a registered one), set as in production.
  server = await startServer({ OCDS_PREFIX: "ocds-t3st01" });
}, 180_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

function get(pathname: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${pathname}`, { headers, redirect: "manual" });
}

function visibleText(html: string): string {
  return (
    html
      .replace(/<script\b[\s\S]*?<\/script>/g, "")
      .replaceAll("<!-- -->", "")
      // Inline elements join their text; block elements separate it.
      .replace(/<\/?(?:a|span|strong|em|time|code|del|ins)\b[^>]*>/g, "")
      .replace(/<[^>]+>/g, " ")
      .replaceAll("&#x27;", "'")
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replace(/\s+/g, " ")
  );
}

describe("/plan.ics", () => {
  it("has one all-day event per expected publication, with link, description and a stable UID", async () => {
    const response = await get("/plan.ics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(3);
    const byUid = new Map(events.map((event) => [event.uid, event]));
    const school = byUid.get(`plan-${ids.school}@amont`)!;
    expect(school).toBeDefined();
    const dtstart = school.component.getFirstProperty("dtstart")!;
    expect(dtstart.type).toBe("date");
    expect(school.startDate.isDate).toBe(true);
    expect(school.startDate.toString()).toBe("2027-02-15");
    expect(school.endDate.toString()).toBe("2027-02-16");
    expect(school.summary).toBe(
      "Publication prévue : Rénovation énergétique du groupe scolaire Jean-Macé — Métropole de Lyon-Confluence",
    );
    expect(school.component.getFirstPropertyValue("url")).toBe(`${server.origin}/plan/${ids.school}`);
    expect(school.description).toContain("Acheteur : Métropole de Lyon-Confluence (69 — Rhône)");
    expect(school.description).toContain("Catégorie : Travaux — code CPV 45453000-7");
    expect(school.description).toContain("Montant estimé : De 1 à 5 millions d'euros HT");
    expect(school.description).toContain("Qui peut répondre : Ouvert à toutes les entreprises");
    expect(school.description).toContain("justification de l'acheteur : Budget voté le 11 février");
    expect(byUid.get(`plan-${ids.greens}@amont`)!.description).toContain(
      "Réservé aux structures d'insertion par l'activité économique",
    );
    // No event for the withdrawn item; the dates are those of the latest editions.
    expect(byUid.has(`plan-${ids.later}@amont`)).toBe(false);
    for (const event of events) expect(event.startDate.isDate).toBe(true);
  });

  it("applies the list's filters", async () => {
    const text = await (await get("/plan.ics?departement=80")).text();
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
    expect(events.map((event) => event.getFirstPropertyValue("uid"))).toEqual([`plan-${ids.transport}@amont`]);
    expect(text).toContain("X-WR-CALNAME:Achats publics prévus — Département 80 — Somme");
    const none = await (await get("/plan.ics?semestre=2030-S1")).text();
    expect(new ICAL.Component(ICAL.parse(none)).getAllSubcomponents("vevent")).toHaveLength(0);
  });

  it("gives one item's ICS from its page, and 404 for an unknown item", async () => {
    const response = await get(`/plan/${ids.greens}/calendrier.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="achat-prevu-${ids.greens}.ics"`);
    const events = new ICAL.Component(ICAL.parse(await response.text()))
      .getAllSubcomponents("vevent")
      .map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(1);
    expect(events[0]!.startDate.toString()).toBe("2027-03-08");
    expect((await get("/plan/inconnu/calendrier.ics")).status).toBe(404);
    expect((await get(`/plan/${ids.later}/calendrier.ics`)).status).toBe(404);
  });
});

describe("/plan.csv", () => {
  it("is UTF-8 with a BOM, ';'-separated, CRLF, quoted, with French headers", async () => {
    const response = await get("/plan.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="amont-achats-prevus.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    const records = parseCsv(text);
    expect(records).toHaveLength(1 + 3);
    const header = records[0]!;
    expect(header.slice(0, 4)).toEqual(["Date de publication prévue", "Intitulé", "Acheteur", "Département"]);
    expect(header).toContain("Marché réservé");
    const school = records.find((row) => row.includes(ids.school!))!;
    const column = (name: string) => school[header.indexOf(name)];
    expect(column("Date de publication prévue")).toBe("15/02/2027");
    expect(column("Lots")).toBe('1. Désamiantage | 2. Isolation, "ITE"');
    expect(column("Besoin")).toBe("Isoler les murs et la toiture ; remplacer les fenêtres.\nTravaux pendant l'été.");
    expect(column("Durée du contrat (mois)")).toBe("14");
    expect(column("Montant estimé")).toBe("De 1 à 5 millions d'euros HT");
    const transport = records.find((row) => row.includes(ids.transport!))!;
    // A value that a spreadsheet would run as a formula is neutralised; the ";" stays inside its quotes.
    expect(transport[header.indexOf("Intitulé")]).toBe("'=Transport scolaire; circuits nord");
    expect(transport[header.indexOf("Acheteur")]).toBe("Agglomération « Somme & Baie »");
    // Every line of the raw file ends with CRLF (the newline inside the quoted need is a field's content).
    expect(
      text
        .split("\r\n")
        .filter(Boolean)
        .every((line) => !line.endsWith("\r")),
    ).toBe(true);
  });
});

/** A strict CSV reader for ";"-separated, fully quoted files with CRLF records. */
function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const records: string[][] = [];
  let i = 0;
  while (i < body.length) {
    const record: string[] = [];
    for (;;) {
      expect(body[i]).toBe('"');
      let value = "";
      i++;
      for (;;) {
        if (body[i] === '"' && body[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (body[i] === '"') {
          i++;
          break;
        } else {
          value += body[i];
          i++;
        }
      }
      record.push(value);
      if (body[i] === ";") {
        i++;
        continue;
      }
      expect(body.slice(i, i + 2)).toBe("\r\n");
      i += 2;
      break;
    }
    records.push(record);
  }
  return records;
}

describe("/plan.ocds.json", () => {
  function validator() {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    // The standard's own annotations (codelists, merge rules, deprecation notes).
    for (const keyword of [
      "codelist",
      "openCodelist",
      "mergeStrategy",
      "omitWhenMerged",
      "wholeListMerge",
      "versionId",
      "deprecated",
    ])
      ajv.addKeyword(keyword);
    const release = JSON.parse(readFileSync(path.join(fixtures, "release-schema.json"), "utf8"));
    const releasePackage = JSON.parse(readFileSync(path.join(fixtures, "release-package-schema.json"), "utf8"));
    ajv.addSchema(release, release.id);
    return ajv.compile(releasePackage);
  }

  it("is a valid OCDS 1.1.5 release package at the planning stage", async () => {
    const response = await get("/plan.ocds.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await response.json();
    const validate = validator();
    expect(validate(body), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(body).toMatchObject({
      version: "1.1",
      uri: `${server.origin}/plan.ocds.json`,
      publisher: { name: "Amont" },
    });
    expect(body.releases).toHaveLength(3);
    // Every ocid: the publisher's prefix (the OCDS rule: "ocds-" and six letters or digits), then the procurement.
    for (const { ocid } of body.releases as { ocid: string }[]) expect(ocid).toMatch(/^ocds-[a-z0-9]{6}-.+$/);
    expect(body.releases.map(({ ocid }: { ocid: string }) => ocid.slice(0, 12))).toEqual(Array(3).fill("ocds-t3st01-"));
    const school = body.releases.find((release: { ocid: string }) => release.ocid === `ocds-t3st01-${ids.school}`);
    expect(school).toMatchObject({
      id: "planning-2027-S1-1",
      tag: ["planning"],
      initiationType: "tender",
      language: "fr",
      buyer: { name: "Métropole de Lyon-Confluence" },
      tender: {
        id: ids.school,
        status: "planned",
        mainProcurementCategory: "works",
        procurementMethod: "open",
        minValue: { amount: 1_000_000, currency: "EUR" },
        value: { amount: 5_000_000, currency: "EUR" },
        tenderPeriod: { startDate: "2027-02-15T00:00:00+01:00", endDate: "2027-04-30T23:59:59+02:00" },
        contractPeriod: {
          startDate: "2027-07-01T00:00:00+02:00",
          endDate: "2028-08-31T23:59:59+02:00",
          durationInDays: 428,
        },
      },
    });
    expect(school.parties).toEqual([
      expect.objectContaining({
        id: school.buyer.id,
        roles: ["buyer"],
        identifier: { scheme: "FR-SIRENE", id: "213800004", legalName: "Métropole de Lyon-Confluence" },
      }),
    ]);
    expect(school.tender.items).toEqual([
      { id: "lot-1", description: "Lot 1 : Désamiantage", classification: { scheme: "CPV", id: "45453000" } },
      {
        id: "lot-2",
        description: 'Lot 2 : Isolation, "ITE" — Fibre de bois; 2 400 m²',
        classification: { scheme: "CPV", id: "45453000" },
      },
    ]);
    expect(school.tender.description).toContain("Considération environnementale : Isolants biosourcés.");
    const greens = body.releases.find((release: { ocid: string }) => release.ocid === `ocds-t3st01-${ids.greens}`);
    expect(greens.tender.eligibilityCriteria).toBe(
      "Réservé aux structures d'insertion par l'activité économique (art. L2113-13)",
    );
    expect(greens.tender.minValue).toEqual({ amount: 5_000_000, currency: "EUR" });
    expect(greens.tender.value).toBeUndefined();
    expect(greens.tender.items).toEqual([
      {
        id: "1",
        description: "Entretien des espaces verts des parcs",
        classification: { scheme: "CPV", id: "77310000" },
      },
    ]);
    const transport = body.releases.find(
      (release: { ocid: string }) => release.ocid === `ocds-t3st01-${ids.transport}`,
    );
    expect(transport.id).toBe("planning-2027-S2-2");
    expect(transport.tender.procurementMethod).toBe("direct");
  });

  it("is checked by a validator that does reject what the standard rejects", async () => {
    const body = await (await get("/plan.ocds.json")).json();
    const validate = validator();
    expect(validate(body)).toBe(true);
    expect(
      validate({
        ...body,
        releases: [{ ...body.releases[0], tender: { ...body.releases[0].tender, status: "envisagé" } }],
      }),
    ).toBe(false);
    expect(validate({ ...body, releases: [{ ...body.releases[0], date: "15/02/2027" }] })).toBe(false);
    expect(validate({ ...body, version: "1.1.5" })).toBe(false);
  });

  it("answers an empty release list when nothing matches (the schema wants one release: documented exception)", async () => {
    const body = await (await get("/plan.ocds.json?semestre=2030-S1")).json();
    expect(body.releases).toEqual([]);
    expect(body.publishedDate).toBe("1970-01-01T00:00:00.000Z");
  });

  it("applies the filters and stays valid", async () => {
    const body = await (await get("/plan.ocds.json?reserve=1")).json();
    expect(validator()(body)).toBe(true);
    expect(body.releases.map((release: { tender: { id: string } }) => release.tender.id)).toEqual([ids.greens]);
    expect(body.uri).toBe(`${server.origin}/plan.ocds.json?reserve=1`);
  });
});

describe("conditional GET on the feeds", () => {
  for (const feed of ["/plan.ics", "/plan.csv", "/plan.ocds.json"]) {
    it(`${feed}: ETag and Last-Modified, 304 when unchanged, 200 after a new edition`, async () => {
      const url = `${feed}?departement=69`;
      const first = await get(url);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag")!;
      const lastModified = first.headers.get("last-modified")!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(new Date(lastModified).toUTCString()).toBe(lastModified);
      expect(first.headers.get("cache-control")).toBe("public, no-cache");
      await first.arrayBuffer();

      const byTag = await get(url, { "If-None-Match": etag });
      expect(byTag.status).toBe(304);
      expect(await byTag.text()).toBe("");
      expect(byTag.headers.get("etag")).toBe(etag);
      expect((await get(url, { "If-None-Match": `"autre", W/${etag}` })).status).toBe(304);
      expect((await get(url, { "If-Modified-Since": lastModified })).status).toBe(304);
      expect(
        (await get(url, { "If-Modified-Since": new Date(Date.parse(lastModified) - 1000).toUTCString() })).status,
      ).toBe(200);
      // If-None-Match wins over If-Modified-Since.
      expect((await get(url, { "If-None-Match": '"autre"', "If-Modified-Since": lastModified })).status).toBe(200);
      // Another selection is another representation.
      expect((await get(`${feed}?departement=80`, { "If-None-Match": etag })).status).toBe(200);
    });
  }

  it("changes when a buyer in scope publishes a new edition", async () => {
    const before = await get("/plan.ics?departement=69");
    const etag = before.headers.get("etag")!;
    await before.text();
    await createProcurement(lyon, {
      title: "Fournitures de bureau",
      expectedPublicationDate: "2027-05-03",
      category: "fournitures",
      cpvCode: "30192000-1",
    });
    await publish(lyon, S1_2027);
    const after = await get("/plan.ics?departement=69", { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(new Date(after.headers.get("last-modified")!).getTime()).toBeGreaterThanOrEqual(
      new Date(before.headers.get("last-modified")!).getTime(),
    );
    expect(await after.text()).toContain("Fournitures de bureau");
    // A buyer outside the selection publishing does not change a subscriber's copy in the Somme.
    const somme = await get("/plan.csv?departement=80");
    const sommeTag = somme.headers.get("etag")!;
    await somme.arrayBuffer();
    expect((await get("/plan.csv?departement=80", { "If-None-Match": sommeTag })).status).toBe(304);
  });
});

describe("pages", () => {
  it("/plan lists the items with filters, sort links, pagination and feed links keeping the filters", async () => {
    const response = await get("/plan?departement=69&tri=titre");
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain("Achats publics prévus");
    expect(text).toMatch(/\d achats prévus — Département 69 — Rhône/);
    expect(text).toContain("Entretien des espaces verts des parcs");
    expect(text).toContain("Réservé insertion (SIAE)");
    expect(text).not.toContain("Transport scolaire");
    expect(html).toContain('<form method="get" action="/plan"');
    expect(html).toContain('href="/plan.ics?departement=69"');
    expect(html).toContain('href="/plan.csv?departement=69"');
    expect(html).toContain('href="/plan.ocds.json?departement=69"');
    expect(html).toContain('href="/plan?departement=69&amp;tri=titre&amp;ordre=desc"');
    expect(html).toContain('aria-sort="ascending"');
  });

  it("/plan explains ignored filters instead of failing", async () => {
    const response = await get("/plan?semestre=2027-S9&cpv=ab&page=-1");
    expect(response.status).toBe(200);
    const text = visibleText(await response.text());
    expect(text).toContain("Semestre « 2027-S9 » ignoré");
    expect(text).toContain("Division CPV « ab » ignoré");
    expect(text).toContain("Page « -1 » ignoré");
  });

  it("/plan/:id shows what a supplier needs", async () => {
    const response = await get(`/plan/${ids.school}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = visibleText(html);
    for (const expected of [
      "Rénovation énergétique du groupe scolaire Jean-Macé",
      "Isoler les murs et la toiture",
      "lundi 15 février 2027",
      "Justification de l'acheteur : « Budget voté le 11 février",
      "vendredi 30 avril 2027",
      "jeudi 1er juillet 2027",
      "14 mois",
      "Lot 1 : Désamiantage",
      "Ouvert à toutes les entreprises",
      "Clause d'insertion : 5 % des heures.",
      "Isolants biosourcés.",
      "Claire Martin",
      "De 1 à 5 millions d'euros HT",
      "Appel d'offres ouvert",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(
      /Publié dans l'édition n° \d de la programmation du 1er semestre 2027 de Métropole de Lyon-Confluence, le /,
    );
    expect(html).toContain(`href="/plan/${ids.school}/calendrier.ics"`);
    expect(html).toContain('href="/acheteurs/metropole-lyon-test"');
  });

  it("/plan/:id explains a reserved contract, and keeps a withdrawn item's last version", async () => {
    expect(visibleText(await (await get(`/plan/${ids.greens}`)).text())).toContain(
      "Seules les structures d'insertion par l'activité économique",
    );
    const withdrawn = visibleText(await (await get(`/plan/${ids.later}`)).text());
    expect(withdrawn).toContain("Cet achat ne figure plus dans la programmation publiée par l'acheteur.");
    expect(withdrawn).toContain("édition n° 2 du 2e semestre 2027");
  });

  it("answers a French 404 for unknown items, buyers and editions", async () => {
    for (const pathname of [
      "/plan/inconnu",
      "/acheteurs/inconnu",
      "/acheteurs/metropole-lyon-test/editions/2027-S1/9",
      "/acheteurs/metropole-lyon-test/editions/2027-S3/1",
      "/acheteurs/metropole-lyon-test/editions/2027-S1/abc",
    ]) {
      const response = await get(pathname);
      expect(response.status, pathname).toBe(404);
      expect(await response.text()).toContain("Page introuvable");
    }
  });

  it("/acheteurs/:slug lists the buyer's editions; an edition page lists what changed", async () => {
    const buyer = visibleText(await (await get("/acheteurs/agglo-somme-test")).text());
    expect(buyer).toContain("Programmation du 2e semestre 2027");
    expect(buyer).toContain("Édition n° 2");
    expect(buyer).toContain("Édition n° 1");
    const edition = await get("/acheteurs/agglo-somme-test/editions/2027-S2/2");
    expect(edition.status).toBe(200);
    const text = visibleText(await edition.text());
    expect(text).toContain("Ce qui a changé depuis l'édition n° 1");
    expect(text).toContain("Retiré (1)");
    expect(text).toContain("Achat retiré ensuite");
    const first = visibleText(await (await get("/acheteurs/agglo-somme-test/editions/2027-S2/1")).text());
    expect(first).toContain("Première édition du semestre");
    expect(first).toContain("Cette édition a été remplacée");
  });

  it("/plan/calendrier lists the month's publications without JavaScript", async () => {
    const response = await get("/plan/calendrier?mois=2027-02&departement=69");
    expect(response.status).toBe(200);
    const text = visibleText(await response.text());
    expect(text).toContain("février 2027 : 1 achat prévu");
    expect(text).toContain("lundi 15 février 2027");
    expect(text).toContain("Rénovation énergétique du groupe scolaire Jean-Macé");
    const bad = visibleText(await (await get("/plan/calendrier?mois=2027-13")).text());
    expect(bad).toContain("Mois « 2027-13 » ignoré");
  });
});
