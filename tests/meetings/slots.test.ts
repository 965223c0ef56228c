// Slot generation from opening hours, slot length and breaks, in Paris local time.
import { describe, expect, it } from "vitest";
import {
  checkOpeningHours,
  generateSlots,
  overlaps,
  parisLocalToUtc,
  parisTimeOf,
  parseBreaks,
} from "~/meetings/slots";

describe("parisLocalToUtc", () => {
  it("uses UTC+1 in winter and UTC+2 in summer", () => {
    expect(parisLocalToUtc("2027-01-14", "09:00").toISOString()).toBe("2027-01-14T08:00:00.000Z");
    expect(parisLocalToUtc("2027-06-10", "09:00").toISOString()).toBe("2027-06-10T07:00:00.000Z");
  });

  it("keeps the printed time on the days clocks change", () => {
    // 28 March 2027: clocks go forward at 2:00; 31 October 2027: back at 3:00.
    expect(parisLocalToUtc("2027-03-28", "09:00").toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(parisLocalToUtc("2027-03-28", "01:00").toISOString()).toBe("2027-03-28T00:00:00.000Z");
    expect(parisLocalToUtc("2027-10-31", "09:00").toISOString()).toBe("2027-10-31T08:00:00.000Z");
    expect(parisTimeOf(parisLocalToUtc("2027-10-31", "14:30"))).toBe("14:30");
  });
});

describe("generateSlots", () => {
  const base = { date: "2027-01-14", opensAt: "09:00", closesAt: "12:00", breaks: [] };

  it.each([
    [15, 12],
    [20, 9],
    [30, 6],
  ])("cuts 9:00-12:00 into slots of %i minutes", (slotMinutes, count) => {
    const slots = generateSlots({ ...base, slotMinutes });
    expect(slots).toHaveLength(count);
    expect(slots[0]!.localStart).toBe("09:00");
    expect(slots.at(-1)!.localEnd).toBe("12:00");
    for (const slot of slots) expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(slotMinutes * 60_000);
  });

  it("skips breaks and starts the next slot when the break ends", () => {
    const slots = generateSlots({
      ...base,
      closesAt: "12:30",
      slotMinutes: 20,
      breaks: [{ from: "10:30", to: "10:45" }],
    });
    const starts = slots.map((slot) => slot.localStart);
    // 9:00 9:20 9:40 10:00 | 10:20-10:40 would cross the break | 10:45 11:05 11:25 11:45 (12:05 ends 12:25).
    expect(starts).toEqual(["09:00", "09:20", "09:40", "10:00", "10:45", "11:05", "11:25", "11:45", "12:05"]);
    for (const slot of slots) {
      expect(
        overlaps(slot, {
          startsAt: parisLocalToUtc("2027-01-14", "10:30"),
          endsAt: parisLocalToUtc("2027-01-14", "10:45"),
        }),
      ).toBe(false);
    }
  });

  it("drops an incomplete last slot", () => {
    const slots = generateSlots({ ...base, closesAt: "10:10", slotMinutes: 30 });
    expect(slots.map((slot) => slot.localStart)).toEqual(["09:00", "09:30"]);
  });

  it("gives UTC instants of Paris times", () => {
    const [first] = generateSlots({ ...base, slotMinutes: 30 });
    expect(first!.startsAt.toISOString()).toBe("2027-01-14T08:00:00.000Z");
  });
});

describe("checkOpeningHours", () => {
  const hours = { opensAt: "09:00", closesAt: "12:00", slotMinutes: 20, breaks: [] };
  it("accepts usable hours", () => expect(checkOpeningHours(hours)).toEqual([]));
  it("refuses a slot length other than 15, 20 or 30", () =>
    expect(checkOpeningHours({ ...hours, slotMinutes: 25 })).toEqual([
      { field: "slotMinutes", message: "Un créneau dure 15, 20 ou 30 minutes." },
    ]));
  it("refuses closing before opening", () =>
    expect(checkOpeningHours({ ...hours, closesAt: "08:00" })[0]!.field).toBe("closesAt"));
  it("refuses a break outside the hours or overlapping another", () => {
    expect(checkOpeningHours({ ...hours, breaks: [{ from: "12:30", to: "13:00" }] })[0]!.message).toContain(
      "sort des heures d'ouverture",
    );
    expect(
      checkOpeningHours({
        ...hours,
        breaks: [
          { from: "10:00", to: "10:30" },
          { from: "10:15", to: "10:45" },
        ],
      })[0]!.message,
    ).toContain("se chevauchent");
  });
  it("refuses hours that leave no complete slot", () =>
    expect(checkOpeningHours({ ...hours, closesAt: "09:10", slotMinutes: 15 })[0]!.message).toContain("aucun créneau"));
});

describe("overlaps and parseBreaks", () => {
  const at = (time: string) => parisLocalToUtc("2027-01-14", time);
  it("treats touching slots as not overlapping", () => {
    expect(
      overlaps({ startsAt: at("09:00"), endsAt: at("09:20") }, { startsAt: at("09:20"), endsAt: at("09:40") }),
    ).toBe(false);
    expect(
      overlaps({ startsAt: at("09:00"), endsAt: at("09:30") }, { startsAt: at("09:20"), endsAt: at("09:40") }),
    ).toBe(true);
    expect(
      overlaps({ startsAt: at("09:00"), endsAt: at("10:00") }, { startsAt: at("09:20"), endsAt: at("09:40") }),
    ).toBe(true);
  });
  it("reads breaks written by people", () => {
    expect(parseBreaks("10h30-10h45, 12:00 - 13:30")).toEqual([
      { from: "10:30", to: "10:45" },
      { from: "12:00", to: "13:30" },
    ]);
    expect(parseBreaks("")).toEqual([]);
    expect(parseBreaks("après le café")).toBeNull();
  });
});
