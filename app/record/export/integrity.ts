// What the PDF's integrity section says (pure types and texts): the result of walking the whole
// ledger, the signed checkpoint the export relies on, the public key's fingerprint, and where to
// check it. recordIntegrity() (integrity.server.ts) fills it in.
import type { LedgerVerification } from "~/ledger/ledger.server";

export interface RecordCheckpoint {
  sequence: number;
  hash: string;
  signedAt: Date;
  keyId: string;
}

export interface RecordIntegrity {
  /** verifyLedger() on committed data, after the export's own record was written. */
  chain: LedgerVerification;
  /** The latest signed checkpoint that covers the export, or null when there is none (yet). */
  checkpoint: RecordCheckpoint | null;
  /** The fingerprint of the public key that signed the checkpoint, or null. */
  keyFingerprint: string | null;
  /** The public page where anyone checks an export: …/registre/verifier. */
  verifyUrl: string;
}

/** The public keys' address, next to the verification page. */
export function publicKeysUrl(integrity: RecordIntegrity): string {
  return new URL("/registre/cles.json", integrity.verifyUrl).toString();
}

/** The sentence that says a chain is broken, naming its first broken record. */
export function brokenChainSentence(chain: LedgerVerification): string | null {
  if (chain.ok) return null;
  return `Le registre des échanges n'est plus intact : l'enregistrement n° ${chain.brokenAt} ne correspond plus à ce qui a été inscrit (${chain.reason}).`;
}
