// The OCDS writer (pure parts): dates with the Paris offset, month arithmetic, and the streamed
// JSON text equal to the package object's.
import { describe, expect, it } from "vitest";
import type { FeedItem } from "~/plan/feeds/describe";
import { addMonthsIso, buildOcdsPackage, ocdsPackageJson, parisDateTime } from "~/plan/feeds/ocds.server";

function item(n: number): FeedItem {
  return {
    plannedProcurementId: `pp${n}`,
    title: `Achat [${n}] "entre guillemets"`,
    need: "Besoin.\nSur deux lignes.",
    category: ["travaux", "fournitures", "services"][n % 3]!,
    cpvCode: "45453000-7",
    valueBand: ["lt_40k", "gt_5m", "215k_1m"][n % 3]!,
    procedure: ["mapa", "ao_ouvert", "sans_publicite"][n % 3]!,
    reserved: n % 2 ? "ess" : "none",
    socialConsideration: n % 2 ? "Insertion." : null,
    environmentalConsideration: null,
    expectedPublicationDate: "2027-03-15",
    publicationJustification: null,
    responseDeadline: n % 2 ? "2027-04-30" : null,
    deadlineJustification: null,
    contractStart: n % 2 ? "2027-01-31" : null,
    contractDurationMonths: n % 2 ? 1 : null,
    contactName: "Claire Martin",
    contactEmail: "claire@exemple.fr",
    status: "planned",
    buyerProfileUrl: null,
    departement: "2A",
    region: "94",
    lots: [],
    buyer: { id: "b", slug: "ville", name: "Ville", siren: n % 2 ? "213800004" : null },
    edition: { id: "e", year: 2027, half: 1, number: 2, publishedAt: new Date("2026-11-23T10:00:00Z") },
  };
}

describe("OCDS helpers", () => {
  it("writes Paris dates with the right offset on both sides of the clock changes", () => {
    expect(parisDateTime("2027-01-15")).toBe("2027-01-15T00:00:00+01:00");
    expect(parisDateTime("2027-07-15", "23:59:59")).toBe("2027-07-15T23:59:59+02:00");
    // 28 March 2027: clocks go forward at 02:00.
    expect(parisDateTime("2027-03-28")).toBe("2027-03-28T00:00:00+01:00");
    expect(parisDateTime("2027-03-28", "23:59:59")).toBe("2027-03-28T23:59:59+02:00");
    // 31 October 2027: clocks go back at 03:00.
    expect(parisDateTime("2027-10-31")).toBe("2027-10-31T00:00:00+02:00");
    expect(parisDateTime("2027-10-31", "23:59:59")).toBe("2027-10-31T23:59:59+01:00");
  });

  it("adds months, clamping the day", () => {
    expect(addMonthsIso("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonthsIso("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsIso("2027-11-15", 14)).toBe("2029-01-15");
    expect(addMonthsIso("2027-07-01", 12)).toBe("2028-07-01");
  });

  it("streams the same JSON as the package object, empty or not", () => {
    const options = {
      prefix: "ocds-abc123",
      origin: "https://amont.example",
      uri: "https://amont.example/plan.ocds.json?cpv=45",
      publishedDate: new Date("2026-11-23T10:00:00Z"),
    };
    for (const items of [[], [item(1)], [item(1), item(2), item(3)]]) {
      expect(ocdsPackageJson(items, options)).toBe(JSON.stringify(buildOcdsPackage(items, options)));
    }
    const release = JSON.parse(ocdsPackageJson([item(1)], options)).releases[0];
    expect(release.tender.contractPeriod).toEqual({
      startDate: "2027-01-31T00:00:00+01:00",
      endDate: "2027-02-27T23:59:59+01:00",
      durationInDays: 28,
    });
    expect(release.parties[0].address).toEqual({ region: "Corse", countryName: "France" });
    expect(release.tender.mainProcurementCategory).toBe("goods");
  });
});
