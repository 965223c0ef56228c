// The ledger's signing key and signed checkpoints: a key generated once into the data folder (0600)
// or given in LEDGER_SIGNING_KEY, published by fingerprint, never in the database; rotation retires
// the previous key and keeps it published; checkpoints state the chain as checked, signed so that
// anyone with the public key can check them; a broken chain gets a checkpoint that says so; the
// daily job stores one checkpoint per day whatever the retries and restarts.
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { LEDGER_CHECKPOINT_JOB, scheduleDailyCheckpoints } from "~/jobs/ledger-jobs.server";
import { runDueJobs } from "~/jobs/worker.server";
import { expectedStoredHash } from "~/ledger/canonical";
import { checkpointSigningText } from "~/ledger/checkpoint";
import { latestCheckpoint, signCheckpoint } from "~/ledger/checkpoints.server";
import { groupedFingerprint, keyFingerprint, verifySignature } from "~/ledger/keys";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";
import { MerkleTree, recordLeafHash, verifyInclusion } from "~/ledger/merkle";
import {
  currentSigningKey,
  EnvironmentKeyRotationError,
  forgetCachedSigningKey,
  keyFile,
  loadSigningKey,
  publishedKeys,
  RetiredKeyError,
  rotateSigningKey,
  type KeySource,
} from "~/ledger/signing.server";
import { databaseFile, openRaw } from "../db/support/helpers";

const fileSource: KeySource = { dataDir: process.env.DATA_DIR! };
const execFileAsync = promisify(execFile);

