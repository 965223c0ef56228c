/**
 * Deterministic, valid SIREN/SIRET numbers for tests and seed data.
 *
 * Different seeds (0 ≤ seed < 89 999 999) give different SIRENs; every SIREN and SIRET built
 * here passes the Luhn check, and none belongs to La Poste (SIREN 356000000).
 */
import { completeLuhn, LA_POSTE_SIREN } from "../../app/organizations/identifiers";

// 8-digit SIREN bodies 10000000…99999999 (no leading zero) minus La Poste's 35600000.
const LA_POSTE_BODY = Number(LA_POSTE_SIREN.slice(0, 8));
const RANGE = 89_999_999;
const STEP = 7_919; // prime, coprime with RANGE: seed ↦ n is a bijection on [0, RANGE)

function sirenBody(seed: number): string {
  if (!Number.isSafeInteger(seed)) throw new TypeError(`seed must be an integer, got ${seed}`);
  const n = Number(((BigInt(seed) * BigInt(STEP)) % BigInt(RANGE)) + BigInt(RANGE)) % RANGE;
  const body = 10_000_000 + n;
  return String(body >= LA_POSTE_BODY ? body + 1 : body);
}

/** A valid 9-digit SIREN, always the same for the same seed. */
export function makeSiren(seed: number): string {
  return completeLuhn(sirenBody(seed));
}

/**
 * A valid 14-digit SIRET, always the same for the same seed. Its SIREN is `makeSiren(seed)`;
 * `establishment` (0…9999) picks the NIC, so one company can have several establishments.
 */
export function makeSiret(seed: number, establishment = 1): string {
  if (!Number.isInteger(establishment) || establishment < 0 || establishment > 9_999) {
    throw new RangeError(`establishment must be an integer in 0…9999, got ${establishment}`);
  }
  return completeLuhn(makeSiren(seed) + String(establishment).padStart(4, "0"));
}
