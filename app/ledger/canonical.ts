// Canonical serialisation and hashing of exchange records (pure, no I/O).
//
// Format v2 (decision 0022): a record's hash covers its frame (sequence, kind, organisations,
// procurement, event, time, previous hash) as it is, and its protected fields (the actor, the
// summary and each top-level payload key, which may hold personal data or free text) only through
// salted SHA-256 digests. Redacting a field replaces its text by a tombstone and erases its salt
// but keeps its digest, so the chain still verifies and a short text cannot be guessed back.
// docs/ledger-verification.md specifies the algorithm for anyone who wants to rewrite it.
import { hash, randomBytes } from "node:crypto";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const GENESIS_HASH = "0".repeat(64);
export const LEDGER_FORMAT = "amont-ledger-v2";
/** What a redacted text field reads afterwards (actorUserId becomes null). */
export const REDACTED_TEXT = "[effacé]";

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(value: JsonValue): string {
  // Most protected values are plain strings: nothing to sort.
  return JSON.stringify(typeof value === "object" && value !== null ? sortKeys(value) : value);
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const sorted: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value).sort()) {
      const item = value[key];
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}

export function sha256Hex(text: string): string {
  // The one-shot crypto.hash() is two to three times faster than createHash() on short texts, and
  // verifying the chain hashes several short texts per record (bench/ledger.ts).
  return hash("sha256", text, "hex");
}

/** The parts of a record hashed as they are. */
export interface RecordFrame {
  sequence: number;
  kind: string;
  organizationIds: string; // canonical JSON array of sorted ids
  plannedProcurementId: string | null;
  eventId: string | null;
  occurredAt: Date;
  previousHash: string;
}

/** The parts of a record hashed through salted digests, so that they can be redacted. */
export interface ProtectedValues {
  actorUserId: string | null;
  actorLabel: string;
  summary: string;
  payload: string; // canonical JSON object
}

/** A record as the database stores it. */
export interface StoredRecord extends RecordFrame, ProtectedValues {
  hash: string;
  /** 1 for records written before decision 0022 and not yet upgraded, 2 after. */
  format: number;
  salts: string | null; // canonical JSON {field: salt} of the fields not redacted
  redactedDigests: string | null; // canonical JSON {field: digest} of the redacted fields
  /** The format 1 hash of an upgraded record (absent in sources that predate the upgrade). */
  legacyHash?: string | null;
}

export type FieldDigests = Record<string, string>;

/** The protected fields of a record with their values, in a fixed order. */
export function protectedFields(values: {
  actorUserId: string | null;
  actorLabel: string;
  summary: string;
  payload: JsonObject;
}): Array<[field: string, value: JsonValue]> {
  const fields: Array<[string, JsonValue]> = [
    ["actorUserId", values.actorUserId],
    ["actorLabel", values.actorLabel],
    ["summary", values.summary],
  ];
  for (const key of Object.keys(values.payload).sort()) fields.push([`payload.${key}`, values.payload[key] ?? null]);
  return fields;
}

export function fieldDigest(salt: string, field: string, value: JsonValue): string {
  return sha256Hex(`${salt}\u0000${field}\u0000${canonicalJson(value)}`);
}

export function newSalt(): string {
  return randomBytes(16).toString("hex");
}

export function frameHash(frame: RecordFrame, digests: FieldDigests): string {
  return sha256Hex(
    JSON.stringify([
      LEDGER_FORMAT,
      frame.sequence,
      frame.kind,
      frame.organizationIds,
      frame.plannedProcurementId,
      frame.eventId,
      frame.occurredAt.toISOString(),
      frame.previousHash,
      canonicalJson(digests),
    ]),
  );
}

export function parsePayloadObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

/** Salts and hash of a new record (format 2); `salt` is injectable for bulk writers and tests. */
export function sealRecord(
  fields: RecordFrame & ProtectedValues,
  salt: () => string = newSalt,
): { format: 2; salts: string; hash: string } {
  const payload = parsePayloadObject(fields.payload);
  if (!payload) throw new Error("A ledger payload must be a JSON object");
  const salts: Record<string, string> = {};
  const digests: FieldDigests = {};
  for (const [field, value] of protectedFields({ ...fields, payload })) {
    salts[field] = salt();
    digests[field] = fieldDigest(salts[field], field, value);
  }
  return { format: 2, salts: canonicalJson(salts), hash: frameHash(fields, digests) };
}

