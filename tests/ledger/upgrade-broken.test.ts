// A format 1 chain that was tampered with is not upgraded: rewriting it would hide the tampering.
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { upgradeLedger } from "~/ledger/upgrade.server";
import { appendFormat1, runLedgerScript } from "../support/legacy-ledger";

describe("a broken format 1 chain", () => {
  it("is left as it is, and both scripts name the broken record", async () => {
    await appendFormat1(8);
    const raw = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    try {
      raw.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
      raw.prepare(`UPDATE "LedgerRecord" SET summary = 'Réécrit' WHERE sequence = 5`).run();
    } finally {
      raw.close();
    }
    const before = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });

    const upgrade = await runLedgerScript("ledger-upgrade");
    expect(upgrade.code).toBe(1);
    expect(upgrade.output).toContain("Registre des échanges laissé tel quel : il est rompu à l'enregistrement n° 5");
    expect(await upgradeLedger()).toMatchObject({ status: "broken", brokenAt: 5 });
    expect(await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } })).toEqual(before);

    const verify = await runLedgerScript("ledger-verify");
    expect(verify.code).toBe(1);
    expect(verify.output).toContain("Registre des échanges rompu à l'enregistrement n° 5");
    expect(await verifyLedger()).toMatchObject({ ok: false, brokenAt: 5 });
  });
});
