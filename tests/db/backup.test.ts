// Online backups and the two operator commands, with real connections and real child processes:
// a backup taken while writes are running is a consistent, verified copy that restores into a
// working database; `keep` pruning; a damaged ledger fails verification (`npm run db:backup` and
// `npm run ledger:verify` exit non-zero).
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, backupFileName, sqliteDateTime, verifyDatabaseFile } from "~/db/backup.server";
import { connectDatabase, write } from "~/db/db.server";
import { AmontSqliteAdapterFactory } from "~/db/sqlite-adapter.server";
import { PrismaClient } from "~/generated/prisma/client";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";
import { actor, committed, openRaw, organization, sleep, TEST_TMP } from "./support/helpers";

const execFileAsync = promisify(execFile);
const workDirectory = path.join(TEST_TMP, `backups-${process.pid}-${Date.now()}`);

/** Runs an npm script the way an operator does; returns its exit code and output. */
async function npmRun(script: string, env: Record<string, string>) {
  try {
    const { stdout, stderr } = await execFileAsync("npm", ["run", "-s", script], {
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : -1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? "",
    };
  }
}

/** A write like the application's: one organisation and its ledger record, atomically. */
function writeOne(slug: string) {
  return write(async (tx) => {
    const created = await tx.organization.create({ data: organization(slug) });
    await appendExchange(tx, { kind: "manual.exchange", actor, organizationIds: [created.id], summary: slug });
  });
}

/** Removes the triggers that make the ledger append-only, then edits record 7: a tampered copy. */
function tamperWithLedger(file: string) {
  const connection = openRaw(file);
  try {
    connection.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
    connection.prepare(`UPDATE "LedgerRecord" SET summary = 'Réécrit' WHERE sequence = 7`).run();
  } finally {
    connection.close();
  }
}

beforeAll(async () => {
  mkdirSync(workDirectory, { recursive: true });
  await connectDatabase();
  for (let i = 0; i < 30; i++) await writeOne(`seed-${i}`);
});

afterAll(() => {
  rmSync(workDirectory, { recursive: true, force: true });
});

describe("online backup", () => {
  it("stores DateTime as the adapter writes it, and reads every format back", () => {
    const stored = committed(
      (connection) =>
        connection.prepare(`SELECT occurredAt FROM "LedgerRecord" LIMIT 1`).get() as { occurredAt: unknown },
    );
    // The adapter's default: ISO 8601 text with an explicit offset.
    expect(stored.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    const instant = new Date("2026-11-23T14:05:01.123Z");
    expect(sqliteDateTime("2026-11-23T14:05:01.123+00:00")).toEqual(instant);
    expect(sqliteDateTime(instant.getTime())).toEqual(instant);
    expect(sqliteDateTime(BigInt(instant.getTime()))).toEqual(instant);
    expect(sqliteDateTime("2026-11-23 14:05:01")).toEqual(new Date("2026-11-23T14:05:01Z"));
    expect(backupFileName(instant)).toBe("amont-20261123T140501Z.db");
  });

  it("backs up while writes are running: a consistent, verified copy that restores into a working database", async () => {
    const directory = path.join(workDirectory, "live");
    // Writers keep going during the whole backup.
    let running = true;
    const acknowledged: string[] = [];
    let counter = 0;
    const writers = Array.from({ length: 4 }, async () => {
      while (running) {
        const slug = `live-${counter++}`;
        await writeOne(slug);
        acknowledged.push(slug);
        // Yield through setImmediate, not a 1 ms timer: back-to-back timers whose callbacks take
        // longer than their delay keep Node in its timers phase and starve file I/O (the backup's
        // own fs calls). Real writes are triggered by I/O (HTTP requests) and cannot do that.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await sleep(150);
    const acknowledgedBeforeBackup = [...acknowledged];
    // The backup runs as in production: `npm run db:backup`, another OS process, beside the writer.
    const backup = await npmRun("db:backup", {
      DATABASE_URL: process.env.DATABASE_URL!,
      BACKUP_DIR: directory,
      BACKUP_KEEP: "3",
    });
    const acknowledgedWhenBackupEnded = acknowledged.length;
    await sleep(100);
    running = false;
    await Promise.all(writers);

    expect(backup).toMatchObject({ code: 0, stderr: "" });
    const file = /verified backup: (.+?\.db) \(/.exec(backup.stdout)?.[1];
    expect(path.basename(file ?? "")).toMatch(/^amont-\d{8}T\d{6}Z\.db$/);
    expect(readdirSync(directory)).toEqual([path.basename(file!)]);
    const result = { file: file!, ...verifyDatabaseFile(file!) };
    expect(result).toMatchObject({ integrity: "ok", foreignKeyViolations: 0, ledger: { ok: true } });
    const ledgerRecords = result.ledger.count;
    expect(backup.stdout).toContain(`${ledgerRecords} enregistrements du registre`);
    // Writes kept going while the other process made the copy.
    expect(acknowledgedWhenBackupEnded).toBeGreaterThan(acknowledgedBeforeBackup.length + 10);

    // The copy is one snapshot: everything acknowledged before the backup started is in it, and
    // every organisation has its ledger record (no transaction cut in half).
    const copy = openRaw(result.file, { readonly: true });
    let copiedSlugs: string[];
    try {
      copiedSlugs = (
        copy.prepare(`SELECT slug FROM "Organization" WHERE slug LIKE 'live-%' ORDER BY slug`).all() as {
          slug: string;
        }[]
      ).map((row) => row.slug);
      const copiedSummaries = (
        copy.prepare(`SELECT summary FROM "LedgerRecord" WHERE summary LIKE 'live-%' ORDER BY summary`).all() as {
          summary: string;
        }[]
      ).map((row) => row.summary);
      expect(copiedSummaries).toEqual(copiedSlugs);
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    } finally {
      copy.close();
    }
    for (const slug of acknowledgedBeforeBackup) expect(copiedSlugs).toContain(slug);
    expect(ledgerRecords).toBe(30 + copiedSlugs.length);
    // The live database is untouched and still verifies.
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 30 + acknowledged.length });

    // Restore: copy the backup over a new database file and open it with a fresh real connection.
    const restored = path.join(workDirectory, "restored.db");
    copyFileSync(result.file, restored);
    const client = new PrismaClient({ adapter: new AmontSqliteAdapterFactory({ url: `file:${restored}` }) });
    try {
      expect(await client.organization.count({ where: { slug: { startsWith: "live-" } } })).toBe(copiedSlugs.length);
      const restoredSlugs = (
        await client.organization.findMany({ where: { slug: { startsWith: "seed-" } }, select: { slug: true } })
      ).map((row) => row.slug);
      expect(restoredSlugs).toHaveLength(30);
      // It works: a new write appends to the restored chain.
      await client.$transaction(async (tx) => {
        const created = await tx.organization.create({ data: organization("after-restore") });
        await appendExchange(tx, {
          kind: "manual.exchange",
          actor,
          organizationIds: [created.id],
          summary: "after-restore",
        });
      });
      const mode = await client.$queryRaw<{ journal_mode: string }[]>`PRAGMA journal_mode`;
      expect(mode[0]?.journal_mode).toBe("wal");
    } finally {
      await client.$disconnect();
    }
    const restoredCheck = verifyDatabaseFile(restored);
    expect(restoredCheck).toMatchObject({
      integrity: "ok",
      foreignKeyViolations: 0,
      ledger: { ok: true, count: ledgerRecords + 1 },
    });

    // And the operator's check on the restored file, through the application's own read path.
    const verify = await npmRun("ledger:verify", { DATABASE_URL: `file:${restored}` });
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`Registre des échanges intègre : ${ledgerRecords + 1} enregistrement(s)`);
  });

  it("keeps only the newest `keep` verified backups, and leaves other files alone", async () => {
    const directory = path.join(workDirectory, "pruning");
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "notes.txt"), "à garder");
    writeFileSync(path.join(directory, "amont-manual-copy.db"), "");
    const names: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const now = new Date(`2026-01-0${day}T03:00:00Z`);
      const result = await backupDatabase({ databaseUrl: process.env.DATABASE_URL!, directory, keep: 3, now });
      expect(result.ok).toBe(true);
      names.push(path.basename(result.file));
      expect(result.pruned).toEqual(day > 3 ? [names[day - 4]] : []);
    }
    expect(readdirSync(directory).sort()).toEqual(["amont-manual-copy.db", ...names.slice(2), "notes.txt"].sort());
    await expect(
      backupDatabase({
        databaseUrl: process.env.DATABASE_URL!,
        directory,
        keep: 3,
        now: new Date("2026-01-05T03:00:00Z"),
      }),
    ).rejects.toThrow(/déjà/);
    await expect(backupDatabase({ databaseUrl: process.env.DATABASE_URL!, directory, keep: 0 })).rejects.toThrow(
      /entier positif/,
    );
  });

  it("a database whose ledger was tampered with: the backup fails verification, is not kept as a backup and prunes nothing", async () => {
    const directory = path.join(workDirectory, "tampered-backups");
    const good = await backupDatabase({
      databaseUrl: process.env.DATABASE_URL!,
      directory,
      keep: 1,
      now: new Date("2026-02-01T00:00:00Z"),
    });
    expect(good.ok).toBe(true);
    const tampered = path.join(workDirectory, "tampered.db");
    copyFileSync(good.file, tampered);
    tamperWithLedger(tampered);

    const result = await backupDatabase({
      databaseUrl: `file:${tampered}`,
      directory,
      keep: 1,
      now: new Date("2026-02-02T00:00:00Z"),
    });
    expect(result).toMatchObject({ ok: false, integrity: "ok", ledger: { ok: false, brokenAt: 7 }, pruned: [] });
    expect(result.file.endsWith(".db.failed")).toBe(true);
    expect(existsSync(good.file)).toBe(true);
  });
});

