// Days the integration tests put events and deadlines on, counted from today with the application's
// own calendar (Lyon, zone A: no weekend, public holiday, school holiday or quiet period), so that the
// suite means the same thing next month as today instead of expiring when a hard-coded date passes.
// The school holidays come from the reference data, imported each year: the Christmas and holiday
// cases need the coming school year there.
import { loadCalendarContext } from "~/calendar/calendar.server";
import { formatDateFr } from "~/calendar/dates";
import { calendarDays } from "./calendar-days";

export { icsUtc } from "./calendar-days";

const lyon = calendarDays(await loadCalendarContext("69"));

/** The first day an event may take place in Lyon, `daysAhead` days from today (or `from`) or later. */
export const openDayFrom = lyon.openDayFrom;

/** A weekday in the next zone A winter, spring or autumn school holiday at least `daysAhead` days away. */
export const schoolHolidayWeekday = lyon.schoolHolidayWeekday;

/** The next 25 December at least `daysAhead` days away, and the first day the rules allow after it. */
export function nextChristmas(daysAhead = 20): { date: string; nextAllowed: string } {
  return lyon.nextYearly("12-25", daysAhead);
}

/** "jeudi 14 janvier 2027", as the application writes a day. */
export const dayFr = formatDateFr;
