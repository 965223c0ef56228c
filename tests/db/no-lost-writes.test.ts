// Proof, with real SQLite connections, that the data layer loses no acknowledged write: concurrent
// transactions that partly roll back, a second OS process writing the same file, a lock held past
// the retry budget, a COMMIT failing with SQLITE_BUSY (prisma/orm#29933), a connection left inside
// a transaction. The "naive single client" tests run the same situations on a plain PrismaClient to
// show that the trap is real (see docs/platform.md, "SQLite connections") and that these tests catch it.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { connectDatabase, db, DatabaseBusyError, write, writerConnectionForTests } from "~/db/db.server";
import { connectionOf, type SqliteDatabase } from "~/db/sqlite-adapter.server";
import { PrismaClient } from "~/generated/prisma/client";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";
import {
  actor,
  committed,
  committedSlugs,
  databaseFile,
  freshDatabaseCopy,
  gate,
  organization,
  seededRandom,
  sleep,
  startOtherProcess,
} from "./support/helpers";

/** Counts committed rows whose slug starts with a prefix, through a separate connection. */
function committedWithPrefix(prefix: string, file = databaseFile()): Set<string> {
  return new Set([...committedSlugs(file)].filter((slug) => slug.startsWith(prefix)));
}

function committedLedgerSummaries(): string[] {
  return committed((connection) =>
    (connection.prepare(`SELECT summary FROM "LedgerRecord" ORDER BY sequence`).all() as { summary: string }[]).map(
      (row) => row.summary,
    ),
  );
}

/** Makes the next COMMIT on a connection fail with a real SQLITE_BUSY error, as SQLite reports it. */
function failNextCommitWithBusy(connection: SqliteDatabase): { fired: () => number } {
  const prepare = connection.prepare.bind(connection);
  let fired = 0;
  (connection as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    if (fired === 0 && sql.trim().toUpperCase() === "COMMIT") {
      fired++;
      // What better-sqlite3 throws when SQLite answers SQLITE_BUSY: the statement did not run, and
      // SQLite keeps the transaction open.
      throw new BetterSqlite3.SqliteError("database is locked", "SQLITE_BUSY");
    }
    return prepare(sql);
  };
  return { fired: () => fired };
}

