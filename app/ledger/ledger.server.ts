// Appending to and checking the exchange ledger. Appends run inside the caller's transaction (the
// write queue serialises them within the process; the unique previousHash refuses a fork made by
// another process, whose transaction then retries).
import { db, type WriteTransaction } from "~/db/db.server";
import { ledgerRecordBatches } from "~/db/ledger-rows.server";
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

export type LedgerVerification = ChainCheck & {
  checkedAt: Date;
  /** Signed checkpoints whose head was compared with the stored chain (all those within the checked part). */
  checkpointsCompared: number;
};

export interface VerifyOptions {
  /** Called with the stored hash of every record found intact, in sequence order (for the Merkle tree). */
  onIntactRecord?: (hash: string) => void;
}

/**
 * Walks the whole chain on committed data and reports the first broken record, if any: a record
 * missing, out of the chain or whose content no longer gives its hash, or a record whose stored
 * hash differs from what a signed checkpoint said of it (the chain was rewritten from some earlier
 * record on, hashes recomputed: only a checkpoint published outside the database catches that).
 */
export async function verifyLedger(options: VerifyOptions = {}): Promise<LedgerVerification> {
  const checkpoints = await checkpointHeads();
  let nextCheckpoint = 0;
  let checkpointsCompared = 0;
  let lastMatchingCheckpoint = 0;
  let start: ChainStart | undefined;
  let count = 0;
  let redacted = 0;
  // Read without Prisma's row mapping, which cost as much as the check itself (bench/ledger.ts).
  for await (const batch of ledgerRecordBatches()) {
    const result = checkChain(batch, start);
    redacted += result.redacted;
    // Records before a break are intact; compare them with the checkpoints in that range first,
    // since a rewrite found by a checkpoint lies before the break.
    const intact = result.ok ? batch : batch.filter((record) => record.sequence < result.brokenAt);
    for (const record of intact) {
      while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.sequence <= record.sequence) {
        const checkpoint = checkpoints[nextCheckpoint++]!;
        if (checkpoint.sequence < record.sequence) continue; // before the first record (sequence 0)
        checkpointsCompared++;
        // A record upgraded to format 2 after the checkpoint was signed kept its former hash.
        if (checkpoint.headHash !== record.hash && checkpoint.headHash !== record.legacyHash) {
          return {
            ok: false,
            count,
            brokenAt: record.sequence,
            reason:
              `l'empreinte enregistrée ne correspond plus au point de contrôle signé le ${checkpoint.signedAt.toISOString()} : ` +
              `la chaîne a été réécrite après le n° ${lastMatchingCheckpoint}`,
            redacted,
            checkedAt: new Date(),
            checkpointsCompared,
          };
        }
        lastMatchingCheckpoint = record.sequence;
      }
      options.onIntactRecord?.(record.hash);
      count++;
    }
    if (!result.ok) return { ...result, count, redacted, checkedAt: new Date(), checkpointsCompared };
    start = result.tail;
  }
  // A checkpoint beyond the end of the chain: records were removed from the tail.
  const beyond = checkpoints.find((checkpoint) => checkpoint.sequence > count);
  if (beyond) {
    return {
      ok: false,
      count,
      brokenAt: count + 1,
      reason: `enregistrement manquant : le point de contrôle signé le ${beyond.signedAt.toISOString()} en compte ${beyond.sequence}`,
      redacted,
      checkedAt: new Date(),
      checkpointsCompared,
    };
  }
  return {
    ok: true,
    count,
    lastHash: start?.hash ?? GENESIS_HASH,
    redacted,
    checkedAt: new Date(),
    checkpointsCompared,
  };
}

/** The heads of the signed checkpoints, in sequence order (sequence 0 says nothing to compare). */
async function checkpointHeads() {
  return db.ledgerCheckpoint.findMany({
    where: { sequence: { gt: 0 } },
    orderBy: [{ sequence: "asc" }, { id: "asc" }],
    select: { sequence: true, headHash: true, signedAt: true },
  });
}
