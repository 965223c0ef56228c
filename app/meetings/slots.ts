// Stand slots (pure: no I/O, no clock). A stand opens and closes at Paris local times ("09:00",
// "12:30") on the fair's day, is cut into slots of 15, 20 or 30 minutes, and skips its breaks.
// Local times are turned into UTC instants through Europe/Paris, so that a fair on the day clocks
// change (or in summer time) still starts at the time printed on the programme.
import { formatTime } from "~/calendar/format";

export const SLOT_LENGTHS = [15, 20, 30] as const;
export type SlotLength = (typeof SLOT_LENGTHS)[number];

export interface TimeRange {
  /** "HH:MM", Paris local time. */
  from: string;
  to: string;
}

export interface OpeningHours {
  /** The fair's day in Paris, "YYYY-MM-DD". */
  date: string;
  opensAt: string;
  closesAt: string;
  slotMinutes: number;
  breaks: readonly TimeRange[];
}

export interface GeneratedSlot {
  startsAt: Date;
  endsAt: Date;
  /** "09:20", Paris local time (for display and tests). */
  localStart: string;
  localEnd: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalTime(value: unknown): value is string {
  return typeof value === "string" && TIME.test(value);
}

/** Minutes since midnight of "HH:MM". */
export function minutesOf(time: string): number {
  const match = TIME.exec(time);
  if (!match) throw new Error(`Not a local time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" });

/** Europe/Paris offset from UTC at an instant, in minutes (+60 in winter, +120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/**
 * The UTC instant of a Paris wall-clock time on a Paris date (the night hours skipped or repeated
 * when clocks change resolve to one of their readings; fairs do not open at 2 a.m.).
 */
export function parisLocalToUtc(date: string, time: string): Date {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const minutes = minutesOf(time);
  const asUtc = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  // Two passes: the offset at the guessed instant, then at the corrected one.
  const first = asUtc - parisOffsetMinutes(new Date(asUtc)) * 60_000;
  const second = asUtc - parisOffsetMinutes(new Date(first)) * 60_000;
  return new Date(second);
}

/** "09:20": the Paris wall-clock time of an instant. */
export function parisTimeOf(instant: Date): string {
  return formatTime(instant);
}

export type OpeningHoursProblem = { field: "opensAt" | "closesAt" | "slotMinutes" | "breaks"; message: string };

/** What is wrong with the opening hours, in French (empty when they can be used). */
export function checkOpeningHours(hours: Omit<OpeningHours, "date">): OpeningHoursProblem[] {
  const problems: OpeningHoursProblem[] = [];
  if (!isLocalTime(hours.opensAt))
    problems.push({ field: "opensAt", message: "Écrivez l'heure d'ouverture comme 09:00." });
  if (!isLocalTime(hours.closesAt))
    problems.push({ field: "closesAt", message: "Écrivez l'heure de fermeture comme 12:30." });
  if (!(SLOT_LENGTHS as readonly number[]).includes(hours.slotMinutes))
    problems.push({ field: "slotMinutes", message: "Un créneau dure 15, 20 ou 30 minutes." });
  if (problems.length) return problems;
  const open = minutesOf(hours.opensAt);
  const close = minutesOf(hours.closesAt);
  if (close <= open)
    return [{ field: "closesAt", message: "L'heure de fermeture doit venir après l'heure d'ouverture." }];
  const sorted = [...hours.breaks].sort((a, b) => a.from.localeCompare(b.from));
  for (const [index, pause] of sorted.entries()) {
    if (!isLocalTime(pause.from) || !isLocalTime(pause.to)) {
      problems.push({ field: "breaks", message: "Écrivez chaque pause comme 10:30-10:45." });
      break;
    }
    if (minutesOf(pause.to) <= minutesOf(pause.from)) {
      problems.push({ field: "breaks", message: `La pause ${pause.from}-${pause.to} finit avant de commencer.` });
      break;
    }
    if (minutesOf(pause.from) < open || minutesOf(pause.to) > close) {
      problems.push({
        field: "breaks",
        message: `La pause ${pause.from}-${pause.to} sort des heures d'ouverture (${hours.opensAt}-${hours.closesAt}).`,
      });
      break;
    }
    const previous = sorted[index - 1];
    if (previous && minutesOf(pause.from) < minutesOf(previous.to)) {
      problems.push({
        field: "breaks",
        message: `Les pauses ${previous.from}-${previous.to} et ${pause.from}-${pause.to} se chevauchent.`,
      });
      break;
    }
  }
  if (problems.length === 0 && generateSlotTimes(hours).length === 0) {
    problems.push({ field: "closesAt", message: "Ces horaires ne laissent place à aucun créneau complet." });
  }
  return problems;
}

/** Slot times in local minutes: consecutive slots from opening; a slot that would cross a break starts after it. */
function generateSlotTimes(hours: Omit<OpeningHours, "date">): { from: number; to: number }[] {
  const open = minutesOf(hours.opensAt);
  const close = minutesOf(hours.closesAt);
  const breaks = hours.breaks
    .map((pause) => ({ from: minutesOf(pause.from), to: minutesOf(pause.to) }))
    .sort((a, b) => a.from - b.from);
  const slots: { from: number; to: number }[] = [];
  let start = open;
  while (start + hours.slotMinutes <= close) {
    const end = start + hours.slotMinutes;
    const clash = breaks.find((pause) => start < pause.to && pause.from < end);
    if (clash) {
      start = clash.to;
      continue;
    }
    slots.push({ from: start, to: end });
    start = end;
  }
  return slots;
}

/** The stand's slots on the fair's day, as UTC instants. Call checkOpeningHours() first. */
export function generateSlots(hours: OpeningHours): GeneratedSlot[] {
  return generateSlotTimes(hours).map(({ from, to }) => ({
    startsAt: parisLocalToUtc(hours.date, timeOf(from)),
    endsAt: parisLocalToUtc(hours.date, timeOf(to)),
    localStart: timeOf(from),
    localEnd: timeOf(to),
  }));
}

/** Whether two time intervals [start, end) share a moment (touching ends do not overlap). */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Parses "10:30-10:45, 12:00-13:30" (one or more breaks, separated by commas, semicolons or new lines). */
export function parseBreaks(text: string | null | undefined): TimeRange[] | null {
  const trimmed = (text ?? "").trim();
  if (!trimmed) return [];
  const ranges: TimeRange[] = [];
  for (const part of trimmed.split(/[,;\n]+/)) {
    const match = /^\s*(\d{1,2})[:h](\d{2})\s*[-–à]+\s*(\d{1,2})[:h](\d{2})\s*$/.exec(part);
    if (!match) return null;
    const from = `${match[1]!.padStart(2, "0")}:${match[2]}`;
    const to = `${match[3]!.padStart(2, "0")}:${match[4]}`;
    if (!isLocalTime(from) || !isLocalTime(to)) return null;
    ranges.push({ from, to });
  }
  return ranges;
}

export function formatBreaks(breaks: readonly TimeRange[]): string {
  return breaks.map((pause) => `${pause.from}-${pause.to}`).join(", ");
}
