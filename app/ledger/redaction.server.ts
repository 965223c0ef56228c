// Redacting a person from the exchange ledger (decision 0022): every record that concerns them
// (redaction.ts chooses the fields) gets its texts replaced by tombstones, keeping its digests, and
// a `ledger.redacted` record says which records and fields were redacted and why, without any
// personal data. Account closing and the platform admins' erasure page both run it, inside their
// own write transaction (app/auth/erasure.server.ts).
//
// Records are scanned outside the transaction, on committed data, so that a scan of a long ledger
// never holds the writer; inside it, the records found are read again and the few appended since
// the scan are scanned too, so nothing written meanwhile is missed.
import { db, type ReadClient, type WriteTransaction } from "~/db/db.server";
import { updateRowsByKey } from "~/db/bulk-update.server";
import { expectedStoredHash, type StoredRecord } from "./canonical";
import { appendExchange } from "./ledger.server";
import {
  fieldsToRedact,
  personMatcher,
  redactFields,
  REDACTION_REASONS,
  type PersonToRedact,
  type RecordBeforeRedaction,
  type RedactionNote,
  type RedactionReason,
} from "./redaction";

const SCAN_BATCH = 2_000;
const APPLY_BATCH = 500;
/** Rows per UPDATE statement: one statement per row costs about 2 ms through Prisma. */

export interface RecordToRedact {
  sequence: number;
  kind: string;
  plannedProcurementId: string | null;
  fields: string[];
  organizationIds: string[];
}

export interface RedactionScan {
  records: RecordToRedact[];
  /** The last sequence scanned: records after it were appended since. */
  scannedUpTo: number;
}

