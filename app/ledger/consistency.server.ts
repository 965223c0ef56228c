// Consistency proofs between two signed checkpoints (RFC 9162 §2.1.4, docs/ledger-verification.md):
// that the tree a later checkpoint signs extends the one an earlier checkpoint signed, so that the
// holder of an old export can check, offline, that its records are still in the ledger as published
// today. Both checkpoints are signed and published (/registre/etat.json): the proof needs no signature.
import { LIMITS } from "~/auth/limits";
import { consumeLimits, ipKey } from "~/auth/rate-limit.server";
import { db } from "~/db/db.server";
import { ledgerRecordBatches } from "~/db/ledger-rows.server";
import { consistencyProof, recordLeafHash, verifyConsistency } from "./merkle";

export const CONSISTENCY_FORMAT = "amont-coherence-v1";

export interface ConsistencyDocument {
  format: typeof CONSISTENCY_FORMAT;
  from: { sequence: number; merkleRoot: string };
  to: { sequence: number; merkleRoot: string };
  /** The RFC 9162 consistency proof, hex, in the RFC's order. */
  proof: string[];
}

export type ConsistencyAnswer =
  | { ok: true; document: ConsistencyDocument }
  | { ok: false; status: 404 | 409; error: string }
  | { ok: false; status: 429; error: string; retryAfterSeconds: number };

/**
 * A pair's proof never changes once both checkpoints exist; computing it walks the records up to the
 * later one (about the cost of a checkpoint's tree). Kept by pair and roots, the least recently used
 * dropped first.
 */
const CACHE_SIZE = 48;
const cache = new Map<string, ConsistencyDocument>();

/** The newest signed checkpoint of that size (several may have the same one, with the same root). */
async function checkpointOfSize(sequence: number) {
  return db.ledgerCheckpoint.findFirst({
    where: { sequence },
    orderBy: { id: "desc" },
    select: { sequence: true, merkleRoot: true },
  });
}

/** The leaf hashes of records 1..count, or fewer when the ledger has fewer (or a gap). */
async function leafHashesUpTo(count: number): Promise<Buffer[]> {
  const leaves: Buffer[] = [];
  for await (const batch of ledgerRecordBatches()) {
    for (const record of batch) {
      // A gap, or a stored hash that is not one (rewritten behind the triggers): the tree stops there.
      if (record.sequence !== leaves.length + 1 || leaves.length === count || !/^[0-9a-f]{64}$/.test(record.hash))
        return leaves;
      leaves.push(recordLeafHash(record.hash));
    }
  }
  return leaves;
}

/** The proof that the checkpoint of `to` records extends the checkpoint of `from` records. */
export async function consistencyBetween(
  from: number,
  to: number,
  caller: { ip: string },
  now = new Date(),
): Promise<ConsistencyAnswer> {
  const [first, second] = await Promise.all([checkpointOfSize(from), checkpointOfSize(to)]);
  if (!first || !second)
    return {
      ok: false,
      status: 404,
      error: `Aucun point de contrôle signé ne couvre ${!first ? from : to} inscriptions : choisissez deux nombres d'inscriptions de /registre/etat.json.`,
    };
  const key = `${from}:${first.merkleRoot}:${to}:${second.merkleRoot}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return { ok: true, document: cached };
  }
  // Only a proof to compute counts against the caller's network: it walks the ledger.
  const limit = await consumeLimits([{ rule: LIMITS.consistencyProofPerIp, key: ipKey(caller.ip) }], now);
  if (!limit.ok)
    return {
      ok: false,
      status: 429,
      error: `Trop de preuves de cohérence calculées pour votre connexion. ${limit.retryMessage}`,
      retryAfterSeconds: limit.retryAfterSeconds,
    };
  const leaves = await leafHashesUpTo(to);
  const proof = leaves.length === to ? consistencyProof(leaves, from) : null;
  const firstRoot = Buffer.from(first.merkleRoot, "hex");
  const secondRoot = Buffer.from(second.merkleRoot, "hex");
  // The proof is built from the ledger as stored now: if it no longer gives the signed roots (a
  // record changed or removed since, or upgraded after the earlier checkpoint), there is nothing to prove.
  if (!proof || !verifyConsistency(from, to, firstRoot, secondRoot, proof)) {
    console.error(
      `[ledger] no consistency proof from checkpoint ${from} to ${to}: the stored records no longer give their signed roots`,
    );
    return {
      ok: false,
      status: 409,
      error: `Le registre enregistré aujourd'hui ne redonne plus les empreintes signées de ces points de contrôle (${from} et ${to} inscriptions) : la preuve ne peut pas être calculée. Consultez /registre/etat.`,
    };
  }
  const document: ConsistencyDocument = {
    format: CONSISTENCY_FORMAT,
    from: { sequence: from, merkleRoot: first.merkleRoot },
    to: { sequence: to, merkleRoot: second.merkleRoot },
    proof: proof.map((node) => node.toString("hex")),
  };
  cache.set(key, document);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return { ok: true, document };
}
