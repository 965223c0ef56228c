// Holiday-aware calendar rules (pure: no I/O, no clock). The rules in plain words: docs/product.md,
// "Holiday-aware calendar".
//
// Vocabulary
// - A *blocked day* is a day on which Amont advises against publishing a consultation, closing a
//   response window or holding an event. A day is blocked for one or more *reasons*:
//     weekend         Saturday and Sunday (always refused: nobody publishes or answers then);
//     public_holiday  the 11 national public holidays, plus Good Friday and 26 December in
//                     Alsace-Moselle (départements 57, 67, 68);
//     school_holiday  the school holidays of the département's zone (A, B, C, Corse…);
//     quiet_period    the platform's quiet periods, recurring every year (by default 20 December
//                     to 3 January and 14 July to 31 August);
//     own_period      the organisation's own blocked periods (closure, elections…).
// - blockReasons() lists every reason of a day, weekend included, so that "blocked" always means
//   "not a good day": isBlocked(ctx, saturday) is true. blockedPeriods() lists the periods only
//   (without weekends), for shading a calendar.
// - An *open day* is a day that is not blocked. openDaysBetween(from, to) counts the open days in
//   (from, to]: after the publication day, up to and including the deadline.
// - Each organisation chooses, per kind of block (weekend excepted), whether a date in it is
//   refused or accepted with a written justification (BlockPolicies). Weekends are always refused.
// - The three kinds of date (publication, response deadline, event) follow the same rules today:
//   an allowed date is a weekday that is not blocked. The kind is part of the signatures so that
//   they may differ later (for example a fair on a Saturday) without changing callers.
import getJoursFeries from "@socialgouv/jours-feries";
import { addDays, dayOfWeek, fromDayNumber, isIsoDate, toDayNumber } from "./dates";

// ---- kinds and labels ---------------------------------------------------------------------------

export type BlockKind = "weekend" | "public_holiday" | "school_holiday" | "quiet_period" | "own_period";
/** The kinds of block for which an organisation chooses a policy (weekends are always refused). */
export type PolicyBlockKind = Exclude<BlockKind, "weekend">;

export const BLOCK_KINDS = [
  "weekend",
  "public_holiday",
  "school_holiday",
  "quiet_period",
  "own_period",
] as const satisfies readonly BlockKind[];
export const POLICY_BLOCK_KINDS = [
  "school_holiday",
  "public_holiday",
  "quiet_period",
  "own_period",
] as const satisfies readonly PolicyBlockKind[];

/** French names of the kinds of block, for people who are not lawyers. */
export const BLOCK_KIND_LABELS: Record<BlockKind, string> = {
  weekend: "Week-end",
  public_holiday: "Jour férié",
  school_holiday: "Vacances scolaires",
  quiet_period: "Période de trêve de la plateforme",
  own_period: "Période bloquée par l'organisation",
};

export interface BlockReason {
  kind: BlockKind;
  /** "Vacances de Noël (zone A)", "Noël", "Fêtes de fin d'année", "Samedi"… */
  label: string;
  /** First blocked day of the period (inclusive). */
  from: string;
  /** Last blocked day of the period (inclusive). */
  to: string;
}

export interface CalendarContext {
  departement: string;
  /** School-holiday zone: "A", "B", "C", "Corse", "Réunion"… */
  zone: string;
  /** Whether Good Friday and 26 December are public holidays (57, 67, 68). */
  alsaceMoselle: boolean;
  /** The zone's school holidays: [firstDayOff, classesResume), classesResume excluded. */
  schoolHolidays: { period: string; firstDayOff: string; classesResume: string }[];
  /** Recurring quiet periods, inclusive "MM-DD" bounds; end before start wraps the year end. */
  quietPeriods: { label: string; startMonthDay: string; endMonthDay: string }[];
  /** The organisation's own blocked periods, inclusive dates. */
  ownPeriods: { label: string; startDate: string; endDate: string }[];
}

// ---- public holidays ------------------------------------------------------------------------------