beforeAll(async () => {
  await connectDatabase();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("write(): every acknowledged write is kept, every rolled-back one is gone", () => {
  it("200 concurrent writes where a random subset throws after writing: exactly the acknowledged ones are committed, and the ledger chain verifies", async () => {
    const random = seededRandom(20261123);
    const total = 200;
    const rolledBack = new Set<number>();
    for (let i = 0; i < total; i++) if (random() < 0.3) rolledBack.add(i);
    const ledgerBefore = (await verifyLedger()).count;

    // Readers running all along: none may ever see a row of a transaction that rolls back.
    let writing = true;
    const dirtyReads: string[] = [];
    const reader = (async () => {
      let reads = 0;
      while (writing || reads === 0) {
        const rows = await db.organization.findMany({ where: { slug: { startsWith: "w-" } }, select: { slug: true } });
        for (const { slug } of rows) if (rolledBack.has(Number(slug.slice(2)))) dirtyReads.push(slug);
        reads++;
        await sleep(1);
      }
      return reads;
    })();

    const outcomes = await Promise.allSettled(
      Array.from({ length: total }, (_, i) =>
        write(async (tx) => {
          await tx.organization.create({ data: organization(`w-${i}`) });
          await new Promise((resolve) => setImmediate(resolve));
          await appendExchange(tx, { kind: "manual.exchange", actor, organizationIds: [], summary: `w-${i}` });
          if (rolledBack.has(i)) throw new Error(`rollback ${i}`);
          return i;
        }),
      ),
    );
    writing = false;
    const reads = await reader;

    const acknowledged = new Set<string>();
    outcomes.forEach((outcome, i) => {
      if (rolledBack.has(i)) {
        expect(outcome).toMatchObject({ status: "rejected", reason: { message: `rollback ${i}` } });
      } else {
        expect(outcome).toEqual({ status: "fulfilled", value: i });
        acknowledged.add(`w-${i}`);
      }
    });
    expect(acknowledged.size).toBe(total - rolledBack.size);
    expect(rolledBack.size).toBeGreaterThan(30);

    expect(dirtyReads).toEqual([]);
    // The reads really interleaved with the open transactions.
    expect(reads).toBeGreaterThan(20);
    // Ground truth: a separate connection on the file.
    expect(committedWithPrefix("w-")).toEqual(acknowledged);
    expect(new Set(committedLedgerSummaries().filter((summary) => summary.startsWith("w-")))).toEqual(acknowledged);
    // And the application's read path agrees.
    expect(await db.organization.count({ where: { slug: { startsWith: "w-" } } })).toBe(acknowledged.size);
    expect(await verifyLedger()).toMatchObject({ ok: true, count: ledgerBefore + acknowledged.size });
  });

  it("our data layer: when another request's transaction rolls back, a write made meanwhile is kept, and the read client refuses writes", async () => {
    const release = gate();
    const inside = gate();
    const requestA = write(async (tx) => {
      await tx.organization.create({ data: organization("ours-a") });
      inside.open();
      await release.promise;
      throw new Error("A fails");
    });
    await inside.promise;
    // Request B writes the only way the application can: through write(). It waits for A.
    let bAcknowledged = false;
    const requestB = write((tx) => tx.organization.create({ data: organization("ours-b") })).then((row) => {
      bAcknowledged = true;
      return row;
    });
    // A "bare" write on the read client is refused by SQLite, not silently queued into A.
    await expect(
      db.$queryRaw`INSERT INTO "Organization" (id, kind, name, slug, departement, updatedAt) VALUES ('bare', 'buyer', 'Bare', 'ours-bare', '75', '2026-01-01T00:00:00.000+00:00')`,
    ).rejects.toThrow(/readonly|read-only/i);
    await sleep(30);
    expect(bAcknowledged).toBe(false);
    release.open();
    await expect(requestA).rejects.toThrow("A fails");
    await expect(requestB).resolves.toMatchObject({ slug: "ours-b" });
    expect(committedWithPrefix("ours-")).toEqual(new Set(["ours-b"]));
  });

  it("naive single client: a bare write during another request's transaction is lost when it rolls back (the trap our data layer prevents)", async () => {
    const file = freshDatabaseCopy("naive-lost-write");
    const naive = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
    try {
      const release = gate();
      const inside = gate();
      // Request A: an interactive transaction that will fail.
      const requestA = naive.$transaction(async (tx) => {
        await tx.organization.create({ data: organization("naive-a") });
        inside.open();
        await release.promise;
        throw new Error("A fails");
      });
      await inside.promise;
      // Request B, concurrently: a plain write, as naive route code would do. It is acknowledged...
      const b = await naive.organization.create({ data: organization("naive-b") });
      expect(b.slug).toBe("naive-b");
      release.open();
      await expect(requestA).rejects.toThrow("A fails");
      // ...but it ran inside A's transaction on the shared connection, and A's rollback took it.
      expect(committedSlugs(file).has("naive-b")).toBe(false);
      expect(await naive.organization.findUnique({ where: { slug: "naive-b" } })).toBeNull();
    } finally {
      await naive.$disconnect();
    }
  });
});

describe("a second OS process writing the same file", () => {
  it("while this process runs many write() calls: no lost write on either side, no crash, waits retried", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ledgerBefore = (await verifyLedger()).count;
    // The other process takes the write lock 6 times, holding it 300-700 ms each time.
    const other = startOtherProcess(["bursts", databaseFile(), "6", "300", "700", "80", "cli"]);
    let otherDone = false;
    void other.exited.then(() => {
      otherDone = true;
    });

    // 10 "clients" writing in a loop until the other process is done (and at least a few times each).
    const acknowledged = new Set<string>();
    const failures: unknown[] = [];
    let counter = 0;
    const clients = Array.from({ length: 10 }, async () => {
      let mine = 0;
      while (!otherDone || mine < 3) {
        const slug = `load-${counter++}`;
        try {
          await write(async (tx) => {
            const created = await tx.organization.create({ data: organization(slug) });
            await appendExchange(tx, { kind: "manual.exchange", actor, organizationIds: [created.id], summary: slug });
          });
          acknowledged.add(slug);
        } catch (error) {
          failures.push(error);
        }
        mine++;
        // Yield through setImmediate rather than a timer: back-to-back timers whose callbacks take
        // longer than their delay keep Node in its timers phase and starve I/O (here: noticing
        // that the other process exited). Real writes are triggered by I/O and cannot do that.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await Promise.all(clients);
    const { code, stderr } = await other.exited;

    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(failures).toEqual([]);
    const otherCommitted = other.events
      .filter((event) => event.event === "committed")
      .map((event) => String(event.slug));
    expect(otherCommitted).toHaveLength(6);
    // Contention really happened: some of our transactions had to wait for the other process.
    const retries = warn.mock.calls.filter(([message]) => String(message).includes("database busy")).length;
    expect(retries).toBeGreaterThan(0);

    expect(committedWithPrefix("load-")).toEqual(acknowledged);
    expect(committedWithPrefix("cli-")).toEqual(new Set(otherCommitted));
    const summaries = committedLedgerSummaries();
    expect(summaries.filter((summary) => summary.startsWith("load-")).sort()).toEqual([...acknowledged].sort());
    expect(summaries.filter((summary) => summary.includes("autre processus cli-"))).toHaveLength(6);
    expect(await verifyLedger()).toMatchObject({ ok: true, count: ledgerBefore + acknowledged.size + 6 });
  });

  it("holding the lock longer than the retry budget: write() rejects with DatabaseBusyError in French, nothing half-applied; once released, writes work again", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    // The retry budget is 8 s in production; 2 s here keeps the test short (same code path).
    const budget = process.env.DB_WRITE_RETRY_BUDGET_MS;
    process.env.DB_WRITE_RETRY_BUDGET_MS = "2000";
    const other = startOtherProcess(["hold", databaseFile(), "holder"]);
    try {
      await other.next("locked");
      const ledgerBefore = committed(
        (connection) => connection.prepare(`SELECT COUNT(*) AS n FROM "LedgerRecord"`).get() as { n: number },
      ).n;
      const startedAt = Date.now();
      const outcomes = await Promise.allSettled(
        [0, 1, 2].map((i) =>
          write(async (tx) => {
            const created = await tx.organization.create({ data: organization(`busy-${i}`) });
            await appendExchange(tx, {
              kind: "manual.exchange",
              actor,
              organizationIds: [created.id],
              summary: `busy-${i}`,
            });
          }),
        ),
      );
      const elapsed = Date.now() - startedAt;
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        const reason = (outcome as PromiseRejectedResult).reason as DatabaseBusyError;
        expect(reason).toBeInstanceOf(DatabaseBusyError);
        expect(reason.status).toBe(503);
        expect(reason.message).toBe("La base de données est momentanément occupée. Réessayez dans quelques secondes.");
      }
      // It waited (with retries), bounded by the budget, not forever.
      expect(elapsed).toBeGreaterThan(1_900);
      expect(elapsed).toBeLessThan(8_000);
      // Nothing half-applied, and the writer is not left inside a transaction.
      expect((await writerConnectionForTests()).inTransaction).toBe(false);
      other.send("commit");
      await other.next("released");
      expect(committedWithPrefix("busy-")).toEqual(new Set());
      expect(committedWithPrefix("holder-")).toEqual(new Set(["holder-held"]));
      expect(
        committed((connection) => connection.prepare(`SELECT COUNT(*) AS n FROM "LedgerRecord"`).get() as { n: number })
          .n,
      ).toBe(ledgerBefore);

      // The lock is free again: writes go through, and commit for real.
      await write(async (tx) => {
        const created = await tx.organization.create({ data: organization("after-busy") });
        await appendExchange(tx, {
          kind: "manual.exchange",
          actor,
          organizationIds: [created.id],
          summary: "after-busy",
        });
      });
      expect(committedWithPrefix("after-busy")).toEqual(new Set(["after-busy"]));
      expect((await writerConnectionForTests()).inTransaction).toBe(false);
      expect(await verifyLedger()).toMatchObject({ ok: true });
      expect((await other.exited).code).toBe(0);
    } finally {
      if (budget === undefined) delete process.env.DB_WRITE_RETRY_BUDGET_MS;
      else process.env.DB_WRITE_RETRY_BUDGET_MS = budget;
      if (other.child.exitCode === null) other.child.kill();
    }
  }, 20_000);
});

describe("a writer connection left inside a transaction (prisma/orm#29933)", () => {
  // prisma/orm#29933: with this adapter, when COMMIT fails with SQLITE_BUSY, SQLite keeps the
  // transaction open, Prisma reports the error but never releases the adapter's lock, and the next
  // statements on that connection run inside the still-open transaction: acknowledged, then lost.
  // A real SQLITE_BUSY at COMMIT is rare in WAL mode, so the test injects the same failure on the
  // real connection: the COMMIT statement throws the SqliteError that SQLite's answer produces.
  it("a COMMIT failing with SQLITE_BUSY: the write is retried on a fresh connection, commits once, and the next writes commit for real", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await writerConnectionForTests();
    const fault = failNextCommitWithBusy(before);

    await write(async (tx) => {
      const created = await tx.organization.create({ data: organization("commit-busy") });
      await appendExchange(tx, {
        kind: "manual.exchange",
        actor,
        organizationIds: [created.id],
        summary: "commit-busy",
      });
    });
    expect(fault.fired()).toBe(1);
    expect(errors.mock.calls.some(([message]) => String(message).includes("left inside a transaction"))).toBe(true);

    // The zombie transaction was rolled back and its connection closed: nothing can run inside it.
    expect(before.open).toBe(false);
    const after = await writerConnectionForTests();
    expect(after).not.toBe(before);
    expect(after.inTransaction).toBe(false);

    // Committed exactly once (the retry), visible to other connections.
    expect(committedWithPrefix("commit-busy")).toEqual(new Set(["commit-busy"]));
    expect(committedLedgerSummaries().filter((summary) => summary === "commit-busy")).toHaveLength(1);

    // The writer is not stuck on the adapter's lock: concurrent writes go through and are durable.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        write((tx) => tx.organization.create({ data: organization(`post-commit-busy-${i}`) })),
      ),
    );
    expect(committedWithPrefix("post-commit-busy-").size).toBe(20);
    expect(await verifyLedger()).toMatchObject({ ok: true });
  });

  it("a connection left inside a transaction before write() is called: the stray transaction is rolled back and the write commits outside it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const connection = await writerConnectionForTests();
    // Simulates what an earlier failure leaves behind: an open transaction holding unconfirmed rows.
    connection.exec("BEGIN");
    connection
      .prepare(
        `INSERT INTO "Organization" (id, kind, name, slug, departement, updatedAt) VALUES ('zombie', 'buyer', 'Zombie', 'zombie-row', '75', '2026-01-01T00:00:00.000+00:00')`,
      )
      .run();

    const created = await write((tx) => tx.organization.create({ data: organization("after-zombie") }));
    expect(created.slug).toBe("after-zombie");
    expect(errors.mock.calls.some(([message]) => String(message).includes("left inside a transaction"))).toBe(true);

    // The write is durable (a separate connection sees it); the stray transaction's row is not.
    expect(committedWithPrefix("after-zombie")).toEqual(new Set(["after-zombie"]));
    expect(committedWithPrefix("zombie-row")).toEqual(new Set());
    expect((await writerConnectionForTests()).inTransaction).toBe(false);
    expect(await db.organization.findUnique({ where: { slug: "after-zombie" } })).toMatchObject({
      slug: "after-zombie",
    });
  });

  it("naive single client: after a COMMIT fails with SQLITE_BUSY, the next acknowledged write runs inside the zombie transaction and is lost (prisma/orm#29933)", async () => {
    const file = freshDatabaseCopy("naive-29933");
    // A plain adapter; the subclass only keeps a handle on its connection to inject the fault.
    let connection: SqliteDatabase | undefined;
    class ObservedAdapter extends PrismaBetterSQLite3 {
      override async connect() {
        const adapter = await super.connect();
        connection = connectionOf(adapter);
        return adapter;
      }
    }
    const naive = new PrismaClient({ adapter: new ObservedAdapter({ url: `file:${file}` }) });
    try {
      await naive.$connect();
      failNextCommitWithBusy(connection!);
      await expect(
        naive.$transaction((tx) => tx.organization.create({ data: organization("naive-commit") })),
      ).rejects.toThrow();
      // SQLite kept the transaction open...
      expect(connection!.inTransaction).toBe(true);
      // ...so the next request's write is acknowledged but runs inside it: nobody else sees it.
      const acknowledged = await naive.organization.create({ data: organization("naive-acknowledged") });
      expect(acknowledged.slug).toBe("naive-acknowledged");
      expect(committedSlugs(file).has("naive-acknowledged")).toBe(false);
      // The adapter's lock was never released: the next interactive transaction waits forever.
      const stuck = naive.$transaction((tx) => tx.organization.count(), { maxWait: 200 });
      stuck.catch(() => undefined);
      const settled = await Promise.race([
        stuck.then(
          () => "settled",
          () => "settled",
        ),
        sleep(1_000).then(() => "still waiting"),
      ]);
      expect(settled).toBe("still waiting");
    } finally {
      await naive.$disconnect();
    }
    // When the process stops (here: disconnect), the zombie is rolled back: the acknowledged write is lost.
    expect(committedSlugs(file).has("naive-acknowledged")).toBe(false);
    expect(committedSlugs(file).has("naive-commit")).toBe(false);
  });
});
