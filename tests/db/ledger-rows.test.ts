// ledgerRecordBatches() reads the ledger without Prisma for verifyLedger(): it must give every
// record exactly as a findMany through `db` gives it (a different date or number would change what
// the chain's check computes), in sequence order, whatever the batch size, and let the event loop
// run between batches.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { dateTimeAsPrismaReadsIt, ledgerRecordBatches } from "~/db/ledger-rows.server";
import type { StoredRecord } from "~/ledger/canonical";
import { appendExchange } from "~/ledger/ledger.server";
import { appendFormat1 } from "../support/legacy-ledger";
import { openRaw } from "./support/helpers";

const COLUMNS = {
  sequence: true,
  kind: true,
  actorUserId: true,
  actorLabel: true,
  organizationIds: true,
  plannedProcurementId: true,
  eventId: true,
  summary: true,
  payload: true,
  occurredAt: true,
  previousHash: true,
  hash: true,
  format: true,
  salts: true,
  redactedDigests: true,
  legacyHash: true,
} as const;

/** occurredAt as SQLite may hold it: Prisma's own form, other texts, unix milliseconds. */
const STORED_DATES: (string | number)[] = [
  "2026-11-23T14:05:01.123+00:00",
  "2026-11-23T14:05:01.123+02:00",
  "2026-11-23T14:05:01.5+01",
  "2026-11-23T14:05:01Z",
  "2026-11-23 14:05:01",
  "2026-11-23T14:05:01",
  "2026-11-23",
  1_796_692_932_715,
];

async function allBatches(options?: Parameters<typeof ledgerRecordBatches>[0]): Promise<StoredRecord[][]> {
  const batches: StoredRecord[][] = [];
  for await (const batch of ledgerRecordBatches(options)) batches.push(batch);
  return batches;
}

beforeAll(async () => {
  await connectDatabase();
  await appendFormat1(3);
  await write(async (tx) => {
    const actor = { userId: null, label: "Système" };
    for (let n = 0; n < 4; n++) {
      await appendExchange(tx, {
        kind: "manual.exchange",
        actor: n % 2 ? actor : { userId: "user-1", label: "Marie « Dupont » 😀" },
        organizationIds: ["org-a", "org-b"],
        plannedProcurementId: n % 2 ? "proc-1" : null,
        eventId: n === 2 ? "event-1" : null,
        summary: `Échange ${n}\nsur deux lignes`,
        payload: { channel: "phone", n, nested: { b: [1, 0.5, null], a: "é" } },
        occurredAt: new Date(Date.UTC(2026, 10, 23, 14, n, 1, 123)),
      });
    }
  });
  // Rows as another writer (or SQLite's own CURRENT_TIMESTAMP) may have left them: they need not
  // fit the chain, only to be read the same way.
  const raw = openRaw();
  try {
    const insert = raw.prepare(
      `INSERT INTO "LedgerRecord" (sequence, kind, actorUserId, actorLabel, organizationIds, summary, payload,
         occurredAt, previousHash, hash, format, salts, redactedDigests, redactedAt, legacyHash)
       VALUES (?, 'manual.exchange', NULL, '[effacé]', '[]', 'résumé', '{"a":1}', ?, ?, ?, 2, '{}', '{"actorLabel":"ab"}', NULL, ?)`,
    );
    STORED_DATES.forEach((date, index) =>
      insert.run(100 + index, date, `previous-${index}`, `hash-${index}`, index % 2 ? `legacy-${index}` : null),
    );
  } finally {
    raw.close();
  }
});

describe("ledgerRecordBatches", () => {
  it("gives every record as Prisma reads it, in sequence order, whatever the batch size", async () => {
    const prisma = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" }, select: COLUMNS });
    expect(prisma).toHaveLength(3 + 4 + STORED_DATES.length);
    expect(prisma.some((record) => record.format === 1)).toBe(true);
    for (const batchSize of [1, 3, 5_000]) {
      const batches = await allBatches({ batchSize });
      expect(batches.every((batch) => batch.length <= batchSize)).toBe(true);
      expect(batches.flat()).toEqual(prisma);
    }
    expect((await allBatches({ after: 5 })).flat()).toEqual(prisma.filter((record) => record.sequence > 5));
    expect(await allBatches({ after: 1_000 })).toEqual([]);
  });

  it("reads a stored date as Prisma does, for each form SQLite may hold", async () => {
    const prisma = await db.ledgerRecord.findMany({
      where: { sequence: { gte: 100 } },
      orderBy: { sequence: "asc" },
      select: { occurredAt: true },
    });
    expect(STORED_DATES.map((stored) => dateTimeAsPrismaReadsIt(stored))).toEqual(
      prisma.map((record) => record.occurredAt),
    );
    expect(dateTimeAsPrismaReadsIt("2026-11-23T14:05:01.123+00:00").toISOString()).toBe("2026-11-23T14:05:01.123Z");
  });

  it("lets the event loop run between two batches", async () => {
    const events: string[] = [];
    for await (const batch of ledgerRecordBatches({ batchSize: 2 })) {
      events.push(`batch from ${batch[0]!.sequence}`);
      if (events.length === 1) setImmediate(() => events.push("another request"));
      if (events.length > 3) break;
    }
    expect(events).toEqual(["batch from 1", "another request", "batch from 3", "batch from 5"]);
  });
});
