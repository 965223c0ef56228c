// The blocked periods of a territory (a département, a région, a relay's départements): a territory
// may span several calendars (a région's départements can be in different school zones, and
// 57/67/68 have two more public holidays). The départements are grouped by calendar (school zone +
// Alsace-Moselle), one representative département is loaded per group, and a period is named with
// its group when the territory has more than one. No organisation's own periods are included: these
// views are about the territory, for everyone (the density view, a relay's page, /plan/calendrier).
import { departementLabel, findDepartement, schoolZoneLabel, type SchoolZone } from "~/territory/departements";
import { findRegion } from "~/territory/regions";
import { loadCalendarContext } from "./calendar.server";
import { BLOCK_KIND_LABELS, blockedPeriods, type BlockKind, type CalendarContext } from "./rules";

export interface TerritoryBlock {
  kind: BlockKind;
  label: string;
  from: string;
  to: string;
  /** The calendar it belongs to ("Zone A", "Zone B, Alsace-Moselle"), when the territory has several. */
  calendar: string | null;
}

export interface TerritoryCalendar {
  label: string;
  ctx: CalendarContext;
}

/** The territory's calendars: one per (school zone, Alsace-Moselle) among its départements; unknown codes are skipped. */
export async function territoryCalendars(departements: readonly string[]): Promise<TerritoryCalendar[]> {
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

/**
 * The blocked periods (weekends excluded) of each calendar that touch [from, to], the same period
 * in several calendars (a public holiday, a quiet period) listed once without a calendar name,
 * ordered by first day.
 */
export function periodsOfCalendars(
  calendars: readonly TerritoryCalendar[],
  from: string,
  to: string,
): TerritoryBlock[] {
  const blocks: TerritoryBlock[] = [];
  for (const calendar of calendars) {
    for (const period of blockedPeriods(calendar.ctx, from, to)) {
      blocks.push({
        kind: period.kind,
        label: period.label,
        from: period.from,
        to: period.to,
        calendar: calendars.length > 1 ? calendar.label : null,
      });
    }
  }
  return mergeSameBlocks(blocks).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The blocked periods of a territory's départements that touch [from, to] (see periodsOfCalendars). */
export async function territoryBlockedPeriods(
  departements: readonly string[],
  from: string,
  to: string,
): Promise<TerritoryBlock[]> {
  return periodsOfCalendars(await territoryCalendars(departements), from, to);
}

/** The same period in several calendars is listed once, without a calendar name. */
export function mergeSameBlocks(blocks: readonly TerritoryBlock[]): TerritoryBlock[] {
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

// ---- periods in sight: what a public page shows of a chosen territory ------------------------------------

export interface NamedTerritory {
  departements: readonly string[];
  /** "le département 69 — Rhône", "la région Hauts-de-France"… (after "pour"). */
  label: string;
}

/** The territory a visitor chose (a département, or else a région); null when none or unknown. */
export function chosenTerritory(choice: { departement?: string; region?: string }): NamedTerritory | null {
  if (choice.departement && findDepartement(choice.departement))
    return { departements: [choice.departement], label: `le département ${departementLabel(choice.departement)}` };
  const region = choice.region ? findRegion(choice.region) : undefined;
  return region ? { departements: region.departements, label: `la région ${region.name}` } : null;
}

export interface PeriodsInSight {
  territory: string;
  periods: (TerritoryBlock & { kindLabel: string })[];
}

/** The blocked periods of a territory that touch [from, to], with the French name of their kind. */
export async function periodsInSight(territory: NamedTerritory, from: string, to: string): Promise<PeriodsInSight> {
  const periods = await territoryBlockedPeriods(territory.departements, from, to);
  return {
    territory: territory.label,
    periods: periods.map((period) => ({ ...period, kindLabel: BLOCK_KIND_LABELS[period.kind] })),
  };
}
