// Calendar data access: the reference data (school holidays, quiet periods, procedure minimums,
// platform settings) read from the database and kept in memory for a few seconds, so that the
// public calendar API answers without a query. Writes made through this module (admin pages)
// invalidate the cache at once; other writers may call invalidateCalendarCache().
import { db, write } from "~/db/db.server";
import { findDepartement } from "~/territory/departements";
import { DEFAULT_PROCEDURE, PROCEDURES } from "./procedures";
import { blockPoliciesFromColumns, DEFAULT_BLOCK_POLICIES, type BlockPolicies, type CalendarContext } from "./rules";

/** How long reference data read from the database is reused. */
export const REFERENCE_CACHE_TTL_MS = 10_000;

export interface ProcedureRuleRow {
  procedure: string;
  label: string;
  minimumOpenDays: number;
}

type SchoolHolidayRange = CalendarContext["schoolHolidays"][number];
type QuietPeriodRule = CalendarContext["quietPeriods"][number];

interface Snapshot {
  holidaysByZone: ReadonlyMap<string, readonly SchoolHolidayRange[]>;
  quietPeriods: readonly QuietPeriodRule[];
  procedureRules: readonly ProcedureRuleRow[];
  settings: ReadonlyMap<string, string>;
  /** Contexts without an organisation, per département (built on demand). */
  contexts: Map<string, CalendarContext>;
}

let cached: { snapshot: Snapshot; expiresAt: number } | undefined;
let loading: { promise: Promise<Snapshot>; generation: number } | undefined;
let generation = 0;

/** Forgets the cached reference data: the next read goes to the database. */
export function invalidateCalendarCache(): void {
  generation++;
  cached = undefined;
  loading = undefined;
}

async function loadSnapshot(): Promise<Snapshot> {
  const [holidays, quietPeriods, rules, settings] = await Promise.all([
    db.schoolHoliday.findMany({
      select: { zone: true, period: true, firstDayOff: true, classesResume: true },
      orderBy: [{ zone: "asc" }, { firstDayOff: "asc" }],
    }),
    db.quietPeriod.findMany({
      select: { label: true, startMonthDay: true, endMonthDay: true },
      orderBy: [{ startMonthDay: "asc" }, { createdAt: "asc" }],
    }),
    db.procedureRule.findMany({ orderBy: [{ position: "asc" }, { procedure: "asc" }] }),
    db.platformSetting.findMany(),
  ]);
  const holidaysByZone = new Map<string, SchoolHolidayRange[]>();
  for (const { zone, ...range } of holidays) {
    let list = holidaysByZone.get(zone);
    if (!list) holidaysByZone.set(zone, (list = []));
    list.push(Object.freeze(range));
  }
  for (const list of holidaysByZone.values()) Object.freeze(list);
  const procedureRules: ProcedureRuleRow[] = rules.map(({ procedure, label, minimumOpenDays }) => ({
    procedure,
    label,
    minimumOpenDays,
  }));
  // A known procedure without its row (not migrated yet) keeps Amont's default.
  for (const [procedure, entry] of Object.entries(PROCEDURES)) {
    if (!procedureRules.some((rule) => rule.procedure === procedure))
      procedureRules.push({ procedure, label: entry.label, minimumOpenDays: entry.minimumOpenDays });
  }
  return {
    holidaysByZone,
    quietPeriods: Object.freeze(quietPeriods.map((period) => Object.freeze(period))),
    procedureRules: Object.freeze(procedureRules.map((rule) => Object.freeze(rule))),
    settings: new Map(settings.map((setting) => [setting.key, setting.value])),
    contexts: new Map(),
  };
}

async function snapshot(): Promise<Snapshot> {
  if (cached && cached.expiresAt > Date.now()) return cached.snapshot;
  if (!loading || loading.generation !== generation) {
    const started = generation;
    const promise = loadSnapshot().then(
      (loaded) => {
        if (generation === started) cached = { snapshot: loaded, expiresAt: Date.now() + REFERENCE_CACHE_TTL_MS };
        if (loading?.promise === promise) loading = undefined;
        return loaded;
      },
      (error: unknown) => {
        if (loading?.promise === promise) loading = undefined;
        throw error;
      },
    );
    loading = { promise, generation: started };
  }
  return loading.promise;
}

