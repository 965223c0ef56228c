// The integrity facts an export prints: a checkpoint signed for this export (which walks the whole
// chain, so its check is the chain's state now), and the fingerprint of the key that signed it.
// The one place that gathers them.
import { signCheckpoint, type CheckpointResult } from "~/ledger/checkpoints.server";
import { groupedFingerprint } from "~/ledger/keys";
import type { RecordIntegrity } from "./integrity";

/** The integrity section of an export relying on `signed` (signed by the caller, or here). */
export async function recordIntegrity(origin: string, signed?: CheckpointResult): Promise<RecordIntegrity> {
  const { checkpoint, verification } = signed ?? (await signCheckpoint({ reason: "export" }));
  return {
    chain: verification,
    checkpoint: {
      sequence: checkpoint.sequence,
      hash: checkpoint.headHash,
      signedAt: new Date(checkpoint.signedAt),
      keyId: groupedFingerprint(checkpoint.keyId),
    },
    keyFingerprint: groupedFingerprint(checkpoint.keyId),
    verifyUrl: new URL("/registre/verifier", origin).toString(),
  };
}
