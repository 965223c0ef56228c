// Random secrets for sessions, links and codes; only their SHA-256 is ever stored.
import { randomInt } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** What generateToken() writes (base32): anything else in a link cannot be one of its secrets. */
const TOKEN_SHAPE = /^[a-z2-7]{16,64}$/;

/** The stored hash of a secret read from a link, or null when it cannot be one (no lookup needed). */
export function hashOfWellFormedToken(token: string): string | null {
  return TOKEN_SHAPE.test(token) ? hashToken(token) : null;
}