/** Digests of the protected fields from their values and salts, or the stored digest of a redacted field. */
function digestsOf(
  fields: Array<[string, JsonValue]>,
  salts: Record<string, string>,
  redacted: Record<string, string>,
): { digests: FieldDigests } | { problem: string } {
  const digests: FieldDigests = {};
  for (const [field, value] of fields) {
    const kept = redacted[field];
    if (kept !== undefined) {
      // The digest vouches for the text that was erased, not for what stands in its place: only
      // the tombstone may.
      if (value !== (field === "actorUserId" ? null : REDACTED_TEXT))
        return { problem: `le champ « ${field} » est effacé mais ne porte pas la mention ${REDACTED_TEXT}` };
      digests[field] = kept;
      continue;
    }
    const salt = salts[field];
    if (salt === undefined) return { problem: `le champ « ${field} » n'a ni sel ni empreinte` };
    digests[field] = fieldDigest(salt, field, value);
  }
  const known = new Set(fields.map(([field]) => field));
  for (const field of [...Object.keys(salts), ...Object.keys(redacted)]) {
    if (!known.has(field)) return { problem: `le champ « ${field} » a disparu` };
  }
  return { digests };
}

function parseStringMap(text: string | null | undefined): Record<string, string> | null {
  if (text === null || text === undefined) return {};
  const value = parsePayloadObject(text);
  if (!value || Object.values(value).some((item) => typeof item !== "string")) return null;
  return value as Record<string, string>;
}

/** The hash a stored record should have given its content, or why it cannot be computed. */
export function expectedStoredHash(record: StoredRecord): { hash: string } | { problem: string } {
  if (record.format === 1) return { hash: legacyRecordHash(record) };
  const payload = parsePayloadObject(record.payload);
  const salts = parseStringMap(record.salts);
  const redacted = parseStringMap(record.redactedDigests);
  if (!payload || !salts || !redacted) return { problem: "le contenu n'est plus lisible" };
  const result = digestsOf(protectedFields({ ...record, payload }), salts, redacted);
  if ("problem" in result) return result;
  return { hash: frameHash(record, result.digests) };
}

export function redactedFieldsOf(record: Pick<StoredRecord, "redactedDigests">): string[] {
  return Object.keys(parseStringMap(record.redactedDigests) ?? {});
}

/**
 * Where a check starts: after the record `sequence` whose hash is `hash`. To accept a next record
 * that links to that record's former hash (see linksThroughFormerHash), `last` is that record and
 * `formerHashBefore` the former hash of the one before it; checkChain returns both in `tail`.
 */
export interface ChainStart {
  sequence: number;
  hash: string;
  last?: StoredRecord;
  formerHashBefore?: string;
}

export type ChainCheck =
  | { ok: true; count: number; lastHash: string; redacted: number; tail?: ChainStart }
  | { ok: false; count: number; brokenAt: number; reason: string; redacted: number };

/** The hash a record had when it was written: its format 1 hash if it was upgraded, else its hash. */
function formerHashOf(record: StoredRecord): string {
  return record.format === 2 && record.legacyHash ? record.legacyHash : record.hash;
}

/**
 * The one-time upgrade (decision 0022) gives every format 1 record a new hash, in sequence order,
 * batch by batch. Until it finishes, the first record not yet upgraded still holds the format 1
 * hash of its predecessor; so does a record appended in format 2 after format 1 records before
 * they were upgraded. Such a link is accepted only when that former hash is proven: recomputed
 * from the predecessor's current content (its texts are unchanged by the upgrade) and the former
 * hash of the record before it. Forging it would need a SHA-256 preimage. A redacted predecessor
 * cannot prove it, which is why a redaction never touches a record a successor links to this way.
 */
function linksThroughFormerHash(record: StoredRecord, previous: StoredRecord | undefined, formerHashBefore: string) {
  if (!previous || previous.format !== 2 || !previous.legacyHash || previous.redactedDigests) return false;
  if (record.previousHash !== previous.legacyHash) return false;
  return legacyRecordHash({ ...previous, previousHash: formerHashBefore }) === previous.legacyHash;
}

/**
 * Walks records in sequence order and reports the first one that does not fit the chain. A
 * redacted record fits (its digests are kept): it is counted, never reported as broken.
 */
