// The reference-data migration and the calendar data access (real migrated SQLite database).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { saveProcedureMinimums, saveQuietPeriod } from "~/calendar/admin.server";
import {
  getPlatformSetting,
  getPlatformSettingInt,
  loadBlockPolicies,
  loadCalendarContext,
  loadProcedureRules,
  minimumOpenDaysFor,
  setPlatformSetting,
  UnknownDepartementError,
} from "~/calendar/calendar.server";
import { PROCEDURES } from "~/calendar/procedures";
import { DEFAULT_BLOCK_POLICIES, isBlocked } from "~/calendar/rules";
import { db, write } from "~/db/db.server";
import { referenceHolidays } from "./support";

const MIGRATION = "prisma/migrations/20261123193000_calendar_reference_data/migration.sql";

async function organization(departement = "69") {
  return write((tx) =>
    tx.organization.create({
      data: {
        kind: "buyer",
        name: "Commune test",
        slug: `commune-${Math.random().toString(36).slice(2)}`,
        departement,
      },
    }),
  );
}

describe("reference data migration", () => {
  it("holds exactly the school holidays of the reference CSV", async () => {
    const rows = await db.schoolHoliday.findMany({
      orderBy: [{ schoolYear: "asc" }, { zone: "asc" }, { firstDayOff: "asc" }],
    });
    const csv = referenceHolidays();
    expect(rows).toHaveLength(66);
    expect(
      rows
        .map(({ schoolYear, zone, period, firstDayOff, classesResume, confidence }) => ({
          schoolYear,
          zone,
          period,
          firstDayOff,
          classesResume,
          confidence,
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([...csv].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(["reference-csv"]));
    expect(rows[0]!.importedAt).toBeInstanceOf(Date);
  });

  it("holds the default quiet periods, the procedure minimums in order and the platform settings", async () => {
    expect(
      await db.quietPeriod.findMany({
        select: { label: true, startMonthDay: true, endMonthDay: true },
        orderBy: { startMonthDay: "asc" },
      }),
    ).toEqual([
      { label: "Été", startMonthDay: "07-14", endMonthDay: "08-31" },
      { label: "Fêtes de fin d'année", startMonthDay: "12-20", endMonthDay: "01-03" },
    ]);
    const rules = await db.procedureRule.findMany({ orderBy: { position: "asc" } });
    // What the migration wrote (the vocabulary's defaults when it was generated).
    expect(rules.map(({ procedure, minimumOpenDays, position }) => [procedure, minimumOpenDays, position])).toEqual([
      ["mapa", 15, 0],
      ["ao_ouvert", 35, 1],
      ["ao_restreint", 30, 2],
      ["negociee", 30, 3],
      ["dialogue", 30, 4],
      ["sans_publicite", 10, 5],
    ]);
    expect(rules[0]!.label).toBe("Procédure adaptée (MAPA)");
    // (It also wrote "ocds.ocidPrefix", removed since: the ocid prefix is the OCDS_PREFIX setting.)
    expect(await db.platformSetting.findMany({ select: { key: true, value: true }, orderBy: { key: "asc" } })).toEqual([
      { key: "density.threshold", value: "5" },
    ]);
  });

  it("has the school-holiday statements the generator produces from the CSV", () => {
    // Only the CSV-derived part: the vocabulary may change later, an applied migration never does.
    const holidayLines = (sql: string) =>
      sql.split("\n").filter((line) => line.startsWith('INSERT OR IGNORE INTO "SchoolHoliday"'));
    const generated = spawnSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/generate-holiday-migration.ts"],
      { encoding: "utf8" },
    );
    expect(generated.stderr).toBe("");
    expect(holidayLines(generated.stdout)).toHaveLength(66);
    expect(holidayLines(generated.stdout)).toEqual(holidayLines(readFileSync(MIGRATION, "utf8")));
  });
});

describe("calendar data access", () => {
  it("loads a département's context: its zone's school holidays and the quiet periods", async () => {
    const lyon = await loadCalendarContext("69");
    expect(lyon).toMatchObject({ departement: "69", zone: "A", alsaceMoselle: false, ownPeriods: [] });
    expect(lyon.schoolHolidays).toHaveLength(22);
    expect(lyon.schoolHolidays).toContainEqual({
      period: "Vacances d'Hiver",
      firstDayOff: "2027-02-13",
      classesResume: "2027-03-01",
    });
    expect(lyon.quietPeriods).toHaveLength(2);
    expect((await loadCalendarContext("67")).alsaceMoselle).toBe(true);
    expect((await loadCalendarContext("2A")).schoolHolidays).toEqual([]);
    await expect(loadCalendarContext("99")).rejects.toBeInstanceOf(UnknownDepartementError);
  });

  it("adds the organisation's own periods, read fresh", async () => {
    const org = await organization();
    expect((await loadCalendarContext("69", org.id)).ownPeriods).toEqual([]);
    await write((tx) =>
      tx.organizationBlockedPeriod.create({
        data: { organizationId: org.id, label: "Fermeture estivale", startDate: "2027-06-07", endDate: "2027-06-11" },
      }),
    );
    const ctx = await loadCalendarContext("69", org.id);
    expect(ctx.ownPeriods).toEqual([{ label: "Fermeture estivale", startDate: "2027-06-07", endDate: "2027-06-11" }]);
    expect(isBlocked(ctx, "2027-06-09")).toBe(true);
    expect((await loadCalendarContext("69")).ownPeriods).toEqual([]);
  });

  it("loads an organisation's policies, with defaults", async () => {
    expect(await loadBlockPolicies(null)).toEqual(DEFAULT_BLOCK_POLICIES);
    const org = await organization();
    expect(await loadBlockPolicies(org.id)).toEqual(DEFAULT_BLOCK_POLICIES);
    await write((tx) =>
      tx.organization.update({
        where: { id: org.id },
        data: { policySchoolHoliday: "refuse", policyQuietPeriod: "justify", policyOwnPeriod: "nonsense" },
      }),
    );
    expect(await loadBlockPolicies(org.id)).toEqual({
      school_holiday: "refuse",
      public_holiday: "refuse",
      quiet_period: "justify",
      own_period: "refuse",
    });
  });

  it("sees an administrator's changes at once (the cache is invalidated)", async () => {
    const before = await loadCalendarContext("75");
    expect(isBlocked(before, "2027-06-02")).toBe(false);
    await saveQuietPeriod({ label: "Pont de juin", start: "06-01", end: "06-04" });
    expect(isBlocked(await loadCalendarContext("75"), "2027-06-02")).toBe(true);

    expect(await minimumOpenDaysFor("ao_ouvert")).toBe(35);
    await saveProcedureMinimums({ ao_ouvert: 40 });
    expect(await minimumOpenDaysFor("ao_ouvert")).toBe(40);
    expect((await loadProcedureRules()).map((rule) => rule.procedure)).toEqual(Object.keys(PROCEDURES));
    expect(await minimumOpenDaysFor(undefined)).toBe(15);
    expect(await minimumOpenDaysFor("inconnue")).toBe(15);
  });

  it("reads and writes platform settings", async () => {
    expect(await getPlatformSettingInt("density.threshold", 99)).toBe(5);
    expect(await getPlatformSetting("nothing.here", "fallback")).toBe("fallback");
    await setPlatformSetting("density.threshold", "8");
    expect(await getPlatformSettingInt("density.threshold", 99)).toBe(8);
  });
});