function organizationIdsOf(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

/** Every record after `after` that concerns the person, with the fields to redact. */
export async function scanForPerson(
  person: PersonToRedact,
  after = 0,
  reader: Pick<ReadClient, "ledgerRecord"> = db,
): Promise<RedactionScan> {
  const matches = personMatcher(person);
  const records: RecordToRedact[] = [];
  let scannedUpTo = after;
  for (;;) {
    const batch = await reader.ledgerRecord.findMany({
      where: { sequence: { gt: scannedUpTo } },
      orderBy: { sequence: "asc" },
      take: SCAN_BATCH,
      select: {
        sequence: true,
        kind: true,
        plannedProcurementId: true,
        actorUserId: true,
        actorLabel: true,
        summary: true,
        payload: true,
        redactedDigests: true,
        organizationIds: true,
      },
    });
    if (batch.length === 0) break;
    for (const record of batch) {
      const fields = fieldsToRedact(record, person, matches);
      if (fields.length > 0)
        records.push({
          sequence: record.sequence,
          kind: record.kind,
          plannedProcurementId: record.plannedProcurementId,
          fields,
          organizationIds: organizationIdsOf(record.organizationIds),
        });
    }
    scannedUpTo = batch[batch.length - 1]!.sequence;
  }
  return { records, scannedUpTo };
}

export interface RedactionPreview {
  records: number;
  fields: number;
  organizations: { id: string; name: string }[];
  /** The procurements whose record holds some of these records, with their buyer. */
  procurements: { id: string; title: string; organizationName: string }[];
}

export async function previewRedaction(scan: RedactionScan): Promise<RedactionPreview> {
  const organizationIds = [...new Set(scan.records.flatMap((record) => record.organizationIds))];
  const procurementIds = [
    ...new Set(scan.records.flatMap((record) => (record.plannedProcurementId ? [record.plannedProcurementId] : []))),
  ];
  const [organizations, procurements] = await Promise.all([
    db.organization.findMany({
      where: { id: { in: organizationIds } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.plannedProcurement.findMany({
      where: { id: { in: procurementIds } },
      select: { id: true, title: true, organization: { select: { name: true } } },
      orderBy: { title: "asc" },
    }),
  ]);
  return {
    records: scan.records.length,
    fields: scan.records.reduce((total, record) => total + record.fields.length, 0),
    organizations,
    procurements: procurements.map(({ id, title, organization }) => ({
      id,
      title,
      organizationName: organization.name,
    })),
  };
}

export interface RedactionResult<Note extends RedactionNote = RedactionNote> {
  redacted: { sequence: number; fields: string[] }[];
  /**
   * Records that concern the person but cannot be redacted: still in format 1 (the upgrade has
   * not run), or the predecessor a record written before the upgrade links to by its former hash
   * (redacting it would make that link unprovable, see checkChain).
   */
  kept: number[];
  /** The sequence of the `ledger.redacted` record, null when nothing was redacted. */
  recordSequence: number | null;
  /** What `annotate` added to that record. */
  note: Note | null;
}

/** "n° 4, 9, 12" — the first twenty only: the payload lists them all. */
function sequenceList(sequences: readonly number[]): string {
  const shown = sequences.slice(0, 20).join(", ");
  return sequences.length > 20 ? `n° ${shown}… ; la liste complète est dans le détail` : `n° ${shown}`;
}

type RedactedRow = { sequence: number } & ReturnType<typeof redactFields>;

/** Writes the redacted texts, salts and digests, a few hundred rows per statement. */
async function updateRows(tx: WriteTransaction, rows: readonly RedactedRow[], now: Date): Promise<void> {
  await updateRowsByKey(
    tx,
    "LedgerRecord",
    "sequence",
    ["actorUserId", "actorLabel", "summary", "payload", "salts", "redactedDigests"],
    rows,
    { redactedAt: now },
  );
}

async function anchorsFormerHashLink(tx: WriteTransaction, record: StoredRecord & { legacyHash: string | null }) {
  if (!record.legacyHash) return false;
  const next = await tx.ledgerRecord.findUnique({
    where: { sequence: record.sequence + 1 },
    select: { previousHash: true },
  });
  return next !== null && next.previousHash === record.legacyHash && next.previousHash !== record.hash;
}

/**
 * In the caller's transaction: redacts the records of the scan (read again) and of those appended
 * since, and appends the `ledger.redacted` record. Nothing of the person is written to it.
 */
export async function redactPerson<Note extends RedactionNote = RedactionNote>(
  tx: WriteTransaction,
  person: PersonToRedact,
  input: {
    scan: RedactionScan;
    reason: RedactionReason;
    actor: { userId: string | null; label: string };
    now: Date;
    /** Given the records redacted, as they were before, what else the `ledger.redacted` record says. */
    annotate?: (records: readonly RecordBeforeRedaction[]) => Note | null;
  },
): Promise<RedactionResult<Note>> {
  const matches = personMatcher(person);
  const since = await scanForPerson(person, input.scan.scannedUpTo, tx);
  const sequences = [...new Set([...input.scan.records, ...since.records].map((record) => record.sequence))].sort(
    (a, b) => a - b,
  );
  const redacted: RedactionResult["redacted"] = [];
  const updates: RedactedRow[] = [];
  const before: RecordBeforeRedaction[] = [];
  const kept: number[] = [];
  const organizationIds = new Set<string>();
  for (let start = 0; start < sequences.length; start += APPLY_BATCH) {
    const records = await tx.ledgerRecord.findMany({
      where: { sequence: { in: sequences.slice(start, start + APPLY_BATCH) } },
      orderBy: { sequence: "asc" },
    });
    for (const record of records) {
      const fields = fieldsToRedact(record, person, matches);
      if (fields.length === 0) continue;
      if (record.format !== 2 || (await anchorsFormerHashLink(tx, record))) {
        kept.push(record.sequence);
        continue;
      }
      const changes = redactFields(record, fields);
      // A record that no longer matches its hash is not touched: the redaction must never hide it.
      const check = expectedStoredHash({ ...record, ...changes });
      if (!("hash" in check) || check.hash !== record.hash) {
        throw new Error(`Ledger record ${record.sequence} does not match its hash: redaction refused`);
      }
      updates.push({ sequence: record.sequence, ...changes });
      redacted.push({ sequence: record.sequence, fields });
      before.push({ sequence: record.sequence, kind: record.kind, payload: record.payload, fields });
      for (const id of organizationIdsOf(record.organizationIds)) organizationIds.add(id);
    }
  }
  await updateRows(tx, updates, input.now);
  if (kept.length > 0) {
    console.warn(`[ledger] redaction: ${kept.length} record(s) could not be redacted (${kept.join(", ")})`);
  }
  if (redacted.length === 0) return { redacted, kept, recordSequence: null, note: null };
  const fieldCount = redacted.reduce((total, record) => total + record.fields.length, 0);
  const note = input.annotate?.(before) ?? null;
  const record = await appendExchange(tx, {
    kind: "ledger.redacted",
    actor: input.actor,
    organizationIds: [...organizationIds],
    summary: `Données personnelles d'une personne effacées ${REDACTION_REASONS[input.reason]} : ${fieldCount} champ(s) dans ${redacted.length} enregistrement(s) (${sequenceList(redacted.map((item) => item.sequence))})${note?.summary ?? ""}.`,
    payload: { ...note?.payload, reason: input.reason, records: redacted },
    occurredAt: input.now,
  });
  return { redacted, kept, recordSequence: record.sequence, note };
}
