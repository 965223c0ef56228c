// Appending to and checking the exchange ledger. Appends run inside the caller's transaction (the
// write queue serialises them within the process; the unique previousHash refuses a fork made by
// another process, whose transaction then retries).
import { db, type WriteTransaction } from "~/db/db.server";
import {
  canonicalJson,
  checkChain,
  GENESIS_HASH,
  sealRecord,
  type ChainCheck,
  type ChainStart,
  type JsonValue,
} from "./canonical";
import type { LedgerKind } from "./kinds";

export interface ExchangeInput {
  kind: LedgerKind;
  actor: { userId: string | null; label: string };
  organizationIds: string[];
  plannedProcurementId?: string | null;
  eventId?: string | null;
  summary: string;
  payload?: { [key: string]: JsonValue };
  occurredAt?: Date;
}

/**
 * The chain's tail as left by this transaction's previous append: a transaction holds the database's
 * only write lock, so it is the only one that can extend the chain while it runs, and several
 * appends in one transaction (a batch of answers, a booking and a promotion) read the tail once.
 */
const tailOfTransaction = new WeakMap<WriteTransaction, { sequence: number; hash: string }>();

export async function appendExchange(tx: WriteTransaction, input: ExchangeInput) {
  const last =
    tailOfTransaction.get(tx) ??
    (await tx.ledgerRecord.findFirst({
      orderBy: { sequence: "desc" },
      select: { sequence: true, hash: true },
    }));
  const organizationIds = [...new Set(input.organizationIds)].sort();
  const fields = {
    sequence: (last?.sequence ?? 0) + 1,
    kind: input.kind,
    actorUserId: input.actor.userId,
    actorLabel: input.actor.label,
    organizationIds: canonicalJson(organizationIds),
    plannedProcurementId: input.plannedProcurementId ?? null,
    eventId: input.eventId ?? null,
    summary: input.summary,
    payload: canonicalJson(input.payload ?? {}),
    // Millisecond precision: the stored value must hash the same after a round trip.
    occurredAt: new Date(Math.floor((input.occurredAt ?? new Date()).getTime())),
    previousHash: last?.hash ?? GENESIS_HASH,
  };
  const record = await tx.ledgerRecord.create({
    data: {
      ...fields,
      ...sealRecord(fields),
      parties: { create: organizationIds.map((organizationId) => ({ organizationId })) },
    },
  });
  tailOfTransaction.set(tx, { sequence: record.sequence, hash: record.hash });
  return record;
}

const VERIFY_BATCH = 2_000;

export type LedgerVerification = ChainCheck & { checkedAt: Date };

/** Walks the whole chain on committed data and reports the first broken record, if any. */
export async function verifyLedger(): Promise<LedgerVerification> {
  let start: ChainStart | undefined;
  let count = 0;
  let redacted = 0;
  for (;;) {
    const batch = await db.ledgerRecord.findMany({
      where: start ? { sequence: { gt: start.sequence } } : {},
      orderBy: { sequence: "asc" },
      take: VERIFY_BATCH,
    });
    if (batch.length === 0) break;
    const result = checkChain(batch, start);
    count += result.count;
    redacted += result.redacted;
    if (!result.ok) return { ...result, count, redacted, checkedAt: new Date() };
    start = result.tail;
  }
  return { ok: true, count, lastHash: start?.hash ?? GENESIS_HASH, redacted, checkedAt: new Date() };
}
