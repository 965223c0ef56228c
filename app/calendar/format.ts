// Dates and times in French, as people read them, in Europe/Paris: the one module that writes them,
// so that every page and email says "le mardi 26 janvier 2027 à 18:00" the same way. Pure, for the
// server and the browser alike.
//
// The words come from Intl (fr-FR, Europe/Paris); the sentence is assembled here from a date-only
// and a time-only format, never from Intl's own date-and-time connector, which differs between ICU
// versions ("26 janvier 2027 à 18:00", "26 janvier 2027, 18:00", "26 janvier 2027 18:00"): adding
// an "à" to a connector that already had one once printed "à à 18:00".

const PARIS = "Europe/Paris";

const weekdayDayMonthYear = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: PARIS,
});
const dayMonthYear = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: PARIS,
});
const dayMonth = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", timeZone: PARIS });
const monthYear = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: PARIS });
const hoursMinutes = new Intl.DateTimeFormat("fr-FR", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: PARIS,
});
const numericDay = new Intl.DateTimeFormat("fr-FR", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: PARIS,
});

/** An instant, or its ISO text (as loaders send dates to the page). */
export type Instant = Date | string;

function toDate(instant: Instant): Date {
  return typeof instant === "string" ? new Date(instant) : instant;
}

/** Noon UTC of a calendar day "YYYY-MM-DD" (or of the 1st of "YYYY-MM"): the same day in Paris. */
function noonOf(isoDay: string): Date {
  return new Date(
    Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10) || "1"), 12),
  );
}

/** Intl's words with "1er" for the first day of a month, as French writes it. */
function spoken(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((part) => (part.type === "day" && Number(part.value) === 1 ? "1er" : part.value))
    .join("");
}

// ---- calendar days ("YYYY-MM-DD") -------------------------------------------------------------------

/** "lundi 4 janvier 2027", "vendredi 1er octobre 2027". */
export function formatDateFr(isoDay: string): string {
  return spoken(weekdayDayMonthYear, noonOf(isoDay));
}

/** "15 mars 2027", "1er avril 2027". */
export function formatDay(isoDay: string): string {
  return spoken(dayMonthYear, noonOf(isoDay));
}

/** "mars 2027", from "2027-03". */
export function formatMonth(yearMonth: string): string {
  return monthYear.format(noonOf(`${yearMonth}-01`));
}

/** "4 janvier", "1er mai": a day of the year without the year, from a "MM-DD" month-day. */
export function formatMonthDayFr(monthDay: string): string {
  // A leap year, so that "02-29" has a day.
  return spoken(dayMonth, noonOf(`2028-${monthDay}`));
}

/** "04/01/2027". */
export function formatShortDateFr(isoDay: string): string {
  return `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}/${isoDay.slice(0, 4)}`;
}

// ---- instants, in Paris time ------------------------------------------------------------------------

/** "18:00", "09:05". */
export function formatTime(instant: Instant): string {
  return hoursMinutes.format(toDate(instant));
}

/** "26 janvier 2027": the Paris day of an instant. */
export function formatInstantDay(instant: Instant): string {
  return spoken(dayMonthYear, toDate(instant));
}

/** "26 janvier 2027 à 18:00" (after "le", "publiée le"…). */
export function formatInstant(instant: Instant): string {
  const date = toDate(instant);
  return `${spoken(dayMonthYear, date)} à ${hoursMinutes.format(date)}`;
}

/** "mardi 26 janvier 2027 à 18:00" (after "le", "jusqu'au"…): a deadline, a cut-off, a sending time. */
export function formatMoment(instant: Instant): string {
  const date = toDate(instant);
  return `${spoken(weekdayDayMonthYear, date)} à ${hoursMinutes.format(date)}`;
}

/** "mardi 26 janvier 2027, de 09:00 à 12:30": an event's day and hours. */
export function formatEventWhen(startsAt: Instant, endsAt: Instant): string {
  const start = toDate(startsAt);
  return `${spoken(weekdayDayMonthYear, start)}, de ${hoursMinutes.format(start)} à ${hoursMinutes.format(toDate(endsAt))}`;
}

/** "26/01/2027 18:00": tables and spreadsheets. */
export function formatShortInstant(instant: Instant): string {
  const date = toDate(instant);
  return `${numericDay.format(date)} ${hoursMinutes.format(date)}`;
}
