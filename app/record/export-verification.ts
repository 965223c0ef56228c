// Checking a signed export of a procurement's record with nothing but the file, the published keys
// and, optionally, the published checkpoints (pure, no I/O). The public page /registre/verifier
// runs this first, then compares with the live ledger (export-verification.server.ts).
// scripts/verify-export.mjs is an independent implementation of the same algorithm
// (docs/ledger-verification.md); tests run both on the same files.
import { z } from "zod";
import { exportedRecordHash } from "~/ledger/canonical";
import { CHECKPOINT_FORMAT, checkpointSigningText, type SignedCheckpoint } from "~/ledger/checkpoint";
import { groupedFingerprint, keyFingerprint, verifySignature } from "~/ledger/keys";
import { recordLeafHash, verifyInclusion } from "~/ledger/merkle";
import {
  documentSigningText,
  RECORD_EXPORT_FORMAT,
  recordLinkedToProcurement,
  type RecordExportDocument,
} from "./signed-export";

// ---- reading the file ---------------------------------------------------------------------------------

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const json: z.ZodType<unknown> = z.unknown();

const checkpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  sequence: z.number().int().nonnegative(),
  headHash: hex64,
  merkleRoot: hex64,
  status: z.enum(["intact", "broken"]),
  brokenAt: z.number().int().positive().nullable(),
  signedAt: z.string(),
  keyId: hex64,
  signature: base64,
});

const recordSchema = z.object({
  sequence: z.number().int().positive(),
  kind: z.string(),
  organizationIds: z.array(z.string()),
  plannedProcurementId: z.string().nullable(),
  eventId: z.string().nullable(),
  occurredAt: z.string(),
  previousHash: hex64,
  hash: hex64,
  values: z.object({
    actorUserId: z.string().nullable(),
    actorLabel: z.string(),
    summary: z.string(),
    payload: z.record(json),
  }),
  salts: z.record(z.string()),
  redacted: z.record(z.string()),
});

const documentSchema = z.object({
  format: z.literal(RECORD_EXPORT_FORMAT),
  publisher: z.object({ name: z.string(), url: z.string(), keys: z.string(), state: z.string(), verify: z.string() }),
  procurement: z.object({
    id: z.string(),
    title: z.string(),
    reference: z.string().nullable(),
    buyer: z.object({ name: z.string(), siren: z.string().nullable() }),
    links: z.object({ eventIds: z.array(z.string()), planEditionIds: z.array(z.string()) }),
  }),
  generatedAt: z.string(),
  checkpoint: checkpointSchema,
  records: z.array(recordSchema),
  proofs: z.array(
    z.object({
      sequence: z.number().int().positive(),
      leafIndex: z.number().int().nonnegative(),
      auditPath: z.array(hex64),
    }),
  ),
  signature: z.object({ keyId: hex64, algorithm: z.literal("Ed25519"), publicKey: base64, value: base64 }),
});

export type ParsedExport = { ok: true; document: RecordExportDocument } | { ok: false; message: string };

const OTHER_FORMATS: Record<string, string> = {
  "amont-etat-v1":
    "Ce fichier est l'état du registre (etat.json), pas l'export d'un dossier. Déposez le fichier JSON téléchargé depuis le dossier d'un achat.",
  "amont-cles-v1":
    "Ce fichier est la liste des clés publiques (cles.json), pas l'export d'un dossier. Déposez le fichier JSON téléchargé depuis le dossier d'un achat.",
};

/** Reads an uploaded or pasted export: a French message for anything that is not one. */
export function parseRecordExport(text: string): ParsedExport {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return { ok: false, message: "Le fichier est vide." };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "";
    if (/end of (JSON )?input|Unterminated/i.test(reason) || endsInsideAValue(trimmed))
      return {
        ok: false,
        message:
          "Le fichier s'arrête avant la fin : il a sans doute été coupé pendant le téléchargement ou la copie. Téléchargez l'export à nouveau.",
      };
    return {
      ok: false,
      message:
        "Ce n'est pas un fichier JSON. Déposez le fichier « dossier-….json » téléchargé depuis le dossier d'un achat.",
    };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { ok: false, message: "Ce fichier JSON n'est pas un export de dossier Amont." };
  const format = (value as { format?: unknown }).format;
  if (typeof format === "string" && OTHER_FORMATS[format]) return { ok: false, message: OTHER_FORMATS[format] };
  if (format !== RECORD_EXPORT_FORMAT)
    return {
      ok: false,
      message:
        typeof format === "string" && format.startsWith("amont-dossier-")
          ? `Cet export est au format « ${format} », que cette version ne sait pas vérifier (format attendu : ${RECORD_EXPORT_FORMAT}).`
          : "Ce fichier JSON n'est pas un export de dossier Amont (il n'a pas le format « amont-dossier-v1 »).",
    };
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "document";
    return {
      ok: false,
      message: `Cet export est incomplet ou a été modifié : la partie « ${where} » n'a pas la forme attendue.`,
    };
  }
  return { ok: true, document: parsed.data as RecordExportDocument };
}

