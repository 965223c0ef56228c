// What erasures on request did to attachments, read back from their `ledger.redacted` records (see
// attachment-erasure.ts), and the deletion of the files themselves once the erasure is committed.
import { db } from "~/db/db.server";
import { readErasedAttachments, type ErasedAttachment } from "./attachment-erasure";
import { removeStoredFile } from "./attachments.server";

export interface AttachmentErasures {
  /**
   * Whether the file with this hash was deleted at a person's request after this entry attached it
   * (the same content uploaded again later is a new file, for the entries written since).
   */
  isDeleted(sha256: string, sequence: number): boolean;
  /** Entries whose attachment an erasure deleted or redacted the description of, by record number. */
  bySequence: ReadonlyMap<number, ErasedAttachment>;
}

function erasures(deletions: ReadonlyMap<string, number>, bySequence: ReadonlyMap<number, ErasedAttachment>) {
  return {
    isDeleted: (sha256: string, sequence: number) => (deletions.get(sha256) ?? 0) > sequence,
    bySequence,
  };
}

/**
 * For the attachments with these hashes and the entries with these record numbers, what erasures
 * did. Erasures are few: the `ledger.redacted` records that list attachments are found by kind, then
 * by the hash or the record number in their canonical payload (keys sorted: `"sequence":12,"sha256"`
 * belongs to an attachment, never to the list of redacted records), and read properly.
 */
export async function attachmentErasures(query: {
  sha256s: readonly string[];
  sequences: readonly number[];
}): Promise<AttachmentErasures> {
  const terms = [
    ...new Set([...query.sha256s, ...query.sequences.map((sequence) => `"sequence":${sequence},"sha256":"`)]),
  ];
  if (terms.length === 0) return erasures(new Map(), new Map());
  const records = await db.ledgerRecord.findMany({
    where: {
      kind: "ledger.redacted",
      payload: { contains: '"attachments":[' },
      OR: terms.map((term) => ({ payload: { contains: term } })),
    },
    select: { sequence: true, payload: true },
    orderBy: { sequence: "asc" },
  });
  // Each file's latest deletion: the sequence of the record that says so.
  const deletions = new Map<string, number>();
  const bySequence = new Map<number, ErasedAttachment>();
  for (const record of records) {
    for (const attachment of readErasedAttachments(record.payload)) {
      if (attachment.deleted) deletions.set(attachment.sha256, record.sequence);
      // A later erasure that deleted the file says more than an earlier one that only redacted its name.
      const known = bySequence.get(attachment.sequence);
      if (!known || attachment.deleted) bySequence.set(attachment.sequence, attachment);
    }
  }
  return erasures(deletions, bySequence);
}

/**
 * Removes the files an erasure deleted, after its transaction committed (the record that says so
 * exists). A failure is logged and returned: the admin is told, and can remove the file by hand.
 */
export async function deleteErasedFiles(sha256s: readonly string[]): Promise<{ failed: string[] }> {
  const failed: string[] = [];
  for (const sha256 of new Set(sha256s)) {
    try {
      await removeStoredFile(sha256);
    } catch (error) {
      failed.push(sha256);
      console.error(`[record] erasure: the attachment file ${sha256} could not be deleted`, error);
    }
  }
  return { failed };
}
