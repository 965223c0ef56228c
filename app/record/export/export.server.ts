// Exporting a procurement's record (decision 0024): a POST writes the export on the ledger first
// (`record.exported`), then the file is made from the record up to and including that entry, so
// that the file shows its own export and the ledger says what every file handed out contains.
import { todayInParis } from "~/calendar/dates";
import { write } from "~/db/db.server";
import { env } from "~/env.server";
import { signCheckpoint } from "~/ledger/checkpoints.server";
import { appendExchange } from "~/ledger/ledger.server";
import type { RecordScope } from "../record.server";
import { buildRecordExport, recordExportFile } from "../signed-export.server";
import { recordCsvStream } from "./csv.server";
import { recordIntegrity } from "./integrity.server";
import { renderRecordPdf } from "./pdf.server";
import { buildRecordReport, type ExportMark } from "./report.server";

/** The formats a buyer can download; the JSON is signed and checkable offline (decision 0023). */
export const RECORD_EXPORT_FORMATS = {
  pdf: { label: "PDF", contentType: "application/pdf", extension: "pdf" },
  csv: { label: "CSV", contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { label: "JSON signé", contentType: "application/json; charset=utf-8", extension: "json" },
} as const;

export type RecordExportFormat = keyof typeof RECORD_EXPORT_FORMATS;

export interface RecordExportActor {
  userId: string;
  name: string;
  organizationId: string;
  organizationName: string;
}

export interface RecordExportFile {
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>;
  contentType: string;
  fileName: string;
  mark: ExportMark;
}

/** Writes the export's ledger record; the export covers every entry up to and including it. */
export async function markRecordExport(
  actor: RecordExportActor,
  scope: RecordScope,
  format: RecordExportFormat,
  now = new Date(),
): Promise<ExportMark> {
  const actorLabel = `${actor.name} (${actor.organizationName})`;
  return write(async (tx) => {
    // Within the transaction nobody else appends: the next number and the count are this export's.
    const tail = await tx.ledgerRecord.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } });
    const previous = await tx.ledgerRecord.count({ where: scope.where });
    const sequence = (tail?.sequence ?? 0) + 1;
    const recordCount = previous + 1;
    const record = await appendExchange(tx, {
      kind: "record.exported",
      actor: { userId: actor.userId, label: actorLabel },
      organizationIds: [actor.organizationId],
      plannedProcurementId: scope.procurement.id,
      summary: `${actor.name} a exporté le dossier des échanges de « ${scope.procurement.title} » (${RECORD_EXPORT_FORMATS[format].label}) : ${recordCount} entrée${recordCount > 1 ? "s" : ""}, jusqu'à celle-ci (n° ${sequence}).`,
      payload: { format, recordCount, lastSequence: sequence },
      occurredAt: now,
    });
    if (record.sequence !== sequence)
      throw new Error(`record export: expected n° ${sequence}, wrote ${record.sequence}`);
    return { sequence, recordCount, actorLabel, exportedAt: record.occurredAt };
  });
}

/** `dossier-<reference or id>-<date>.<ext>`, in plain ASCII (a header value). */
export function recordExportFileName(
  procurement: { id: string; reference: string | null },
  format: RecordExportFormat,
  day = todayInParis(),
): string {
  const reference = (procurement.reference ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `dossier-${reference || procurement.id}-${day}.${RECORD_EXPORT_FORMATS[format].extension}`;
}

/**
 * Writes the export on the ledger, then signs a checkpoint that covers it (every export does, so
 * that anyone can later prove what the ledger held when the file was handed out), then makes the
 * file.
 */
export async function exportRecord(
  actor: RecordExportActor,
  scope: RecordScope,
  format: RecordExportFormat,
): Promise<RecordExportFile> {
  const mark = await markRecordExport(actor, scope, format);
  const { contentType } = RECORD_EXPORT_FORMATS[format];
  const fileName = recordExportFileName(scope.procurement, format);
  if (format === "json") {
    // buildRecordExport() signs the checkpoint itself, after the export's record: the file holds it.
    const { document } = await buildRecordExport(scope);
    return { body: new TextEncoder().encode(recordExportFile(document).body), contentType, fileName, mark };
  }
  const signed = await signCheckpoint({ reason: "export" });
  if (format === "csv") return { body: recordCsvStream(scope, mark.sequence), contentType, fileName, mark };
  const [report, integrity] = await Promise.all([
    buildRecordReport(scope, mark),
    recordIntegrity(env().appOrigin, signed),
  ]);
  return { body: await renderRecordPdf(report, integrity), contentType, fileName, mark };
}
