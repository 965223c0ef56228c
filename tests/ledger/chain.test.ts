import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { write } from "~/db/db.server";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";

const actor = { userId: null, label: "Test" };

describe("exchange ledger", () => {
  it("chains records and verifies them", async () => {
    for (let i = 0; i < 3; i++) {
      await write((tx) =>
        appendExchange(tx, {
          kind: "manual.exchange",
          actor,
          organizationIds: ["b", "a"],
          summary: `Appel ${i}`,
          payload: { n: i, z: { y: 1, x: 2 } },
        }),
      );
    }
    const result = await verifyLedger();
    expect(result).toMatchObject({ ok: true, count: 3 });
  });

  it("refuses updates and deletes in the database itself", async () => {
    const raw = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    try {
      expect(() => raw.prepare(`UPDATE "LedgerRecord" SET summary = 'x'`).run()).toThrow(/append-only/);
      expect(() => raw.prepare(`DELETE FROM "LedgerRecord"`).run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it("never forks under many concurrent appends", async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        write((tx) =>
          appendExchange(tx, { kind: "manual.exchange", actor, organizationIds: ["a"], summary: `Concurrent ${i}` }),
        ),
      ),
    );
    const result = await verifyLedger();
    expect(result).toMatchObject({ ok: true, count: 53 });
  });

  it("reports the first record whose content was edited behind the triggers", async () => {
    const raw = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    try {
      raw.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
      raw.prepare(`UPDATE "LedgerRecord" SET summary = 'Réécrit' WHERE sequence = 7`).run();
    } finally {
      raw.close();
    }
    const result = await verifyLedger();
    expect(result).toMatchObject({ ok: false, brokenAt: 7 });
  });
});