/** French labels of the holidays named by @socialgouv/jours-feries. */
const HOLIDAY_LABELS: Record<string, string> = {
  "Jour de l'an": "Jour de l'an",
  "Fête du travail": "Fête du Travail",
  "Victoire des alliés": "Victoire du 8 mai 1945",
  "Fête Nationale": "Fête nationale",
  Assomption: "Assomption",
  Toussaint: "Toussaint",
  Armistice: "Armistice du 11 novembre 1918",
  Noël: "Noël",
  "Lundi de Pâques": "Lundi de Pâques",
  Ascension: "Ascension",
  "Lundi de Pentecôte": "Lundi de Pentecôte",
  "Vendredi Saint": "Vendredi saint (Alsace-Moselle)",
  "Saint Étienne": "Saint-Étienne (Alsace-Moselle)",
};

const holidayCache = new Map<string, { list: { date: string; label: string }[]; byDate: Map<string, string> }>();

/**
 * The library builds each date at local midnight of the process's time zone, and the Easter-based
 * ones by adding 24-hour steps, which can land at 23:00 the day before after a daylight-saving
 * change. Reading the local calendar day of (that instant + 12 hours) gives the intended day
 * whatever the process's time zone.
 */
function localDayOf(date: Date): string {
  const noon = new Date(date.getTime() + 12 * 3_600_000);
  const y = noon.getFullYear();
  const m = noon.getMonth() + 1;
  const d = noon.getDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

function holidaysOf(year: number, alsaceMoselle: boolean) {
  const key = `${year}:${alsaceMoselle ? 1 : 0}`;
  let entry = holidayCache.get(key);
  if (!entry) {
    const raw = getJoursFeries(year, { alsace: alsaceMoselle });
    const list = Object.entries(raw)
      .map(([name, date]) => ({ date: localDayOf(date), label: HOLIDAY_LABELS[name] ?? name }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    entry = { list, byDate: new Map(list.map((holiday) => [holiday.date, holiday.label])) };
    if (holidayCache.size > 400) holidayCache.clear();
    holidayCache.set(key, entry);
  }
  return entry;
}

/**
 * The public holidays of a year, sorted by date: the 11 national ones, plus Good Friday and
 * 26 December when `alsaceMoselle` is true.
 */
export function publicHolidays(
  year: number,
  { alsaceMoselle }: { alsaceMoselle: boolean },
): { date: string; label: string }[] {
  return holidaysOf(year, alsaceMoselle).list.map((holiday) => ({ ...holiday }));
}

function publicHolidayLabel(date: string, alsaceMoselle: boolean): string | undefined {
  return holidaysOf(Number(date.slice(0, 4)), alsaceMoselle).byDate.get(date);
}

// ---- quiet periods ----------------------------------------------------------------------------

function inMonthDayRange(monthDay: string, start: string, end: string): boolean {
  return start <= end ? monthDay >= start && monthDay <= end : monthDay >= start || monthDay <= end;
}

/** The date of a "MM-DD" in a year; 29 February of a common year becomes 28 February (end) or 1 March (start). */
function dateOfMonthDay(year: number, monthDay: string, bound: "start" | "end"): string {
  const candidate = `${String(year).padStart(4, "0")}-${monthDay}`;
  if (isIsoDate(candidate)) return candidate;
  const lastOfFebruary = `${String(year).padStart(4, "0")}-02-28`;
  return bound === "end" ? lastOfFebruary : addDays(lastOfFebruary, 1);
}

/** The occurrence of a recurring quiet period that contains `date`, or null. */
export function quietPeriodOccurrence(
  period: { startMonthDay: string; endMonthDay: string },
  date: string,
): { from: string; to: string } | null {
  const monthDay = date.slice(5);
  const { startMonthDay: start, endMonthDay: end } = period;
  if (!inMonthDayRange(monthDay, start, end)) return null;
  const year = Number(date.slice(0, 4));
  if (start <= end) return { from: dateOfMonthDay(year, start, "start"), to: dateOfMonthDay(year, end, "end") };
  return monthDay >= start
    ? { from: dateOfMonthDay(year, start, "start"), to: dateOfMonthDay(year + 1, end, "end") }
    : { from: dateOfMonthDay(year - 1, start, "start"), to: dateOfMonthDay(year, end, "end") };
}

// ---- blocked days -----------------------------------------------------------------------------

/** "zone A", "Corse", "Réunion". */
function zoneSuffix(zone: string): string {
  return zone === "A" || zone === "B" || zone === "C" ? `zone ${zone}` : zone;
}

/**
 * Every reason why `date` is blocked, in this order: weekend, public holiday, school holidays,
 * quiet periods, own periods. Empty when the day is open.
 */
export function blockReasons(ctx: CalendarContext, date: string): BlockReason[] {
  const reasons: BlockReason[] = [];
  const day = dayOfWeek(date);
  if (day === 6 || day === 0)
    reasons.push({ kind: "weekend", label: day === 6 ? "Samedi" : "Dimanche", from: date, to: date });
  const holiday = publicHolidayLabel(date, ctx.alsaceMoselle);
  if (holiday) reasons.push({ kind: "public_holiday", label: holiday, from: date, to: date });
  for (const school of ctx.schoolHolidays) {
    if (school.firstDayOff <= date && date < school.classesResume) {
      reasons.push({
        kind: "school_holiday",
        label: `${school.period} (${zoneSuffix(ctx.zone)})`,
        from: school.firstDayOff,
        to: addDays(school.classesResume, -1),
      });
    }
  }
  for (const quiet of ctx.quietPeriods) {
    const occurrence = quietPeriodOccurrence(quiet, date);
    if (occurrence) reasons.push({ kind: "quiet_period", label: quiet.label, ...occurrence });
  }
  for (const own of ctx.ownPeriods) {
    if (own.startDate <= date && date <= own.endDate)
      reasons.push({ kind: "own_period", label: own.label, from: own.startDate, to: own.endDate });
  }
  return reasons;
}

/** The exact check, on a date string (the reference for the cached day flags below). */
function computeBlocked(ctx: CalendarContext, date: string): boolean {
  const day = dayOfWeek(date);
  if (day === 6 || day === 0) return true;
  if (publicHolidayLabel(date, ctx.alsaceMoselle) !== undefined) return true;
  for (const school of ctx.schoolHolidays) if (school.firstDayOff <= date && date < school.classesResume) return true;
  const monthDay = date.slice(5);
  for (const quiet of ctx.quietPeriods)
    if (inMonthDayRange(monthDay, quiet.startMonthDay, quiet.endMonthDay)) return true;
  for (const own of ctx.ownPeriods) if (own.startDate <= date && date <= own.endDate) return true;
  return false;
}

// ---- day flags: a fast path for the loops (open days, next allowed date) ----------------------------
//
// When a context's lists are frozen (as the contexts of calendar.server.ts are), they cannot
// change, so whether each day of a year is blocked is computed once (366 checks) and kept in a
// byte array, keyed by the lists themselves. The public API then answers a window check with
// array lookups. Contexts built by hand with mutable lists take the exact path every time.

type DayFlags = Map<number, Uint8Array>;
const flagCache = new WeakMap<object, WeakMap<object, WeakMap<object, [DayFlags | undefined, DayFlags | undefined]>>>();

function dayFlagsOf(ctx: CalendarContext): DayFlags | null {
  const { schoolHolidays, quietPeriods, ownPeriods } = ctx;
  if (!Object.isFrozen(schoolHolidays) || !Object.isFrozen(quietPeriods) || !Object.isFrozen(ownPeriods)) return null;
  let byQuiet = flagCache.get(schoolHolidays);
  if (!byQuiet) flagCache.set(schoolHolidays, (byQuiet = new WeakMap()));
  let byOwn = byQuiet.get(quietPeriods);
  if (!byOwn) byQuiet.set(quietPeriods, (byOwn = new WeakMap()));
  let pair = byOwn.get(ownPeriods);
  if (!pair) byOwn.set(ownPeriods, (pair = [undefined, undefined]));
  const index = ctx.alsaceMoselle ? 1 : 0;
  return (pair[index] ??= new Map());
}

/** Day number of 1 January of each year, for the flag arrays. */
function yearStart(year: number): number {
  return Date.UTC(year, 0, 1) / 86_400_000;
}

function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * 86_400_000).getUTCFullYear();
}

/** Returns a fast `blocked(dayNumber)` for this context (same answers as computeBlocked). */
function blockedByDayNumber(ctx: CalendarContext): (dayNumber: number) => boolean {
  const flags = dayFlagsOf(ctx);
  if (!flags) return (dayNumber) => computeBlocked(ctx, fromDayNumber(dayNumber));
  let currentYear = Number.NaN;
  let currentStart = 0;
  let currentEnd = -1;
  let currentFlags: Uint8Array | undefined;
  return (dayNumber) => {
    if (dayNumber < currentStart || dayNumber > currentEnd) {
      currentYear = yearOfDayNumber(dayNumber);
      currentStart = yearStart(currentYear);
      currentEnd = yearStart(currentYear + 1) - 1;
      currentFlags = flags.get(currentYear);
      if (!currentFlags) {
        currentFlags = new Uint8Array(currentEnd - currentStart + 1);
        for (let n = currentStart; n <= currentEnd; n++)
          currentFlags[n - currentStart] = computeBlocked(ctx, fromDayNumber(n)) ? 1 : 0;
        if (flags.size > 200) flags.clear();
        flags.set(currentYear, currentFlags);
      }
    }
    return currentFlags![dayNumber - currentStart] === 1;
  };
}

/** Whether `date` is blocked (weekend or any blocked period). Same answer as blockReasons().length > 0, faster. */
export function isBlocked(ctx: CalendarContext, date: string): boolean {
  return dayFlagsOf(ctx) ? blockedByDayNumber(ctx)(toDayNumber(date)) : computeBlocked(ctx, date);
}

/**
 * The blocked periods (weekends excluded) that touch [from, to], each once, in order of first
 * day: for shading a calendar or a week-by-week view. Periods are not clipped to [from, to].
 */
export function blockedPeriods(ctx: CalendarContext, from: string, to: string): BlockReason[] {
  const seen = new Map<string, BlockReason>();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const reason of blockReasons(ctx, date)) {
      if (reason.kind === "weekend") continue;
      const key = `${reason.kind}|${reason.label}|${reason.from}`;
      if (!seen.has(key)) seen.set(key, reason);
    }
  }
  return [...seen.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

// ---- allowed dates and open days ---------------------------------------------------------------

export type DateKind = "publication" | "response_deadline" | "event";

export const DATE_KIND_LABELS: Record<DateKind, string> = {
  publication: "date de publication",
  response_deadline: "date limite de réponse",
  event: "date de l'événement",
};

/** How far nextAllowedDate() and checkResponseWindow() look ahead before giving up (20 years). */
export const MAX_SEARCH_DAYS = 7_305;

export class NoAllowedDateError extends Error {
  constructor(from: string) {
    super(`No allowed date within ${MAX_SEARCH_DAYS} days after ${from}: the blocked periods cover everything`);
    this.name = "NoAllowedDateError";
  }
}

/**
 * The first date on or after `date` that is allowed for this kind of date: a weekday that is not
 * blocked (all kinds follow the same rule, see the header). Returns `date` itself when it is
 * allowed. Throws NoAllowedDateError if nothing is allowed within MAX_SEARCH_DAYS.
 */
export function nextAllowedDate(ctx: CalendarContext, date: string, _kind: DateKind): string {
  const blocked = blockedByDayNumber(ctx);
  const start = toDayNumber(date);
  for (let n = start; n <= start + MAX_SEARCH_DAYS; n++) if (!blocked(n)) return n === start ? date : fromDayNumber(n);
  throw new NoAllowedDateError(date);
}

/**
 * Open days in (from, to]: the days after `from` up to and including `to` that are not blocked.
 * 0 when `to` is not after `from`.
 */
export function openDaysBetween(ctx: CalendarContext, from: string, to: string): number {
  if (to <= from) return 0;
  const blocked = blockedByDayNumber(ctx);
  const last = toDayNumber(to);
  let count = 0;
  for (let n = toDayNumber(from) + 1; n <= last; n++) if (!blocked(n)) count++;
  return count;
}

// ---- policies and evaluation --------------------------------------------------------------------

export type BlockPolicy = "refuse" | "justify";
export type BlockPolicies = Record<PolicyBlockKind, BlockPolicy>;

export const BLOCK_POLICY_LABELS: Record<BlockPolicy, string> = {
  refuse: "Refuser la date",
  justify: "Accepter la date avec une justification écrite",
};

/** Same as the defaults of the Organization.policy* columns. */
export const DEFAULT_BLOCK_POLICIES: Readonly<BlockPolicies> = Object.freeze({
  school_holiday: "justify",
  public_holiday: "refuse",
  quiet_period: "refuse",
  own_period: "refuse",
});

export function isBlockPolicy(value: unknown): value is BlockPolicy {
  return value === "refuse" || value === "justify";
}

/** Policies from an Organization row's columns (an unknown stored value falls back to the default). */
export function blockPoliciesFromColumns(row: {
  policySchoolHoliday: string;
  policyPublicHoliday: string;
  policyQuietPeriod: string;
  policyOwnPeriod: string;
}): BlockPolicies {
  const pick = (value: string, kind: PolicyBlockKind): BlockPolicy =>
    isBlockPolicy(value) ? value : DEFAULT_BLOCK_POLICIES[kind];
  return {
    school_holiday: pick(row.policySchoolHoliday, "school_holiday"),
    public_holiday: pick(row.policyPublicHoliday, "public_holiday"),
    quiet_period: pick(row.policyQuietPeriod, "quiet_period"),
    own_period: pick(row.policyOwnPeriod, "own_period"),
  };
}

export type DateStatus = "ok" | "needs_justification" | "refused";

export interface DateEvaluation {
  /** ok: allowed; needs_justification: blocked only by kinds whose policy is "justify"; refused: otherwise. */
  status: DateStatus;
  reasons: BlockReason[];
  /** `date` itself when it is allowed, else the next date that needs no justification. */
  nextAllowedDate: string;
}

/** Evaluates a date against the calendar and the organisation's policies. */
export function evaluateDate(
  ctx: CalendarContext,
  date: string,
  kind: DateKind,
  policies: BlockPolicies = DEFAULT_BLOCK_POLICIES,
): DateEvaluation {
  const reasons = blockReasons(ctx, date);
  if (reasons.length === 0) return { status: "ok", reasons, nextAllowedDate: date };
  const refused = reasons.some((reason) => reason.kind === "weekend" || policies[reason.kind] !== "justify");
  return {
    status: refused ? "refused" : "needs_justification",
    reasons,
    nextAllowedDate: nextAllowedDate(ctx, date, kind),
  };
}

export interface ResponseWindowCheck {
  openDays: number;
  minimumOpenDays: number;
  /** Whether the window has at least minimumOpenDays open days (the deadline itself is checked by evaluateDate). */
  ok: boolean;
  /** The first allowed deadline after the publication date whose window reaches the minimum. */
  earliestDeadline: string;
}

/** Checks that (publicationDate, deadline] holds at least `minimumOpenDays` open days. */
export function checkResponseWindow(
  ctx: CalendarContext,
  publicationDate: string,
  deadline: string,
  minimumOpenDays: number,
): ResponseWindowCheck {
  const openDays = openDaysBetween(ctx, publicationDate, deadline);
  return {
    openDays,
    minimumOpenDays,
    ok: openDays >= minimumOpenDays,
    earliestDeadline: earliestDeadline(ctx, publicationDate, minimumOpenDays),
  };
}

/**
 * The first allowed date D after `publicationDate` with openDaysBetween(publicationDate, D) ≥
 * minimumOpenDays (with a minimum of 0 or less: the first allowed date after the publication).
 */
export function earliestDeadline(ctx: CalendarContext, publicationDate: string, minimumOpenDays: number): string {
  const needed = Math.max(1, Math.ceil(minimumOpenDays));
  const blocked = blockedByDayNumber(ctx);
  const start = toDayNumber(publicationDate);
  let count = 0;
  for (let n = start + 1; n <= start + MAX_SEARCH_DAYS + needed * 7; n++) {
    if (!blocked(n) && ++count >= needed) return fromDayNumber(n);
  }
  throw new NoAllowedDateError(publicationDate);
}
