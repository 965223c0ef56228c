// What the record page shows of an entry (pure): French dates, the supplier's name, the attachment's
// size and type. The page gets these views, not the raw payloads.
import { formatDateFr, formatInstant } from "~/calendar/format";
import { redactedFieldLabel } from "~/ledger/redaction";
import { ATTACHMENT_TYPES, formatFileSize } from "./attachments";
import type { EntryFact } from "./entries";
import type { RecordEntry } from "./record.server";

export interface RecordEntryView {
  sequence: number;
  kind: string;
  kindLabel: string;
  /** When it happened: a moment, or only a day for exchanges told afterwards (manual entries, launches). */
  when: string;
  /** When a manual entry or a launch was written down. */
  recordedWhen: string | null;
  actorLabel: string;
  summary: string;
  context: string | null;
  suppliers: string[];
  facts: EntryFact[];
  manual: {
    channelLabel: string;
    supplier: string;
    text: string;
    /** fileName null: redacted (it named a person erased on request); erased: the file was deleted. */
    attachment: { fileName: string | null; description: string; sha256: string; erased: boolean } | null;
    guardJustification: string | null;
  } | null;
  corrects: number | null;
  correctedBy: number[];
  afterLaunch: boolean;
  hash: string;
  previousHash: string;
  /** What was erased at the request of the person concerned: "le nom de l'auteur, le résumé". */
  redaction: { fields: string; when: string | null } | null;
  altered: boolean;
}

function supplierText(supplier: { name: string; siret: string | null }): string {
  return supplier.siret ? `${supplier.name} (SIRET ${supplier.siret})` : supplier.name;
}

export function entryView(entry: RecordEntry): RecordEntryView {
  const dated = entry.manual !== null || entry.launch !== null;
  const recordedAt =
    entry.manual?.recordedAt ?? (typeof entry.payload.recordedAt === "string" ? entry.payload.recordedAt : null);
  const { attachment } = entry;
  return {
    sequence: entry.sequence,
    kind: entry.kind,
    kindLabel: entry.kindLabel,
    when: dated ? formatDateFr(entry.day) : formatInstant(entry.occurredAt),
    recordedWhen: dated && recordedAt ? formatInstant(new Date(recordedAt)) : null,
    actorLabel: entry.actorLabel,
    summary: entry.summary,
    context: entry.context,
    suppliers: entry.suppliers.map(supplierText),
    facts: entry.facts,
    manual: entry.manual
      ? {
          channelLabel: entry.manual.channelLabel,
          supplier: supplierText(entry.manual.supplier),
          text: entry.manual.text,
          attachment: attachment
            ? {
                fileName: attachment.fileName,
                description: `${ATTACHMENT_TYPES[attachment.contentType].label}, ${formatFileSize(attachment.size)}`,
                sha256: attachment.sha256,
                erased: attachment.erased,
              }
            : null,
          guardJustification: entry.manual.guardJustification,
        }
      : null,
    corrects: entry.corrects,
    correctedBy: entry.correctedBy,
    afterLaunch: entry.afterLaunch,
    hash: entry.hash,
    previousHash: entry.previousHash,
    altered: entry.altered,
    redaction: entry.redaction
      ? {
          fields: redactedFieldList(entry.redaction.fields),
          when: entry.redaction.at ? formatInstant(entry.redaction.at) : null,
        }
      : null,
  };
}

/** "le nom de l'auteur, le résumé et le détail « contact »", the account's id left out when its name is there. */
function redactedFieldList(fields: readonly string[]): string {
  const shown = fields.includes("actorLabel") ? fields.filter((field) => field !== "actorUserId") : [...fields];
  const labels = shown.map(redactedFieldLabel);
  return labels.length > 1 ? `${labels.slice(0, -1).join(", ")} et ${labels.at(-1)}` : (labels[0] ?? "");
}
