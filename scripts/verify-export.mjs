#!/usr/bin/env node
// Offline verifier of an Amont procurement record export ("amont-dossier-v1"), written with
// Node.js built-ins only: copy this one file anywhere with Node 20 or later and run
//
//   node verify-export.mjs dossier.json [--cles cles.json] [--etat etat.json [--coherence coherence.json]]
//                                       [--achat <id>]
//
// It checks, without trusting Amont's servers:
//   1. the export's Ed25519 signature and its checkpoint's, with the published keys (--cles, or the
//      keys of --etat), else with the key embedded in the export (then compare its fingerprint with
//      the published one yourself);
//   2. every record: its hash recomputed from its values, salts and redacted digests (ledger format
//      2), and its RFC 9162 inclusion proof in the checkpoint's Merkle tree;
//   3. that every record concerns the procurement named (it names it, or an event or plan edition
//      the export links to it), and, with --achat, that it is the procurement expected;
//   4. with --etat (the published /registre/etat.json), whether a checkpoint published since
//      contradicts the export's: one that says the ledger broken at or before its last record, one
//      with another Merkle root for the same number of records, or the export's own checkpoint gone
//      from the published list;
//   5. with --coherence (/registre/coherence.json?de=<the export's records>&a=<a later checkpoint's>)
//      and --etat, the RFC 9162 consistency proof that the tree of a later checkpoint, validly signed
//      and published in etat.json, extends the export's: its records are still in the ledger as
//      published since.
// Exit code: 0 the export holds, 1 it does not (or it is contradicted), 2 it cannot be checked
// (unreadable file, not an export, wrong usage).
// The algorithm is specified in docs/ledger-verification.md of Amont's repository.
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const EXPORT_FORMAT = "amont-dossier-v1";
export const CONSISTENCY_FORMAT = "amont-coherence-v1";
const LEDGER_FORMAT = "amont-ledger-v2";
const CHECKPOINT_FORMAT = "amont-checkpoint-v1";
/** What a redacted text field reads (a redacted actorUserId is null). */
const REDACTED_TEXT = "[effacé]";

// ---- canonical JSON and hashes --------------------------------------------------------------------

/**
 * JSON with the keys of every object sorted by UTF-16 code units, no whitespace. Written directly: a
 * JavaScript object would list integer-like keys first and treat "__proto__" as its prototype.
 */
