// The signed JSON export of a procurement's record (pure: its shape and the text that is signed).
// docs/ledger-verification.md specifies it for anyone who writes a verifier;
// docs/decisions/0023-signed-checkpoints-and-exports.md says why it is built this way.
import { canonicalJson, type ExportedRecord, type JsonObject, type JsonValue } from "~/ledger/canonical";
import type { SignedCheckpoint } from "~/ledger/checkpoint";

export const RECORD_EXPORT_FORMAT = "amont-dossier-v1";

/** RFC 9162 inclusion proof of one record's hash in the checkpoint's Merkle tree. */
export interface InclusionProof {
  sequence: number;
  /** 0-based: sequence − 1. */
  leafIndex: number;
  /** Sibling hashes (hex) from the leaf up to the root. */
  auditPath: string[];
}

export interface RecordExportDocument {
  format: typeof RECORD_EXPORT_FORMAT;
  publisher: { name: string; url: string; keys: string; state: string; verify: string };
  procurement: {
    id: string;
    title: string;
    reference: string | null;
    buyer: { name: string; siren: string | null };
    /**
     * What else ties a record to the procurement when it does not name it: the events that present
     * it (or where one of its stands is), and the plan editions that list it.
     */
    links: { eventIds: string[]; planEditionIds: string[] };
  };
  generatedAt: string;
  /** The checkpoint signed when the export was made; the records are those up to it. */
  checkpoint: SignedCheckpoint;
  /** The procurement's records, in ledger order, as exportRecord() gives them. */
  records: ExportedRecord[];
  /** One per record, in the same order. */
  proofs: InclusionProof[];
  signature: DocumentSignature;
}

export interface DocumentSignature {
  keyId: string;
  algorithm: "Ed25519";
  /** The signing key's raw 32 bytes, base64: compare its fingerprint (keyId) with the published keys. */
  publicKey: string;
  /** Ed25519 signature (base64) of documentSigningText(document). */
  value: string;
}

/** The UTF-8 text that is signed: the canonical JSON of the whole document but its `signature`. */
export function documentSigningText(document: object): string {
  const { signature: _signature, ...signed } = document as { [key: string]: unknown };
  return canonicalJson(signed as JsonObject);
}

/** Whether a record names the procurement or one of its links (what an offline reader can check). */
export function recordLinkedToProcurement(
  record: Pick<ExportedRecord, "kind" | "plannedProcurementId" | "eventId" | "values" | "redacted">,
  procurement: Pick<RecordExportDocument["procurement"], "id" | "links">,
): "yes" | "no" | "redacted" {
  if (record.plannedProcurementId === procurement.id) return "yes";
  if (record.eventId !== null && procurement.links.eventIds.includes(record.eventId)) return "yes";
  if (record.kind === "plan.edition_published") {
    if ("payload.editionId" in record.redacted) return "redacted";
    const editionId: JsonValue | undefined = record.values.payload.editionId;
    if (typeof editionId === "string" && procurement.links.planEditionIds.includes(editionId)) return "yes";
  }
  return "no";
}
