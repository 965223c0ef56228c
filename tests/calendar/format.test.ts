// The one French formatter of dates and times (Europe/Paris): every page and email writes
// "le mardi 26 janvier 2027 à 18:00" with it, whatever the ICU version or the process's time zone.
import { describe, expect, it } from "vitest";
import {
  formatDateFr,
  formatDay,
  formatEventWhen,
  formatInstant,
  formatInstantDay,
  formatMoment,
  formatMonth,
  formatMonthDayFr,
  formatShortDateFr,
  formatShortInstant,
  formatTime,
} from "~/calendar/format";
import { BROKEN_DATE_SENTENCE, spokenDay } from "../support/spoken-dates";

const WINTER_EVENING = new Date("2027-01-26T17:00:00Z"); // 18:00 in Paris (UTC+1)
const SUMMER_MORNING = new Date("2027-07-01T08:05:00Z"); // 10:05 in Paris (UTC+2)
const NEW_YEAR_NIGHT = new Date("2026-12-31T23:30:00Z"); // already 1 January 2027 in Paris

describe("an instant, in Paris time", () => {
  it("writes the day and the time with one « à »", () => {
    expect(formatMoment(WINTER_EVENING)).toBe("mardi 26 janvier 2027 à 18:00");
    expect(formatMoment(SUMMER_MORNING)).toBe("jeudi 1er juillet 2027 à 10:05");
    expect(formatMoment(NEW_YEAR_NIGHT)).toBe("vendredi 1er janvier 2027 à 00:30");
    expect(formatMoment(WINTER_EVENING.toISOString())).toBe("mardi 26 janvier 2027 à 18:00");
    expect(formatInstant(WINTER_EVENING)).toBe("26 janvier 2027 à 18:00");
    expect(formatInstant(SUMMER_MORNING.toISOString())).toBe("1er juillet 2027 à 10:05");
    expect(formatInstantDay(NEW_YEAR_NIGHT)).toBe("1er janvier 2027");
    expect(formatTime(NEW_YEAR_NIGHT)).toBe("00:30");
    expect(formatShortInstant(WINTER_EVENING)).toBe("26/01/2027 18:00");
  });

  it("writes an event's day and hours", () => {
    expect(formatEventWhen(new Date("2027-01-26T08:00:00Z"), new Date("2027-01-26T11:30:00Z"))).toBe(
      "mardi 26 janvier 2027, de 09:00 à 12:30",
    );
    expect(formatEventWhen(new Date("2027-12-01T11:30:00Z"), new Date("2027-12-01T12:30:00Z"))).toBe(
      "mercredi 1er décembre 2027, de 12:30 à 13:30",
    );
    // 16:00 UTC on 1 September is 18:00 in Paris (summer time).
    expect(formatMoment(new Date("2027-09-01T16:00:00Z"))).toBe("mercredi 1er septembre 2027 à 18:00");
  });

  it("never doubles or drops the « à », at any hour of a year, across both clock changes", () => {
    const start = Date.UTC(2027, 0, 1);
    for (let hour = 0; hour < 366 * 24; hour += 1) {
      const instant = new Date(start + hour * 3_600_000 + 15 * 60_000);
      const sentence = formatMoment(instant);
      expect(sentence).toMatch(/^[a-z]+ (1er|[12]?\d|3[01]) [a-zéû]+ 202[78] à ([01]\d|2[0-3]):15$/);
      expect(sentence).not.toMatch(BROKEN_DATE_SENTENCE);
    }
  });
});

describe("a calendar day", () => {
  it("writes it with its weekday, or without, and says « 1er »", () => {
    expect(formatDateFr("2027-01-04")).toBe("lundi 4 janvier 2027");
    expect(formatDateFr("2027-10-01")).toBe("vendredi 1er octobre 2027");
    expect(formatDay("2027-03-15")).toBe("15 mars 2027");
    expect(formatDay("2027-04-01")).toBe("1er avril 2027");
    expect(formatMonth("2027-03")).toBe("mars 2027");
    expect(formatMonthDayFr("05-01")).toBe("1er mai");
    expect(formatMonthDayFr("12-25")).toBe("25 décembre");
    expect(formatShortDateFr("2027-01-04")).toBe("04/01/2027");
  });

  it("agrees with a French reader on every day of two years", () => {
    for (let offset = 0; offset < 2 * 366; offset++) {
      const iso = new Date(Date.UTC(2027, 0, 1 + offset)).toISOString().slice(0, 10);
      expect(formatDateFr(iso)).toBe(spokenDay(iso));
    }
  });
});
