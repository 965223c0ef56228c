// Calendar administration (platform admins): school years overview, quiet periods, procedure
// minimums. Every write invalidates the calendar cache so that the API sees it at once.
import { db, write } from "~/db/db.server";
import { SCHOOL_ZONES } from "~/territory/departements";
import { invalidateCalendarCache } from "./calendar.server";
import { coverageEndingSoon, type ZoneCoverage } from "./coverage";
import { todayInParis } from "./dates";
import { PROCEDURE_CODES, PROCEDURES, isProcedure, type Procedure } from "./procedures";

export interface SchoolYearCell {
  periods: { period: string; firstDayOff: string; classesResume: string; confidence: string; source: string }[];
}

export interface SchoolYearsOverview {
  /** Zones that have at least one row, in the usual order. */
  zones: string[];
  /** Zones whose known holidays end within a year: their next school year should be imported. */
  endingSoon: ZoneCoverage[];
  years: { schoolYear: string; cells: Record<string, SchoolYearCell | undefined> }[];
}

/** Every school year known, per zone, with the periods and their confidence. */
export async function schoolYearsOverview(today = todayInParis()): Promise<SchoolYearsOverview> {
  const rows = await db.schoolHoliday.findMany({ orderBy: [{ schoolYear: "asc" }, { firstDayOff: "asc" }] });
  const zoneOrder = (zone: string) => {
    const index = (SCHOOL_ZONES as readonly string[]).indexOf(zone);
    return index === -1 ? SCHOOL_ZONES.length : index;
  };
  const zones = [...new Set(rows.map((row) => row.zone))].sort(
    (a, b) => zoneOrder(a) - zoneOrder(b) || a.localeCompare(b),
  );
  const years = new Map<string, Record<string, SchoolYearCell | undefined>>();
  for (const row of rows) {
    let cells = years.get(row.schoolYear);
    if (!cells) years.set(row.schoolYear, (cells = {}));
    const cell = (cells[row.zone] ??= { periods: [] });
    cell.periods.push({
      period: row.period,
      firstDayOff: row.firstDayOff,
      classesResume: row.classesResume,
      confidence: row.confidence,
      source: row.source,
    });
  }
  return {
    zones,
    endingSoon: coverageEndingSoon(rows, zones, today),
    years: [...years.entries()].map(([schoolYear, cells]) => ({ schoolYear, cells })),
  };
}

export async function listQuietPeriods() {
  return db.quietPeriod.findMany({
    orderBy: [{ startMonthDay: "asc" }, { createdAt: "asc" }],
    select: { id: true, label: true, startMonthDay: true, endMonthDay: true },
  });
}

export async function saveQuietPeriod(input: {
  id?: string;
  label: string;
  start: string;
  end: string;
}): Promise<"created" | "updated" | "missing"> {
  const data = { label: input.label, startMonthDay: input.start, endMonthDay: input.end };
  const outcome = await write(async (tx) => {
    if (!input.id) {
      await tx.quietPeriod.create({ data });
      return "created" as const;
    }
    const { count } = await tx.quietPeriod.updateMany({ where: { id: input.id }, data });
    return count === 1 ? ("updated" as const) : ("missing" as const);
  });
  invalidateCalendarCache();
  return outcome;
}

export async function deleteQuietPeriod(id: string): Promise<boolean> {
  const { count } = await write((tx) => tx.quietPeriod.deleteMany({ where: { id } }));
  invalidateCalendarCache();
  return count === 1;
}

/** Sets the minimum open days of each procedure (creates a missing row with the default label). */
export async function saveProcedureMinimums(minimums: Partial<Record<Procedure, number>>): Promise<void> {
  await write(async (tx) => {
    const entries = Object.entries(minimums) as [Procedure, number][];
    for (const [procedure, minimumOpenDays] of entries) {
      if (!isProcedure(procedure)) continue;
      const position = PROCEDURE_CODES.indexOf(procedure);
      await tx.procedureRule.upsert({
        where: { procedure },
        create: { procedure, label: PROCEDURES[procedure].label, minimumOpenDays, position },
        update: { minimumOpenDays },
      });
    }
  });
  invalidateCalendarCache();
}