async function npmRun(script: string, env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await execFileAsync("npm", ["run", "-s", script], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

async function appendRecords(count: number, label = "Appel") {
  for (let i = 0; i < count; i++) {
    await write((tx) =>
      appendExchange(tx, {
        kind: "manual.exchange",
        actor: { userId: null, label: "Test" },
        organizationIds: ["org-a"],
        summary: `${label} ${i}`,
        payload: { n: i },
      }),
    );
  }
}

function databaseText(): string {
  return readFileSync(databaseFile()).toString("latin1");
}

beforeAll(async () => {
  await connectDatabase();
});

describe("signing key", () => {
  it("is generated once into DATA_DIR/keys, readable by its owner only, and published by fingerprint", async () => {
    forgetCachedSigningKey();
    const key = await currentSigningKey(fileSource);
    const file = keyFile(fileSource.dataDir);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o077).toBe(0);
    expect(key.id).toBe(keyFingerprint(Buffer.from(key.publicKey, "base64")));
    // Read again (another process, a restart): the same key, not a new one.
    forgetCachedSigningKey();
    expect((await currentSigningKey(fileSource)).id).toBe(key.id);
    expect(loadSigningKey(fileSource).id).toBe(key.id);

    const published = await publishedKeys();
    expect(published).toEqual([
      expect.objectContaining({ id: key.id, publicKey: key.publicKey, retiredAt: null, algorithm: "Ed25519" }),
    ]);
    expect(published[0]!.fingerprint).toBe(groupedFingerprint(key.id));
    expect(published[0]!.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(published[0]!.publicKeyPem).toContain("-----BEGIN PUBLIC KEY-----");

    // The private key is nowhere in the database.
    const pem = readFileSync(file, "utf8");
    const body = pem.replace(/-----[^-]+-----/g, "").replace(/\s/g, "");
    expect(databaseText()).not.toContain(body);
  });

  it("rotates: the new key signs, the old one stays published with its retirement date and signs no more", async () => {
    forgetCachedSigningKey();
    const before = await currentSigningKey(fileSource);
    const rotatedAt = new Date();
    const { key, previousId } = await rotateSigningKey(fileSource, rotatedAt);
    expect(previousId).toBe(before.id);
    expect(key.id).not.toBe(before.id);
    expect((await currentSigningKey(fileSource)).id).toBe(key.id);

    const published = await publishedKeys();
    expect(published.find((entry) => entry.id === before.id)?.retiredAt).toBe(rotatedAt.toISOString());
    expect(published.find((entry) => entry.id === key.id)?.retiredAt).toBeNull();
    expect(published.filter((entry) => entry.retiredAt === null)).toHaveLength(1);

    // A checkpoint is now signed with the new key.
    const { checkpoint } = await signCheckpoint({ keySource: fileSource });
    expect(checkpoint.keyId).toBe(key.id);
  });

  it("takes LEDGER_SIGNING_KEY when set, retires the file's key, refuses a retired key and a rotation", async () => {
    const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    // As a platform's secret form often gives it: one line, "\n" written out.
    const environment: KeySource = { pem: pem.trim().replace(/\n/g, "\\n"), dataDir: fileSource.dataDir };
    forgetCachedSigningKey();
    const key = await currentSigningKey(environment);
    expect(key.source).toBe("environment");
    const current = (await publishedKeys()).filter((entry) => entry.retiredAt === null);
    expect(current.map((entry) => entry.id)).toEqual([key.id]);
    await expect(rotateSigningKey(environment)).rejects.toBeInstanceOf(EnvironmentKeyRotationError);

    // Back to the (now retired) file key: refused, with a message that names it and says what to do.
    forgetCachedSigningKey();
    const retired = await currentSigningKey(fileSource).catch((error: unknown) => error);
    expect(retired).toBeInstanceOf(RetiredKeyError);
    expect((retired as Error).message).toMatch(/a été retirée le .* ne signe plus/);
    forgetCachedSigningKey();
    await rotateSigningKey(fileSource);
  });
});

describe("npm run ledger:rotate-key", () => {
  it("makes a new key current and keeps the old one published; refuses with LEDGER_SIGNING_KEY set", async () => {
    forgetCachedSigningKey();
    const before = await currentSigningKey(fileSource);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: fileSource.dataDir,
    };
    delete env.LEDGER_SIGNING_KEY;
    const rotated = await npmRun("ledger:rotate-key", env);
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    const published = await publishedKeys();
    const current = published.find((key) => key.retiredAt === null)!;
    expect(current.id).not.toBe(before.id);
    expect(rotated.stdout).toContain(`Nouvelle clé de signature du registre : ${current.fingerprint}`);
    expect(rotated.stdout).toContain(`clé retirée, toujours publiée : ${groupedFingerprint(before.id)}`);
    // This process picks the new key up from the file at its next signature.
    expect((await currentSigningKey(fileSource)).id).toBe(current.id);

    const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const refused = await npmRun("ledger:rotate-key", { ...env, LEDGER_SIGNING_KEY: pem });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("La clé vient de LEDGER_SIGNING_KEY");
    expect(refused.stdout + refused.stderr).not.toContain("PRIVATE KEY");
  });
});

describe("signed checkpoints", () => {
  it("state the chain's head and the Merkle root of its hashes, signed with the current key", async () => {
    await appendRecords(5);
    const { checkpoint, tree, verification } = await signCheckpoint({ keySource: fileSource });
    expect(verification.ok).toBe(true);
    const records = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });
    expect(checkpoint).toMatchObject({
      format: "amont-checkpoint-v1",
      sequence: records.length,
      headHash: records.at(-1)!.hash,
      merkleRoot: MerkleTree.ofRecordHashes(records.map((record) => record.hash))
        .root()
        .toString("hex"),
      status: "intact",
      brokenAt: null,
      reason: "export",
    });
    const key = (await publishedKeys()).find((entry) => entry.id === checkpoint.keyId)!;
    expect(verifySignature(key.publicKey, checkpointSigningText(checkpoint), checkpoint.signature)).toBe(true);
    expect(
      verifySignature(key.publicKey, checkpointSigningText({ ...checkpoint, sequence: 1 }), checkpoint.signature),
    ).toBe(false);
    // Every record is provably in the signed tree.
    records.forEach((record, index) =>
      expect(
        verifyInclusion(
          index,
          checkpoint.sequence,
          recordLeafHash(record.hash),
          tree.inclusionProof(index),
          Buffer.from(checkpoint.merkleRoot, "hex"),
        ),
      ).toBe(true),
    );
    expect(await latestCheckpoint()).toEqual(checkpoint);
  });

  it("are append-only in the database itself", () => {
    const raw = openRaw();
    try {
      expect(() => raw.prepare(`UPDATE "LedgerCheckpoint" SET status = 'intact'`).run()).toThrow(/append-only/);
      expect(() => raw.prepare(`DELETE FROM "LedgerCheckpoint"`).run()).toThrow(/append-only/);
      expect(() => raw.prepare(`DELETE FROM "LedgerSigningKey"`).run()).toThrow(/stay published/);
      expect(() => raw.prepare(`UPDATE "LedgerSigningKey" SET "retiredAt" = NULL`).run()).toThrow(/retired, once/);
      expect(() =>
        raw.prepare(`UPDATE "LedgerSigningKey" SET "publicKey" = 'x' WHERE "retiredAt" IS NULL`).run(),
      ).toThrow(/retired, once/);
    } finally {
      raw.close();
    }
  });

  it("the daily job signs one checkpoint per day, however often it is scheduled or run", async () => {
    const now = new Date();
    await scheduleDailyCheckpoints(now);
    await scheduleDailyCheckpoints(now); // a restart
    const jobs = await db.job.findMany({ where: { kind: LEDGER_CHECKPOINT_JOB }, orderBy: { runAt: "asc" } });
    expect(jobs).toHaveLength(2);
    const before = await db.ledgerCheckpoint.count({ where: { reason: "daily" } });
    // Run as of tomorrow after 03:00: today's and tomorrow's are due; each runs once, in two workers.
    const later = new Date(jobs[1]!.runAt.getTime() + 60_000);
    const [first, second] = await Promise.all([
      runDueJobs(JOB_HANDLERS, { workerId: "a", now: later, kinds: [LEDGER_CHECKPOINT_JOB] }),
      runDueJobs(JOB_HANDLERS, { workerId: "b", now: later, kinds: [LEDGER_CHECKPOINT_JOB] }),
    ]);
    expect(first.done + second.done).toBe(2);
    expect(first.failed + second.failed + first.retried + second.retried).toBe(0);
    await runDueJobs(JOB_HANDLERS, { workerId: "c", now: later, kinds: [LEDGER_CHECKPOINT_JOB] });
    expect(await db.ledgerCheckpoint.count({ where: { reason: "daily" } })).toBe(before + 2);
    // Each run scheduled the next day's.
    const keys = (await db.job.findMany({ where: { kind: LEDGER_CHECKPOINT_JOB } })).map((job) => job.dedupeKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
  });
});

