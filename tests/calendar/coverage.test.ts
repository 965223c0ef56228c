// How far ahead each zone's school holidays are known, so that the administrator is told to import
// the next school year before dates start being checked without them.
import { describe, expect, it } from "vitest";
import { coverageEndingSoon } from "~/calendar/coverage";

const HOLIDAYS = [
  { zone: "A", classesResume: "2027-05-03" },
  { zone: "A", classesResume: "2028-05-09" },
  { zone: "B", classesResume: "2027-07-05" },
  { zone: "C", classesResume: "2028-05-02" },
];

describe("school-holiday coverage", () => {
  it("names, in the given order, the zones whose last known holiday ends within a year", () => {
    expect(coverageEndingSoon(HOLIDAYS, ["A", "B", "C", "Corse"], "2026-12-06")).toEqual([
      { zone: "B", knownUntil: "2027-07-05" },
    ]);
    expect(coverageEndingSoon(HOLIDAYS, ["C", "A", "B"], "2027-06-01")).toEqual([
      { zone: "C", knownUntil: "2028-05-02" },
      { zone: "A", knownUntil: "2028-05-09" },
      { zone: "B", knownUntil: "2027-07-05" },
    ]);
  });

  it("says nothing about a zone with no data at all (the page names those separately) or known for more than a year", () => {
    expect(coverageEndingSoon(HOLIDAYS, ["Corse"], "2026-12-06")).toEqual([]);
    expect(coverageEndingSoon(HOLIDAYS, ["A"], "2026-12-06")).toEqual([]);
    expect(coverageEndingSoon(HOLIDAYS, ["A"], "2027-05-20", 365)).toEqual([{ zone: "A", knownUntil: "2028-05-09" }]);
  });
});
