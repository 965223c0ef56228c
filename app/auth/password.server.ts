// Password hashing with argon2id (OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane).
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the package exports it as an ambient const enum, unusable with isolatedModules.
const ARGON2ID = 2;

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { MIN_PASSWORD_LENGTH } from "./password-rules";

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // A closed account has no password at all (app/auth/erasure.server.ts).
  if (passwordHash === "") return false;
  try {
    return await verify(passwordHash, password);
  } catch (error) {
    console.error("[auth] unreadable password hash", error);
    return false;
  }
}

// Verifying against this hash when no account matches keeps login time the same either way, so
// timing does not reveal which addresses have an account.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("amont-dummy-password-for-timing");
  return dummyHash;
}
