// Days counted from today with the application's calendar rules, for a given calendar context.
// The integration tests (tests/support/days.ts) take the context from the test database, the
// end-to-end tests (tests/e2e/days.ts) from the e2e database. No I/O here.
import { addDays, todayInParis } from "../../app/calendar/dates";
import { nextAllowedDate, type CalendarContext } from "../../app/calendar/rules";

export function calendarDays(calendar: CalendarContext) {
  /** The first day an event or a deadline may fall on, `daysAhead` days from `from` (today) or later. */
  function openDayFrom(daysAhead: number, from: string = todayInParis()): string {
    return nextAllowedDate(calendar, addDays(from, daysAhead), "event");
  }

  /** The next `monthDay` ("12-25") at least `daysAhead` days away, and the first day the rules allow after it. */
  function nextYearly(monthDay: string, daysAhead: number): { date: string; nextAllowed: string } {
    const today = todayInParis();
    let year = Number(today.slice(0, 4));
    while (`${year}-${monthDay}` < addDays(today, daysAhead)) year++;
    const date = `${year}-${monthDay}`;
    return { date, nextAllowed: nextAllowedDate(calendar, date, "event") };
  }

  /** A weekday in the next winter, spring or autumn school holiday starting at least `daysAhead` days away. */
  function schoolHolidayWeekday(daysAhead = 20): string {
    const after = addDays(todayInParis(), daysAhead);
    // These start on a Saturday and overlap no quiet period: the Tuesday after is inside them.
    const holiday = calendar.schoolHolidays.find(
      (range) =>
        range.firstDayOff >= after &&
        ["Vacances d'Hiver", "Vacances de Printemps", "Vacances de la Toussaint"].includes(range.period),
    );
    if (!holiday) throw new Error(`No school holiday after ${after} in the calendar data`);
    return addDays(holiday.firstDayOff, 3);
  }

  return { openDayFrom, nextYearly, schoolHolidayWeekday };
}

/** An instant as an .ics writes it in UTC: 20270114T080000Z. */
export function icsUtc(instant: Date): string {
  return `${instant.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}
