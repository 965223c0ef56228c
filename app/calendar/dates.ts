// Calendar dates without time ("YYYY-MM-DD" strings, meant in Europe/Paris), pure and fast.
//
// A date string names a day, not an instant: arithmetic on it is done on a UTC day number, so it
// never depends on the process's time zone or on daylight-saving changes. Only todayInParis()
// looks at an instant, and it converts it through Europe/Paris explicitly.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written "YYYY-MM-DD" ("2027-02-30" is not). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const match = ISO_DATE.exec(s);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Days since 1970-01-01 (UTC day number) of an ISO date. The string is assumed valid. */
export function toDayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/** The ISO date of a UTC day number. */
export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** `iso` plus `n` days (n may be negative). */
export function addDays(iso: string, n: number): string {
  return fromDayNumber(toDayNumber(iso) + n);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of the week, 0 = Sunday … 6 = Saturday (like Date#getDay). */
export function dayOfWeek(iso: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

export function isWeekend(iso: string): boolean {
  const day = dayOfWeek(iso);
  return day === 0 || day === 6;
}

/** Every day from `fromIso` to `toIso`, both included (empty when `toIso` is earlier). */
export function eachDay(fromIso: string, toIso: string): string[] {
  const days: string[] = [];
  const last = toDayNumber(toIso);
  for (let n = toDayNumber(fromIso); n <= last; n++) days.push(fromDayNumber(n));
  return days;
}

/** The Monday of the week of `iso` (French weeks start on Monday). */
export function weekStart(iso: string): string {
  return addDays(iso, -((dayOfWeek(iso) + 6) % 7));
}

const parisDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The date of the instant `now` in Europe/Paris. */
export function todayInParis(now: Date = new Date()): string {
  return instantToParisDate(now);
}

/** The Europe/Paris calendar date of an instant ("2025-12-19T23:00:00Z" → "2025-12-20"). */
export function instantToParisDate(instant: Date): string {
  // en-CA formats dates as YYYY-MM-DD.
  return parisDate.format(instant);
}

// Writing a day in French lives in ./format (the one formatter of dates and times); re-exported for
// the many callers that read and write days through this module.
export { formatDateFr, formatMonthDayFr, formatShortDateFr } from "./format";

/**
 * An instant inside that Paris day, far from both of its midnights (11:00 UTC: noon in winter, 1 p.m.
 * in summer), for records that know the day of something but not its time.
 */
export function instantWithinParisDate(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), 11));
}
