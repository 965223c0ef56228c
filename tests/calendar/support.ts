// Calendar contexts built from the reference CSV, without a database (for the pure rules' tests).
import { readFileSync } from "node:fs";
import type { CalendarContext } from "~/calendar/rules";
import { findDepartement } from "~/territory/departements";

export interface CsvHoliday {
  schoolYear: string;
  zone: string;
  period: string;
  firstDayOff: string;
  classesResume: string;
  confidence: string;
}

export function referenceHolidays(): CsvHoliday[] {
  const [, ...lines] = readFileSync("app/calendar/data/school-holidays.csv", "utf8").trim().split(/\r?\n/);
  return lines.map((line) => {
    const [schoolYear, zone, period, firstDayOff, classesResume, confidence] = line.split(",") as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return { schoolYear, zone, period, firstDayOff, classesResume, confidence };
  });
}

export const DEFAULT_QUIET_PERIODS: CalendarContext["quietPeriods"] = [
  { label: "Fêtes de fin d'année", startMonthDay: "12-20", endMonthDay: "01-03" },
  { label: "Été", startMonthDay: "07-14", endMonthDay: "08-31" },
];

export function contextFor(
  departement: string,
  options: { quietPeriods?: CalendarContext["quietPeriods"]; ownPeriods?: CalendarContext["ownPeriods"] } = {},
): CalendarContext {
  const found = findDepartement(departement);
  if (!found) throw new Error(`unknown département ${departement}`);
  return {
    departement,
    zone: found.zone,
    alsaceMoselle: found.alsaceMoselle,
    schoolHolidays: referenceHolidays()
      .filter((row) => row.zone === found.zone)
      .map(({ period, firstDayOff, classesResume }) => ({ period, firstDayOff, classesResume })),
    quietPeriods: options.quietPeriods ?? DEFAULT_QUIET_PERIODS,
    ownPeriods: options.ownPeriods ?? [],
  };
}
