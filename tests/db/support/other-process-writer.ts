// A second OS process writing to the same SQLite file as the test process, the way a CLI run beside
// the server would (`npm run db:setup`, a maintenance script): its own better-sqlite3 connection,
// BEGIN IMMEDIATE, a few rows, the lock held a while, then COMMIT. It also appends to the exchange
// ledger, with the same hashing as the application, so that a fork or a lost record shows up.
//
// Run with tsx. Reports one JSON line per event on stdout.
//   bursts <db> <rounds> <holdMinMs> <holdMaxMs> <gapMs> <prefix>
//       repeatedly takes the write lock, writes one organisation and one ledger record, holds the
//       lock for a random time in [holdMin, holdMax], commits.
//   hold <db> <prefix>
//       takes the write lock, writes one organisation, reports "locked", and keeps the lock until
//       it reads "commit" or "rollback" on stdin.
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import BetterSqlite3 from "better-sqlite3";
import { canonicalJson, GENESIS_HASH, sealRecord } from "../../../app/ledger/canonical";

type Event = Record<string, string | number | boolean | null>;
const report = (event: Event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const [mode, file, ...rest] = process.argv.slice(2);
if (!mode || !file) {
  console.error("usage: other-process-writer.ts bursts|hold <db> ...");
  process.exit(2);
}

const connection = new BetterSqlite3(file, { fileMustExist: true });
connection.pragma("busy_timeout = 10000");
connection.pragma("foreign_keys = ON");
connection.pragma("journal_mode = WAL");

/** The adapter stores DateTime as ISO 8601 text with an explicit offset. */
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function insertOrganization(slug: string): string {
  const id = `child-${randomUUID()}`;
  const now = sqliteDate(new Date());
  connection
    .prepare(
      `INSERT INTO "Organization" (id, kind, name, slug, departement, createdAt, updatedAt) VALUES (?, 'supplier', ?, ?, '69', ?, ?)`,
    )
    .run(id, `Autre processus ${slug}`, slug, now, now);
  return id;
}

function appendLedgerRecord(organizationId: string, summary: string): number {
  const last = connection.prepare(`SELECT sequence, hash FROM "LedgerRecord" ORDER BY sequence DESC LIMIT 1`).get() as
    { sequence: number; hash: string } | undefined;
  const fields = {
    sequence: (last?.sequence ?? 0) + 1,
    kind: "manual.exchange",
    actorUserId: null,
    actorLabel: "Autre processus",
    organizationIds: canonicalJson([organizationId]),
    plannedProcurementId: null,
    eventId: null,
    summary,
    payload: canonicalJson({ from: "other-process" }),
    occurredAt: new Date(),
    previousHash: last?.hash ?? GENESIS_HASH,
  };
  const sealed = sealRecord(fields);
  connection
    .prepare(
      `INSERT INTO "LedgerRecord" (sequence, kind, actorUserId, actorLabel, organizationIds, plannedProcurementId, eventId, summary, payload, occurredAt, previousHash, hash, format, salts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      fields.sequence,
      fields.kind,
      fields.actorUserId,
      fields.actorLabel,
      fields.organizationIds,
      fields.plannedProcurementId,
      fields.eventId,
      fields.summary,
      fields.payload,
      sqliteDate(fields.occurredAt),
      fields.previousHash,
      sealed.hash,
      sealed.format,
      sealed.salts,
    );
  connection
    .prepare(`INSERT INTO "LedgerParty" (sequence, organizationId) VALUES (?, ?)`)
    .run(fields.sequence, organizationId);
  return fields.sequence;
}

async function bursts(rounds: number, holdMinMs: number, holdMaxMs: number, gapMs: number, prefix: string) {
  for (let round = 0; round < rounds; round++) {
    const slug = `${prefix}-${round}`;
    const waitStart = Date.now();
    connection.exec("BEGIN IMMEDIATE");
    const waitedMs = Date.now() - waitStart;
    const organizationId = insertOrganization(slug);
    const sequence = appendLedgerRecord(organizationId, `Écriture de l'autre processus ${slug}`);
    const heldMs = holdMinMs + Math.round(Math.random() * (holdMaxMs - holdMinMs));
    await sleep(heldMs);
    connection.exec("COMMIT");
    report({ event: "committed", slug, sequence, heldMs, waitedMs });
    await sleep(gapMs);
  }
}

async function hold(prefix: string) {
  connection.exec("BEGIN IMMEDIATE");
  insertOrganization(`${prefix}-held`);
  report({ event: "locked" });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = line.trim();
    if (command === "commit" || command === "rollback") {
      connection.exec(command === "commit" ? "COMMIT" : "ROLLBACK");
      report({ event: "released", how: command });
      break;
    }
  }
  lines.close();
}

try {
  if (mode === "bursts") {
    const [rounds, holdMin, holdMax, gap, prefix] = rest;
    await bursts(Number(rounds), Number(holdMin), Number(holdMax), Number(gap), prefix ?? "other");
  } else if (mode === "hold") {
    await hold(rest[0] ?? "other");
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  report({ event: "done" });
} catch (error) {
  report({ event: "error", message: String(error), code: (error as { code?: string }).code ?? null });
  process.exitCode = 1;
} finally {
  connection.close();
}
