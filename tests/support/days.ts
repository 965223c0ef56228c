// Days the tests put events and deadlines on, counted from today with the application's own
// calendar (Lyon, zone A: no weekend, public holiday, school holiday or quiet period), so that the
// suite means the same thing next month as today instead of expiring when a hard-coded date passes.
import { loadCalendarContext } from "~/calendar/calendar.server";
import { addDays, formatDateFr, todayInParis } from "~/calendar/dates";
import { nextAllowedDate } from "~/calendar/rules";

const lyon = await loadCalendarContext("69");

/** The first day an event may take place in Lyon, `daysAhead` days from today or later. */
export function openDayFrom(daysAhead: number, from: string = todayInParis()): string {
  return nextAllowedDate(lyon, addDays(from, daysAhead), "event");
}

/** The next 25 December at least `daysAhead` days away, and the first day the rules allow after it. */
export function nextChristmas(daysAhead = 20): { date: string; nextAllowed: string } {
  const today = todayInParis();
  let year = Number(today.slice(0, 4));
  while (`${year}-12-25` < addDays(today, daysAhead)) year++;
  const date = `${year}-12-25`;
  return { date, nextAllowed: nextAllowedDate(lyon, date, "event") };
}

/** A weekday in the next school holiday of zone A starting at least `daysAhead` days away. */
export function schoolHolidayWeekday(daysAhead = 20): string {
  const after = addDays(todayInParis(), daysAhead);
  // Winter, spring or autumn holidays: they start on a Saturday and overlap no quiet period.
  const holiday = lyon.schoolHolidays.find((range) => range.firstDayOff >= after && ["Vacances d'Hiver", "Vacances de Printemps", "Vacances de la Toussaint"].includes(range.period));
  if (!holiday) throw new Error(`No zone A school holiday after ${after} in the calendar data`);
  return addDays(holiday.firstDayOff, 3);
}

/** "jeudi 14 janvier 2027", as the application writes a day. */
export const dayFr = formatDateFr;

/** An instant as an .ics writes it in UTC: 20270114T080000Z. */
export function icsUtc(instant: Date): string {
  return `${instant.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}
