// How meeting messages write days and times: Paris time, and "1er" for the first of the month.
import { describe, expect, it } from "vitest";
import { formatEventWhen, formatMoment } from "~/meetings/registration-format";

describe("days and times in messages", () => {
  it("writes the first of the month as 1er, in Paris time, summer and winter", () => {
    // 16:00 UTC on 1 September is 18:00 in Paris (summer time).
    expect(formatMoment(new Date("2027-09-01T16:00:00Z"))).toBe("mercredi 1er septembre 2027 à 18:00");
    expect(formatMoment(new Date("2027-01-13T17:00:00Z"))).toBe("mercredi 13 janvier 2027 à 18:00");
    expect(formatEventWhen(new Date("2027-12-01T11:30:00Z"), new Date("2027-12-01T12:30:00Z"))).toBe(
      "mercredi 1er décembre 2027, de 12:30 à 13:30",
    );
  });
});
