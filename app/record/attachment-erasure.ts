// Attachments of manual entries in an erasure on request (decision 0027, amended 2026-12-08). A
// file's content cannot be scanned reliably for a person (a scanned PDF, a photo), so the platform
// admin decides, after opening it, which files to delete. What happened to them is said in the
// erasure's own `ledger.redacted` record, under `attachments` (pure, no I/O):
// - a file deleted: its SHA-256 (every entry that attached the same content loses it);
// - an entry whose attachment description was redacted (its file name named the person): the
//   file's hash, type and size, so that it can still be shown and downloaded under a neutral name.
// Nothing of the person is in it: hashes, types, sizes and record numbers.
import type { RecordBeforeRedaction, RedactionNote } from "~/ledger/redaction";
import { ATTACHMENT_TYPES, isSha256Hex, type AttachmentType } from "./attachments";
import { parsePayload, readAttachment } from "./entries";

export interface ErasedAttachment {
  /** The manual entry (ledger record) that attached it. */
  sequence: number;
  sha256: string;
  contentType: AttachmentType;
  size: number;
  /** The file was deleted from the data folder; otherwise only its name was redacted. */
  deleted: boolean;
}

/**
 * The `attachments` note of an erasure: for each manual entry redacted, its attachment when the
 * file is to be deleted or when its description is being redacted. Null when there is none.
 */
export function attachmentNote(
  records: readonly RecordBeforeRedaction[],
  toDelete: ReadonlySet<string>,
): (RedactionNote & { attachments: ErasedAttachment[] }) | null {
  const attachments: ErasedAttachment[] = [];
  for (const record of records) {
    if (record.kind !== "manual.exchange") continue;
    const attachment = readAttachment(parsePayload(record.payload).attachment);
    if (!attachment) continue;
    const deleted = toDelete.has(attachment.sha256);
    if (!deleted && !record.fields.includes("payload.attachment")) continue;
    const { sha256, contentType, size } = attachment;
    attachments.push({ sequence: record.sequence, sha256, contentType, size, deleted });
  }
  if (attachments.length === 0) return null;
  const files = new Set(attachments.filter((item) => item.deleted).map((item) => item.sha256)).size;
  return {
    attachments,
    payload: { attachments: attachments.map((item) => ({ ...item })) },
    summary: files > 0 ? ` ; ${files} pièce(s) jointe(s) supprimée(s)` : "",
  };
}

/** The `attachments` listed by a `ledger.redacted` record's payload (none when it has none). */
export function readErasedAttachments(payload: string): ErasedAttachment[] {
  const list = parsePayload(payload).attachments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return [];
    const { sequence, sha256, contentType, size, deleted } = item;
    if (typeof sequence !== "number" || !Number.isSafeInteger(sequence) || !isSha256Hex(sha256)) return [];
    if (typeof contentType !== "string" || !(contentType in ATTACHMENT_TYPES)) return [];
    if (typeof size !== "number" || typeof deleted !== "boolean") return [];
    return [{ sequence, sha256, contentType: contentType as AttachmentType, size, deleted }];
  });
}