describe("a chain altered behind the triggers", () => {
  it("gets a checkpoint that says broken, an error in the log, and verifyLedger names the record", async () => {
    await appendRecords(3, "Avant");
    const target = (await db.ledgerRecord.findFirstOrThrow({ where: { summary: "Avant 1" } })).sequence;
    const raw = openRaw();
    try {
      raw.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
      raw.prepare(`UPDATE "LedgerRecord" SET summary = 'Réécrit' WHERE sequence = ?`).run(target);
    } finally {
      raw.close();
    }
    const errors: string[] = [];
    const original = console.error;
    console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
    try {
      const { checkpoint } = await signCheckpoint({ reason: "daily", keySource: fileSource });
      expect(checkpoint).toMatchObject({ status: "broken", brokenAt: target, sequence: target - 1 });
    } finally {
      console.error = original;
    }
    expect(errors.join("\n")).toContain(`chain broken at record ${target}`);
    expect(await verifyLedger()).toMatchObject({ ok: false, brokenAt: target });
  });

  it("a chain rewritten with its hashes recomputed is caught by the signed checkpoints", async () => {
    // Rewrite: the record's content and every hash from it on, as someone with the file could.
    const records = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });
    const checkpointed = (
      await db.ledgerCheckpoint.findFirstOrThrow({
        where: { status: "intact", sequence: { gt: 0 } },
        orderBy: { id: "asc" },
      })
    ).sequence;
    const raw = openRaw();
    try {
      raw.exec(`DROP TRIGGER IF EXISTS "LedgerRecord_no_update"`);
      let previousHash = records[0]!.previousHash;
      for (const record of records) {
        const summary = record.sequence === 2 ? "Réécrit proprement" : record.summary;
        const expected = expectedStoredHash({ ...record, summary, previousHash });
        if (!("hash" in expected)) throw new Error(expected.problem);
        const hash = expected.hash;
        // Through a temporary value: previousHash and hash are unique columns.
        raw
          .prepare(`UPDATE "LedgerRecord" SET summary = ?, "previousHash" = ?, hash = ? WHERE sequence = ?`)
          .run(summary, `tmp-${record.sequence}`, `tmp-h-${record.sequence}`, record.sequence);
        record.summary = summary;
        record.previousHash = previousHash;
        record.hash = hash;
        previousHash = hash;
      }
      for (const record of records)
        raw
          .prepare(`UPDATE "LedgerRecord" SET "previousHash" = ?, hash = ? WHERE sequence = ?`)
          .run(record.previousHash, record.hash, record.sequence);
    } finally {
      raw.close();
    }
    const result = await verifyLedger();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.brokenAt).toBe(checkpointed);
      expect(result.reason).toMatch(/point de contrôle signé le .* réécrite/);
    }
  });
});
