// /plan.ics: one all-day event per expected publication (ical-generator 10).
//
// Pitfalls (docs/platform.md, "Dates, time zones and the calendar feeds"): dates without time are written as all-day events from "YYYY-MM-DD"
// strings, never from Date objects with a time zone (ical-generator would shift them); DTSTAMP is
// the edition's publication instant in UTC, so that the same editions always give the same bytes
// (and the same ETag); the output lacks the CRLF RFC 5545 puts after END:VCALENDAR, so it is
// appended.
//
// Speed: ical-generator folds long lines by encoding every character with a new TextEncoder,
// about 4 s for 5,000 events. So the calendar's properties and each event are still written by
// ical-generator, but folded by foldIcsLines() below (same result, checked by a test), and each
// event's text is kept in memory under a hash of what it shows.
import { createHash } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEvent, type ICalCalendar } from "ical-generator";
import { addDays } from "~/calendar/dates";
import { CATEGORIES, labelOf } from "../vocabulary";
import { eventDescription, itemUrl, type FeedItem } from "./describe";

export interface IcsOptions {
  origin: string;
  /** Calendar name shown by agenda applications. */
  name: string;
  description?: string;
  /** The feed's own URL (for the calendar's SOURCE/URL). */
  url?: string;
}

/** Stable across editions: the same planned procurement keeps its UID, so agendas update the event. */
export function eventUid(plannedProcurementId: string): string {
  return `plan-${plannedProcurementId}@amont`;
}

function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
}

/**
 * RFC 5545 §3.1 line folding, exactly as ical-generator's foldLines() does it (a line never holds
 * more than 74 octets before its CRLF; continuation lines start with a space; a character, or a
 * surrogate pair, is never split), in one pass without allocating per character.
 */
export function foldIcsLines(input: string): string {
  const lines = input.split("\r\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    // Fast path: short enough even if every character took 3 bytes.
    if (line.length * 3 <= 74) continue;
    let out = "";
    let start = 0;
    let bytes = 0;
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      let width: number;
      let units = 1;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) {
        // ical-generator pairs a high surrogate with whatever follows it: 4 bytes for a real pair.
        const next = line.charCodeAt(i + 1);
        width = next >= 0xdc00 && next <= 0xdfff ? 4 : 3 + utf8Length(next);
        units = 2;
      } else {
        width = utf8Length(code);
      }
      bytes += width;
      if (bytes > 74) {
        out += `${line.slice(start, i)}\r\n `;
        start = i;
        bytes = width;
      }
      i += units - 1;
    }
    lines[index] = out + line.slice(start);
  }
  return lines.join("\r\n");
}

/** Events already written, by a hash of everything they show (an edition item never changes). */
const eventCache = new Map<string, string>();
const EVENT_CACHE_MAX = 20_000;

function eventKey(item: FeedItem, origin: string): string {
  return createHash("sha1").update(origin).update("\n").update(JSON.stringify(item)).digest("base64");
}

function writeEvent(calendar: ICalCalendar, item: FeedItem, origin: string): string {
  const key = eventKey(item, origin);
  const cached = eventCache.get(key);
  if (cached !== undefined) return cached;
  const url = itemUrl(origin, item);
  // Not calendar.createEvent(): that would keep every event in the calendar until the feed is built.
  const event = new ICalEvent(
    {
      id: eventUid(item.plannedProcurementId),
      allDay: true,
      start: item.expectedPublicationDate,
      // Exclusive end: the next day (a one-day event).
      end: addDays(item.expectedPublicationDate, 1),
      stamp: item.edition.publishedAt,
      summary: `Publication prévue : ${item.title} — ${item.buyer.name}`,
      description: eventDescription(item, url),
      url,
      categories: [{ name: labelOf(CATEGORIES, item.category) }],
    },
    calendar,
  );
  const text = foldIcsLines(event.toString());
  if (eventCache.size >= EVENT_CACHE_MAX) eventCache.clear();
  eventCache.set(key, text);
  return text;
}

export function buildPlanIcs(items: readonly FeedItem[], options: IcsOptions): string {
  const calendar = ical({
    name: options.name,
    description: options.description,
    prodId: { company: "Amont", product: "Programmation previsionnelle", language: "FR" },
    method: ICalCalendarMethod.PUBLISH,
    url: options.url,
    // Agendas that honour it refresh a subscription every six hours.
    ttl: 6 * 3600,
  });
  // The calendar without events: its properties, then END:VCALENDAR (folded by ical-generator).
  const frame = calendar.toString();
  const end = frame.lastIndexOf("END:VCALENDAR");
  const parts: string[] = [frame.slice(0, end)];
  for (const item of items) parts.push(writeEvent(calendar, item, options.origin));
  parts.push("END:VCALENDAR\r\n");
  return parts.join("");
}
