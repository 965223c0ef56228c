// The record as a spreadsheet: one line per entry, in ledger order, with the stored payload and
// the hashes beside what the page shows. The same conventions as /plan.csv (UTF-8 with
// a byte order mark, ";" separator, CRLF, every field quoted, formulas neutralised: csvField()).
// Written as a stream, one page of entries at a time: a record of any size costs the same memory.
import { formatShortDateFr, formatShortInstant } from "~/calendar/format";
import { db } from "~/db/db.server";
import { CSV_BOM, csvField } from "~/plan/feeds/csv.server";
import type { RecordEntry, RecordScope } from "../record.server";
import { entriesThrough } from "./report.server";

const COLUMNS: {
  header: string;
  value: (entry: RecordEntry, names: ReadonlyMap<string, string>) => string | number;
}[] = [
  { header: "N°", value: (entry) => entry.sequence },
  { header: "Inscrit le", value: (entry) => formatShortInstant(entry.occurredAt) },
  {
    header: "Jour de l'échange",
    value: (entry) => formatShortDateFr(entry.manual?.exchangedOn ?? entry.launch?.launchedOn ?? entry.day),
  },
  { header: "Type", value: (entry) => entry.kindLabel },
  { header: "Code du type", value: (entry) => entry.kind },
  { header: "Par", value: (entry) => entry.actorLabel },
  {
    header: "Organisations",
    value: (entry, names) => entry.organizationIds.map((id) => names.get(id) ?? "organisation supprimée").join(", "),
  },
  {
    header: "Entreprises",
    value: (entry) =>
      entry.suppliers
        .map((supplier) => (supplier.siret ? `${supplier.name} (${supplier.siret})` : supplier.name))
        .join(", "),
  },
  { header: "Contexte", value: (entry) => entry.context ?? "" },
  { header: "Résumé", value: (entry) => entry.summary },
  { header: "Texte de l'échange", value: (entry) => entry.manual?.text ?? "" },
  { header: "Après le lancement", value: (entry) => (entry.afterLaunch ? "oui" : "non") },
  { header: "Corrige l'entrée n°", value: (entry) => entry.corrects ?? "" },
  { header: "Données effacées", value: (entry) => (entry.redaction?.fields ?? []).map(redactedFieldLabel).join(", ") },
  { header: "Empreinte SHA-256", value: (entry) => entry.hash },
  { header: "Empreinte de l'entrée précédente du registre", value: (entry) => entry.previousHash },
  { header: "Contenu inscrit (JSON)", value: (entry) => entry.payloadJson },
];

const PROTECTED_FIELD_LABELS: Record<string, string> = {
  actorUserId: "compte de l'auteur",
  actorLabel: "auteur",
  summary: "résumé",
};

/** "résumé", "auteur", or "contenu : text" for a key of the payload. */
function redactedFieldLabel(field: string): string {
  return PROTECTED_FIELD_LABELS[field] ?? (field.startsWith("payload.") ? `contenu : ${field.slice(8)}` : field);
}

export const RECORD_CSV_HEADERS = COLUMNS.map((column) => column.header);

function line(cells: (string | number)[]): string {
  return `${cells.map((cell) => csvField(cell)).join(";")}\r\n`;
}

/** The CSV of every entry up to and including `lastSequence` (the export's own record). */
export function recordCsvStream(scope: RecordScope, lastSequence: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const entries = entriesThrough(scope, lastSequence)[Symbol.asyncIterator]();
  const names = new Map<string, string>();
  let started = false;

  /** The next batch of lines: enough to amortise the reads, small enough to stay light. */
  async function nextLines(): Promise<string | null> {
    if (!started) {
      started = true;
      return CSV_BOM + line(RECORD_CSV_HEADERS);
    }
    const batch: RecordEntry[] = [];
    for (let index = 0; index < 200; index++) {
      const next = await entries.next();
      if (next.done) break;
      batch.push(next.value);
    }
    if (batch.length === 0) return null;
    const missing = [...new Set(batch.flatMap((entry) => entry.organizationIds))].filter((id) => !names.has(id));
    if (missing.length > 0) {
      const found = await db.organization.findMany({
        where: { id: { in: missing } },
        select: { id: true, name: true },
      });
      for (const organization of found) names.set(organization.id, organization.name);
    }
    return batch.map((entry) => line(COLUMNS.map((column) => column.value(entry, names)))).join("");
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const lines = await nextLines();
        if (lines === null) controller.close();
        else controller.enqueue(encoder.encode(lines));
      } catch (error) {
        // The headers are sent already: the download stops short, and the log says why.
        console.error("[record] CSV export failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await entries.return?.();
    },
  });
}
