// The one-time upgrade of records written in format 1 to format 2 (decision 0022), run by
// `npm run db:setup`, `npm run ledger:upgrade` and at server start before the workers.
//
// It checks the whole chain first and leaves a broken chain as it is, so that `ledger:verify`
// still names the broken record. Then it upgrades format 1 records in sequence order, a batch per
// write transaction so that the writer is never held long: each record gets salts, its new hash
// (which covers the new hash of its predecessor) and keeps its former hash in legacyHash, as the
// database guard requires. After every committed batch the chain verifies: the first record not yet
// upgraded links to its predecessor's former hash, which checkChain accepts once proven. The batch
// that upgrades the last format 1 record also appends a `ledger.upgraded` record.
import { db, write, type WriteTransaction } from "~/db/db.server";
import { GENESIS_HASH, legacyRecordHash, sealRecord, type StoredRecord } from "./canonical";
import { appendExchange, verifyLedger } from "./ledger.server";

export const UPGRADE_BATCH_SIZE = 500;

export type UpgradeOutcome =
  | { status: "nothing" }
  | { status: "upgraded"; upgraded: number; complete: boolean }
  | { status: "broken"; brokenAt: number; reason: string };

/** A format 1 record changed between the check and its batch: nothing of the batch is written. */
class ChangedDuringUpgrade extends Error {
  constructor(readonly sequence: number) {
    super(`Ledger record ${sequence} changed during the upgrade`);
  }
}

/** The hash a record had when it was written. */
function formerHashOf(record: Pick<StoredRecord, "format" | "hash" | "legacyHash">): string {
  return record.format === 2 && record.legacyHash ? record.legacyHash : record.hash;
}

/** Upgrades the next batch of format 1 records; returns how many, and whether none is left. */
async function upgradeBatch(tx: WriteTransaction, batchSize: number): Promise<{ upgraded: number; done: boolean }> {
  const batch = await tx.ledgerRecord.findMany({ where: { format: 1 }, orderBy: { sequence: "asc" }, take: batchSize });
  if (batch.length === 0) return { upgraded: 0, done: true };
  const first = batch[0]!;
  const predecessor =
    first.sequence > 1 ? await tx.ledgerRecord.findUnique({ where: { sequence: first.sequence - 1 } }) : null;
  if (first.sequence > 1 && !predecessor) throw new ChangedDuringUpgrade(first.sequence);
  let previousHash = predecessor?.hash ?? GENESIS_HASH;
  let formerPreviousHash = predecessor ? formerHashOf(predecessor) : GENESIS_HASH;
  let expectedSequence = first.sequence;
  for (const record of batch) {
    // Format 1 records form one run at the start of the chain; each must still be as it was written.
    if (
      record.sequence !== expectedSequence ||
      record.previousHash !== formerPreviousHash ||
      legacyRecordHash(record) !== record.hash
    ) {
      throw new ChangedDuringUpgrade(record.sequence);
    }
    const sealed = sealRecord({ ...record, previousHash });
    await tx.ledgerRecord.update({
      where: { sequence: record.sequence },
      data: { format: 2, salts: sealed.salts, hash: sealed.hash, previousHash, legacyHash: record.hash },
    });
    formerPreviousHash = record.hash;
    previousHash = sealed.hash;
    expectedSequence++;
  }
  const remaining = await tx.ledgerRecord.findFirst({ where: { format: 1 }, select: { sequence: true } });
  if (remaining) return { upgraded: batch.length, done: false };
  const last = batch[batch.length - 1]!;
  const upgradedCount = await tx.ledgerRecord.count({ where: { legacyHash: { not: null } } });
  await appendExchange(tx, {
    kind: "ledger.upgraded",
    actor: { userId: null, label: "Amont" },
    organizationIds: [],
    summary: `Registre passé au format 2 : ${upgradedCount} enregistrement(s) écrits auparavant ont reçu une nouvelle empreinte ; l'ancienne reste inscrite à côté de chacun.`,
    payload: { upgradedCount, legacyHead: { sequence: last.sequence, hash: last.hash } },
  });
  return { upgraded: batch.length, done: true };
}

/**
 * Upgrades every format 1 record. Cheap when there is none (one query). `stopAfterBatches` is for
 * tests: it leaves the upgrade half done, as a crash between two batches would.
 */
export async function upgradeLedger(
  options: { batchSize?: number; stopAfterBatches?: number } = {},
): Promise<UpgradeOutcome> {
  const pending = await db.ledgerRecord.findFirst({ where: { format: 1 }, select: { sequence: true } });
  if (!pending) return { status: "nothing" };
  const check = await verifyLedger();
  if (!check.ok) {
    console.error(
      `[ledger] upgrade to format 2 refused: the chain is broken at record ${check.brokenAt} (${check.reason}); it is left as it is`,
    );
    return { status: "broken", brokenAt: check.brokenAt, reason: check.reason };
  }
  const batchSize = options.batchSize ?? UPGRADE_BATCH_SIZE;
  let upgraded = 0;
  let batches = 0;
  for (;;) {
    if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) {
      return { status: "upgraded", upgraded, complete: false };
    }
    try {
      const result = await write((tx) => upgradeBatch(tx, batchSize));
      upgraded += result.upgraded;
      batches++;
      if (result.done) break;
    } catch (error) {
      if (!(error instanceof ChangedDuringUpgrade)) throw error;
      console.error(
        `[ledger] upgrade to format 2 stopped: record ${error.sequence} changed since the chain was checked`,
      );
      return {
        status: "broken",
        brokenAt: error.sequence,
        reason: "l'enregistrement a changé pendant la mise à niveau",
      };
    }
  }
  if (upgraded > 0) console.log(`[ledger] ${upgraded} record(s) upgraded to format 2`);
  return { status: "upgraded", upgraded, complete: true };
}
