import { describe, expect, it } from "vitest";
import {
  addDays,
  eachDay,
  formatDateFr,
  formatMonthDayFr,
  formatShortDateFr,
  instantToParisDate,
  isIsoDate,
  isWeekend,
  todayInParis,
  weekStart,
} from "~/calendar/dates";

describe("calendar dates", () => {
  it("accepts only real YYYY-MM-DD dates", () => {
    expect(isIsoDate("2027-02-28")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2027-02-30")).toBe(false);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2027-13-01")).toBe(false);
    expect(isIsoDate("2027-1-01")).toBe(false);
    expect(isIsoDate("2027-01-01T00:00")).toBe(false);
    expect(isIsoDate(20270101)).toBe(false);
  });

  it("adds days across months, years and daylight-saving changes", () => {
    expect(addDays("2027-03-27", 1)).toBe("2027-03-28");
    expect(addDays("2027-03-28", 1)).toBe("2027-03-29");
    expect(addDays("2027-10-31", 1)).toBe("2027-11-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2027-01-04", -365)).toBe("2026-01-04");
  });

  it("knows weekends, week starts and inclusive day ranges", () => {
    expect(isWeekend("2027-01-02")).toBe(true); // Saturday
    expect(isWeekend("2027-01-03")).toBe(true); // Sunday
    expect(isWeekend("2027-01-04")).toBe(false); // Monday
    expect(weekStart("2027-01-03")).toBe("2026-12-28");
    expect(weekStart("2027-01-04")).toBe("2027-01-04");
    expect(weekStart("2027-01-08")).toBe("2027-01-04");
    expect(eachDay("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(eachDay("2027-01-02", "2027-01-01")).toEqual([]);
  });

  it("reads today in Europe/Paris, not in UTC", () => {
    expect(todayInParis(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(todayInParis(new Date("2027-07-01T21:59:00Z"))).toBe("2027-07-01");
    expect(todayInParis(new Date("2027-07-01T22:00:00Z"))).toBe("2027-07-02");
    expect(instantToParisDate(new Date("2025-12-19T23:00:00+00:00"))).toBe("2025-12-20");
  });

  it("formats dates in French", () => {
    expect(formatDateFr("2027-01-04")).toBe("lundi 4 janvier 2027");
    expect(formatDateFr("2027-10-01")).toBe("vendredi 1er octobre 2027");
    expect(formatShortDateFr("2027-01-04")).toBe("04/01/2027");
    expect(formatMonthDayFr("12-20")).toBe("20 décembre");
    expect(formatMonthDayFr("05-01")).toBe("1er mai");
  });
});
