// Which fields of which ledger records to redact for a person, and what a redaction does to a
// stored record (pure, no I/O; decision 0022).
//
// A record concerns a person when they are its actor, or when its actor label, summary or a payload
// value (at any depth under a top-level key) contains their account id, e-mail address or full name.
// Matching ignores case and accents; a name is matched as whole words, and never when shorter than
// three characters (it would match inside other words and names).
import {
  canonicalJson,
  fieldDigest,
  parsePayloadObject,
  REDACTED_TEXT,
  type JsonObject,
  type JsonValue,
  type StoredRecord,
} from "./canonical";
import { MIN_NAME_LENGTH } from "./person-name";

export interface PersonToRedact {
  id: string;
  email: string;
  name: string;
}

/** Why a person's data is erased (stored in the `ledger.redacted` record). */
export const REDACTION_REASONS = {
  gdpr_request: "à la demande de la personne concernée (RGPD)",
  account_closed: "à la fermeture de son compte",
} as const;
export type RedactionReason = keyof typeof REDACTION_REASONS;

export { MIN_NAME_LENGTH } from "./person-name";

/** A record about to be redacted, as it was stored before (for what an erasure adds to its record). */
export interface RecordBeforeRedaction {
  sequence: number;
  kind: string;
  /** The stored payload (canonical JSON) before the redaction. */
  payload: string;
  fields: readonly string[];
}

/**
 * What else an erasure did, said in its `ledger.redacted` record: payload keys added to it (never
 * personal data) and a sentence added to its summary.
 */
export interface RedactionNote {
  payload: JsonObject;
  summary: string;
}

/** Lower case, without accents, spaces collapsed: "  Hélène   DUPONT" → "helene dupont". */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const ADDRESS_CHARACTER = /[\p{L}\p{N}._%+-]/u;

/** Whether `needle` occurs in `folded` as whole words (a name), or as a whole address. */
function containsWhole(folded: string, needle: string, kind: "words" | "address"): boolean {
  const inside = kind === "words" ? WORD_CHARACTER : ADDRESS_CHARACTER;
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
    const before = at > 0 ? folded[at - 1]! : "";
    const after = folded.slice(at + needle.length, at + needle.length + 2);
    // An address may end a sentence: "écrire à marie@exemple.fr."
    const continues =
      kind === "words" ? WORD_CHARACTER.test(after.charAt(0)) : /^(?:[\p{L}\p{N}_%+-]|\.[\p{L}\p{N}])/u.test(after);
    if (!inside.test(before) && !continues) return true;
  }
  return false;
}

/** Whether a text mentions the person (id, address or name as whole words). */
export interface PersonMatcher {
  (text: string): boolean;
  /** The same without word boundaries: a quick first pass over a whole JSON text (escapes glue words). */
  loosely: (text: string) => boolean;
}

export function personMatcher(person: PersonToRedact): PersonMatcher {
  const id = foldText(person.id);
  const email = foldText(person.email);
  const name = foldText(person.name);
  const matchName = name.length >= MIN_NAME_LENGTH && name !== foldText(REDACTED_TEXT);
  const matcher = (text: string) => {
    const folded = foldText(text);
    return (
      (id.length > 0 && folded.includes(id)) ||
      (email.length > 0 && containsWhole(folded, email, "address")) ||
      (matchName && containsWhole(folded, name, "words"))
    );
  };
  matcher.loosely = (text: string) => {
    const folded = foldText(text);
    return [id, email, matchName ? name : ""].some((value) => value.length > 0 && folded.includes(value));
  };
  return matcher;
}

function valueMentions(value: JsonValue | undefined, matches: PersonMatcher): boolean {
  if (typeof value === "string") return matches(value);
  if (Array.isArray(value)) return value.some((item) => valueMentions(item, matches));
  if (value && typeof value === "object")
    return Object.entries(value).some(([key, item]) => matches(key) || valueMentions(item, matches));
  return false;
}

/** What the field choice needs of a record. */
export type RedactableRecord = Pick<
  StoredRecord,
  "actorUserId" | "actorLabel" | "summary" | "payload" | "redactedDigests"
>;

/**
 * The protected fields of a record to redact for the person: the actor's id and label when they
 * acted; the summary when they acted or it mentions them; each payload key whose value mentions
 * them. Fields redacted already are left out; an empty list means the record does not concern them.
 */
export function fieldsToRedact(record: RedactableRecord, person: PersonToRedact, matches: PersonMatcher): string[] {
  const done = new Set(Object.keys(parsePayloadObject(record.redactedDigests ?? "{}") ?? {}));
  const fields: string[] = [];
  const isActor = record.actorUserId === person.id;
  if (isActor) fields.push("actorUserId");
  if (isActor || matches(record.actorLabel)) fields.push("actorLabel");
  if (isActor || matches(record.summary)) fields.push("summary");
  // Cheap first: most payloads do not mention the person at all.
  if (matches.loosely(record.payload)) {
    const payload = parsePayloadObject(record.payload) ?? {};
    for (const key of Object.keys(payload).sort()) {
      if (valueMentions(payload[key], matches)) fields.push(`payload.${key}`);
    }
  }
  return fields.filter((field) => !done.has(field));
}

/**
 * The record with these fields redacted: their texts replaced by the tombstone (actorUserId by
 * null), their salts erased and their digests kept beside those of an earlier redaction. Its hash
 * is unchanged, and so is what checkChain computes from it.
 */
export function redactFields(
  record: StoredRecord,
  fields: readonly string[],
): Pick<StoredRecord, "actorUserId" | "actorLabel" | "summary" | "payload" | "salts" | "redactedDigests"> {
  if (record.format !== 2) throw new Error(`Ledger record ${record.sequence} is still in format 1`);
  const salts = parsePayloadObject(record.salts ?? "{}") as Record<string, string> | null;
  const digests = parsePayloadObject(record.redactedDigests ?? "{}") as Record<string, string> | null;
  const payload = parsePayloadObject(record.payload);
  if (!salts || !digests || !payload) throw new Error(`Ledger record ${record.sequence} is unreadable`);
  const values = { actorUserId: record.actorUserId, actorLabel: record.actorLabel, summary: record.summary };
  for (const field of fields) {
    const salt = salts[field];
    if (salt === undefined) throw new Error(`Ledger record ${record.sequence} has no salt for ${field}`);
    const key = field.startsWith("payload.") ? field.slice("payload.".length) : null;
    if (key !== null && !(key in payload)) throw new Error(`Ledger record ${record.sequence} has no ${field}`);
    const value: JsonValue = key !== null ? payload[key]! : values[field as keyof typeof values];
    digests[field] = fieldDigest(salt, field, value);
    delete salts[field];
    if (key !== null) payload[key] = REDACTED_TEXT;
    else if (field === "actorUserId") values.actorUserId = null;
    else if (field === "actorLabel" || field === "summary") values[field] = REDACTED_TEXT;
    else throw new Error(`Unknown ledger field ${field}`);
  }
  return {
    ...values,
    payload: canonicalJson(payload),
    salts: canonicalJson(salts),
    redactedDigests: canonicalJson(digests),
  };
}

/** "actorLabel" → "l'auteur", "payload.contact" → "contact": how the record page names a redacted field. */
export function redactedFieldLabel(field: string): string {
  if (field === "actorUserId") return "le compte de l'auteur";
  if (field === "actorLabel") return "le nom de l'auteur";
  if (field === "summary") return "le résumé";
  return `le détail « ${field.replace(/^payload\./, "")} »`;
}