export function checkChain(records: Iterable<StoredRecord>, start?: ChainStart): ChainCheck {
  let expectedSequence = (start?.sequence ?? 0) + 1;
  let previousHash = start?.hash ?? GENESIS_HASH;
  let previous = start?.last;
  let formerHashBefore = start?.formerHashBefore ?? GENESIS_HASH;
  let count = 0;
  let redacted = 0;
  const broken = (sequence: number, reason: string) =>
    ({ ok: false, count, brokenAt: sequence, reason, redacted }) as const;
  for (const record of records) {
    if (record.sequence !== expectedSequence) {
      return broken(
        record.sequence,
        `numéro attendu ${expectedSequence}, trouvé ${record.sequence} (enregistrement manquant)`,
      );
    }
    if (record.previousHash !== previousHash && !linksThroughFormerHash(record, previous, formerHashBefore)) {
      return broken(record.sequence, "l'empreinte de l'enregistrement précédent ne correspond pas");
    }
    const expected = expectedStoredHash(record);
    if ("problem" in expected) return broken(record.sequence, `le contenu a été modifié : ${expected.problem}`);
    if (expected.hash !== record.hash) {
      return broken(record.sequence, "le contenu a été modifié après son enregistrement");
    }
    if (record.redactedDigests) redacted++;
    formerHashBefore = previous ? formerHashOf(previous) : GENESIS_HASH;
    previous = record;
    previousHash = record.hash;
    expectedSequence++;
    count++;
  }
  const tail = previous ? { sequence: previous.sequence, hash: previousHash, last: previous, formerHashBefore } : start;
  return { ok: true, count, lastHash: previousHash, redacted, ...(tail ? { tail } : {}) };
}

// ---- the exported form: what a signed export carries and an offline verifier checks ----------------

export interface ExportedRecord {
  sequence: number;
  kind: string;
  organizationIds: string[];
  plannedProcurementId: string | null;
  eventId: string | null;
  occurredAt: string; // ISO 8601, milliseconds, UTC
  previousHash: string;
  hash: string;
  values: { actorUserId: string | null; actorLabel: string; summary: string; payload: JsonObject };
  /** Salts of the fields not redacted. */
  salts: Record<string, string>;
  /** Digests of the redacted fields, whose values are tombstones. */
  redacted: Record<string, string>;
}

export function exportRecord(record: StoredRecord): ExportedRecord {
  if (record.format !== 2) throw new Error(`Ledger record ${record.sequence} is still in format 1`);
  const payload = parsePayloadObject(record.payload);
  const organizationIds: unknown = JSON.parse(record.organizationIds);
  const salts = parseStringMap(record.salts);
  const redacted = parseStringMap(record.redactedDigests);
  if (!payload || !Array.isArray(organizationIds) || !salts || !redacted) {
    throw new Error(`Ledger record ${record.sequence} is unreadable`);
  }
  return {
    sequence: record.sequence,
    kind: record.kind,
    organizationIds: organizationIds as string[],
    plannedProcurementId: record.plannedProcurementId,
    eventId: record.eventId,
    occurredAt: record.occurredAt.toISOString(),
    previousHash: record.previousHash,
    hash: record.hash,
    values: { actorUserId: record.actorUserId, actorLabel: record.actorLabel, summary: record.summary, payload },
    salts,
    redacted,
  };
}

/** The hash an exported record should have, recomputed from its content alone (null when malformed). */
export function exportedRecordHash(record: ExportedRecord): string | null {
  const occurredAt = new Date(record.occurredAt);
  if (Number.isNaN(occurredAt.getTime()) || occurredAt.toISOString() !== record.occurredAt) return null;
  const result = digestsOf(protectedFields(record.values), record.salts, record.redacted);
  if ("problem" in result) return null;
  return frameHash(
    {
      sequence: record.sequence,
      kind: record.kind,
      organizationIds: canonicalJson([...record.organizationIds].sort()),
      plannedProcurementId: record.plannedProcurementId,
      eventId: record.eventId,
      occurredAt,
      previousHash: record.previousHash,
    },
    result.digests,
  );
}

// ---- format 1, kept to check records written before decision 0022 and to upgrade them --------------

export function legacyRecordHash(fields: RecordFrame & ProtectedValues): string {
  return sha256Hex(
    JSON.stringify([
      "amont-ledger-v1",
      fields.sequence,
      fields.kind,
      fields.actorUserId,
      fields.actorLabel,
      fields.organizationIds,
      fields.plannedProcurementId,
      fields.eventId,
      fields.summary,
      fields.payload,
      fields.occurredAt.toISOString(),
      fields.previousHash,
    ]),
  );
}
