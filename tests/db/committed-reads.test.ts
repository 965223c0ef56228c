// Proof, with real SQLite connections, that reads only ever see committed data: a read made through
// `db` while another request's write() transaction is open never sees its rows, whether that
// transaction later commits or rolls back. The "naive single client" test shows the dirty read that
// a plain PrismaClient gives in the same situation (docs/platform.md, "SQLite connections").
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { PrismaClient } from "~/generated/prisma/client";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";
import { actor, committedSlugs, freshDatabaseCopy, gate, organization, sleep } from "./support/helpers";

beforeAll(async () => {
  await connectDatabase();
});

/** Several concurrent "requests" reading through `db`, as loaders would. */
async function readsFromOtherRequests(slug: string) {
  const [bySlug, organizations, ledgerRecords, raw] = await Promise.all([
    db.organization.findUnique({ where: { slug } }),
    db.organization.count(),
    db.ledgerRecord.count(),
    db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "Organization" WHERE slug = ${slug}`,
  ]);
  return { bySlug, organizations, ledgerRecords, rawCount: Number(raw[0]?.n ?? -1) };
}

describe("reads through db see only committed data", () => {
  it("a read during another request's open write transaction never sees its uncommitted rows; after commit it does", async () => {
    const organizationsBefore = await db.organization.count();
    const ledgerBefore = await db.ledgerRecord.count();
    const release = gate();
    const inside = gate();
    const requestA = write(async (tx) => {
      const created = await tx.organization.create({ data: organization("open-a") });
      await appendExchange(tx, { kind: "manual.exchange", actor, organizationIds: [created.id], summary: "open-a" });
      // The transaction itself sees its rows.
      expect(await tx.organization.findUnique({ where: { slug: "open-a" } })).not.toBeNull();
      inside.open();
      await release.promise;
      return created;
    });
    await inside.promise;

    // Another request's write waits for A instead of running inside it.
    let cDone = false;
    const requestC = write((tx) => tx.organization.create({ data: organization("open-c") })).then((row) => {
      cDone = true;
      return row;
    });

    // Many reads, spread over a while, while A is open.
    for (let round = 0; round < 20; round++) {
      expect(await readsFromOtherRequests("open-a")).toEqual({
        bySlug: null,
        organizations: organizationsBefore,
        ledgerRecords: ledgerBefore,
        rawCount: 0,
      });
      await sleep(2);
    }
    expect(cDone).toBe(false);
    expect(await db.organization.findUnique({ where: { slug: "open-c" } })).toBeNull();

    release.open();
    const created = await requestA;
    expect(await readsFromOtherRequests("open-a")).toMatchObject({
      bySlug: { id: created.id, slug: "open-a" },
      ledgerRecords: ledgerBefore + 1,
      rawCount: 1,
    });
    await requestC;
    expect(await db.organization.findUnique({ where: { slug: "open-c" } })).toMatchObject({ slug: "open-c" });
    expect(await db.organization.count()).toBe(organizationsBefore + 2);
    expect(await verifyLedger()).toMatchObject({ ok: true, count: ledgerBefore + 1 });
  });

  it("a transaction that rolls back is never visible, neither while it is open nor afterwards", async () => {
    const release = gate();
    const inside = gate();
    const requestA = write(async (tx) => {
      await tx.organization.create({ data: organization("doomed") });
      await appendExchange(tx, { kind: "manual.exchange", actor, organizationIds: [], summary: "doomed" });
      inside.open();
      await release.promise;
      throw new Error("refusé");
    });
    await inside.promise;
    const ledgerBefore = await db.ledgerRecord.count();
    expect(await db.organization.findUnique({ where: { slug: "doomed" } })).toBeNull();
    release.open();
    await expect(requestA).rejects.toThrow("refusé");
    expect(await db.organization.findUnique({ where: { slug: "doomed" } })).toBeNull();
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);
    expect(await db.ledgerRecord.findFirst({ where: { summary: "doomed" } })).toBeNull();
    expect(committedSlugs().has("doomed")).toBe(false);
  });

  it("the read client cannot write: SQLite refuses the statement instead of applying it", async () => {
    await expect(
      db.$queryRaw`INSERT INTO "Organization" (id, kind, name, slug, departement, updatedAt) VALUES ('r', 'buyer', 'R', 'read-client-write', '75', '2026-01-01T00:00:00.000+00:00')`,
    ).rejects.toThrow(/readonly|read-only/i);
    expect(committedSlugs().has("read-client-write")).toBe(false);
  });

  it("naive single client: a bare read during another request's transaction sees its uncommitted rows (the trap our data layer prevents)", async () => {
    const file = freshDatabaseCopy("naive-dirty-read");
    const naive = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
    try {
      const release = gate();
      const inside = gate();
      const requestA = naive.$transaction(async (tx) => {
        await tx.organization.create({ data: organization("naive-uncommitted") });
        inside.open();
        await release.promise;
        throw new Error("A fails");
      });
      await inside.promise;
      // Request B reads, as a loader would, on the same client: it gets A's uncommitted row.
      const dirty = await naive.organization.findUnique({ where: { slug: "naive-uncommitted" } });
      expect(dirty).toMatchObject({ slug: "naive-uncommitted" });
      release.open();
      await expect(requestA).rejects.toThrow("A fails");
      // The row B was shown never existed.
      expect(committedSlugs(file).has("naive-uncommitted")).toBe(false);
      expect(await naive.organization.findUnique({ where: { slug: "naive-uncommitted" } })).toBeNull();
    } finally {
      await naive.$disconnect();
    }
  });
});
