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

/**
 * JSON with object keys sorted by UTF-16 code units at every depth and no whitespace: one text per
 * value, as docs/ledger-verification.md specifies. Written directly rather than by sorting into a new
 * object and calling JSON.stringify: a JavaScript object lists integer-like keys ("9", "10") first in
 * numeric order whatever the insertion order, and assigning "__proto__" sets the prototype instead of
 * a key, so that route would depart from the specification for such keys.
 */
export function canonicalJson(value: JsonValue): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${members.join(",")}}`;
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

/**
 * The text frameHash() hashes, written item by item as JSON.stringify writes an array (an absent
 * item as null), with the digests' canonical JSON given already quoted: JSON.stringify escaping
 * that long text again cost about 0.2 s per 100,000 records.
 */
function frameText(frame: RecordFrame, quotedDigests: string): string {
  return (
    `[${item(LEDGER_FORMAT)},${item(frame.sequence)},${item(frame.kind)},${item(frame.organizationIds)},` +
    `${item(frame.plannedProcurementId)},${item(frame.eventId)},${item(frame.occurredAt.toISOString())},` +
    `${item(frame.previousHash)},${quotedDigests}]`
  );
}

function item(value: string | number | null | undefined): string {
  return JSON.stringify(value ?? null);
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
  const hash = hashFromCanonicalTexts(record);
  return hash === null ? referenceStoredHash(record) : { hash };
}

/**
 * expectedStoredHash() of a format 2 record step by step, as docs/ledger-verification.md states it:
 * the reference that the fast path (hashFromCanonicalTexts) must always agree with, and what
 * explains a record that does not verify.
 */
export function referenceStoredHash(record: StoredRecord): { hash: string } | { problem: string } {
  const payload = parsePayloadObject(record.payload);
  const salts = parseStringMap(record.salts);
  const redacted = parseStringMap(record.redactedDigests);
  if (!payload || !salts || !redacted) return { problem: "le contenu n'est plus lisible" };
  const result = digestsOf(protectedFields({ ...record, payload }), salts, redacted);
  if ("problem" in result) return result;
  return { hash: frameHash(record, result.digests) };
}

// ---- the fast path: a record whose texts are already canonical -------------------------------------
//
// Verifying the whole chain (100,000 records in 2 s, bench/ledger.ts) cannot afford to parse each
// payload and serialise each of its values again: the stored payload is canonical JSON
// (appendExchange writes it with canonicalJson), so the canonical text of each top-level value is
// already in it, between its key and the next comma. canonicalMembers() takes those texts only
// when it can prove that the whole text is exactly what canonicalJson() writes for the value that
// JSON.parse() reads from it; anything else (whitespace, a key out of order, an escape written
// differently, -0, 1e21 written "1e21"...) sends the record to the reference path, which then
// gives the same hash or says what is wrong. tests/ledger/fast-path.property.test.ts checks that
// the two agree on random records.

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d;
/** Deeper values go to the reference path (and the recursion here stays shallow). */
const MAX_FAST_DEPTH = 32;

/**
 * The members of a JSON object's text, each value as its text, when the text is exactly
 * canonicalJson(JSON.parse(text)); null when that cannot be proved here. Keys come in the order
 * that protectedFields() sorts them in, and each value text is canonicalJson() of its value.
 */
export function canonicalMembers(text: string): Array<[key: string, valueText: string]> | null {
  if (text.charCodeAt(0) !== OPEN_OBJECT) return null;
  const members: Array<[string, string]> = [];
  return canonicalObjectEnd(text, 0, 1, members) === text.length ? members : null;
}

/** Where the canonical value starting at `start` ends, or -1 when it is not provably canonical. */
function canonicalValueEnd(text: string, start: number, depth: number): number {
  const code = text.charCodeAt(start);
  if (code === QUOTE) return canonicalStringEnd(text, start);
  if (code === OPEN_OBJECT) return depth < MAX_FAST_DEPTH ? canonicalObjectEnd(text, start, depth + 1, null) : -1;
  if (code === OPEN_ARRAY) return depth < MAX_FAST_DEPTH ? canonicalArrayEnd(text, start, depth + 1) : -1;
  if (text.startsWith("null", start)) return start + 4;
  if (text.startsWith("true", start)) return start + 4;
  if (text.startsWith("false", start)) return start + 5;
  return canonicalNumberEnd(text, start);
}

/**
 * A string is canonical when JSON.stringify writes it back as it is. Without a backslash, a
 * control character or a surrogate, that is plain: JSON.stringify escapes nothing else. With one,
 * it is checked by doing just that.
 */
function canonicalStringEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== QUOTE) return -1;
  let check = false;
  for (let index = start + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      if (check && !stringifiesBack(text.slice(start, index + 1))) return -1;
      return index + 1;
    }
    if (code < 0x20) return -1; // JSON.parse refuses it
    if (code === BACKSLASH) {
      check = true;
      index++; // the escaped character, which may be a quote
    } else if (code >= 0xd800 && code <= 0xdfff) {
      check = true; // a lone surrogate is written escaped
    }
  }
  return -1;
}

function stringifiesBack(token: string): boolean {
  try {
    const value: unknown = JSON.parse(token);
    return typeof value === "string" && JSON.stringify(value) === token;
  } catch {
    return false;
  }
}

/** Number.prototype.toString's text, which JSON.stringify writes: "1e+21", not "1e21"; "0", not "-0". */
function canonicalNumberEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isNumberCharacter(text.charCodeAt(end))) end++;
  if (end === start) return -1;
  const token = text.slice(start, end);
  return String(Number(token)) === token ? end : -1;
}

function isNumberCharacter(code: number): boolean {
  // 0-9 - + . e E
  return (
    (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2b || code === 0x2e || code === 0x65 || code === 0x45
  );
}

function canonicalArrayEnd(text: string, start: number, depth: number): number {
  let index = start + 1;
  if (text.charCodeAt(index) === CLOSE_ARRAY) return index + 1;
  for (;;) {
    const end = canonicalValueEnd(text, index, depth);
    if (end < 0) return -1;
    const next = text.charCodeAt(end);
    if (next === CLOSE_ARRAY) return end + 1;
    if (next !== COMMA) return -1;
    index = end + 1;
  }
}

/**
 * An object is canonical when its keys are in strictly increasing UTF-16 order (sorted, no
 * duplicate, which JSON.parse would merge) and each key is one that canonicalJson keeps in that
 * order: not an integer and not "__proto__". Those two are legal and canonicalJson() writes them in
 * order too; the fast path leaves them to the reference path, which parses them with care.
 */
function canonicalObjectEnd(
  text: string,
  start: number,
  depth: number,
  members: Array<[string, string]> | null,
): number {
  let index = start + 1;
  if (text.charCodeAt(index) === CLOSE_OBJECT) return index + 1;
  let previousKey: string | null = null;
  for (;;) {
    const keyEnd = canonicalStringEnd(text, index);
    if (keyEnd < 0 || text.charCodeAt(keyEnd) !== COLON) return -1;
    const keyToken = text.slice(index, keyEnd);
    const key = keyToken.includes("\\") ? (JSON.parse(keyToken) as string) : keyToken.slice(1, -1);
    if (key === "__proto__" || isDigit(key.charCodeAt(0))) return -1;
    if (previousKey !== null && !(previousKey < key)) return -1;
    const valueEnd = canonicalValueEnd(text, keyEnd + 1, depth);
    if (valueEnd < 0) return -1;
    members?.push([key, text.slice(keyEnd + 1, valueEnd)]);
    previousKey = key;
    const next = text.charCodeAt(valueEnd);
    if (next === CLOSE_OBJECT) return valueEnd + 1;
    if (next !== COMMA) return -1;
    index = valueEnd + 1;
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * The hash of a format 2 record computed from its stored texts without parsing its payload again,
 * or null when the reference path must decide (payload not provably canonical, or any problem: a
 * missing salt, a field gone, a redacted field without its tombstone). When it returns a hash, it
 * is the one referenceStoredHash() returns:
 * - the fields are those of protectedFields(): the three named ones and the payload's keys;
 * - each digest hashes canonicalJson(value), which is JSON.stringify for the named fields (a string
 *   or null) and the value's text for the payload's;
 * - the digests' canonical JSON lists its fields sorted: actorLabel < actorUserId < payload.* <
 *   summary, the payload's fields in their keys' order, which canonicalMembers() gives sorted
 *   (none of these names is an integer or "__proto__", so canonicalJson keeps that order);
 * - the frame's text is JSON.stringify's of the same array (see frameText).
 */
export function hashFromCanonicalTexts(record: StoredRecord): string | null {
  const members = canonicalMembers(record.payload);
  const salts = parseStringMap(record.salts);
  const redacted = parseStringMap(record.redactedDigests);
  if (!members || !salts || !redacted) return null;
  const digests = new QuotedDigests(salts, redacted);
  const { actorUserId, actorLabel, summary } = record;
  if (!digests.add("actorLabel", JSON.stringify(actorLabel), actorLabel === REDACTED_TEXT)) return null;
  if (!digests.add("actorUserId", JSON.stringify(actorUserId), actorUserId === null)) return null;
  for (const [key, valueText] of members) {
    // A value's canonical text is the tombstone's exactly when the value is the tombstone.
    if (!digests.add(`payload.${key}`, valueText, valueText === REDACTED_TEXT_JSON)) return null;
  }
  if (!digests.add("summary", JSON.stringify(summary), summary === REDACTED_TEXT)) return null;
  const quoted = digests.close();
  return quoted === null ? null : sha256Hex(frameText(record, quoted));
}

const REDACTED_TEXT_JSON = JSON.stringify(REDACTED_TEXT);

/**
 * The digests' canonical JSON, written field by field in sorted order as the frame quotes it:
 * JSON.stringify(canonicalJson(digests)). JSON.stringify escapes a string character by character,
 * so quoting the pieces one by one gives the same text (no piece starts or ends with half a
 * surrogate pair: each is `{`, `,`, `:`, `}` or a quoted JSON string).
 */
class QuotedDigests {
  #text = '"{';
  #fieldsWithSalt = 0;
  #fieldsRedacted = 0;

  constructor(
    private readonly salts: Record<string, string>,
    private readonly redacted: Record<string, string>,
  ) {}

  /** Adds the next field; false when the reference path must decide (no salt, no tombstone). */
  add(field: string, valueText: string, isTombstone: boolean): boolean {
    let digest: string;
    const kept = this.redacted[field];
    const salt = this.salts[field];
    if (salt !== undefined) this.#fieldsWithSalt++;
    if (kept !== undefined) {
      if (!isTombstone) return false;
      this.#fieldsRedacted++;
      digest = quotedTwice(kept);
    } else {
      if (salt === undefined) return false;
      // A hex digest has nothing to escape: only its quotes are.
      digest = `\\"${sha256Hex(`${salt}\u0000${field}\u0000${valueText}`)}\\"`;
    }
    this.#text += `${this.#text.length > 2 ? "," : ""}${quotedTwice(field)}:${digest}`;
    return true;
  }

  /** The quoted text; null when a salt or a kept digest belongs to no field of the record (one was removed). */
  close(): string | null {
    if (this.#fieldsWithSalt !== Object.keys(this.salts).length) return null;
    if (this.#fieldsRedacted !== Object.keys(this.redacted).length) return null;
    return `${this.#text}}"`;
  }
}

/** A string as it reads in JSON inside a JSON string: JSON.stringify twice, without the outer quotes. */
function quotedTwice(text: string): string {
  // Most texts (field names, digests) hold none of the characters JSON.stringify escapes: only
  // the quotes around them are escaped.
  if (!ESCAPED_BY_STRINGIFY.test(text)) return `\\"${text}\\"`;
  return JSON.stringify(JSON.stringify(text)).slice(1, -1);
}

/** What JSON.stringify writes escaped in a string: a quote, a backslash, a control character, a surrogate (if alone). */
// eslint-disable-next-line no-control-regex -- control characters are among what it escapes
const ESCAPED_BY_STRINGIFY = /["\\\u0000-\u001f\ud800-\udfff]/;

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