/**
 * Whether JSON text stops before its end: an object, an array or a string still open when the text
 * runs out (what a download or a copy cut short leaves), whatever the parser's message says.
 */
export function endsInsideAValue(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
  }
  return inString || depth > 0;
}

// ---- checking it ---------------------------------------------------------------------------------------

export interface KnownKey {
  id: string;
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface RecordCheck {
  sequence: number;
  kind: string;
  /** The content gives the hash it carries. */
  hashMatches: boolean;
  /** The hash is in the checkpoint's tree at its position. */
  proven: boolean;
  linked: "yes" | "no" | "redacted";
  /** Fields already redacted in the export (their values are tombstones). */
  redactedFields: string[];
  problem: string | null;
}

export interface Contradiction {
  checkpoint: SignedCheckpoint;
  message: string;
}

export interface OfflineReport {
  document: RecordExportDocument;
  /** Where the key came from: the published list, or only the export itself. */
  keySource: "published" | "embedded";
  keyId: string;
  signatureValid: boolean;
  checkpointSignatureValid: boolean;
  records: RecordCheck[];
  /** Problems that make the export fail, in French, the most important first. */
  problems: string[];
  warnings: string[];
  contradictions: Contradiction[];
  /** The first record that does not hold, if any. */
  firstFailure: RecordCheck | null;
  ok: boolean;
}

export interface VerificationContext {
  /** The published keys (cles.json or etat.json); without them the key embedded in the export is used. */
  keys?: readonly KnownKey[];
  /** The published checkpoints (etat.json), to find one that contradicts the export's. */
  checkpoints?: readonly SignedCheckpoint[];
  /** The procurement the reader expects, to refuse the export of another one. */
  expectedProcurementId?: string;
}

function keyFor(
  keyId: string,
  document: RecordExportDocument,
  context: VerificationContext,
): { key: KnownKey | null; source: "published" | "embedded"; problem: string | null } {
  if (context.keys) {
    const key = context.keys.find((candidate) => candidate.id === keyId) ?? null;
    return {
      key,
      source: "published",
      problem: key
        ? null
        : `La clé qui a signé cet export (${groupedFingerprint(keyId)}) ne figure pas parmi les clés publiées.`,
    };
  }
  const embedded = document.signature.publicKey;
  const fingerprint = keyFingerprint(Buffer.from(embedded, "base64"));
  if (fingerprint !== keyId)
    return { key: null, source: "embedded", problem: "La clé jointe à l'export ne correspond pas à son empreinte." };
  return { key: { id: keyId, publicKey: embedded, createdAt: "", retiredAt: null }, source: "embedded", problem: null };
}

/** Whether a checkpoint published later contradicts the export's own. */
export function findContradictions(
  own: SignedCheckpoint,
  published: readonly SignedCheckpoint[],
  keys: readonly KnownKey[] | undefined,
): Contradiction[] {
  const contradictions: Contradiction[] = [];
  for (const checkpoint of published) {
    if (checkpoint.signature === own.signature) continue;
    const key = keys?.find((candidate) => candidate.id === checkpoint.keyId);
    // An unsigned or forged statement contradicts nothing.
    if (!key || !verifySignature(key.publicKey, checkpointSigningText(checkpoint), checkpoint.signature)) continue;
    if (checkpoint.status === "broken" && checkpoint.brokenAt !== null && checkpoint.brokenAt <= own.sequence) {
      contradictions.push({
        checkpoint,
        message: `Le point de contrôle signé le ${checkpoint.signedAt} dit le registre rompu à l'inscription n° ${checkpoint.brokenAt}, que cet export couvre : le registre en ligne ne garantit plus ces inscriptions.`,
      });
    } else if (checkpoint.sequence === own.sequence && checkpoint.merkleRoot !== own.merkleRoot) {
      contradictions.push({
        checkpoint,
        message: `Le point de contrôle signé le ${checkpoint.signedAt} donne une autre racine pour les mêmes ${own.sequence} inscriptions : l'historique a été réécrit.`,
      });
    }
  }
  return contradictions;
}

export function verifyRecordExport(document: RecordExportDocument, context: VerificationContext = {}): OfflineReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { checkpoint, signature } = document;