export function canonicalJson(value) {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const members = [];
  for (const key of Object.keys(value).sort()) {
    if (value[key] !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJson(value[key])}`);
  }
  return `{${members.join(",")}}`;
}

const sha256Hex = (text) => createHash("sha256").update(text, "utf8").digest("hex");

/** The protected fields of a record: actor, summary, then each payload key in sorted order. */
function protectedFields(values) {
  const fields = [
    ["actorUserId", values.actorUserId],
    ["actorLabel", values.actorLabel],
    ["summary", values.summary],
  ];
  for (const key of Object.keys(values.payload).sort()) fields.push([`payload.${key}`, values.payload[key]]);
  return fields;
}

/** A record's hash recomputed from its exported content, or null when it cannot be. */
export function recordHash(record) {
  const occurredAt = new Date(record.occurredAt);
  if (Number.isNaN(occurredAt.getTime()) || occurredAt.toISOString() !== record.occurredAt) return null;
  const digests = {};
  const fields = protectedFields(record.values);
  for (const [field, value] of fields) {
    if (Object.hasOwn(record.redacted, field)) {
      // The digest vouches for the erased text; only the tombstone may stand in its place.
      if (value !== (field === "actorUserId" ? null : REDACTED_TEXT)) return null;
      digests[field] = record.redacted[field];
    } else if (Object.hasOwn(record.salts, field))
      digests[field] = sha256Hex(`${record.salts[field]}\u0000${field}\u0000${canonicalJson(value)}`);
    else return null;
  }
  const known = new Set(fields.map(([field]) => field));
  for (const field of [...Object.keys(record.salts), ...Object.keys(record.redacted)])
    if (!known.has(field)) return null;
  return sha256Hex(
    JSON.stringify([
      LEDGER_FORMAT,
      record.sequence,
      record.kind,
      canonicalJson([...record.organizationIds].sort()),
      record.plannedProcurementId,
      record.eventId,
      record.occurredAt,
      record.previousHash,
      canonicalJson(digests),
    ]),
  );
}

// ---- RFC 9162 Merkle inclusion proofs -------------------------------------------------------------

const leafHash = (recordHashHex) =>
  createHash("sha256")
    .update(Buffer.from([0x00]))
    .update(Buffer.from(recordHashHex, "hex"))
    .digest();
const nodeHash = (left, right) =>
  createHash("sha256")
    .update(Buffer.from([0x01]))
    .update(left)
    .update(right)
    .digest();

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(index, treeSize, leaf, path, root) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows that the tree of `secondSize` leaves with root
 * `secondRoot` extends the tree of `firstSize` leaves with root `firstRoot`.
 */
export function verifyConsistency(firstSize, secondSize, firstRoot, secondRoot, proof) {
  if (!Number.isSafeInteger(firstSize) || !Number.isSafeInteger(secondSize)) return false;
  if (firstSize < 1 || firstSize > secondSize || proof.some((node) => node.length !== 32)) return false;
  if (firstSize === secondSize) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  // When the first tree is a whole subtree (its size a power of two), its root starts the path.
  let power = 1;
  while (power < firstSize) power *= 2;
  const path = power === firstSize ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

// ---- keys and signatures --------------------------------------------------------------------------

const fingerprint = (publicKeyBase64) =>
  createHash("sha256").update(Buffer.from(publicKeyBase64, "base64")).digest("hex");
const grouped = (hex) => hex.match(/.{1,4}/g).join(" ");

function verifySignature(publicKeyBase64, text, signatureBase64) {
  try {
    const raw = Buffer.from(publicKeyBase64, "base64");
    const signature = Buffer.from(signatureBase64, "base64");
    if (raw.length !== 32 || signature.length !== 64) return false;
    const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
    return verify(null, Buffer.from(text, "utf8"), key, signature);
  } catch {
    return false;
  }
}

function checkpointText(c) {
  return canonicalJson({
    format: c.format,
    sequence: c.sequence,
    headHash: c.headHash,
    merkleRoot: c.merkleRoot,
    status: c.status,
    brokenAt: c.brokenAt,
    signedAt: c.signedAt,
    keyId: c.keyId,
  });
}

function documentText(document) {
  const { signature: _signature, ...signed } = document;
  return canonicalJson(signed);
}

// ---- the export's shape ---------------------------------------------------------------------------

const isHex64 = (value) => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const isStringMap = (value) => isObject(value) && Object.values(value).every((item) => typeof item === "string");
const isNullableString = (value) => value === null || typeof value === "string";

/** Why the document is not an export this verifier can check, or null. */
export function shapeProblem(document) {
  if (!isObject(document)) return "ce n'est pas un objet JSON";
  if (document.format !== EXPORT_FORMAT)
    return `format « ${String(document.format)} » au lieu de « ${EXPORT_FORMAT} » : ce n'est pas un export de dossier que ce vérificateur sait lire`;
  const { procurement: p, checkpoint: c, signature: s, records, proofs } = document;
  if (!isObject(p) || typeof p.id !== "string" || typeof p.title !== "string" || !isObject(p.links))
    return "partie « procurement » incomplète";
  if (!Array.isArray(p.links.eventIds) || !Array.isArray(p.links.planEditionIds))
    return "partie « procurement.links » incomplète";
  if (
    !isObject(c) ||
    c.format !== CHECKPOINT_FORMAT ||
    !Number.isInteger(c.sequence) ||
    !isHex64(c.headHash) ||
    !isHex64(c.merkleRoot) ||
    !isHex64(c.keyId) ||
    !["intact", "broken"].includes(c.status) ||
    typeof c.signedAt !== "string" ||
    typeof c.signature !== "string"
  )
    return "partie « checkpoint » incomplète";
  if (
    !isObject(s) ||
    s.algorithm !== "Ed25519" ||
    !isHex64(s.keyId) ||
    typeof s.value !== "string" ||
    typeof s.publicKey !== "string"
  )
    return "partie « signature » incomplète";
  if (!Array.isArray(records) || !Array.isArray(proofs)) return "parties « records » ou « proofs » absentes";
  for (const [index, r] of records.entries()) {
    const ok =
      isObject(r) &&
      Number.isInteger(r.sequence) &&
      r.sequence > 0 &&
      typeof r.kind === "string" &&
      Array.isArray(r.organizationIds) &&
      r.organizationIds.every((id) => typeof id === "string") &&
      isNullableString(r.plannedProcurementId) &&
      isNullableString(r.eventId) &&
      typeof r.occurredAt === "string" &&
      isHex64(r.previousHash) &&
      isHex64(r.hash) &&
      isObject(r.values) &&
      isNullableString(r.values.actorUserId) &&
      typeof r.values.actorLabel === "string" &&
      typeof r.values.summary === "string" &&
      isObject(r.values.payload) &&
      isStringMap(r.salts) &&
      isStringMap(r.redacted);
    if (!ok) return `inscription ${index + 1} de la liste incomplète`;
  }
  for (const [index, proof] of proofs.entries()) {
    if (
      !isObject(proof) ||
      !Number.isInteger(proof.sequence) ||
      !Number.isInteger(proof.leafIndex) ||
      !Array.isArray(proof.auditPath) ||
      !proof.auditPath.every(isHex64)
    )
      return `preuve ${index + 1} de la liste incomplète`;
  }
  return null;
}

/** Why a consistency proof document cannot be read, or null. */
export function consistencyShapeProblem(document) {
  const isTreeHead = (head) => isObject(head) && Number.isInteger(head.sequence) && isHex64(head.merkleRoot);
  if (!isObject(document) || document.format !== CONSISTENCY_FORMAT)
    return `ce n'est pas une preuve de cohérence (format « ${CONSISTENCY_FORMAT} » attendu)`;
  if (!isTreeHead(document.from) || !isTreeHead(document.to) || !Array.isArray(document.proof))
    return "parties « from », « to » ou « proof » incomplètes";
  if (!document.proof.every(isHex64))
    return "un nœud de la preuve n'est pas une empreinte de 64 caractères hexadécimaux";
  return null;
}

/** The signed and published checkpoint a consistency proof leads to, or why there is none. */
function publishedCheckpointOf(head, { keys, checkpoints }) {
  const candidates = checkpoints.filter((c) => c.sequence === head.sequence && c.merkleRoot === head.merkleRoot);
  for (const candidate of candidates) {
    const key = keys?.find((k) => k.id === candidate.keyId);
    if (!key || !verifySignature(key.publicKey, checkpointText(candidate), candidate.signature)) continue;
    if (key.createdAt && candidate.signedAt < key.createdAt) continue;
    if (key.retiredAt && candidate.signedAt >= key.retiredAt) continue;
    return candidate;
  }
  return null;
}

/**
 * Checks that `consistency` (a /registre/coherence.json document) links the export's checkpoint to
 * a later checkpoint validly signed and published in `checkpoints`: { ok, to, problem }.
 */
export function verifyConsistencyDocument(document, consistency, { keys, checkpoints }) {
  const { checkpoint } = document;
  const { from, to } = consistency;
  if (from.sequence !== checkpoint.sequence || from.merkleRoot !== checkpoint.merkleRoot)
    return {
      ok: false,
      to: null,
      problem: `La preuve de cohérence part d'un point de contrôle de ${from.sequence} inscriptions qui n'est pas celui de l'export (${checkpoint.sequence} inscriptions) : demandez /registre/coherence.json?de=${checkpoint.sequence}&a=<nombre>.`,
    };
  const later = publishedCheckpointOf(to, { keys, checkpoints });
  if (!later)
    return {
      ok: false,
      to: null,
      problem: `La preuve de cohérence mène à un point de contrôle de ${to.sequence} inscriptions qui ne figure pas, signé par une clé publiée, dans l'état publié fourni.`,
    };
  const proven = verifyConsistency(
    from.sequence,
    to.sequence,
    Buffer.from(from.merkleRoot, "hex"),
    Buffer.from(to.merkleRoot, "hex"),
    consistency.proof.map((node) => Buffer.from(node, "hex")),
  );
  if (!proven)
    return {
      ok: false,
      to: later,
      problem: `La preuve de cohérence ne montre pas que le registre signé le ${later.signedAt} (${to.sequence} inscriptions) prolonge celui de l'export : elle a été modifiée, ou l'historique a été réécrit.`,
    };
  return { ok: true, to: later, problem: null };
}

// ---- verification ---------------------------------------------------------------------------------

function linkedToProcurement(record, procurement) {
  if (record.plannedProcurementId === procurement.id) return "yes";
  if (record.eventId !== null && procurement.links.eventIds.includes(record.eventId)) return "yes";
  if (record.kind === "plan.edition_published") {
    if (Object.hasOwn(record.redacted, "payload.editionId")) return "redacted";
    if (procurement.links.planEditionIds.includes(record.values.payload.editionId)) return "yes";
  }
  return "no";
}

/**
 * Checks an export. `keys`: published keys ({id, publicKey, createdAt, retiredAt}); `checkpoints`:
 * published checkpoints; `expectedProcurementId`: the procurement the reader expects; `consistency`: a
 * consistency proof from the export's checkpoint to one of `checkpoints`.
 */
export function verifyExport(document, { keys, checkpoints, expectedProcurementId, consistency } = {}) {
  const problems = [];
  const warnings = [];
  const { checkpoint, signature, procurement } = document;

  let key = null;
  if (keys) {
    key = keys.find((candidate) => candidate.id === signature.keyId) ?? null;
    if (!key)
      problems.push(
        `La clé qui a signé cet export (${grouped(signature.keyId)}) ne figure pas parmi les clés publiées.`,
      );
  } else if (fingerprint(signature.publicKey) === signature.keyId) {
    key = { id: signature.keyId, publicKey: signature.publicKey, createdAt: null, retiredAt: null };
    warnings.push(
      `Clé publique lue dans l'export lui-même : vérifiez que son empreinte ${grouped(signature.keyId)} figure parmi les clés publiées (${document.publisher?.keys ?? "/registre/cles.json"}), ou relancez avec --cles.`,
    );
  } else {
    problems.push("La clé jointe à l'export ne correspond pas à son empreinte.");
  }
  const signatureValid = key !== null && verifySignature(key.publicKey, documentText(document), signature.value);
  if (key && !signatureValid)
    problems.push(
      "La signature de l'export ne correspond pas à son contenu : le fichier a été modifié après sa création.",
    );
  if (checkpoint.keyId !== signature.keyId)
    problems.push("Le point de contrôle et l'export ne sont pas signés par la même clé.");
  const checkpointValid =
    key !== null && verifySignature(key.publicKey, checkpointText(checkpoint), checkpoint.signature);
  if (key && !checkpointValid) problems.push("La signature du point de contrôle ne correspond pas à son contenu.");
  if (key?.createdAt && checkpoint.signedAt < key.createdAt)
    problems.push("Le point de contrôle est daté d'avant la mise en service de sa clé.");
  if (key?.retiredAt && checkpoint.signedAt >= key.retiredAt)
    problems.push(`Le point de contrôle est daté d'après le retrait de sa clé (${key.retiredAt}).`);
  if (checkpoint.status === "broken")
    problems.push(
      `Au moment de l'export, le registre était rompu à l'inscription n° ${checkpoint.brokenAt} : seules les inscriptions précédentes sont garanties.`,
    );
  if (expectedProcurementId && expectedProcurementId !== procurement.id)
    problems.push(`Cet export est celui d'un autre achat (« ${procurement.title} », identifiant ${procurement.id}).`);
  if (document.proofs.length !== document.records.length)
    problems.push("L'export n'a pas une preuve par inscription : il a été modifié.");

  const root = Buffer.from(checkpoint.merkleRoot, "hex");
  const redacted = [];
  let firstFailure = null;
  let previous = 0;
  document.records.forEach((record, index) => {
    const proof = document.proofs[index];
    let problem = null;
    const linked = linkedToProcurement(record, procurement);
    if (record.sequence <= previous) problem = "les inscriptions ne sont plus dans l'ordre du registre";
    else if (recordHash(record) !== record.hash) problem = "son contenu ne donne plus son empreinte : il a été modifié";
    else if (
      !proof ||
      proof.sequence !== record.sequence ||
      proof.leafIndex !== record.sequence - 1 ||
      record.sequence > checkpoint.sequence ||
      !verifyInclusion(
        proof.leafIndex,
        checkpoint.sequence,
        leafHash(record.hash),
        proof.auditPath.map((node) => Buffer.from(node, "hex")),
        root,
      )
    )
      problem = "son empreinte n'est pas dans l'arbre du point de contrôle signé";
    else if (linked === "no") problem = "elle ne concerne pas cet achat";
    if (linked === "redacted")
      warnings.push(
        `Inscription n° ${record.sequence} : son lien avec l'achat passe par une donnée effacée, il ne peut pas être vérifié.`,
      );
    if (problem && !firstFailure) firstFailure = { sequence: record.sequence, problem };
    const fields = Object.keys(record.redacted);
    if (fields.length) redacted.push({ sequence: record.sequence, fields: fields.sort() });
    previous = Math.max(previous, record.sequence);
  });
  if (firstFailure) problems.push(`Inscription n° ${firstFailure.sequence} : ${firstFailure.problem}.`);

  const contradictions = [];
  if (checkpoints) {
    for (const other of checkpoints) {
      if (other.signature === checkpoint.signature) continue;
      const otherKey = keys?.find((candidate) => candidate.id === other.keyId);
      if (!otherKey || !verifySignature(otherKey.publicKey, checkpointText(other), other.signature)) continue;
      if (other.status === "broken" && other.brokenAt !== null && other.brokenAt <= checkpoint.sequence)
        contradictions.push(
          `Le point de contrôle signé le ${other.signedAt} dit le registre rompu à l'inscription n° ${other.brokenAt}, que cet export couvre : le registre en ligne ne garantit plus ces inscriptions.`,
        );
      else if (other.sequence === checkpoint.sequence && other.merkleRoot !== checkpoint.merkleRoot)
        contradictions.push(
          `Le point de contrôle signé le ${other.signedAt} donne une autre racine pour les mêmes ${checkpoint.sequence} inscriptions : l'historique a été réécrit.`,
        );
    }
    const listed = checkpoints.some((other) => other.signature === checkpoint.signature);
    const newer = checkpoints.some((other) => other.signedAt > checkpoint.signedAt);
    if (!listed && newer)
      contradictions.push(
        "Le point de contrôle de cet export ne figure plus parmi les points de contrôle publiés, alors que d'autres ont été signés depuis : l'historique publié a été modifié.",
      );
    else if (!listed)
      warnings.push(
        "L'état publié fourni est plus ancien que cet export : téléchargez-en un plus récent pour le comparer.",
      );
  }

  let consistencyResult = null;
  if (consistency && checkpoints) {
    consistencyResult = verifyConsistencyDocument(document, consistency, { keys, checkpoints });
    if (consistencyResult.problem) problems.push(consistencyResult.problem);
  }

  return {
    ok: problems.length === 0 && contradictions.length === 0,
    consistency: consistencyResult,
    signatureValid,
    checkpointValid,
    keySource: keys ? "published" : "embedded",
    records: document.records.length,
    redacted,
    firstFailure,
    problems,
    contradictions,
    warnings,
  };
}

// ---- command line ---------------------------------------------------------------------------------

class Unreadable extends Error {}

/** Whether JSON text stops with an object, an array or a string still open (a file cut short). */
function endsInsideAValue(text) {
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

function readJson(file, what) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Unreadable(`${what} illisible (${file}) : ${error.code ?? error.message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Unreadable(
      /end of (JSON )?input|Unterminated/i.test(error.message) || endsInsideAValue(text)
        ? `${what} incomplet (${file}) : le fichier s'arrête avant la fin, il a sans doute été tronqué.`
        : `${what} n'est pas du JSON (${file}).`,
    );
  }
}

