// The ICS writer (pure): the fast line folding gives exactly ical-generator's output, and a feed
// built event by event equals the calendar ical-generator writes in one go (plus the final CRLF).
import fc from "fast-check";
import ical, { ICalCalendarMethod, foldLines } from "ical-generator";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { FeedItem } from "~/plan/feeds/describe";
import { eventDescription } from "~/plan/feeds/describe";
import { buildPlanIcs, foldIcsLines } from "~/plan/feeds/ics.server";

function item(n: number, overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    plannedProcurementId: `pp${n}`,
    title: `Rénovation énergétique n° ${n} — école « Les Platanes », lot unique`,
    need: "Isoler les murs ; remplacer les fenêtres, la chaufferie au fioul… et le reste.\nDeuxième ligne 🌱.",
    category: "travaux",
    cpvCode: "45453000-7",
    valueBand: "215k_1m",
    procedure: "mapa",
    reserved: n % 2 ? "siae" : "none",
    socialConsideration: null,
    environmentalConsideration: "Isolants biosourcés.",
    expectedPublicationDate: `2027-0${(n % 9) + 1}-1${n % 10}`,
    publicationJustification: n % 3 ? null : "Budget voté le 11 février, publication pendant les vacances.",
    responseDeadline: "2027-10-29",
    deadlineJustification: null,
    contractStart: null,
    contractDurationMonths: null,
    contactName: "Claire Martin",
    contactEmail: "claire@exemple.fr",
    status: "planned",
    buyerProfileUrl: null,
    departement: "69",
    region: "84",
    lots: n % 2 ? [{ number: 1, title: "Isolation", description: null }] : [],
    buyer: { id: "b1", slug: "ville", name: "Ville de Saint-Aubin", siren: null },
    edition: {
      id: `e${n % 3}`,
      year: 2027,
      half: 1,
      number: 1,
      publishedAt: new Date(Date.UTC(2026, 10, 23, 10, 0, n)),
    },
    ...overrides,
  };
}

describe("foldIcsLines", () => {
  it("folds exactly like ical-generator's foldLines", () => {
    const samples = [
      "",
      "SUMMARY:court",
      `DESCRIPTION:${"a".repeat(200)}`,
      `DESCRIPTION:${"é".repeat(100)}`,
      `DESCRIPTION:${"🌱".repeat(40)}x`,
      `SUMMARY:${"€a🌱é".repeat(30)}\r\nDESCRIPTION:${"x".repeat(74)}\r\nX:${"y".repeat(72)}`,
      `X:lone high \ud83c surrogate ${"z".repeat(80)}`,
      `X:lone low \udf31 surrogate ${"z".repeat(80)}`,
      `X:${"a".repeat(80)}\ud83c`,
    ];
    for (const sample of samples) expect(foldIcsLines(sample)).toBe(foldLines(sample));
  });

  it("agrees with ical-generator on arbitrary text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 300 }), { maxLength: 5 }), (lines) => {
        const input = lines.map((line) => line.replace(/\r\n/g, "\n")).join("\r\n");
        expect(foldIcsLines(input)).toBe(foldLines(input));
      }),
      { numRuns: 500 },
    );
  });
});

describe("buildPlanIcs", () => {
  it("equals ical-generator's own calendar, with the final CRLF", () => {
    const items = Array.from({ length: 12 }, (_, n) => item(n));
    const options = {
      origin: "https://amont.example",
      name: "Achats publics prévus — Département 69 — Rhône, avec un nom assez long pour être plié",
      url: "https://amont.example/plan.ics?departement=69",
      description: "Les dates prévues.",
    };
    const reference = ical({
      name: options.name,
      description: options.description,
      prodId: { company: "Amont", product: "Programmation previsionnelle", language: "FR" },
      method: ICalCalendarMethod.PUBLISH,
      url: options.url,
      ttl: 6 * 3600,
    });
    for (const entry of items) {
      const url = `${options.origin}/plan/${entry.plannedProcurementId}`;
      const next = new Date(`${entry.expectedPublicationDate}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      reference.createEvent({
        id: `plan-${entry.plannedProcurementId}@amont`,
        allDay: true,
        start: entry.expectedPublicationDate,
        end: next.toISOString().slice(0, 10),
        stamp: entry.edition.publishedAt,
        summary: `Publication prévue : ${entry.title} — ${entry.buyer.name}`,
        description: eventDescription(entry, url),
        url,
        categories: [{ name: "Travaux" }],
      });
    }
    const built = buildPlanIcs(items, options);
    expect(built).toBe(`${reference.toString()}\r\n`);
    // Again (events now come from the cache): the same bytes.
    expect(buildPlanIcs(items, options)).toBe(built);
  });

  it("writes all-day DATE values that a real parser reads back as the same day", () => {
    const text = buildPlanIcs(
      [item(1, { expectedPublicationDate: "2027-12-31" }), item(2, { expectedPublicationDate: "2027-03-28" })],
      { origin: "https://amont.example", name: "Test" },
    );
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents("vevent")
      .map((component) => new ICAL.Event(component));
    expect(
      events.map((event) => [event.startDate.isDate, event.startDate.toString(), event.endDate.toString()]),
    ).toEqual([
      [true, "2027-12-31", "2028-01-01"],
      [true, "2027-03-28", "2027-03-29"],
    ]);
    expect(text).toContain("DTSTAMP:20261123T100001Z");
    expect(text).not.toContain("TZID");
  });
});
