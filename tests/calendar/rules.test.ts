// Table tests of the calendar rules on real dates (school holidays from the reference CSV).
import { describe, expect, it, vi } from "vitest";
import {
  blockedPeriods,
  blockReasons,
  checkResponseWindow,
  DEFAULT_BLOCK_POLICIES,
  evaluateDate,
  isBlocked,
  nextAllowedDate,
  openDaysBetween,
  publicHolidays,
  quietPeriodOccurrence,
  type BlockPolicies,
} from "~/calendar/rules";
import { contextFor } from "./support";

const lyon = contextFor("69"); // zone A
const strasbourg = contextFor("67"); // zone B, Alsace-Moselle
const paris = contextFor("75"); // zone C
const kinds = (reasons: { kind: string }[]) => reasons.map((reason) => reason.kind);

describe("public holidays", () => {
  it("lists the 11 national holidays of 2027, and 13 in Alsace-Moselle", () => {
    expect(publicHolidays(2027, { alsaceMoselle: false })).toEqual([
      { date: "2027-01-01", label: "Jour de l'an" },
      { date: "2027-03-29", label: "Lundi de Pâques" },
      { date: "2027-05-01", label: "Fête du Travail" },
      { date: "2027-05-06", label: "Ascension" },
      { date: "2027-05-08", label: "Victoire du 8 mai 1945" },
      { date: "2027-05-17", label: "Lundi de Pentecôte" },
      { date: "2027-07-14", label: "Fête nationale" },
      { date: "2027-08-15", label: "Assomption" },
      { date: "2027-11-01", label: "Toussaint" },
      { date: "2027-11-11", label: "Armistice du 11 novembre 1918" },
      { date: "2027-12-25", label: "Noël" },
    ]);
    const alsace = publicHolidays(2027, { alsaceMoselle: true });
    expect(alsace).toHaveLength(13);
    expect(alsace).toContainEqual({ date: "2027-03-26", label: "Vendredi saint (Alsace-Moselle)" });
    expect(alsace).toContainEqual({ date: "2027-12-26", label: "Saint-Étienne (Alsace-Moselle)" });
  });

  it("computes Easter-based holidays for other years", () => {
    const easterMonday = (year: number) =>
      publicHolidays(year, { alsaceMoselle: false }).find((holiday) => holiday.label === "Lundi de Pâques")?.date;
    expect(easterMonday(2024)).toBe("2024-04-01");
    expect(easterMonday(2025)).toBe("2025-04-21");
    expect(easterMonday(2026)).toBe("2026-04-06");
    expect(easterMonday(2028)).toBe("2028-04-17");
    expect(easterMonday(2038)).toBe("2038-04-26");
    expect(publicHolidays(2028, { alsaceMoselle: false }).find((holiday) => holiday.label === "Ascension")?.date).toBe(
      "2028-05-25",
    );
  });

  it("gives the same dates whatever the server's time zone", async () => {
    const original = process.env.TZ;
    const expected = [2026, 2027, 2028, 2031].map((year) => publicHolidays(year, { alsaceMoselle: true }));
    try {
      for (const zone of ["Australia/Sydney", "America/Santiago", "Pacific/Kiritimati", "America/Sao_Paulo", "UTC"]) {
        process.env.TZ = zone;
        vi.resetModules();
        const fresh = await import("~/calendar/rules");
        expect(
          [2026, 2027, 2028, 2031].map((year) => fresh.publicHolidays(year, { alsaceMoselle: true })),
          zone,
        ).toEqual(expected);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
      vi.resetModules();
    }
  });
});

describe("blocked days on real dates", () => {
  it("24 December 2026 is blocked in zone A by the Christmas school holidays and the quiet period", () => {
    expect(blockReasons(lyon, "2026-12-24")).toEqual([
      { kind: "school_holiday", label: "Vacances de Noël (zone A)", from: "2026-12-19", to: "2027-01-03" },
      { kind: "quiet_period", label: "Fêtes de fin d'année", from: "2026-12-20", to: "2027-01-03" },
    ]);
    expect(kinds(blockReasons(lyon, "2026-12-25"))).toEqual(["public_holiday", "school_holiday", "quiet_period"]);
    expect(blockReasons(lyon, "2026-12-25")[0]).toEqual({
      kind: "public_holiday",
      label: "Noël",
      from: "2026-12-25",
      to: "2026-12-25",
    });
  });

  it("Ascension 2027 (6 May) and Easter Monday 2027 (29 March) are public holidays", () => {
    expect(blockReasons(lyon, "2027-05-06")).toContainEqual({
      kind: "public_holiday",
      label: "Ascension",
      from: "2027-05-06",
      to: "2027-05-06",
    });
    expect(blockReasons(paris, "2027-03-29")).toEqual([
      { kind: "public_holiday", label: "Lundi de Pâques", from: "2027-03-29", to: "2027-03-29" },
    ]);
    expect(isBlocked(paris, "2027-03-30")).toBe(false);
  });

  it("Good Friday 2027 (26 March) is blocked in the Bas-Rhin (67), not in the Rhône (69)", () => {
    expect(blockReasons(strasbourg, "2027-03-26")).toEqual([
      { kind: "public_holiday", label: "Vendredi saint (Alsace-Moselle)", from: "2027-03-26", to: "2027-03-26" },
    ]);
    expect(isBlocked(lyon, "2027-03-26")).toBe(false);
    expect(blockReasons(strasbourg, "2025-12-26")).toContainEqual({
      kind: "public_holiday",
      label: "Saint-Étienne (Alsace-Moselle)",
      from: "2025-12-26",
      to: "2025-12-26",
    });
    expect(kinds(blockReasons(lyon, "2025-12-26"))).not.toContain("public_holiday");
  });

  it("14 July 2027 is the national holiday, in the summer quiet period and the summer school holidays", () => {
    expect(blockReasons(lyon, "2027-07-14")).toEqual([
      { kind: "public_holiday", label: "Fête nationale", from: "2027-07-14", to: "2027-07-14" },
      { kind: "school_holiday", label: "Vacances d'Été (zone A)", from: "2027-07-03", to: "2027-09-01" },
      { kind: "quiet_period", label: "Été", from: "2027-07-14", to: "2027-08-31" },
    ]);
  });

  it("February 2027 holidays differ by zone (A 13/02-28/02, B 20/02-07/03, C 06/02-21/02)", () => {
    expect([lyon, strasbourg, paris].map((ctx) => isBlocked(ctx, "2027-02-08"))).toEqual([false, false, true]);
    expect([lyon, strasbourg, paris].map((ctx) => isBlocked(ctx, "2027-02-15"))).toEqual([true, false, true]);
    expect([lyon, strasbourg, paris].map((ctx) => isBlocked(ctx, "2027-02-22"))).toEqual([true, true, false]);
    expect([lyon, strasbourg, paris].map((ctx) => isBlocked(ctx, "2027-03-01"))).toEqual([false, true, false]);
    expect(blockReasons(strasbourg, "2027-03-01")).toEqual([
      { kind: "school_holiday", label: "Vacances d'Hiver (zone B)", from: "2027-02-20", to: "2027-03-07" },
    ]);
  });

  it("weekends are blocked, with the day's name", () => {
    expect(blockReasons(paris, "2027-01-09")).toEqual([
      { kind: "weekend", label: "Samedi", from: "2027-01-09", to: "2027-01-09" },
    ]);
    expect(blockReasons(paris, "2027-01-10")[0]?.label).toBe("Dimanche");
  });

  it("the Corsican and overseas zones have no school holidays until imported, but public holidays apply", () => {
    const corse = contextFor("2A");
    expect(corse.schoolHolidays).toEqual([]);
    expect(isBlocked(corse, "2027-02-15")).toBe(false);
    expect(isBlocked(contextFor("974"), "2027-05-06")).toBe(true);
  });

  it("quiet periods recur every year and may wrap the year end", () => {
    const winter = { startMonthDay: "12-20", endMonthDay: "01-03" };
    expect(quietPeriodOccurrence(winter, "2027-12-31")).toEqual({ from: "2027-12-20", to: "2028-01-03" });
    expect(quietPeriodOccurrence(winter, "2028-01-02")).toEqual({ from: "2027-12-20", to: "2028-01-03" });
    expect(quietPeriodOccurrence(winter, "2028-01-04")).toBeNull();
    expect(quietPeriodOccurrence({ startMonthDay: "02-29", endMonthDay: "03-05" }, "2027-03-01")).toEqual({
      from: "2027-03-01",
      to: "2027-03-05",
    });
  });

  it("lists the blocked periods of a range once each, weekends excluded", () => {
    expect(
      blockedPeriods(lyon, "2026-12-14", "2027-01-10").map((reason) => `${reason.kind}:${reason.label}:${reason.from}`),
    ).toEqual([
      "school_holiday:Vacances de Noël (zone A):2026-12-19",
      "quiet_period:Fêtes de fin d'année:2026-12-20",
      "public_holiday:Noël:2026-12-25",
      "public_holiday:Jour de l'an:2027-01-01",
    ]);
  });
});

describe("next allowed date", () => {
  it("after the Christmas holidays, the first Monday of January", () => {
    expect(nextAllowedDate(lyon, "2026-12-24", "publication")).toBe("2027-01-04");
  });

  it("after the summer holidays (zone A classes resume on 2 September 2027)", () => {
    expect(nextAllowedDate(lyon, "2027-07-20", "response_deadline")).toBe("2027-09-02");
  });

  it("the date itself when it is allowed, the Tuesday after Easter Monday", () => {
    expect(nextAllowedDate(paris, "2027-01-12", "event")).toBe("2027-01-12");
    expect(nextAllowedDate(paris, "2027-03-27", "publication")).toBe("2027-03-30");
    expect(nextAllowedDate(lyon, "2027-03-26", "publication")).toBe("2027-03-26");
    expect(nextAllowedDate(strasbourg, "2027-03-26", "publication")).toBe("2027-03-30");
  });

  it("skips the organisation's own periods", () => {
    const ctx = contextFor("69", {
      ownPeriods: [{ label: "Fermeture des services", startDate: "2027-01-04", endDate: "2027-01-08" }],
    });
    expect(nextAllowedDate(ctx, "2026-12-24", "publication")).toBe("2027-01-11");
  });
});

describe("open days and response windows", () => {
  it("counts weekdays after the publication day up to the deadline", () => {
    expect(openDaysBetween(lyon, "2027-01-04", "2027-01-29")).toBe(19);
    expect(openDaysBetween(lyon, "2027-01-04", "2027-01-04")).toBe(0);
    expect(openDaysBetween(lyon, "2027-01-29", "2027-01-04")).toBe(0);
  });

  it("does not count the February holidays of the zone", () => {
    // Zone A: 2 to 12 February (9 days), then from 1 March.
    expect(openDaysBetween(lyon, "2027-02-01", "2027-03-05")).toBe(14);
    expect(openDaysBetween(strasbourg, "2027-02-01", "2027-03-05")).toBe(14);
    expect(openDaysBetween(paris, "2027-02-01", "2027-03-05")).toBe(14);
    expect(checkResponseWindow(lyon, "2027-02-01", "2027-02-19", 10)).toEqual({
      openDays: 9,
      minimumOpenDays: 10,
      ok: false,
      earliestDeadline: "2027-03-01",
    });
    expect(checkResponseWindow(strasbourg, "2027-02-01", "2027-02-19", 10)).toEqual({
      openDays: 14,
      minimumOpenDays: 10,
      ok: true,
      earliestDeadline: "2027-02-15",
    });
  });

  it("proposes the earliest deadline that reaches the MAPA minimum (15)", () => {
    expect(checkResponseWindow(lyon, "2027-01-04", "2027-01-22", 15)).toEqual({
      openDays: 14,
      minimumOpenDays: 15,
      ok: false,
      earliestDeadline: "2027-01-25",
    });
    expect(checkResponseWindow(lyon, "2027-01-04", "2027-01-25", 15).ok).toBe(true);
    // Over Christmas: from 14 December 2026, 5 open days before the holidays, then 10 in January.
    expect(checkResponseWindow(lyon, "2026-12-11", "2027-01-08", 15)).toEqual({
      openDays: 10,
      minimumOpenDays: 15,
      ok: false,
      earliestDeadline: "2027-01-15",
    });
  });
});

describe("evaluateDate with policies", () => {
  const allJustify: BlockPolicies = {
    school_holiday: "justify",
    public_holiday: "justify",
    quiet_period: "justify",
    own_period: "justify",
  };

  it("refuses a day in the Christmas quiet period under the default policies", () => {
    const evaluation = evaluateDate(lyon, "2026-12-24", "publication", DEFAULT_BLOCK_POLICIES);
    expect(evaluation.status).toBe("refused");
    expect(kinds(evaluation.reasons)).toEqual(["school_holiday", "quiet_period"]);
    expect(evaluation.nextAllowedDate).toBe("2027-01-04");
  });

  it("asks for a justification for school holidays only (default policy)", () => {
    expect(evaluateDate(lyon, "2027-02-15", "publication", DEFAULT_BLOCK_POLICIES)).toEqual({
      status: "needs_justification",
      reasons: [{ kind: "school_holiday", label: "Vacances d'Hiver (zone A)", from: "2027-02-13", to: "2027-02-28" }],
      nextAllowedDate: "2027-03-01",
    });
  });

  it("follows the organisation's policies, but always refuses weekends", () => {
    expect(evaluateDate(lyon, "2026-12-24", "publication", allJustify).status).toBe("needs_justification");
    expect(evaluateDate(lyon, "2026-12-26", "publication", allJustify).status).toBe("refused");
    expect(
      evaluateDate(lyon, "2027-02-15", "publication", { ...DEFAULT_BLOCK_POLICIES, school_holiday: "refuse" }).status,
    ).toBe("refused");
    expect(evaluateDate(lyon, "2027-01-12", "publication")).toEqual({
      status: "ok",
      reasons: [],
      nextAllowedDate: "2027-01-12",
    });
  });

  it("refuses a date in the organisation's own period", () => {
    const ctx = contextFor("69", {
      ownPeriods: [{ label: "Élections municipales", startDate: "2027-03-10", endDate: "2027-03-19" }],
    });
    const evaluation = evaluateDate(ctx, "2027-03-15", "event", DEFAULT_BLOCK_POLICIES);
    expect(evaluation).toEqual({
      status: "refused",
      reasons: [{ kind: "own_period", label: "Élections municipales", from: "2027-03-10", to: "2027-03-19" }],
      nextAllowedDate: "2027-03-22",
    });
  });
});