function keysFrom(document, what) {
  if (!isObject(document) || !Array.isArray(document.keys))
    throw new Unreadable(`${what} ne contient pas de liste de clés (« keys »).`);
  return document.keys.filter((key) => isObject(key) && isHex64(key.id) && typeof key.publicKey === "string");
}

const USAGE =
  "Usage : node verify-export.mjs dossier.json [--cles cles.json] [--etat etat.json [--coherence coherence.json]] [--achat <identifiant>]";

export function main(argv) {
  const args = [...argv];
  const options = {};
  let file = null;
  while (args.length) {
    const arg = args.shift();
    if (arg === "--cles" || arg === "--etat" || arg === "--achat" || arg === "--coherence") {
      const value = args.shift();
      if (!value) return fail(2, `${arg} attend une valeur.\n${USAGE}`);
      options[arg.slice(2)] = value;
    } else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else if (!arg.startsWith("--") && file === null) file = arg;
    else return fail(2, `Argument inattendu : ${arg}\n${USAGE}`);
  }
  if (!file) return fail(2, USAGE);
  if (options.coherence && !options.etat)
    return fail(
      2,
      `--coherence demande aussi --etat : l'état publié où figure le point de contrôle d'arrivée.\n${USAGE}`,
    );
  try {
    const document = readJson(file, "L'export");
    const problem = shapeProblem(document);
    if (problem) return fail(2, `✗ ${file} n'est pas un export de dossier Amont vérifiable : ${problem}.`);
    let keys;
    let checkpoints;
    if (options.etat) {
      const state = readJson(options.etat, "L'état publié");
      if (!isObject(state) || !Array.isArray(state.checkpoints))
        throw new Unreadable("L'état publié ne contient pas de liste de points de contrôle (« checkpoints »).");
      checkpoints = state.checkpoints.filter((c) => isObject(c) && typeof c.signature === "string");
      keys = keysFrom(state, "L'état publié");
    }
    if (options.cles) keys = keysFrom(readJson(options.cles, "La liste des clés"), "La liste des clés");
    let consistency;
    if (options.coherence) {
      consistency = readJson(options.coherence, "La preuve de cohérence");
      const problem = consistencyShapeProblem(consistency);
      if (problem) throw new Unreadable(`La preuve de cohérence (${options.coherence}) est illisible : ${problem}.`);
    }
    const report = verifyExport(document, { keys, checkpoints, expectedProcurementId: options.achat, consistency });
    print(document, report);
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof Unreadable) return fail(2, `✗ ${error.message}`);
    throw error;
  }
}

