// Builds the signed JSON export of a procurement's record (app/record/signed-export.ts for its
// shape). A checkpoint is signed first (the whole chain checked); the export then holds the
// procurement's records up to that checkpoint, each with its RFC 9162 inclusion proof in the
// checkpoint's tree, and is signed with the same key. Writes nothing but the checkpoint: the route
// that serves it appends the export's own ledger record.
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { exportRecord } from "~/ledger/canonical";
import { signCheckpoint, type CheckpointResult } from "~/ledger/checkpoints.server";
import { SIGNATURE_ALGORITHM } from "~/ledger/keys";
import { signText } from "~/ledger/signing.server";
import { recordWhere, type RecordScope } from "./record.server";
import {
  documentSigningText,
  RECORD_EXPORT_FORMAT,
  type InclusionProof,
  type RecordExportDocument,
} from "./signed-export";

const READ_BATCH = 1_000;

export interface RecordExport {
  document: RecordExportDocument;
  /** The checkpoint the export relies on, as signed and stored (for the PDF's integrity section). */
  checkpoint: CheckpointResult["checkpoint"];
  verification: CheckpointResult["verification"];
}

/**
 * The signed export of the record of `scope` (from loadRecordScope(), which already checked that
 * the procurement is the caller's organisation's). Signs and stores a checkpoint.
 */
export async function buildRecordExport(scope: RecordScope, options: { now?: () => Date } = {}): Promise<RecordExport> {
  const clock = options.now ?? (() => new Date());
  const signed = await signCheckpoint({ reason: "export", now: clock });
  const { checkpoint, tree, key } = signed;
  const [buyer, editions] = await Promise.all([
    db.organization.findUnique({ where: { id: scope.procurement.organizationId }, select: { siren: true } }),
    db.planEditionItem.findMany({
      where: { plannedProcurementId: scope.procurement.id },
      select: { editionId: true },
      distinct: ["editionId"],
    }),
  ]);

  const records: RecordExportDocument["records"] = [];
  const proofs: InclusionProof[] = [];
  const where = recordWhere(scope);
  let after = 0;
  for (;;) {
    const batch = await db.ledgerRecord.findMany({
      where: { AND: [where, { sequence: { gt: after, lte: checkpoint.sequence } }] },
      orderBy: { sequence: "asc" },
      take: READ_BATCH,
    });
    for (const row of batch) {
      records.push(exportRecord(row));
      proofs.push({
        sequence: row.sequence,
        leafIndex: row.sequence - 1,
        auditPath: tree.inclusionProof(row.sequence - 1).map((node) => node.toString("hex")),
      });
    }
    if (batch.length < READ_BATCH) break;
    after = batch[batch.length - 1]!.sequence;
  }

  const origin = env().appOrigin;
  const unsigned: Omit<RecordExportDocument, "signature"> = {
    format: RECORD_EXPORT_FORMAT,
    publisher: {
      name: "Amont",
      url: origin,
      keys: `${origin}/registre/cles.json`,
      state: `${origin}/registre/etat.json`,
      verify: `${origin}/registre/verifier`,
    },
    procurement: {
      id: scope.procurement.id,
      title: scope.procurement.title,
      reference: scope.procurement.reference,
      buyer: { name: scope.procurement.organizationName, siren: buyer?.siren ?? null },
      links: {
        eventIds: [...scope.events.keys()].sort(),
        planEditionIds: editions.map((item) => item.editionId).sort(),
      },
    },
    generatedAt: clock().toISOString(),
    checkpoint: {
      format: checkpoint.format,
      sequence: checkpoint.sequence,
      headHash: checkpoint.headHash,
      merkleRoot: checkpoint.merkleRoot,
      status: checkpoint.status,
      brokenAt: checkpoint.brokenAt,
      signedAt: checkpoint.signedAt,
      keyId: checkpoint.keyId,
      signature: checkpoint.signature,
    },
    records,
    proofs,
  };
  const document: RecordExportDocument = {
    ...unsigned,
    signature: {
      keyId: key.id,
      algorithm: SIGNATURE_ALGORITHM,
      publicKey: key.publicKey,
      value: signText(key, documentSigningText(unsigned)),
    },
  };
  return { document, checkpoint, verification: signed.verification };
}

/** The export as a file: indented JSON (the signature covers the canonical form, not the spacing). */
export function recordExportFile(document: RecordExportDocument): { fileName: string; body: string } {
  const day = document.generatedAt.slice(0, 10);
  const name = (document.procurement.reference ?? document.procurement.id).replace(/[^A-Za-z0-9_-]+/g, "-");
  return { fileName: `dossier-${name}-${day}.json`, body: `${JSON.stringify(document, null, 2)}\n` };
}
