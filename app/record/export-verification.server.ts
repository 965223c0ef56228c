// The public verification of an export (/registre/verifier): the offline check with the published
// keys and checkpoints (export-verification.ts), then each record compared with the live ledger:
// still there with the same hash, and its stored content still giving that hash. A record redacted
// since the export still matches (its digests are kept): it is reported as such, never as broken.
// Reads only: the file is never stored, the rate limit counts the request.
import { consumeLimits, ipKey } from "~/auth/rate-limit.server";
import { LIMITS } from "~/auth/limits";
import { db } from "~/db/db.server";
import { expectedStoredHash, redactedFieldsOf } from "~/ledger/canonical";
import { allCheckpoints, latestCheckpoint, type PublishedCheckpoint } from "~/ledger/checkpoints.server";
import { publishedKeys } from "~/ledger/signing.server";
import { parseRecordExport, verifyRecordExport, type OfflineReport } from "./export-verification";

export type LiveState =
  /** Same hash, content intact. */
  | "same"
  /** Same hash, content intact, some fields redacted since the export. */
  | "redacted"
  /** The ledger's stored hash is another: the chain was rewritten. */
  | "rewritten"
  /** The ledger's content no longer gives its stored hash: altered behind the triggers. */
  | "altered"
  /** No record at that sequence any more. */
  | "missing";

export interface LiveRecordCheck {
  sequence: number;
  state: LiveState;
  /** Fields redacted in the live ledger but not in the export. */
  redactedSince: string[];
}

export interface OnlineReport {
  offline: OfflineReport;
  /** Null when the export's signature does not hold: an unauthentic file is not compared. */
  live: LiveRecordCheck[] | null;
  firstMismatch: LiveRecordCheck | null;
  latest: PublishedCheckpoint | null;
}

export type VerificationOutcome =
  { ok: true; report: OnlineReport } | { ok: false; message: string; retryAfterSeconds?: number };

const LIVE_BATCH = 500;

/**
 * Counts a verification for the caller's network, before the form is read (a refused caller's
 * file is not even read): a French message and the delay when the limit is reached.
 */
export async function consumeVerificationLimit(
  ip: string,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; message: string; retryAfterSeconds: number }> {
  const limit = await consumeLimits([{ rule: LIMITS.exportVerificationPerIp, key: ipKey(ip) }], now);
  if (limit.ok) return limit;
  return {
    ok: false,
    message: `Trop de vérifications depuis votre connexion. ${limit.retryMessage}`,
    retryAfterSeconds: limit.retryAfterSeconds,
  };
}

/** Checks an export's text offline with the published keys and checkpoints, then against the live ledger. */
export async function verifyExportOnline(
  text: string,
  options: { expectedProcurementId?: string | null } = {},
): Promise<VerificationOutcome> {
  const parsed = parseRecordExport(text);
  if (!parsed.ok) return parsed;
  const [keys, checkpoints, latest] = await Promise.all([publishedKeys(), allCheckpoints(), latestCheckpoint()]);
  const offline = verifyRecordExport(parsed.document, {
    keys,
    checkpoints,
    expectedProcurementId: options.expectedProcurementId ?? undefined,
  });
  const live = offline.signatureValid ? await compareWithLedger(parsed.document.records) : null;
  return {
    ok: true,
    report: {
      offline,
      live,
      firstMismatch: live?.find((check) => check.state !== "same" && check.state !== "redacted") ?? null,
      latest,
    },
  };
}

async function compareWithLedger(
  records: readonly { sequence: number; hash: string; redacted: Record<string, string> }[],
): Promise<LiveRecordCheck[]> {
  const checks: LiveRecordCheck[] = [];
  for (let start = 0; start < records.length; start += LIVE_BATCH) {
    const batch = records.slice(start, start + LIVE_BATCH);
    const rows = await db.ledgerRecord.findMany({
      where: { sequence: { in: batch.map((record) => record.sequence) } },
    });
    const bySequence = new Map(rows.map((row) => [row.sequence, row]));
    for (const record of batch) {
      const row = bySequence.get(record.sequence);
      if (!row) {
        checks.push({ sequence: record.sequence, state: "missing", redactedSince: [] });
        continue;
      }
      if (row.hash !== record.hash) {
        checks.push({ sequence: record.sequence, state: "rewritten", redactedSince: [] });
        continue;
      }
      const expected = expectedStoredHash(row);
      if (!("hash" in expected) || expected.hash !== row.hash) {
        checks.push({ sequence: record.sequence, state: "altered", redactedSince: [] });
        continue;
      }
      const redactedSince = redactedFieldsOf(row)
        .filter((field) => !(field in record.redacted))
        .sort();
      checks.push({ sequence: record.sequence, state: redactedSince.length ? "redacted" : "same", redactedSince });
    }
  }
  return checks;
}
