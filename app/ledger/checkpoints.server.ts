// Signed checkpoints of the ledger (docs/decisions/0023-signed-checkpoints-and-exports.md): the
// chain is checked, then a statement of how far it is intact (sequence, head hash, Merkle root of
// the record hashes) is signed with the current key and stored. A broken chain gets a checkpoint
// that says so, so that any later reader holding an earlier export sees it contradicted.
// Signed every day (app/jobs/ledger-jobs.server.ts) and for every export.
import { db, write, type WriteTransaction } from "~/db/db.server";
import { GENESIS_HASH } from "./canonical";
import {
  CHECKPOINT_FORMAT,
  checkpointSigningText,
  type CheckpointStatement,
  type SignedCheckpoint,
} from "./checkpoint";
import { verifyLedger, type LedgerVerification } from "./ledger.server";
import { MerkleTree, recordLeafHash } from "./merkle";
import { currentSigningKey, RetiredKeyError, signText, type KeySource, type SigningKey } from "./signing.server";

export type CheckpointReason = "daily" | "export";

export interface PreparedCheckpoint {
  statement: CheckpointStatement;
  /** The key that signed it (an export is signed with the same one). */
  key: SigningKey;
  signature: string;
  /** The tree over records 1..statement.sequence, for inclusion proofs. */
  tree: MerkleTree;
  verification: LedgerVerification;
}

export interface CheckpointResult extends PreparedCheckpoint {
  checkpoint: PublishedCheckpoint;
}

/**
 * Checks the whole chain and signs a statement of it, without storing it yet. Costs one walk of
 * the ledger (about 3 s per 100,000 records, bench/RESULTS.md) and the tree (about 64 bytes per record).
 */
export async function prepareCheckpoint(
  options: { now?: () => Date; keySource?: KeySource } = {},
): Promise<PreparedCheckpoint> {
  const clock = options.now ?? (() => new Date());
  // The key first: a retired or unreadable key fails before the walk.
  const key = await currentSigningKey(options.keySource, clock());
  const leaves: Buffer[] = [];
  let head = GENESIS_HASH;
  const verification = await verifyLedger({
    onIntactRecord: (hash) => {
      leaves.push(recordLeafHash(hash));
      head = hash;
    },
  });
  const tree = new MerkleTree(leaves);
  if (!verification.ok) {
    console.error(
      `[ledger] chain broken at record ${verification.brokenAt}: ${verification.reason}; the checkpoint says so`,
    );
  }
  const statement: CheckpointStatement = {
    format: CHECKPOINT_FORMAT,
    sequence: tree.size,
    headHash: head,
    merkleRoot: tree.root().toString("hex"),
    status: verification.ok ? "intact" : "broken",
    brokenAt: verification.ok ? null : verification.brokenAt,
    signedAt: clock().toISOString(),
    keyId: key.id,
  };
  return { statement, key, signature: signText(key, checkpointSigningText(statement)), tree, verification };
}

/** Stores a prepared checkpoint in the caller's transaction, if its key is still the current one. */
export async function storeCheckpoint(
  tx: WriteTransaction,
  prepared: PreparedCheckpoint,
  reason: CheckpointReason,
): Promise<PublishedCheckpoint> {
  const { statement, signature } = prepared;
  // The key may have been rotated by another process since it was read.
  const key = await tx.ledgerSigningKey.findUnique({ where: { id: statement.keyId } });
  if (!key || key.retiredAt) throw new RetiredKeyError(statement.keyId, key?.retiredAt ?? new Date());
  const row = await tx.ledgerCheckpoint.create({
    data: {
      sequence: statement.sequence,
      headHash: statement.headHash,
      merkleRoot: statement.merkleRoot,
      status: statement.status,
      brokenAt: statement.brokenAt,
      signedAt: new Date(statement.signedAt),
      keyId: statement.keyId,
      signature,
      reason,
    },
  });
  return publishedCheckpoint(row);
}

/**
 * Checks the chain, signs a checkpoint and stores it: what an export relies on. When the key was
 * rotated in between, signs again once with the new key.
 */
export async function signCheckpoint(
  options: { reason?: CheckpointReason; now?: () => Date; keySource?: KeySource } = {},
): Promise<CheckpointResult> {
  for (let attempt = 0; ; attempt++) {
    const prepared = await prepareCheckpoint(options);
    try {
      const checkpoint = await write((tx) => storeCheckpoint(tx, prepared, options.reason ?? "export"));
      return { ...prepared, checkpoint };
    } catch (error) {
      if (!(error instanceof RetiredKeyError) || attempt > 0) throw error;
    }
  }
}

export interface PublishedCheckpoint extends SignedCheckpoint {
  id: number;
  reason: CheckpointReason;
}

type CheckpointRow = Awaited<ReturnType<typeof db.ledgerCheckpoint.findMany>>[number];

export function publishedCheckpoint(row: CheckpointRow): PublishedCheckpoint {
  return {
    id: row.id,
    format: CHECKPOINT_FORMAT,
    sequence: row.sequence,
    headHash: row.headHash,
    merkleRoot: row.merkleRoot,
    status: row.status === "broken" ? "broken" : "intact",
    brokenAt: row.brokenAt,
    signedAt: row.signedAt.toISOString(),
    keyId: row.keyId,
    signature: row.signature,
    reason: row.reason === "daily" ? "daily" : "export",
  };
}

/** The newest checkpoints first. */
export async function latestCheckpoints(take: number): Promise<PublishedCheckpoint[]> {
  const rows = await db.ledgerCheckpoint.findMany({ orderBy: { id: "desc" }, take });
  return rows.map(publishedCheckpoint);
}

/** Every checkpoint, in the order they were signed. */
export async function allCheckpoints(): Promise<PublishedCheckpoint[]> {
  const rows = await db.ledgerCheckpoint.findMany({ orderBy: { id: "asc" } });
  return rows.map(publishedCheckpoint);
}

export function countCheckpoints(): Promise<number> {
  return db.ledgerCheckpoint.count();
}

/** The ledger's state as last signed: for the record page and the PDF's integrity section. */
export async function latestCheckpoint(): Promise<PublishedCheckpoint | null> {
  return (await latestCheckpoints(1))[0] ?? null;
}
