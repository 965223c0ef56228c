// Property-based tests (fast-check) of the calendar rules' invariants, on random contexts: real
// school holidays of several zones, random quiet periods and own periods.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, eachDay, fromDayNumber, isWeekend, toDayNumber } from "~/calendar/dates";
import {
  blockReasons,
  checkResponseWindow,
  evaluateDate,
  isBlocked,
  nextAllowedDate,
  openDaysBetween,
  POLICY_BLOCK_KINDS,
  type BlockPolicies,
  type CalendarContext,
  type DateKind,
} from "~/calendar/rules";
import { contextFor } from "./support";

const FIRST = toDayNumber("2024-06-01");
const LAST = toDayNumber("2028-06-30");

const dateArb = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber);
const monthDayArb = fc.integer({ min: 0, max: 364 }).map((n) => fromDayNumber(toDayNumber("2027-01-01") + n).slice(5));
const quietPeriodArb = fc
  .record({
    label: fc.constantFrom("Trêve A", "Trêve B", "Pont"),
    startMonthDay: monthDayArb,
    length: fc.integer({ min: 0, max: 91 }),
  })
  .map(({ label, startMonthDay, length }) => ({
    label,
    startMonthDay,
    endMonthDay: addDays(`2027-${startMonthDay}`, length).slice(5),
  }));
const ownPeriodArb = fc
  .record({ label: fc.constantFrom("Fermeture", "Élections"), start: dateArb, length: fc.integer({ min: 0, max: 30 }) })
  .map(({ label, start, length }) => ({
    label,
    startDate: start,
    endDate: addDays(start, length),
  }));

const contextArb: fc.Arbitrary<CalendarContext> = fc
  .record({
    departement: fc.constantFrom("69", "67", "75", "57", "2A", "974"),
    quietPeriods: fc.array(quietPeriodArb, { maxLength: 3 }),
    ownPeriods: fc.array(ownPeriodArb, { maxLength: 3 }),
  })
  .map(({ departement, quietPeriods, ownPeriods }) => contextFor(departement, { quietPeriods, ownPeriods }));

const kindArb = fc.constantFrom<DateKind>("publication", "response_deadline", "event");
const policiesArb: fc.Arbitrary<BlockPolicies> = fc.record(
  Object.fromEntries(
    POLICY_BLOCK_KINDS.map((kind) => [kind, fc.constantFrom("refuse" as const, "justify" as const)]),
  ) as Record<keyof BlockPolicies, fc.Arbitrary<"refuse" | "justify">>,
);
/** Three ordered dates a ≤ b ≤ c at most ~400 days apart. */
const orderedTripleArb = fc
  .tuple(dateArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))
  .map(([a, ab, bc]) => [a, addDays(a, ab), addDays(a, ab + bc)] as const);

const RUNS = { numRuns: 300 };

