// Reading the whole exchange ledger in sequence order, for verifyLedger() (issue 15: 100,000
// records in at most 2 s). Through Prisma, mapping the rows of findMany costs about twice what
// reading them costs (bench/ledger.ts); this reads the same columns straight from the read-only
// connection and gives each row the values Prisma gives. Part of the data layer because it runs
// SQL on the connection (decision 0002).
import type { StoredRecord } from "~/ledger/canonical";
import { readerConnection } from "./db.server";

/**
 * Rows per statement. better-sqlite3 is synchronous, so the event loop waits while a batch is read
 * (about 3 ms) and checked (about 12 ms). Small batches are also faster overall: their rows die
 * young, in the cheap garbage collection; 5,000 rows made the walk of 100,000 about 15 % slower.
 */
const BATCH = 1_000;

/**
 * The ledger's records after sequence `after` (0: all), in sequence order, a batch at a time. Each
 * batch is one statement on committed data, as a findMany through `db` would read it; before
 * reading the next one the event loop runs (setImmediate), so that the server keeps answering
 * during a long walk.
 */
export async function* ledgerRecordBatches(
  options: { after?: number; batchSize?: number } = {},
): AsyncGenerator<StoredRecord[], void, undefined> {
  const connection = await readerConnection();
  // Arrays rather than objects, and numbers rather than BigInt (the adapter turns safeIntegers on
  // for the connection; sequences and formats are far below 2^53).
  const statement = connection
    .prepare<[number, number], unknown[]>(
      `SELECT sequence, kind, actorUserId, actorLabel, organizationIds, plannedProcurementId, eventId, summary,
              payload, occurredAt, previousHash, hash, format, salts, redactedDigests, legacyHash
       FROM "LedgerRecord" WHERE sequence > ? ORDER BY sequence LIMIT ?`,
    )
    .raw(true)
    .safeIntegers(false);
  const size = options.batchSize ?? BATCH;
  let after = options.after ?? 0;
  for (;;) {
    const rows = statement.all(after, size);
    if (rows.length === 0) return;
    const records = rows.map(storedRecord);
    after = records[records.length - 1]!.sequence;
    yield records;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function storedRecord(row: unknown[]): StoredRecord {
  return {
    sequence: row[0] as number,
    kind: row[1] as string,
    actorUserId: row[2] as string | null,
    actorLabel: row[3] as string,
    organizationIds: row[4] as string,
    plannedProcurementId: row[5] as string | null,
    eventId: row[6] as string | null,
    summary: row[7] as string,
    payload: row[8] as string,
    occurredAt: dateTimeAsPrismaReadsIt(row[9] as string | number),
    previousHash: row[10] as string,
    hash: row[11] as string,
    format: row[12] as number,
    salts: row[13] as string | null,
    redactedDigests: row[14] as string | null,
    legacyHash: row[15] as string | null,
  };
}

/** A time at the end of a text, with its offset if any (the pattern Prisma's client uses). */
const TIME_AT_END = /\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * A DateTime column's value as Prisma reads it, so that a record hashes the same whichever way it
 * was read. The adapter writes ISO text with an offset (`2026-11-23T14:05:01.123+00:00`, read as
 * it is); Prisma's client completes other texts: no offset is UTC, an offset without minutes gets
 * ":00", a date alone is midnight UTC, a time alone is on 1970-01-01, a space before the time is a
 * "T". A number is unix milliseconds (the adapter's "unixepoch-ms" format).
 */
export function dateTimeAsPrismaReadsIt(value: string | number | bigint): Date {
  if (typeof value !== "string") {
    const date = new Date(Number(value));
    // Prisma turns it into ISO text first, which throws for an invalid date.
    if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid time value: ${value}`);
    return date;
  }
  const time = TIME_AT_END.exec(value);
  if (time === null) return new Date(`${value}T00:00:00Z`);
  const [whole, zone, zoneMinutes] = time;
  let text = value;
  if (zone === undefined) text = `${value}Z`;
  else if (zone !== "Z" && zoneMinutes === undefined) text = `${value}:00`;
  if (whole.length === value.length) return new Date(`1970-01-01T${text}`);
  const separator = time.index - 1;
  if (text[separator] === " ") text = `${text.slice(0, separator)}T${text.slice(separator + 1)}`;
  return new Date(text);
}
