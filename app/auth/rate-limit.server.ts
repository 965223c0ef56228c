// Abuse limits stored in the database (RateLimit: one counter per action and key, over a fixed
// window), so that they hold across restarts. The rules are in limits.ts. Counting is atomic: a
// window that is over is restarted by a conditional UPDATE, then the use is added by an upsert that
// increments in SQL, both in a write transaction; when one counter would go over its limit the
// transaction rolls back, so a refused request moves no counter (a blocked IP cannot push the count
// of the address it targets). Keys are SHA-256 hashes: the table never holds an address or an IP.
import { write, type WriteTransaction } from "~/db/db.server";
import { clientNetwork, retryAfterSeconds, retryInMessage, type LimitRule } from "./limits";
import { hashToken } from "./tokens.server";

export interface LimitCheck {
  rule: LimitRule;
  key: string;
  /** Uses counted at once (a batch of invitations); 1 by default. */
  amount?: number;
}

export interface LimitRefusal {
  ok: false;
  /** The rule and key that refused (the one that frees up last, when several did). */
  rule: LimitRule;
  key: string;
  retryAt: Date;
  /** Uses left in the current window before this request. */
  remaining: number;
  /** "Réessayez dans 12 minutes." */
  retryMessage: string;
  retryAfterSeconds: number;
}

export type LimitOutcome = { ok: true } | LimitRefusal;

/** Thrown inside a transaction to roll it back when a limit is reached. */
export class LimitExceeded extends Error {
  constructor(readonly refusal: LimitRefusal) {
    super(`limit ${refusal.rule.action} reached`);
    this.name = "LimitExceeded";
  }
}

export function addressKey(email: string): string {
  return hashToken(`email:${email.trim().toLowerCase()}`);
}

export function ipKey(ip: string | null | undefined): string {
  return hashToken(`ip:${clientNetwork(ip)}`);
}

export function idKey(kind: "user" | "organization", id: string): string {
  return hashToken(`${kind}:${id}`);
}

/** A key for a pair (an account from one IP); clearPairs removes every pair of its first part. */
export function pairKey(first: string, second: string): string {
  return `${first}:${second}`;
}

/**
 * Counts the uses in the caller's transaction. Throws LimitExceeded when any counter would go over
 * its limit: the caller's transaction then rolls back, with every counter it moved.
 */
export async function consumeLimitsIn(tx: WriteTransaction, checks: readonly LimitCheck[], now: Date): Promise<void> {
  let refusal: LimitRefusal | null = null;
  for (const { rule, key, amount = 1 } of checks) {
    const resetAt = new Date(now.getTime() + rule.windowMs);
    const where = { action_key: { action: rule.action, key } };
    // A window that is over starts again from zero.
    await tx.rateLimit.updateMany({
      where: { action: rule.action, key, resetAt: { lte: now } },
      data: { count: 0, resetAt },
    });
    const counter = await tx.rateLimit.upsert({
      where,
      create: { action: rule.action, key, count: amount, resetAt },
      update: { count: { increment: amount } },
    });
    if (counter.count > rule.limit && (!refusal || counter.resetAt > refusal.retryAt)) {
      refusal = {
        ok: false,
        rule,
        key,
        retryAt: counter.resetAt,
        remaining: Math.max(0, rule.limit - (counter.count - amount)),
        retryMessage: retryInMessage(counter.resetAt, now),
        retryAfterSeconds: retryAfterSeconds(counter.resetAt, now),
      };
    }
  }
  if (refusal) throw new LimitExceeded(refusal);
}

/** Counts the uses in a transaction of their own: ok, or why not and when to retry. */
export async function consumeLimits(checks: readonly LimitCheck[], now: Date): Promise<LimitOutcome> {
  try {
    await write((tx) => consumeLimitsIn(tx, checks, now));
    return { ok: true };
  } catch (error) {
    if (error instanceof LimitExceeded) return error.refusal;
    throw error;
  }
}

/** Gives back one use that turned out legitimate (a successful login). */
export function giveBack(tx: WriteTransaction, rule: LimitRule, key: string) {
  return tx.rateLimit.updateMany({
    where: { action: rule.action, key, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

/** Forgets a counter (a password reset lifts the account's login lock). */
export function clearLimit(tx: WriteTransaction, rule: LimitRule, key: string) {
  return tx.rateLimit.deleteMany({ where: { action: rule.action, key } });
}

/** Forgets every pair counter whose first part is `firstKey` (an account, from any IP). */
export function clearPairsOf(tx: WriteTransaction, rule: LimitRule, firstKey: string) {
  return tx.rateLimit.deleteMany({ where: { action: rule.action, key: { startsWith: `${firstKey}:` } } });
}

/** Counters whose window is over count nothing: the hourly purge drops them. */
export async function purgeExpiredLimits(now = new Date()): Promise<number> {
  const { count } = await write((tx) => tx.rateLimit.deleteMany({ where: { resetAt: { lte: now } } }));
  return count;
}
