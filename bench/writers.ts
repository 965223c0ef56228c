// Writer benchmark (issue 7, point 5): W concurrent writers, each doing small transactions (one
// exchange-ledger append through write() + appendExchange()), on the database given by
// DATABASE_URL (freshly migrated, empty: `npm run bench` creates one). Bounded in count and time.
//
//   node node_modules/tsx/dist/cli.mjs bench/writers.ts [--writers 20] [--transactions 500] [--seconds 10] [--rollback-percent 5]
//
// Each writer loops: append one record in its own transaction, wait for the acknowledgement,
// measure the latency (queue wait included, as a request handler sees it), until it has done
// --transactions or --seconds have passed. --rollback-percent of the transactions throw after
// their append, so they must leave nothing behind.
//
// Afterwards, counted on the read-only connection: every acknowledged record is in the ledger with
// the hash that was acknowledged (no lost write), no record of a rolled-back transaction is (no
// phantom write), the row count equals the acknowledged count, and verifyLedger() accepts the chain.
// The last line of output is `BENCH_WRITERS_RESULT {json}`; the exit code is 1 if a check fails.
import { connectDatabase, db, disconnectDatabase, write } from "~/db/db.server";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} expects a non-negative number, got "${raw}"`);
  return value;
}

const WRITERS = Math.max(1, Math.floor(option("writers", 20)));
const TRANSACTIONS_PER_WRITER = Math.max(1, Math.floor(option("transactions", 500)));
const SECONDS = option("seconds", 10);
const ROLLBACK_PERCENT = Math.min(100, option("rollback-percent", 5));

class IntentionalRollback extends Error {
  constructor(readonly hash: string) {
    super("intentional rollback (benchmark)");
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

async function main(): Promise<void> {
  await connectDatabase();
  const existing = await db.ledgerRecord.count();
  if (existing > 0)
    throw new Error(`writers.ts expects an empty ledger (found ${existing} records): give it a fresh database`);

  // A few organisations for the records to involve (the ledger's parties).
  const organizationIds = await write(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const org = await tx.organization.create({
        data: {
          kind: i < 2 ? "buyer" : "supplier",
          name: `Organisation d'essai ${i + 1}`,
          slug: `bench-writers-${i + 1}`,
          departement: "69",
          verificationStatus: "approved",
        },
        select: { id: true },
      });
      ids.push(org.id);
    }
    return ids;
  });

  const acknowledged = new Map<number, string>(); // sequence → hash
  const rolledBackHashes: string[] = [];
  const latencies: number[] = [];
  const failures: string[] = [];
  const deadline = performance.now() + SECONDS * 1000;

  const writer = async (index: number) => {
    for (let n = 0; n < TRANSACTIONS_PER_WRITER && performance.now() < deadline; n++) {
      const rollback = Math.random() * 100 < ROLLBACK_PERCENT;
      const started = performance.now();
      try {
        const record = await write(async (tx) => {
          const appended = await appendExchange(tx, {
            kind: "manual.exchange",
            actor: { userId: null, label: `Rédacteur d'essai ${index + 1}` },
            organizationIds: [organizationIds[index % 2]!, organizationIds[2 + (n % 8)]!],
            summary: `Échange n° ${n + 1} consigné par le rédacteur ${index + 1}.`,
            payload: { writer: index, n },
          });
          if (rollback) throw new IntentionalRollback(appended.hash);
          return appended;
        });
        latencies.push(performance.now() - started);
        if (acknowledged.has(record.sequence))
          failures.push(`sequence ${record.sequence} acknowledged twice (forked chain)`);
        acknowledged.set(record.sequence, record.hash);
      } catch (error) {
        if (error instanceof IntentionalRollback) rolledBackHashes.push(error.hash);
        else failures.push(`writer ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
  const seconds = (performance.now() - started) / 1000;

  // Counting afterwards, on committed data only (the read-only connection).
  const rows = await db.ledgerRecord.findMany({ select: { sequence: true, hash: true } });
  const stored = new Map(rows.map((row) => [row.sequence, row.hash]));
  let lost = 0;
  for (const [sequence, hash] of acknowledged) if (stored.get(sequence) !== hash) lost++;
  const storedHashes = new Set(rows.map((row) => row.hash));
  const phantom = rolledBackHashes.filter((hash) => storedHashes.has(hash)).length;
  const unacknowledged = rows.filter((row) => !acknowledged.has(row.sequence)).length;
  const parties = await db.ledgerParty.count();
  const verification = await verifyLedger();

  latencies.sort((a, b) => a - b);
  const result = {
    writers: WRITERS,
    transactionsPerWriter: TRANSACTIONS_PER_WRITER,
    secondsLimit: SECONDS,
    rollbackPercent: ROLLBACK_PERCENT,
    seconds,
    committed: acknowledged.size,
    rolledBack: rolledBackHashes.length,
    failed: failures.length,
    throughput: acknowledged.size / seconds,
    attemptsPerSecond: (acknowledged.size + rolledBackHashes.length) / seconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
    },
    ledgerRows: rows.length,
    ledgerParties: parties,
    lostWrites: lost,
    phantomWrites: phantom,
    unacknowledgedRows: unacknowledged,
    chainOk: verification.ok,
    chainCount: verification.count,
    chainError: verification.ok ? null : `${verification.brokenAt}: ${verification.reason}`,
    failures: failures.slice(0, 5),
  };

  const f = (n: number) => n.toFixed(1);
  console.log(
    `Writers: ${WRITERS} concurrent, ${result.committed + result.rolledBack} transactions in ${f(seconds)} s`,
  );
  console.log(
    `  committed: ${result.committed} (${f(result.throughput)} tx/s), rolled back on purpose: ${result.rolledBack}, failed: ${result.failed}`,
  );
  console.log(
    `  latency (queue wait + transaction): p50 ${f(result.latencyMs.p50)} ms, p95 ${f(result.latencyMs.p95)} ms, p99 ${f(result.latencyMs.p99)} ms, max ${f(result.latencyMs.max)} ms`,
  );
  console.log(`  ledger rows: ${rows.length} (acknowledged ${acknowledged.size}), parties: ${parties}`);
  console.log(
    `  lost writes: ${lost}, phantom writes (rolled back but stored): ${phantom}, unacknowledged rows: ${unacknowledged}`,
  );
  console.log(
    `  verifyLedger(): ${verification.ok ? `chain ok (${verification.count} records)` : `BROKEN at ${result.chainError}`}`,
  );
  for (const failure of result.failures) console.log(`  failure: ${failure}`);
  console.log(`BENCH_WRITERS_RESULT ${JSON.stringify(result)}`);

  const ok =
    lost === 0 &&
    phantom === 0 &&
    unacknowledged === 0 &&
    rows.length === acknowledged.size &&
    verification.ok &&
    failures.length === 0;
  if (!ok) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error("writers benchmark failed:", error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