describe("calendar invariants", () => {
  it("a next allowed date is never blocked, never earlier than its input, a weekday, and the first such day", () => {
    fc.assert(
      fc.property(contextArb, dateArb, kindArb, (ctx, date, kind) => {
        const next = nextAllowedDate(ctx, date, kind);
        expect(next >= date).toBe(true);
        expect(isBlocked(ctx, next)).toBe(false);
        expect(isWeekend(next)).toBe(false);
        expect(blockReasons(ctx, next)).toEqual([]);
        for (const day of eachDay(date, addDays(next, -1))) expect(isBlocked(ctx, day)).toBe(true);
        expect(nextAllowedDate(ctx, next, kind)).toBe(next);
      }),
      RUNS,
    );
  });

  it("open days add up over adjacent ranges: (a,b] + (b,c] = (a,c]", () => {
    fc.assert(
      fc.property(contextArb, orderedTripleArb, (ctx, [a, b, c]) => {
        expect(openDaysBetween(ctx, a, b) + openDaysBetween(ctx, b, c)).toBe(openDaysBetween(ctx, a, c));
      }),
      RUNS,
    );
  });

  it("open days never exceed the weekdays of the range, and are 0 when the end is not after the start", () => {
    fc.assert(
      fc.property(contextArb, dateArb, dateArb, (ctx, from, to) => {
        const open = openDaysBetween(ctx, from, to);
        if (to <= from) {
          expect(open).toBe(0);
          return;
        }
        const weekdays = eachDay(addDays(from, 1), to).filter((day) => !isWeekend(day)).length;
        expect(open).toBeLessThanOrEqual(weekdays);
        expect(open).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("a blocked day never counts, an open day counts once", () => {
    fc.assert(
      fc.property(contextArb, dateArb, fc.integer({ min: 1, max: 120 }), (ctx, from, length) => {
        const to = addDays(from, length);
        const before = openDaysBetween(ctx, from, addDays(to, -1));
        expect(openDaysBetween(ctx, from, to)).toBe(before + (isBlocked(ctx, to) ? 0 : 1));
      }),
      RUNS,
    );
  });

  it("evaluateDate agrees with isBlocked, blockReasons, nextAllowedDate and the policies", () => {
    fc.assert(
      fc.property(contextArb, dateArb, kindArb, policiesArb, (ctx, date, kind, policies) => {
        const evaluation = evaluateDate(ctx, date, kind, policies);
        const blocked = isBlocked(ctx, date);
        expect(evaluation.status === "ok").toBe(!blocked);
        expect(evaluation.reasons).toEqual(blockReasons(ctx, date));
        expect(evaluation.reasons.length > 0).toBe(blocked);
        expect(evaluation.nextAllowedDate).toBe(nextAllowedDate(ctx, date, kind));
        if (blocked) {
          const justifiable = evaluation.reasons.every(
            (reason) => reason.kind !== "weekend" && policies[reason.kind] === "justify",
          );
          expect(evaluation.status).toBe(justifiable ? "needs_justification" : "refused");
        }
        if (isWeekend(date)) expect(evaluation.status).toBe("refused");
      }),
      RUNS,
    );
  });

  it("every reason's period contains the day", () => {
    fc.assert(
      fc.property(contextArb, dateArb, (ctx, date) => {
        for (const reason of blockReasons(ctx, date)) {
          expect(reason.from <= date && date <= reason.to).toBe(true);
          expect(reason.label.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it("frozen contexts (cached day flags) answer exactly like mutable ones (exact computation)", () => {
    const freeze = (ctx: CalendarContext): CalendarContext => ({
      ...ctx,
      schoolHolidays: Object.freeze([...ctx.schoolHolidays]) as CalendarContext["schoolHolidays"],
      quietPeriods: Object.freeze([...ctx.quietPeriods]) as CalendarContext["quietPeriods"],
      ownPeriods: Object.freeze([...ctx.ownPeriods]) as CalendarContext["ownPeriods"],
    });
    fc.assert(
      fc.property(
        contextArb,
        dateArb,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 40 }),
        (ctx, date, length, minimum) => {
          const frozen = freeze(ctx);
          const end = addDays(date, length);
          expect(isBlocked(frozen, date)).toBe(isBlocked(ctx, date));
          expect(isBlocked(frozen, date)).toBe(blockReasons(ctx, date).length > 0);
          expect(openDaysBetween(frozen, date, end)).toBe(openDaysBetween(ctx, date, end));
          expect(nextAllowedDate(frozen, date, "publication")).toBe(nextAllowedDate(ctx, date, "publication"));
          expect(checkResponseWindow(frozen, date, end, minimum)).toEqual(checkResponseWindow(ctx, date, end, minimum));
        },
      ),
      RUNS,
    );
  });

  it("the earliest deadline is allowed and is exactly the first one that reaches the minimum", () => {
    fc.assert(
      fc.property(
        contextArb,
        dateArb,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 120 }),
        (ctx, publication, minimum, length) => {
          const check = checkResponseWindow(ctx, publication, addDays(publication, length), minimum);
          expect(check.ok).toBe(check.openDays >= minimum);
          const earliest = check.earliestDeadline;
          expect(earliest > publication).toBe(true);
          expect(isBlocked(ctx, earliest)).toBe(false);
          expect(openDaysBetween(ctx, publication, earliest)).toBe(Math.max(1, minimum));
          expect(openDaysBetween(ctx, publication, addDays(earliest, -1))).toBeLessThan(Math.max(1, minimum));
          expect(checkResponseWindow(ctx, publication, earliest, minimum).ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
