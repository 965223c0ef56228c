// School-year import, database side: preview, save in one transaction, idempotent re-import, and
// nothing changed by a bad file or a tampered preview.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCalendarContext } from "~/calendar/calendar.server";
import { isBlocked } from "~/calendar/rules";
import { parseSchoolCalendarFile, type ParsedHoliday } from "~/calendar/school-year-import";
import {
  importSource,
  parseImportedRowsField,
  previewSchoolYearImport,
  saveSchoolYearImport,
} from "~/calendar/school-year-import.server";
import { db } from "~/db/db.server";

const fixture = (name: string) => readFileSync(`tests/calendar/fixtures/${name}`, "utf8");

function parse(name: string): ParsedHoliday[] {
  const result = parseSchoolCalendarFile(name, fixture(name));
  if (!result.ok) throw new Error(result.message);
  return result.rows;
}

async function snapshot() {
  return db.schoolHoliday.findMany({ orderBy: [{ zone: "asc" }, { schoolYear: "asc" }, { period: "asc" }] });
}

describe("school-year import", () => {
  it("previews, then saves the CSV export: new periods added, known ones confirmed, the API sees it at once", async () => {
    const rows = parse("calendrier-scolaire-export.csv");
    const before = await snapshot();
    const preview = await previewSchoolYearImport(rows);
    // Zone B 2027-2028 in the reference data: Toussaint and Noël "likely", Hiver and Printemps "likely"; no summer.
    expect(preview.counts).toEqual({ new: 1, changed: 0, confirmed: 4, unchanged: 0 });
    expect(preview.rows.find((row) => row.period === "Vacances d'Été")).toMatchObject({
      status: "new",
      previous: null,
    });
    expect(preview.rows.find((row) => row.period === "Vacances de Noël")).toMatchObject({
      status: "confirmed",
      previous: { confidence: "likely", source: "reference-csv" },
    });
    // The preview changes nothing.
    expect(await snapshot()).toEqual(before);

    const ctxBefore = await loadCalendarContext("67");
    expect(isBlocked(ctxBefore, "2028-07-20")).toBe(true); // quiet period "Été" anyway
    expect(isBlocked(ctxBefore, "2028-07-11")).toBe(false);

    expect(await saveSchoolYearImport(rows, importSource("csv", "calendrier-scolaire-export.csv"))).toEqual({
      created: 1,
      updated: 4,
      unchanged: 0,
    });
    const summer = await db.schoolHoliday.findUniqueOrThrow({
      where: { zone_schoolYear_period: { zone: "B", schoolYear: "2027-2028", period: "Vacances d'Été" } },
    });
    expect(summer).toMatchObject({
      firstDayOff: "2028-07-08",
      classesResume: "2028-09-01",
      confidence: "confirmed",
      source: "import-csv:calendrier-scolaire-export.csv",
    });
    expect(isBlocked(await loadCalendarContext("67"), "2028-07-11")).toBe(true);
    expect(
      (
        await db.schoolHoliday.findUniqueOrThrow({
          where: { zone_schoolYear_period: { zone: "B", schoolYear: "2027-2028", period: "Vacances de Noël" } },
        })
      ).confidence,
    ).toBe("confirmed");
  });

  it("importing the same file again changes nothing", async () => {
    const rows = parse("calendrier-scolaire-export.csv");
    await saveSchoolYearImport(rows, importSource("csv", "calendrier-scolaire-export.csv"));
    const once = await snapshot();
    expect((await previewSchoolYearImport(rows)).counts).toEqual({ new: 0, changed: 0, confirmed: 0, unchanged: 5 });
    expect(await saveSchoolYearImport(rows, importSource("csv", "calendrier-scolaire-export.csv"))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 5,
    });
    expect(await snapshot()).toEqual(once);
  });

  it("replaces the dates of a period that the ministry changed", async () => {
    const rows = parse("Zone-B.ics").map((row) =>
      row.period === "Vacances d'Hiver" ? { ...row, firstDayOff: "2027-02-13", classesResume: "2027-03-01" } : row,
    );
    const preview = await previewSchoolYearImport(rows);
    expect(preview.rows.find((row) => row.period === "Vacances d'Hiver")).toMatchObject({
      status: "changed",
      previous: { firstDayOff: "2027-02-20", classesResume: "2027-03-08" },
    });
    expect(preview.rows.find((row) => row.period === "Vacances de Noël")?.status).toBe("unchanged");
    expect(await saveSchoolYearImport(rows, importSource("ics", "Zone-B.ics"))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    expect(await db.schoolHoliday.count({ where: { zone: "B", schoolYear: "2026-2027" } })).toBe(6);
  });

  it("a bad or unrelated file changes nothing", async () => {
    const before = await snapshot();
    for (const [name, content] of [
      ["unrelated.csv", fixture("unrelated.csv")],
      ["Zone-A.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"],
      ["export.json", "{ pas du json"],
    ] as const) {
      const result = parseSchoolCalendarFile(name, content);
      expect(result.ok).toBe(false);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("validates the preview's hidden field again and refuses tampered rows, saving nothing", async () => {
    const before = await snapshot();
    const rows = parse("Zone-B.ics");
    expect(parseImportedRowsField(JSON.stringify(rows))).toEqual(rows);
    const tampered = [
      "not json",
      JSON.stringify([]),
      JSON.stringify([{ ...rows[0], zone: "Z" }]),
      JSON.stringify([{ ...rows[0], firstDayOff: "2027-02-30" }]),
      JSON.stringify([{ ...rows[0], classesResume: rows[0]!.firstDayOff }]),
      JSON.stringify([{ ...rows[0], firstDayOff: "2026-01-01" }]),
      JSON.stringify([{ ...rows[0], schoolYear: "2026-2030" }]),
      JSON.stringify([{ ...rows[0], extra: "<script>" }]),
      JSON.stringify([rows[0], rows[0]]),
    ];
    for (const value of tampered) expect(parseImportedRowsField(value), value).toBeNull();
    await expect(saveSchoolYearImport([{ ...rows[0]!, zone: "Z" as "A" }], "import-ics:x")).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it("validates every row before writing: one bad row, nothing saved", async () => {
    const before = await snapshot();
    const rows = parse("calendrier-scolaire-export.json");
    const broken = [...rows, { ...rows[0]!, period: "x".repeat(200) }];
    await expect(saveSchoolYearImport(broken, "import-json:x")).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});
