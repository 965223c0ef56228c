// Territory density: how many launches (expected publications) each week holds across all the
// buyers of a territory, so that buyers spread them out.
//
// Counts come from the live planned procurements of every buyer whose département is in the
// territory, whatever their editions, excluding drafts and abandoned ones: a buyer planning a
// launch wants to know about the others' plans as soon as they are made. Only counts are shown,
// never which buyer plans what.
//
// Blocked periods: a territory may span several calendars (a région's départements can be in
// different school zones, and 57/67/68 have two more public holidays). The départements are
// grouped by calendar (school zone + Alsace-Moselle), one representative département is loaded per
// group, and each week lists the blocked periods of every group, named with the group when there
// is more than one. No organisation's own periods are included: the view is about the territory.
import { addDays, todayInParis, weekStart } from "~/calendar/dates";
import { getPlatformSetting, loadCalendarContext } from "~/calendar/calendar.server";
import { blockedPeriods, isBlocked, type BlockKind, type CalendarContext } from "~/calendar/rules";
import { db } from "~/db/db.server";
import { findDepartement, schoolZoneLabel, type SchoolZone } from "~/territory/departements";
import { UNPUBLISHED_STATUSES } from "./schema";

export const DENSITY_THRESHOLD_SETTING = "density.threshold";
export const DEFAULT_DENSITY_THRESHOLD = 5;

export interface TerritoryBlock {
  kind: BlockKind;
  label: string;
  from: string;
  to: string;
  /** The calendar it belongs to ("Zone A", "Zone B, Alsace-Moselle"), when the territory has several. */
  calendar: string | null;
}

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

interface CalendarGroup {
  label: string;
  ctx: CalendarContext;
}

/** The territory's calendars: one per (school zone, Alsace-Moselle) among its départements. */
async function calendarGroups(departements: readonly string[]): Promise<CalendarGroup[]> {
  const groups = new Map<string, { representative: string; zone: SchoolZone; alsaceMoselle: boolean }>();
  for (const code of departements) {
    const departement = findDepartement(code);
    if (!departement) continue;
    const key = `${departement.zone}|${departement.alsaceMoselle}`;
    if (!groups.has(key))
      groups.set(key, {
        representative: departement.code,
        zone: departement.zone,
        alsaceMoselle: departement.alsaceMoselle,
      });
  }
  return Promise.all(
    [...groups.values()].map(async (group) => ({
      label: `${schoolZoneLabel(group.zone)}${group.alsaceMoselle ? ", Alsace-Moselle" : ""}`,
      ctx: await loadCalendarContext(group.representative),
    })),
  );
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
    calendarGroups(departements),
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
    const blocks: TerritoryBlock[] = [];
    let blockedWeekdays = 0;
    for (let day = 0; day < 5; day++) {
      const date = addDays(monday, day);
      if (groups.some((group) => isBlocked(group.ctx, date))) blockedWeekdays++;
    }
    for (const group of groups) {
      // Periods that touch a weekday: one that only covers the weekend changes nothing for a launch.
      for (const period of blockedPeriods(group.ctx, monday, addDays(monday, 4))) {
        blocks.push({
          kind: period.kind,
          label: period.label,
          from: period.from,
          to: period.to,
          calendar: groups.length > 1 ? group.label : null,
        });
      }
    }
    result.push({
      weekStart: monday,
      weekEnd: sunday,
      launches: counts.get(monday) ?? 0,
      blocks: mergeSameBlocks(blocks),
      blockedWeekdays,
    });
  }
  return result;
}

/** The same period in several calendars (a public holiday, a quiet period) is listed once, without a calendar name. */
function mergeSameBlocks(blocks: TerritoryBlock[]): TerritoryBlock[] {
  const merged = new Map<string, TerritoryBlock & { calendars: Set<string | null> }>();
  for (const block of blocks) {
    const key = `${block.kind}|${block.label}|${block.from}|${block.to}`;
    const existing = merged.get(key);
    if (existing) existing.calendars.add(block.calendar);
    else merged.set(key, { ...block, calendars: new Set([block.calendar]) });
  }
  return [...merged.values()].map(({ calendars, ...block }) => ({
    ...block,
    calendar: calendars.size > 1 ? null : block.calendar,
  }));
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