export class UnknownDepartementError extends Error {
  constructor(readonly departement: string) {
    super(`Unknown département: ${departement}`);
    this.name = "UnknownDepartementError";
  }
}

/**
 * The calendar of a département (its zone's school holidays, public holidays, the platform's
 * quiet periods) and, when `organizationId` is given, that organisation's own blocked periods
 * (read fresh, never cached). Throws UnknownDepartementError for an unknown code.
 * The context's lists are frozen: the rules then cache which days are blocked (see rules.ts).
 * To change one, build a new list (`{ ...ctx, ownPeriods: [...] }`).
 */
export async function loadCalendarContext(
  departement: string,
  organizationId?: string | null,
): Promise<CalendarContext> {
  const current = await snapshot();
  let base = current.contexts.get(departement);
  if (!base) {
    const found = findDepartement(departement);
    if (!found) throw new UnknownDepartementError(departement);
    base = Object.freeze({
      departement: found.code,
      zone: found.zone,
      alsaceMoselle: found.alsaceMoselle,
      schoolHolidays: (current.holidaysByZone.get(found.zone) ?? Object.freeze([])) as SchoolHolidayRange[],
      quietPeriods: current.quietPeriods as QuietPeriodRule[],
      ownPeriods: Object.freeze([]) as unknown as CalendarContext["ownPeriods"],
    });
    current.contexts.set(departement, base);
  }
  if (!organizationId) return { ...base };
  const ownPeriods = await db.organizationBlockedPeriod.findMany({
    where: { organizationId },
    select: { label: true, startDate: true, endDate: true },
    orderBy: { startDate: "asc" },
  });
  return {
    ...base,
    ownPeriods: Object.freeze(ownPeriods.map((period) => Object.freeze(period))) as CalendarContext["ownPeriods"],
  };
}

/** The organisation's choice, per kind of block, between refusing a date and asking for a justification. */
export async function loadBlockPolicies(organizationId: string | null | undefined): Promise<BlockPolicies> {
  if (!organizationId) return { ...DEFAULT_BLOCK_POLICIES };
  const row = await db.organization.findUnique({
    where: { id: organizationId },
    select: { policySchoolHoliday: true, policyPublicHoliday: true, policyQuietPeriod: true, policyOwnPeriod: true },
  });
  return row ? blockPoliciesFromColumns(row) : { ...DEFAULT_BLOCK_POLICIES };
}

/** Minimum open days per expected procedure, in display order (admin-editable). */
export async function loadProcedureRules(): Promise<ProcedureRuleRow[]> {
  return (await snapshot()).procedureRules.map((rule) => ({ ...rule }));
}

/** Minimum open days for a procedure; an unknown procedure gets the MAPA minimum. */
export async function minimumOpenDaysFor(procedure: string | null | undefined): Promise<number> {
  const rules = (await snapshot()).procedureRules;
  const rule =
    rules.find((candidate) => candidate.procedure === procedure) ??
    rules.find((candidate) => candidate.procedure === DEFAULT_PROCEDURE);
  return rule?.minimumOpenDays ?? PROCEDURES[DEFAULT_PROCEDURE].minimumOpenDays;
}

/** Known platform settings and their defaults (also written by the reference-data migration). */
export const PLATFORM_SETTING_DEFAULTS = {
  "density.threshold": "5",
} as const;

/** A platform setting's value, or `fallback` when it was never set. */
export async function getPlatformSetting(key: string, fallback: string): Promise<string> {
  return (await snapshot()).settings.get(key) ?? fallback;
}

/** A platform setting read as an integer; `fallback` when unset or not an integer. */
export async function getPlatformSettingInt(key: string, fallback: number): Promise<number> {
  const value = Number((await snapshot()).settings.get(key));
  return Number.isSafeInteger(value) ? value : fallback;
}

export async function setPlatformSetting(key: string, value: string): Promise<void> {
  await write((tx) => tx.platformSetting.upsert({ where: { key }, create: { key, value }, update: { value } }));
  invalidateCalendarCache();
}
