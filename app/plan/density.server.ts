// Territory density: how many launches (expected publications) each week holds across all the
// buyers of a territory, so that buyers spread them out.
//
// Counts come from the live planned procurements of every buyer whose département is in the
// territory, whatever their editions, excluding drafts and abandoned ones: a buyer planning a
// launch wants to know about the others' plans as soon as they are made. Only counts are shown,
// never which buyer plans what.
//
// Blocked periods: a territory may span several calendars; app/calendar/territory.server.ts groups
// its départements by calendar and names the periods with their calendar when there are several.
import { addDays, todayInParis, weekStart } from "~/calendar/dates";
import { getPlatformSetting } from "~/calendar/calendar.server";
import { isBlocked } from "~/calendar/rules";
import { periodsOfCalendars, territoryCalendars, type TerritoryBlock } from "~/calendar/territory.server";
import { db } from "~/db/db.server";
import { UNPUBLISHED_STATUSES } from "./schema";

export const DENSITY_THRESHOLD_SETTING = "density.threshold";
export const DEFAULT_DENSITY_THRESHOLD = 5;

export type { TerritoryBlock };

export interface WeekDensity {
  /** Monday. */
  weekStart: string;
  /** Sunday. */
  weekEnd: string;
  launches: number;
  blocks: TerritoryBlock[];
  /** Weekdays (Monday to Friday) blocked in at least one of the territory's calendars, 0 to 5. */
  blockedWeekdays: number;
}

/** Launches per week, in the territory's départements, from the week of `fromIso`, for `weeks` weeks. */
export async function launchesPerWeek(
  territory: { departements: readonly string[] },
  fromIso: string,
  weeks: number,
): Promise<WeekDensity[]> {
  const first = weekStart(fromIso);
  const end = addDays(first, weeks * 7); // exclusive
  const departements = [...new Set(territory.departements)];
  const [rows, groups] = await Promise.all([
    departements.length === 0
      ? Promise.resolve([])
      : db.plannedProcurement.findMany({
          where: {
            expectedPublicationDate: { gte: first, lt: end },
            status: { notIn: [...UNPUBLISHED_STATUSES] },
            organization: { kind: "buyer", departement: { in: departements } },
          },
          select: { expectedPublicationDate: true },
        }),
    territoryCalendars(departements),
  ]);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const monday = weekStart(row.expectedPublicationDate);
    counts.set(monday, (counts.get(monday) ?? 0) + 1);
  }
  const result: WeekDensity[] = [];
  for (let index = 0; index < weeks; index++) {
    const monday = addDays(first, index * 7);
    const sunday = addDays(monday, 6);
    let blockedWeekdays = 0;
    for (let day = 0; day < 5; day++) {
      const date = addDays(monday, day);
      if (groups.some((group) => isBlocked(group.ctx, date))) blockedWeekdays++;
    }
    // Periods that touch a weekday: one that only covers the weekend changes nothing for a launch.
    const blocks = periodsOfCalendars(groups, monday, addDays(monday, 4));
    result.push({
      weekStart: monday,
      weekEnd: sunday,
      launches: counts.get(monday) ?? 0,
      blocks,
      blockedWeekdays,
    });
  }
  return result;
}

export async function densityThreshold(): Promise<number> {
  const value = Number(await getPlatformSetting(DENSITY_THRESHOLD_SETTING, String(DEFAULT_DENSITY_THRESHOLD)));
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_DENSITY_THRESHOLD;
}

export interface DensityNotice {
  weekStart: string;
  launches: number;
  threshold: number;
  departement: string;
}

/**
 * A notice for the planned-procurement form: the week of `date` already holds `threshold` or more
 * launches in the buyer's département (not counting the procurement being edited). Null otherwise.
 */
export async function densityNotice(
  departement: string,
  date: string | null | undefined,
  excludeId?: string | null,
): Promise<DensityNotice | null> {
  if (!date) return null;
  const monday = weekStart(date);
  const [launches, threshold] = await Promise.all([
    db.plannedProcurement.count({
      where: {
        expectedPublicationDate: { gte: monday, lt: addDays(monday, 7) },
        status: { notIn: [...UNPUBLISHED_STATUSES] },
        organization: { kind: "buyer", departement },
        ...(excludeId ? { id: { not: excludeId } } : {}),
      },
    }),
    densityThreshold(),
  ]);
  return launches >= threshold ? { weekStart: monday, launches, threshold, departement } : null;
}

/** The first week shown by default: the current one. */
export function currentWeek(now: Date = new Date()): string {
  return weekStart(todayInParis(now));
}