function fail(code, message) {
  console.error(message);
  return code;
}

function print(document, report) {
  const { procurement, checkpoint } = document;
  console.log(
    `Export du dossier « ${procurement.title} »${procurement.reference ? ` (${procurement.reference})` : ""}`,
  );
  console.log(
    `Acheteur : ${procurement.buyer?.name ?? "?"}${procurement.buyer?.siren ? `, SIREN ${procurement.buyer.siren}` : ""}`,
  );
  console.log(
    `Fait le ${document.generatedAt}, point de contrôle signé le ${checkpoint.signedAt} (${checkpoint.sequence} inscriptions du registre)`,
  );
  console.log(
    `Clé ${grouped(document.signature.keyId)} (${report.keySource === "published" ? "clés publiées" : "clé jointe à l'export"})`,
  );
  console.log("");
  console.log(`${report.signatureValid ? "✓" : "✗"} Signature de l'export`);
  console.log(`${report.checkpointValid ? "✓" : "✗"} Signature du point de contrôle`);
  const good = report.firstFailure ? "✗" : "✓";
  console.log(`${good} ${report.records} inscription(s) : empreintes recalculées et preuves d'inclusion vérifiées`);
  if (report.redacted.length) {
    console.log(
      `  ${report.redacted.length} inscription(s) comportent des données effacées (leur empreinte est conservée) :`,
    );
    for (const { sequence, fields } of report.redacted) console.log(`  - n° ${sequence} : ${fields.join(", ")}`);
  }
  if (report.consistency?.ok)
    console.log(
      `✓ Le registre signé le ${report.consistency.to.signedAt} (${report.consistency.to.sequence} inscriptions) prolonge celui de l'export : preuve de cohérence vérifiée, ses inscriptions y sont toujours`,
    );
  else if (report.consistency) console.log("✗ Preuve de cohérence avec un point de contrôle publié");
  for (const warning of report.warnings) console.log(`! ${warning}`);
  for (const problem of report.problems) console.error(`✗ ${problem}`);
  for (const contradiction of report.contradictions) console.error(`✗ Contredit : ${contradiction}`);
  console.log("");
  if (report.ok) console.log("✓ Export vérifié : il est authentique et intact.");
  else console.error("✗ Export NON vérifié.");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
