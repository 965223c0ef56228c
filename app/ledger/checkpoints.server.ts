// Signed checkpoints of the ledger (docs/decisions/0023-signed-checkpoints-and-exports.md): the
// chain is checked, then a statement of how far it is intact (sequence, head hash, Merkle root of
// the record hashes) is signed with the current key and stored. A broken chain gets a checkpoint
// that says so, so that any later reader holding an earlier export sees it contradicted.
// Signed every day (app/jobs/ledger-jobs.server.ts) and for every export.
import { db, write } from "~/db/db.server";
import { GENESIS_HASH } from "./canonical";
import {
  CHECKPOINT_FORMAT,
  checkpointSigningText,
  type CheckpointStatement,
  type CheckpointStatus,
  type SignedCheckpoint,
} from "./checkpoint";
import { verifyLedger, type LedgerVerification } from "./ledger.server";
import { MerkleTree, recordLeafHash } from "./merkle";
import { currentSigningKey, RetiredKeyError, signText, type KeySource } from "./signing.server";

export type CheckpointReason = "daily" | "export";

export interface CheckpointResult {
  checkpoint: SignedCheckpoint & { id: number; reason: CheckpointReason };
  /** The tree over records 1..checkpoint.sequence, for inclusion proofs. */
  tree: MerkleTree;
  verification: LedgerVerification;
}

/**
 * Checks the whole chain, then signs and stores a checkpoint of it. Costs one walk of the ledger
 * (about a second per 100,000 records) and the tree (about 64 bytes per record in memory).
 */
export async function signCheckpoint(
  options: { reason: CheckpointReason; now?: () => Date; keySource?: KeySource } = { reason: "export" },
): Promise<CheckpointResult> {
  const clock = options.now ?? (() => new Date());
  // The key first: a retired or unreadable key fails before the walk.
  let key = await currentSigningKey(options.keySource, clock());
  const leaves: Buffer[] = [];
  let head = GENESIS_HASH;
  const verification = await verifyLedger({
    onIntactRecord: (hash) => {
      leaves.push(recordLeafHash(hash));
      head = hash;
    },
  });
  const tree = new MerkleTree(leaves);
  const status: CheckpointStatus = verification.ok ? "intact" : "broken";
  if (!verification.ok) {
    console.error(
      `[ledger] chain broken at record ${verification.brokenAt}: ${verification.reason}; signing a checkpoint that says so`,
    );
  }
  for (let attempt = 0; ; attempt++) {
    const statement: CheckpointStatement = {
      format: CHECKPOINT_FORMAT,
      sequence: tree.size,
      headHash: head,
      merkleRoot: tree.root().toString("hex"),
      status,
      brokenAt: verification.ok ? null : verification.brokenAt,
      signedAt: clock().toISOString(),
      keyId: key.id,
    };
    const signature = signText(key, checkpointSigningText(statement));
    try {
      const stored = await write(async (tx) => {
        // The key may have been rotated by another process since it was read.
        const row = await tx.ledgerSigningKey.findUnique({ where: { id: key.id } });
        if (!row || row.retiredAt) throw new RetiredKeyError(key.id, row?.retiredAt ?? new Date());
        return tx.ledgerCheckpoint.create({
          data: {
            sequence: statement.sequence,
            headHash: statement.headHash,
            merkleRoot: statement.merkleRoot,
            status: statement.status,
            brokenAt: statement.brokenAt,
            signedAt: new Date(statement.signedAt),
            keyId: statement.keyId,
            signature,
            reason: options.reason,
          },
        });
      });
      return {
        checkpoint: { ...statement, signature, id: stored.id, reason: options.reason },
        tree,
        verification,
      };
    } catch (error) {
      if (!(error instanceof RetiredKeyError) || attempt > 0) throw error;
      key = await currentSigningKey(options.keySource, clock());
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

/** The ledger's state as last signed: for the record page and the PDF's integrity section. */
export async function latestCheckpoint(): Promise<PublishedCheckpoint | null> {
  return (await latestCheckpoints(1))[0] ?? null;
}