  // 1. Who signed: the document and its checkpoint, with the same key.
  const { key, source, problem: keyProblem } = keyFor(signature.keyId, document, context);
  if (keyProblem) problems.push(keyProblem);
  const signatureValid = key ? verifySignature(key.publicKey, documentSigningText(document), signature.value) : false;
  if (key && !signatureValid)
    problems.push(
      "La signature de l'export ne correspond pas à son contenu : le fichier a été modifié après sa création.",
    );
  if (checkpoint.keyId !== signature.keyId)
    problems.push("Le point de contrôle et l'export ne sont pas signés par la même clé.");
  const checkpointSignatureValid = key
    ? verifySignature(key.publicKey, checkpointSigningText(checkpoint), checkpoint.signature)
    : false;
  if (key && !checkpointSignatureValid)
    problems.push("La signature du point de contrôle ne correspond pas à son contenu.");
  if (key && source === "published") {
    if (key.createdAt && checkpoint.signedAt < key.createdAt)
      problems.push("Le point de contrôle est daté d'avant la mise en service de sa clé.");
    if (key.retiredAt && checkpoint.signedAt >= key.retiredAt)
      problems.push(`Le point de contrôle est daté d'après le retrait de sa clé (${key.retiredAt}).`);
  }
  if (source === "embedded")
    warnings.push(
      `La clé publique a été lue dans l'export lui-même. Vérifiez que son empreinte ${groupedFingerprint(signature.keyId)} figure parmi les clés publiées (${document.publisher.keys}).`,
    );
  if (checkpoint.status === "broken")
    problems.push(
      `Au moment de l'export, le registre était rompu à l'inscription n° ${checkpoint.brokenAt} : seules les inscriptions précédentes sont garanties.`,
    );
  if (context.expectedProcurementId && context.expectedProcurementId !== document.procurement.id)
    problems.push(
      `Cet export est celui d'un autre achat (« ${document.procurement.title} », identifiant ${document.procurement.id}).`,
    );

  // 2. Every record: its content gives its hash, the hash is in the signed tree, it concerns the procurement.
  const root = Buffer.from(checkpoint.merkleRoot, "hex");
  const records: RecordCheck[] = [];
  if (document.proofs.length !== document.records.length)
    problems.push("L'export n'a pas une preuve par inscription : il a été modifié.");
  let previousSequence = 0;
  document.records.forEach((record, index) => {
    const proof = document.proofs[index];
    let problem: string | null = null;
    const computed = exportedRecordHash(record);
    const hashMatches = computed === record.hash;
    const proven =
      proof !== undefined &&
      proof.sequence === record.sequence &&
      proof.leafIndex === record.sequence - 1 &&
      record.sequence <= checkpoint.sequence &&
      verifyInclusion(
        proof.leafIndex,
        checkpoint.sequence,
        recordLeafHash(record.hash),
        proof.auditPath.map((node) => Buffer.from(node, "hex")),
        root,
      );
    const linked = recordLinkedToProcurement(record, document.procurement);
    if (record.sequence <= previousSequence) problem = "les inscriptions ne sont plus dans l'ordre du registre";
    else if (!hashMatches) problem = "son contenu ne donne plus son empreinte : il a été modifié";
    else if (!proven) problem = "son empreinte n'est pas dans l'arbre du point de contrôle signé";
    else if (linked === "no") problem = "elle ne concerne pas cet achat";
    if (linked === "redacted")
      warnings.push(
        `Inscription n° ${record.sequence} : son lien avec l'achat passe par une donnée effacée, il ne peut pas être vérifié hors ligne.`,
      );
    previousSequence = Math.max(previousSequence, record.sequence);
    records.push({
      sequence: record.sequence,
      kind: record.kind,
      hashMatches,
      proven,
      linked,
      redactedFields: Object.keys(record.redacted).sort(),
      problem,
    });
  });
  const firstFailure = records.find((record) => record.problem !== null) ?? null;
  if (firstFailure) problems.push(`Inscription n° ${firstFailure.sequence} : ${firstFailure.problem}.`);

  // 3. What was published since: a later checkpoint may contradict this one.
  const contradictions: Contradiction[] = [];
  if (context.checkpoints) {
    contradictions.push(...findContradictions(checkpoint, context.checkpoints, context.keys));
    const listed = context.checkpoints.some((candidate) => candidate.signature === checkpoint.signature);
    const newer = context.checkpoints.some((candidate) => candidate.signedAt > checkpoint.signedAt);
    if (!listed && newer)
      contradictions.push({
        checkpoint,
        message:
          "Le point de contrôle de cet export ne figure plus parmi les points de contrôle publiés, alors que d'autres ont été signés depuis : l'historique publié a été modifié.",
      });
    else if (!listed)
      warnings.push(
        "L'état publié fourni est plus ancien que cet export : téléchargez-en un plus récent pour le comparer.",
      );
  }

  return {
    document,
    keySource: source,
    keyId: signature.keyId,
    signatureValid,
    checkpointSignatureValid,
    records,
    problems,
    warnings,
    contradictions,
    firstFailure,
    ok: problems.length === 0 && contradictions.length === 0,
  };
}
