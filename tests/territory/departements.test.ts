import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ALSACE_MOSELLE_CODES,
  DEPARTEMENT_CODES,
  DEPARTEMENT_INVALID_MESSAGE,
  DEPARTEMENTS,
  DEPARTEMENTS_SORTED,
  departementLabel,
  departementSchema,
  findDepartement,
  hasAlsaceMosellePublicHolidays,
  isDepartementCode,
  METROPOLITAN_SCHOOL_ZONES,
  SCHOOL_ZONES,
  schoolZoneLabel,
  schoolZoneOf,
} from "~/territory/departements";

function readCsv() {
  const path = fileURLToPath(new URL("../../app/territory/data/departements.csv", import.meta.url));
  const [header, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  expect(header).toBe("departement,name,academie,zone,alsace_moselle_holidays");
  return lines.map((line) => {
    const m = /^([^,]+),"([^"]*)",([^,]+),([^,]+),(yes|no)$/.exec(line);
    if (!m) throw new Error(`Unexpected CSV line: ${line}`);
    return { code: m[1], name: m[2], academie: m[3], zone: m[4], alsaceMoselle: m[5] === "yes" };
  });
}

describe("départements data", () => {
  it("has the 101 départements, each once", () => {
    expect(DEPARTEMENTS).toHaveLength(101);
    expect(new Set(DEPARTEMENTS.map((d) => d.code)).size).toBe(101);
    expect(DEPARTEMENT_CODES).toHaveLength(101);
    expect(DEPARTEMENTS_SORTED).toHaveLength(101);
  });

  it("matches the CSV it was generated from", () => {
    const fromCsv = readCsv();
    expect(DEPARTEMENTS.map((d) => ({ ...d }))).toEqual(fromCsv);
  });

  it("has 96 metropolitan and 5 overseas départements", () => {
    expect(DEPARTEMENT_CODES.filter((c) => c.length === 3)).toEqual(["971", "972", "973", "974", "976"]);
    expect(DEPARTEMENT_CODES.filter((c) => c.length === 2)).toHaveLength(96);
    expect(isDepartementCode("20")).toBe(false);
  });
});

describe("ordering", () => {
  it("follows the usual French order", () => {
    expect(DEPARTEMENT_CODES.slice(0, 3)).toEqual(["01", "02", "03"]);
    const i = DEPARTEMENT_CODES.indexOf("19");
    expect(DEPARTEMENT_CODES.slice(i, i + 4)).toEqual(["19", "2A", "2B", "21"]);
    expect(DEPARTEMENT_CODES.slice(-7)).toEqual(["94", "95", "971", "972", "973", "974", "976"]);
  });

  it("sorts DEPARTEMENTS_SORTED like DEPARTEMENT_CODES", () => {
    expect(DEPARTEMENTS_SORTED.map((d) => d.code)).toEqual([...DEPARTEMENT_CODES]);
  });
});

describe("Alsace-Moselle", () => {
  it("applies to 57, 67 and 68 only", () => {
    expect(ALSACE_MOSELLE_CODES).toEqual(["57", "67", "68"]);
    expect(
      DEPARTEMENTS.filter((d) => d.alsaceMoselle)
        .map((d) => d.code)
        .sort(),
    ).toEqual(["57", "67", "68"]);
    expect(hasAlsaceMosellePublicHolidays("57")).toBe(true);
    expect(hasAlsaceMosellePublicHolidays("54")).toBe(false);
    expect(hasAlsaceMosellePublicHolidays("xx")).toBe(false);
  });
});

describe("school zones", () => {
  it("puts Corsica in its own zone", () => {
    expect(schoolZoneOf("2A")).toBe("Corse");
    expect(schoolZoneOf("2B")).toBe("Corse");
    expect(findDepartement("2A")?.academie).toBe("Corse");
  });

  it("knows the metropolitan zones", () => {
    expect(schoolZoneOf("75")).toBe("C");
    expect(schoolZoneOf("69")).toBe("A");
    expect(schoolZoneOf("13")).toBe("B");
    expect(schoolZoneOf("67")).toBe("B");
    expect(schoolZoneOf("14")).toBe("B"); // Normandie
    expect(schoolZoneOf("zz")).toBeUndefined();
  });

  it("lists every zone used by the data", () => {
    expect(new Set(DEPARTEMENTS.map((d) => d.zone))).toEqual(new Set(SCHOOL_ZONES));
    expect(METROPOLITAN_SCHOOL_ZONES).toEqual(["A", "B", "C"]);
    expect(schoolZoneLabel("A")).toBe("Zone A");
    expect(schoolZoneLabel("Corse")).toBe("Corse");
    expect(schoolZoneOf("974")).toBe("Réunion");
  });
});

describe("labels and lookup", () => {
  it.each([
    ["69", "69 — Rhône"],
    ["01", "01 — Ain"],
    ["2A", "2A — Corse-du-Sud"],
    ["2B", "2B — Haute-Corse"],
    ["974", "974 — La Réunion"],
    ["21", "21 — Côte-d'Or"],
  ])("labels %s as « %s »", (code, label) => {
    expect(departementLabel(code)).toBe(label);
  });

  it("returns an unknown code unchanged", () => {
    expect(departementLabel("99")).toBe("99");
  });

  it("finds départements by exact code", () => {
    expect(findDepartement("25")).toEqual({
      code: "25",
      name: "Doubs",
      academie: "Besançon",
      zone: "A",
      alsaceMoselle: false,
    });
    expect(findDepartement("2a")).toBeUndefined();
    expect(findDepartement("1")).toBeUndefined();
    expect(isDepartementCode("2A")).toBe(true);
    expect(isDepartementCode("2a")).toBe(false);
    expect(isDepartementCode(69)).toBe(false);
  });
});

describe("departementSchema", () => {
  const schema = departementSchema();

  it("trims and upper-cases", () => {
    expect(schema.parse(" 69 ")).toBe("69");
    expect(schema.parse("2a")).toBe("2A");
  });

  it.each([["99"], ["20"], [""], ["Rhône"], [undefined], [69]])("rejects %j with a French message", (value) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues.map((i) => i.message)).toEqual([DEPARTEMENT_INVALID_MESSAGE]);
    }
  });

  it("accepts a custom message", () => {
    const result = departementSchema("Département inconnu.").safeParse("00");
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.message).toBe("Département inconnu.");
  });

  it("uses the expected message", () => {
    expect(DEPARTEMENT_INVALID_MESSAGE).toBe("Choisissez un département dans la liste.");
  });
});
