// The one-time upgrade of format 1 records (decision 0022): a chain written before the change, as
// existing deployments have it, is checked, upgraded batch by batch, and verifies after every batch;
// a broken chain is left as it is; `npm run ledger:verify` and `npm run ledger:upgrade` say so.
import { describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";
import { upgradeLedger } from "~/ledger/upgrade.server";
import { appendFormat1, runLedgerScript } from "../support/legacy-ledger";

describe("the upgrade of format 1 records", () => {
  it("checks the chain, upgrades it batch by batch (a crash between batches still verifies), then does nothing", async () => {
    await appendFormat1(23);
    const before = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });
    expect(before.every((record) => record.format === 1)).toBe(true);
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 23 });
    const verifiedBefore = await runLedgerScript("ledger-verify");
    expect(verifiedBefore.code).toBe(0);
    expect(verifiedBefore.output).toContain("Registre des échanges intègre : 23 enregistrement(s)");

    // A crash after the first committed batch: a format 2 prefix, then format 1 records.
    expect(await upgradeLedger({ batchSize: 10, stopAfterBatches: 1 })).toEqual({
      status: "upgraded",
      upgraded: 10,
      complete: false,
    });
    const halfway = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });
    expect(halfway.map((record) => record.format)).toEqual([...Array(10).fill(2), ...Array(13).fill(1)]);
    expect(halfway[10]!.previousHash).toBe(halfway[9]!.legacyHash);
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 23 });
    // A record appended meanwhile, in format 2, after the format 1 records: it links to the last one.
    await write((tx) =>
      appendExchange(tx, {
        kind: "manual.exchange",
        actor: { userId: null, label: "Test" },
        organizationIds: ["org-a"],
        summary: "Écrit pendant la mise à niveau",
      }),
    );
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 24 });

    // The rest, resumed: every record in format 2 with its former hash kept, the content unchanged.
    expect(await upgradeLedger({ batchSize: 10 })).toEqual({ status: "upgraded", upgraded: 13, complete: true });
    const after = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });
    expect(after.every((record) => record.format === 2 && record.salts)).toBe(true);
    for (const [index, record] of before.entries()) {
      expect(after[index]).toMatchObject({
        legacyHash: record.hash,
        summary: record.summary,
        payload: record.payload,
        actorLabel: record.actorLabel,
      });
      expect(after[index]!.hash).not.toBe(record.hash);
    }
    expect(after[23]!.legacyHash).toBeNull();
    const marker = after[24]!;
    expect(marker.kind).toBe("ledger.upgraded");
    expect(JSON.parse(marker.payload)).toEqual({
      upgradedCount: 23,
      legacyHead: { sequence: 23, hash: before[22]!.hash },
    });
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 25 });
    const verifiedAfter = await runLedgerScript("ledger-verify");
    expect(verifiedAfter.code).toBe(0);
    expect(verifiedAfter.output).toContain("Registre des échanges intègre : 25 enregistrement(s)");

    // A second run finds nothing to do and changes nothing.
    expect(await upgradeLedger()).toEqual({ status: "nothing" });
    expect(await db.ledgerRecord.count()).toBe(25);
  });
});
