// The built server upgrades a ledger written in format 1 when it starts (usually `npm run db:setup`
// has done it already), before its workers run.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { appendFormat1 } from "../support/legacy-ledger";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
});

describe("the server's start", () => {
  it("upgrades the records written in format 1, then says so in its log", async () => {
    await appendFormat1(12);
    server = await startServer();
    // The upgrade runs as the server starts; wait for its log line (bounded, like the start itself).
    const deadline = Date.now() + 20_000;
    while (!server.logs().includes("[ledger] 12 record(s) upgraded to format 2") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.logs()).toContain("[ledger] 12 record(s) upgraded to format 2");
    expect(await db.ledgerRecord.count({ where: { format: 1 } })).toBe(0);
    expect(await db.ledgerRecord.findFirst({ where: { kind: "ledger.upgraded" } })).not.toBeNull();
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 13 });
  });
});
