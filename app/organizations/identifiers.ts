/**
 * French company identifiers (pure functions, no I/O).
 *
 * - SIREN: 9 digits identifying a legal unit (company, association, public body…).
 * - SIRET: 14 digits identifying one establishment: its SIREN followed by a 5-digit NIC.
 *
 * Both end with a Luhn check digit, except the establishments of La Poste (SIREN 356000000):
 * for them the sum of the 14 digits must be a multiple of 5, and the Luhn key does not apply.
 * Their head office, 356 000 000 00048, is the one La Poste SIRET that follows the Luhn rule
 * (its digit sum, 26, is not a multiple of 5); it is accepted explicitly, as INSEE does.
 */

const NBSP = "\u00a0";

export const LA_POSTE_SIREN = "356000000";
export const LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048";

export const SIRET_FORMAT_MESSAGE = `Ce SIRET doit compter 14${NBSP}chiffres.`;
export const SIRET_CHECKSUM_MESSAGE = `Ce numéro SIRET n’est pas valide${NBSP}: la clé de contrôle ne correspond pas. Vérifiez-le sur votre extrait Kbis ou sur annuaire-entreprises.data.gouv.fr.`;
export const SIREN_FORMAT_MESSAGE = `Ce SIREN doit compter 9${NBSP}chiffres.`;
export const SIREN_CHECKSUM_MESSAGE = `Ce numéro SIREN n’est pas valide${NBSP}: la clé de contrôle ne correspond pas. Vérifiez-le sur votre extrait Kbis ou sur annuaire-entreprises.data.gouv.fr.`;

export type IdentifierValidation = { ok: true; value: string } | { ok: false; reason: "format" | "checksum" };

/** French message for a failed SIRET validation. */
export const SIRET_MESSAGES = {
  format: SIRET_FORMAT_MESSAGE,
  checksum: SIRET_CHECKSUM_MESSAGE,
} as const satisfies Record<"format" | "checksum", string>;

/** French message for a failed SIREN validation. */
export const SIREN_MESSAGES = {
  format: SIREN_FORMAT_MESSAGE,
  checksum: SIREN_CHECKSUM_MESSAGE,
} as const satisfies Record<"format" | "checksum", string>;

const DIGITS = /^\d+$/;

/**
 * Removes what people type or paste between digit groups: spaces (including non-breaking
 * ones), dots and hyphens. "356 000 000 00048" → "35600000000048".
 */
export function normalizeIdentifier(s: string): string {
  return s.replace(/[\s.\-\u00a0\u202f]/g, "");
}

/** Luhn sum of a digit string (the rightmost digit is not doubled). */
function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/** Whether a non-empty string of digits passes the Luhn checksum. */
export function luhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** Appends the Luhn check digit to a string of digits: completeLuhn("73282932") = "732829320". */
export function completeLuhn(digitsWithoutCheck: string): string {
  if (!DIGITS.test(digitsWithoutCheck)) {
    throw new TypeError(`completeLuhn expects digits only, got "${digitsWithoutCheck}"`);
  }
  const check = (10 - (luhnSum(digitsWithoutCheck, true) % 10)) % 10;
  return `${digitsWithoutCheck}${check}`;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** Checksum of an already well-formed 14-digit SIRET, La Poste rule included. */
function siretChecksumValid(siret: string): boolean {
  if (siret.startsWith(LA_POSTE_SIREN)) {
    return siret === LA_POSTE_HEAD_OFFICE_SIRET || digitSum(siret) % 5 === 0;
  }
  return luhnValid(siret);
}

/** Validates a SIRET typed by a user; `value` is the normalized 14-digit string. */
export function validateSiret(s: string): IdentifierValidation {
  const value = normalizeIdentifier(s);
  if (value.length !== 14 || !DIGITS.test(value)) return { ok: false, reason: "format" };
  if (!siretChecksumValid(value)) return { ok: false, reason: "checksum" };
  return { ok: true, value };
}

/** Validates a SIREN typed by a user; `value` is the normalized 9-digit string. */
export function validateSiren(s: string): IdentifierValidation {
  const value = normalizeIdentifier(s);
  if (value.length !== 9 || !DIGITS.test(value)) return { ok: false, reason: "format" };
  if (!luhnValid(value)) return { ok: false, reason: "checksum" };
  return { ok: true, value };
}

/** Whether `s` (after normalization) is a valid SIRET. */
export function isValidSiret(s: string): boolean {
  return validateSiret(s).ok;
}

/** Whether `s` (after normalization) is a valid SIREN. */
export function isValidSiren(s: string): boolean {
  return validateSiren(s).ok;
}

/**
 * The SIREN (first 9 digits) of a SIRET. Throws a RangeError when `siret` is not 14 digits
 * after normalization; it does not check the key.
 */
export function sirenOfSiret(siret: string): string {
  const value = normalizeIdentifier(siret);
  if (value.length !== 14 || !DIGITS.test(value)) {
    throw new RangeError(`Not a 14-digit SIRET: "${siret}"`);
  }
  return value.slice(0, 9);
}

/** Display form « 356 000 000 00048 » (non-breaking spaces); other input is returned as is. */
export function formatSiret(siret: string): string {
  const v = normalizeIdentifier(siret);
  if (v.length !== 14 || !DIGITS.test(v)) return siret;
  return [v.slice(0, 3), v.slice(3, 6), v.slice(6, 9), v.slice(9)].join(NBSP);
}

/** Display form « 356 000 000 » (non-breaking spaces); other input is returned as is. */
export function formatSiren(siren: string): string {
  const v = normalizeIdentifier(siren);
  if (v.length !== 9 || !DIGITS.test(v)) return siren;
  return [v.slice(0, 3), v.slice(3, 6), v.slice(6)].join(NBSP);
}
