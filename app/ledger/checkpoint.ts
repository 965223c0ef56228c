// A signed checkpoint of the ledger (pure): what it states, and the exact text that is signed.
// See docs/decisions/0023-signed-checkpoints-and-exports.md and docs/ledger-verification.md.
import { canonicalJson } from "./canonical";

export const CHECKPOINT_FORMAT = "amont-checkpoint-v1";

export type CheckpointStatus = "intact" | "broken";

/**
 * What a checkpoint says, as published (/registre/etat.json) and embedded in exports. Records
 * 1..sequence were checked and their hashes form a Merkle tree (RFC 9162) whose root is
 * merkleRoot; headHash is the hash of record `sequence`. A "broken" checkpoint says that record
 * brokenAt (= sequence + 1) failed the check: it covers only the records before it.
 */
export interface CheckpointStatement {
  format: typeof CHECKPOINT_FORMAT;
  sequence: number;
  headHash: string;
  merkleRoot: string;
  status: CheckpointStatus;
  brokenAt: number | null;
  signedAt: string;
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointStatement {
  /** Ed25519 signature (base64) of checkpointSigningText(statement). */
  signature: string;
}

/** The UTF-8 text that is signed: the canonical JSON of the statement (every field above, none other). */
export function checkpointSigningText(checkpoint: CheckpointStatement): string {
  const statement: CheckpointStatement = {
    format: checkpoint.format,
    sequence: checkpoint.sequence,
    headHash: checkpoint.headHash,
    merkleRoot: checkpoint.merkleRoot,
    status: checkpoint.status,
    brokenAt: checkpoint.brokenAt,
    signedAt: checkpoint.signedAt,
    keyId: checkpoint.keyId,
  };
  return canonicalJson({ ...statement });
}