describe("operator commands", () => {
  it("npm run ledger:verify and npm run db:backup exit 0 on a good database and 1 on a tampered one", async () => {
    const good = path.join(workDirectory, "cli-good.db");
    const tampered = path.join(workDirectory, "cli-tampered.db");
    // A consistent copy of this test's database (it is live, in WAL mode: copy it the safe way).
    const source = await backupDatabase({
      databaseUrl: process.env.DATABASE_URL!,
      directory: path.join(workDirectory, "cli-source"),
      keep: 1,
    });
    copyFileSync(source.file, good);
    copyFileSync(source.file, tampered);
    tamperWithLedger(tampered);

    const [verifyGood, verifyTampered, backupGood, backupTampered] = await Promise.all([
      npmRun("ledger:verify", { DATABASE_URL: `file:${good}` }),
      npmRun("ledger:verify", { DATABASE_URL: `file:${tampered}` }),
      npmRun("db:backup", {
        DATABASE_URL: `file:${good}`,
        BACKUP_DIR: path.join(workDirectory, "cli-good-backups"),
        BACKUP_KEEP: "2",
      }),
      npmRun("db:backup", {
        DATABASE_URL: `file:${tampered}`,
        BACKUP_DIR: path.join(workDirectory, "cli-tampered-backups"),
        BACKUP_KEEP: "2",
      }),
    ]);

    expect(verifyGood).toMatchObject({ code: 0, stderr: "" });
    expect(verifyGood.stdout).toContain(`Registre des échanges intègre : ${source.ledgerRecords} enregistrement(s)`);
    expect(verifyGood.stdout).toContain(source.ledger.ok ? source.ledger.lastHash : "?");

    expect(verifyTampered.code).toBe(1);
    expect(verifyTampered.stderr).toContain("Registre des échanges rompu à l'enregistrement n° 7");
    expect(verifyTampered.stderr).toContain("le contenu a été modifié après son enregistrement");

    expect(backupGood).toMatchObject({ code: 0, stderr: "" });
    expect(backupGood.stdout).toMatch(/^✓ Sauvegarde vérifiée \/ verified backup: .*amont-\d{8}T\d{6}Z\.db/);
    expect(backupGood.stdout.trim().split("\n")).toHaveLength(1);

    expect(backupTampered.code).toBe(1);
    expect(backupTampered.stderr).toContain("Sauvegarde NON valide");
    expect(backupTampered.stderr).toContain("n° 7");
  }, 40_000);
});
