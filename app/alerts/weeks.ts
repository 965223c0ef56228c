// The weeks of the weekly digest (pure). Weeks are ISO weeks of Paris dates ("2027-W05", Monday to
// Sunday). The digest of a week is sent on the following Monday at 07:00 (Paris) and lists what was
// published from its Monday 00:00 to the next Monday 00:00 (Paris), so that consecutive digests
// cover every moment once.
import { addDays, fromDayNumber, toDayNumber, todayInParis, weekStart } from "~/calendar/dates";
import { formatDay } from "~/calendar/format";
import { parisLocalToUtc } from "~/meetings/slots";

/** Paris wall-clock time at which a week's digest is sent, on the Monday after it. */
export const DIGEST_SEND_TIME = "07:00";

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The ISO week of a Paris date: "2027-W05" (the week belongs to the year of its Thursday). */
export function isoWeekKey(isoDay: string): string {
  const thursday = addDays(weekStart(isoDay), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toDayNumber(thursday) - toDayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday ("YYYY-MM-DD") of an ISO week key, or null when the key is malformed. */
export function mondayOfWeek(weekKey: string): string | null {
  const match = WEEK_KEY.exec(weekKey);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > 53) return null;
  // 4 January is always in week 1.
  const firstMonday = weekStart(`${year}-01-04`);
  const monday = fromDayNumber(toDayNumber(firstMonday) + (week - 1) * 7);
  return isoWeekKey(monday) === weekKey ? monday : null;
}

export interface DigestWeek {
  key: string;
  /** Paris dates, Monday and Sunday. */
  monday: string;
  sunday: string;
  /** The instants covered: [from, to). */
  from: Date;
  to: Date;
  /** When the digest is due: the next Monday at 07:00, Paris time. */
  sendAt: Date;
}

export function digestWeek(weekKey: string): DigestWeek | null {
  const monday = mondayOfWeek(weekKey);
  if (!monday) return null;
  const nextMonday = addDays(monday, 7);
  return {
    key: weekKey,
    monday,
    sunday: addDays(monday, 6),
    from: parisLocalToUtc(monday, "00:00"),
    to: parisLocalToUtc(nextMonday, "00:00"),
    sendAt: parisLocalToUtc(nextMonday, DIGEST_SEND_TIME),
  };
}

/** The week that contains `now` in Paris: its digest is the next one to send. */
export function currentWeekKey(now: Date): string {
  return isoWeekKey(todayInParis(now));
}

/** The week after `weekKey`. */
export function nextWeekKey(weekKey: string): string {
  const monday = mondayOfWeek(weekKey);
  if (!monday) throw new Error(`Not an ISO week: ${weekKey}`);
  return isoWeekKey(addDays(monday, 7));
}

/** "du 25 janvier 2027 au 31 janvier 2027". */
export function weekLabel(week: Pick<DigestWeek, "monday" | "sunday">): string {
  return `du ${formatDay(week.monday)} au ${formatDay(week.sunday)}`;
}
