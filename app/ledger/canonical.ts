// Canonical serialisation and hashing of exchange records (pure, no I/O). The hash covers every
// field a reader of the record relies on, in a fixed order, so any edit of the history changes it.
import { createHash } from "node:crypto";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const GENESIS_HASH = "0".repeat(64);
const FORMAT = "amont-ledger-v1";

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(value: JsonValue): string {
  return JSON.stringify(sortKeys(value));
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

export interface HashedFields {
  sequence: number;
  kind: string;
  actorUserId: string | null;
  actorLabel: string;
  organizationIds: string; // canonical JSON array
  plannedProcurementId: string | null;
  eventId: string | null;
  summary: string;
  payload: string; // canonical JSON
  occurredAt: Date;
  previousHash: string;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function recordHash(fields: HashedFields): string {
  return sha256Hex(
    JSON.stringify([
      FORMAT,
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

export type ChainCheck =
  { ok: true; count: number; lastHash: string } | { ok: false; count: number; brokenAt: number; reason: string };

/** Walks records in sequence order and reports the first one that does not fit the chain. */
export function checkChain(
  records: Iterable<HashedFields & { hash: string }>,
  start?: { sequence: number; hash: string },
) {
  let expectedSequence = (start?.sequence ?? 0) + 1;
  let previousHash = start?.hash ?? GENESIS_HASH;
  let count = 0;
  for (const record of records) {
    if (record.sequence !== expectedSequence) {
      return {
        ok: false,
        count,
        brokenAt: record.sequence,
        reason: `numéro attendu ${expectedSequence}, trouvé ${record.sequence} (enregistrement manquant)`,
      } as const;
    }
    if (record.previousHash !== previousHash) {
      return {
        ok: false,
        count,
        brokenAt: record.sequence,
        reason: "l'empreinte de l'enregistrement précédent ne correspond pas",
      } as const;
    }
    if (recordHash(record) !== record.hash) {
      return {
        ok: false,
        count,
        brokenAt: record.sequence,
        reason: "le contenu a été modifié après son enregistrement",
      } as const;
    }
    previousHash = record.hash;
    expectedSequence++;
    count++;
  }
  return { ok: true, count, lastHash: previousHash } as const;
}
