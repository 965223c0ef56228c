import { z } from "zod";
import { DEPARTEMENTS } from "./departements.data";

export { DEPARTEMENTS };

/** Code of a département: "01"…"95", "2A", "2B", "971"…"976". */
export type DepartementCode = (typeof DEPARTEMENTS)[number]["code"];

/**
 * School-holiday zone of a département: the metropolitan zones A, B and C, Corsica, or the
 * overseas territory's own calendar.
 */
export type SchoolZone = (typeof DEPARTEMENTS)[number]["zone"];

export interface Departement {
  code: DepartementCode;
  name: string;
  academie: string;
  zone: SchoolZone;
  /** Whether the Alsace-Moselle public holidays (Good Friday, 26 December) apply. */
  alsaceMoselle: boolean;
}

/** Every school-holiday zone, metropolitan zones first. */
export const SCHOOL_ZONES = [
  "A",
  "B",
  "C",
  "Corse",
  "Guadeloupe",
  "Martinique",
  "Guyane",
  "Réunion",
  "Mayotte",
] as const satisfies readonly SchoolZone[];

/** The three metropolitan zones covered by the national school calendar. */
export const METROPOLITAN_SCHOOL_ZONES = ["A", "B", "C"] as const satisfies readonly SchoolZone[];

/** French label of a school-holiday zone: « Zone A », « Corse », « Réunion »… */
export function schoolZoneLabel(zone: SchoolZone): string {
  return zone === "A" || zone === "B" || zone === "C" ? `Zone ${zone}` : zone;
}

/** Sort key giving the usual French order: 01…19, 2A, 2B, 21…95, 971…976. */
function orderKey(code: string): number {
  if (code === "2A") return 20.1;
  if (code === "2B") return 20.2;
  return Number.parseInt(code, 10);
}

/** Compares two département codes in the usual French order. */
export function compareDepartementCodes(a: string, b: string): number {
  return orderKey(a) - orderKey(b);
}

const BY_CODE: ReadonlyMap<string, Departement> = new Map(
  (DEPARTEMENTS as readonly Departement[]).map((d) => [d.code, d]),
);

/** Every département, in the usual French order of their codes. */
export const DEPARTEMENTS_SORTED: readonly Departement[] = Object.freeze(
  [...(DEPARTEMENTS as readonly Departement[])].sort((a, b) => compareDepartementCodes(a.code, b.code)),
);

/** Every département code, in the usual French order: 01, 02, … 19, 2A, 2B, 21, … 95, 971, … 976. */
export const DEPARTEMENT_CODES: readonly DepartementCode[] = Object.freeze(DEPARTEMENTS_SORTED.map((d) => d.code));

/** Codes of the départements where the Alsace-Moselle public holidays apply (57, 67, 68). */
export const ALSACE_MOSELLE_CODES: readonly DepartementCode[] = Object.freeze(
  DEPARTEMENTS_SORTED.filter((d) => d.alsaceMoselle).map((d) => d.code),
);

/** Whether `s` is exactly a known département code (no trimming, "2A"/"2B" in upper case). */
export function isDepartementCode(s: unknown): s is DepartementCode {
  return typeof s === "string" && BY_CODE.has(s);
}

/** The département with this exact code, or undefined. */
export function findDepartement(code: string): Departement | undefined {
  return BY_CODE.get(code);
}

/**
 * Display label « 69 — Rhône ». Returns the code unchanged when it is unknown, so that a stale
 * value never breaks a page.
 */
export function departementLabel(code: string): string {
  const d = BY_CODE.get(code);
  return d ? `${d.code} — ${d.name}` : code;
}

/** School-holiday zone of a département (undefined for an unknown code). */
export function schoolZoneOf(code: DepartementCode): SchoolZone;
export function schoolZoneOf(code: string): SchoolZone | undefined;
export function schoolZoneOf(code: string): SchoolZone | undefined {
  return BY_CODE.get(code)?.zone;
}

/** Whether Good Friday and 26 December are public holidays in this département. */
export function hasAlsaceMosellePublicHolidays(code: string): boolean {
  return BY_CODE.get(code)?.alsaceMoselle ?? false;
}

export const DEPARTEMENT_INVALID_MESSAGE = "Choisissez un département dans la liste.";

/**
 * Zod schema for a département field: trims, upper-cases ("2a" → "2A") and checks the code
 * against the list. Missing, empty or unknown values all get the same French message.
 */
export function departementSchema(message: string = DEPARTEMENT_INVALID_MESSAGE) {
  return z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .toUpperCase()
    .refine(isDepartementCode, { message })
    .transform((s) => s);
}
