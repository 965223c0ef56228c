// The integrity facts an export prints: the whole chain checked now, and (once signing exists) the
// signed checkpoint and the public key's fingerprint. The one place that gathers them.
import { verifyLedger } from "~/ledger/ledger.server";
import type { RecordIntegrity } from "./integrity";

export async function recordIntegrity(origin: string): Promise<RecordIntegrity> {
  return {
    chain: await verifyLedger(),
    // Signed checkpoints and the public key come with the signing work of issue 15 (points 6 and 7).
    checkpoint: null,
    keyFingerprint: null,
    verifyUrl: new URL("/registre/verifier", origin).toString(),
  };
}
