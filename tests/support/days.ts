// Days the integration tests put events and deadlines on, counted from today with the application's
// own calendar (Lyon, zone A: no weekend, public holiday, school holiday or quiet period), so that the
// suite means the same thing next month as today instead of expiring when a hard-coded date passes.
// The school holidays come from the reference data, imported each year: the Christmas and holiday
// cases need the coming school year there.
import { loadCalendarContext } from "~/calendar/calendar.server";
import { addDays, formatDateFr, todayInParis } from "~/calendar/dates";
import { nextAllowedDate } from "~/calendar/rules";
import { calendarDays } from "./calendar-days";

export { icsUtc } from "./calendar-days";

const lyon = calendarDays(await loadCalendarContext("69"));

/** The first day an event may take place in Lyon, `daysAhead` days from today (or `from`) or later. */
export const openDayFrom = lyon.openDayFrom;

/** One département of each school holiday zone: Lyon (A), Nantes (B), Paris (C). */
const everyZone = [await loadCalendarContext("69"), await loadCalendarContext("44"), await loadCalendarContext("75")];

/**
 * The first day, `daysAhead` days from today (or `from`) or later, that is open in every zone: for
 * buyers of any département (zone A and zone B holidays differ by weeks, so a day open in Lyon may
 * be a school holiday in Nantes or Amiens a year from now).
 */
export function openDayEverywhereFrom(daysAhead: number, from: string = todayInParis()): string {
  let day = addDays(from, daysAhead);
  for (;;) {
    const next = everyZone.reduce((candidate, calendar) => nextAllowedDate(calendar, candidate, "event"), day);
    if (next === day) return day;
    day = next;
  }
}

/** A weekday in the next zone A winter, spring or autumn school holiday at least `daysAhead` days away. */
export const schoolHolidayWeekday = lyon.schoolHolidayWeekday;

/** The next 25 December at least `daysAhead` days away, and the first day the rules allow after it. */
export function nextChristmas(daysAhead = 20): { date: string; nextAllowed: string } {
  return lyon.nextYearly("12-25", daysAhead);
}

/** "jeudi 14 janvier 2027", as the application writes a day. */
export const dayFr = formatDateFr;
