// How far ahead the school holidays are known, per zone. The ministry publishes a school year
// about a year and a half ahead; until an administrator imports it, dates beyond the last known
// holiday are checked against public holidays and quiet periods only. No I/O.
import { addDays } from "./dates";

export interface ZoneCoverage {
  zone: string;
  /** The day classes resume after the last known holiday of the zone (YYYY-MM-DD). */
  knownUntil: string;
}

/** The zones, among `zones` (in that order), whose known holidays end within `withinDays` of `today`. */
export function coverageEndingSoon(
  holidays: readonly { zone: string; classesResume: string }[],
  zones: readonly string[],
  today: string,
  withinDays = 365,
): ZoneCoverage[] {
  const knownUntil = new Map<string, string>();
  for (const holiday of holidays) {
    const current = knownUntil.get(holiday.zone);
    if (!current || holiday.classesResume > current) knownUntil.set(holiday.zone, holiday.classesResume);
  }
  const horizon = addDays(today, withinDays);
  return zones.flatMap((zone) => {
    const until = knownUntil.get(zone);
    return until && until < horizon ? [{ zone, knownUntil: until }] : [];
  });
}
