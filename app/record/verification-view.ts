// What the public verification page shows of a report (pure): a verdict, the export's identity,
// and the records worth naming (redacted, or not matching), bounded so that an export of thousands
// of records gives a page of a reasonable size.
import { groupedFingerprint } from "~/ledger/keys";
import type { LiveState, OnlineReport } from "./export-verification.server";

/** At most this many records are named in each list (the counts say how many there are). */
export const LISTED_RECORDS = 50;

export type Verdict = "verified" | "verified-redacted" | "failed";

export interface VerificationView {
  verdict: Verdict;
  procurement: { id: string; title: string; reference: string | null; buyerName: string; buyerSiren: string | null };
  generatedAt: string;
  checkpoint: { signedAt: string; sequence: number; status: "intact" | "broken"; brokenAt: number | null };
  keyFingerprint: string;
  signatureValid: boolean;
  checkpointSignatureValid: boolean;
  recordCount: number;
  /** Why the file itself fails, in French (signature, a record, the checkpoint). */
  problems: string[];
  warnings: string[];
  /** Checkpoints published since that contradict the export's. */
  contradictions: string[];
  /** Null when the signature does not hold (the file was not compared with the ledger). */
  live: {
    matching: number;
    redacted: { sequence: number; fields: string[]; since: boolean }[];
    redactedCount: number;
    mismatches: { sequence: number; state: LiveState }[];
    mismatchCount: number;
    firstMismatch: { sequence: number; state: LiveState } | null;
  } | null;
  latest: { signedAt: string; status: "intact" | "broken"; brokenAt: number | null; sequence: number } | null;
}

export const LIVE_STATE_LABELS: Record<LiveState, string> = {
  same: "identique au registre",
  redacted: "identique, des données ont été effacées depuis",
  rewritten: "l'empreinte du registre en ligne a changé : la chaîne a été réécrite",
  altered: "le registre en ligne a été modifié : son contenu ne donne plus son empreinte",
  missing: "absente du registre en ligne",
};

export function verificationView(report: OnlineReport): VerificationView {
  const { offline, live } = report;
  const { document } = offline;
  const redactedInExport = new Map(
    offline.records
      .filter((record) => record.redactedFields.length)
      .map((record) => [record.sequence, record.redactedFields]),
  );
  const redacted: { sequence: number; fields: string[]; since: boolean }[] = [];
  for (const [sequence, fields] of redactedInExport) redacted.push({ sequence, fields, since: false });
  for (const check of live ?? [])
    if (check.redactedSince.length) {
      const known = redacted.find((entry) => entry.sequence === check.sequence);
      if (known) {
        known.fields = [...new Set([...known.fields, ...check.redactedSince])].sort();
        known.since = true;
      } else redacted.push({ sequence: check.sequence, fields: check.redactedSince, since: true });
    }
  redacted.sort((a, b) => a.sequence - b.sequence);
  const mismatches = (live ?? [])
    .filter((check) => check.state !== "same" && check.state !== "redacted")
    .map((check) => ({ sequence: check.sequence, state: check.state }));
  const failed = !offline.ok || mismatches.length > 0 || live === null;
  return {
    verdict: failed ? "failed" : redacted.length ? "verified-redacted" : "verified",
    procurement: {
      id: document.procurement.id,
      title: document.procurement.title,
      reference: document.procurement.reference,
      buyerName: document.procurement.buyer.name,
      buyerSiren: document.procurement.buyer.siren,
    },
    generatedAt: document.generatedAt,
    checkpoint: {
      signedAt: document.checkpoint.signedAt,
      sequence: document.checkpoint.sequence,
      status: document.checkpoint.status,
      brokenAt: document.checkpoint.brokenAt,
    },
    keyFingerprint: groupedFingerprint(offline.keyId),
    signatureValid: offline.signatureValid,
    checkpointSignatureValid: offline.checkpointSignatureValid,
    recordCount: document.records.length,
    problems: offline.problems,
    warnings: offline.warnings.slice(0, LISTED_RECORDS),
    contradictions: offline.contradictions.map((contradiction) => contradiction.message),
    live: live
      ? {
          matching: live.filter((check) => check.state === "same" || check.state === "redacted").length,
          redacted: redacted.slice(0, LISTED_RECORDS),
          redactedCount: redacted.length,
          mismatches: mismatches.slice(0, LISTED_RECORDS),
          mismatchCount: mismatches.length,
          firstMismatch: mismatches[0] ?? null,
        }
      : null,
    latest: report.latest
      ? {
          signedAt: report.latest.signedAt,
          status: report.latest.status,
          brokenAt: report.latest.brokenAt,
          sequence: report.latest.sequence,
        }
      : null,
  };
}
