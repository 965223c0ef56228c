// Days the end-to-end tests use, counted from today with the application's own calendar rules and
// the reference data of the e2e database (Lyon, zone A), so that the tests do not expire when a
// hard-coded date passes. The rules are shared with the integration tests (tests/support/calendar-days.ts).
import Database from "better-sqlite3";
import { addDays, formatDateFr } from "../../app/calendar/dates";
import type { CalendarContext } from "../../app/calendar/rules";
import { calendarDays } from "../support/calendar-days";
import { e2eDatabaseFile } from "./fixtures";

let lyon: CalendarContext | undefined;
function lyonCalendar(): CalendarContext {
  if (lyon) return lyon;
  const database = new Database(e2eDatabaseFile(), { readonly: true, fileMustExist: true });
  try {
    lyon = {
      departement: "69",
      zone: "A",
      alsaceMoselle: false,
      schoolHolidays: database
        .prepare(`SELECT period, firstDayOff, classesResume FROM SchoolHoliday WHERE zone = 'A' ORDER BY firstDayOff`)
        .all() as CalendarContext["schoolHolidays"],
      quietPeriods: database
        .prepare(`SELECT label, startMonthDay, endMonthDay FROM QuietPeriod`)
        .all() as CalendarContext["quietPeriods"],
      ownPeriods: [],
    };
    return lyon;
  } finally {
    database.close();
  }
}

/** The first day an event or a deadline may fall on in Lyon, `daysAhead` days from `from` (today) or later. */
export function openDayFrom(daysAhead: number, from?: string): string {
  return calendarDays(lyonCalendar()).openDayFrom(daysAhead, from);
}

/** The next `monthDay` ("12-28") at least `daysAhead` days away, and the first day the rules allow after it. */
export function nextYearly(monthDay: string, daysAhead: number): { date: string; nextAllowed: string } {
  return calendarDays(lyonCalendar()).nextYearly(monthDay, daysAhead);
}

export { addDays };
/** "lundi 4 janvier 2027", as the application writes a day. */
export const dayFr = formatDateFr;
