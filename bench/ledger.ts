// Ledger verification benchmark (issue 15, point 11), on its own temporary database
// (bench/.tmp/ledger-*.db and its data folder, removed afterwards unless --keep):
//
//   npx tsx bench/ledger.ts [--records 100000] [--export 2000] [--runs 3] [--keep]
//
// 1. A ledger of --records format 2 records in one valid chain (realistic protected fields: actor,
//    summary, five payload keys), one in every records/export naming one procurement.
// 2. verifyLedger(), the path of `npm run ledger:verify` and of every checkpoint: target ≤ 2 s for
//    100,000 records. Measured against its floor in the same run: reading the rows as it does
//    (ledgerRecordBatches, the data layer's batched raw read), through Prisma (batches of 2,000) and
//    with one raw better-sqlite3 SELECT, and the SHA-256 alone of exactly the texts it hashes
//    ((fields + 1) per record), so that the ratio says how much is left to gain.
// 3. The signed export of that procurement (--export records, buildRecordExport: a checkpoint with
//    the whole chain checked and the tree, then the records and their proofs), then the offline
//    verifier on it: `node scripts/verify-export.mjs` as a reader runs it (a new Node process each
//    time, start-up included): target ≤ 1 s; and its verifyExport() alone, in this process.
// The last line is `BENCH_LEDGER_RESULT {json}` (bench/run.js reads it); the exit code is 1 if a
// check fails (chain not intact, export not verified).
import { spawnSync } from "node:child_process";
import { hash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { BENCH_ROOT as root, percentile } from "./support";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a positive integer, got "${raw}"`);
  return value;
}

const RECORDS = option("records", 100_000);
const EXPORTED = Math.min(option("export", 2_000), RECORDS);
const RUNS = option("runs", 3);
const KEEP = process.argv.includes("--keep");
const VERIFY_TARGET_MS = 2_000;
const OFFLINE_TARGET_MS = 1_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** CPU time (ms) of the children this process waited for, from /proc (Linux; 0 elsewhere). */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    // cutime and cstime are fields 16 and 17 of stat(5), counted from the state (field 3) here.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return 0;
  }
}

interface Timed<T> {
  /** Wall-clock times, sorted. */
  ms: number[];
  /** CPU times (this process and the children it waited for), sorted: little disturbed by other work on the machine. */
  cpu: number[];
  last: T;
}

async function timeRuns<T>(runs: number, work: () => Promise<T> | T): Promise<Timed<T>> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    const cpuBefore = process.cpuUsage();
    const childrenBefore = childrenCpuMs();
    const started = performance.now();
    last = await work();
    ms.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000 + childrenCpuMs() - childrenBefore);
  }
  return { ms: ms.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b), last: last as T };
}

const median = (sorted: number[]) => percentile(sorted, 50);

/** "1.23 s (1.10 s)": the median and, in brackets, the fastest run. */
const wall = (timed: Timed<unknown>) =>
  timed.ms.length > 1 ? `${seconds(median(timed.ms))} (${seconds(timed.ms[0]!)})` : seconds(timed.ms[0]!);
const cpuOf = (timed: Timed<unknown>) => seconds(median(timed.cpu));

function table(title: string, rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`\n${title}`);
  for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("   ")}`);
}

async function main(): Promise<number> {
  const tmp = path.join(root, "bench", ".tmp");
  mkdirSync(tmp, { recursive: true });
  const stamp = `${Date.now()}-${process.pid}`;
  const file = path.join(tmp, `ledger-${stamp}.db`);
  const dataDir = path.join(tmp, `ledger-${stamp}-files`);
  const databaseUrl = `file:${file}`;
  const migrated = spawnSync(process.execPath, ["scripts/db-setup.js", "--no-seed"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (migrated.status !== 0) throw new Error(`db-setup failed:\n${migrated.stdout}\n${migrated.stderr}`);
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = dataDir;
  process.env.SESSION_SECRET ??= "bench-session-secret-at-least-32-characters";
  delete process.env.LEDGER_SIGNING_KEY;
  // Imported after DATABASE_URL is set (the data layer reads it when it first connects).
  const { connectDatabase, db, disconnectDatabase, write } = await import("~/db/db.server");
  const { canonicalJson, checkChain, fieldDigest, GENESIS_HASH, LEDGER_FORMAT, protectedFields, sealRecord } =
    await import("~/ledger/canonical");
  const { ledgerRecordBatches } = await import("~/db/ledger-rows.server");
  const { verifyLedger } = await import("~/ledger/ledger.server");
  const { signCheckpoint } = await import("~/ledger/checkpoints.server");
  const { publishedKeys } = await import("~/ledger/signing.server");
  const { loadRecordScope } = await import("~/record/record.server");
  const { buildRecordExport, recordExportFile } = await import("~/record/signed-export.server");
  const { verifyRecordExport } = await import("~/record/export-verification");
  const script = await import("../scripts/verify-export.mjs");
  await connectDatabase();
  const checks: [string, boolean][] = [];
  try {
    // ---- 1. the ledger ------------------------------------------------------------------------------
    const seedStarted = performance.now();
    const { organizationId, procurementId } = await write(async (tx) => {
      const organization = await tx.organization.create({
        data: { kind: "buyer", name: "Métropole d'essai", slug: "bench-ledger", departement: "69", siren: "200046977" },
      });
      const procurement = await tx.plannedProcurement.create({
        data: {
          organizationId: organization.id,
          title: "Rénovation des écoles",
          need: "Rénover trois écoles.",
          category: "travaux",
          cpvCode: "45453000-7",
          valueBand: "215k_1m",
          procedure: "mapa",
          expectedPublicationDate: "2027-09-01",
          contactName: "Camille Martin",
          contactEmail: "camille@exemple.fr",
          createdById: "bench",
        },
      });
      return { organizationId: organization.id, procurementId: procurement.id };
    });
    const every = Math.floor(RECORDS / EXPORTED);
    const start = Date.UTC(2026, 0, 5, 8);
    let previousHash = GENESIS_HASH;
    let batch: object[] = [];
    for (let sequence = 1; sequence <= RECORDS; sequence++) {
      const mine = sequence % every === 0 && sequence / every <= EXPORTED;
      const fields = {
        sequence,
        kind: "manual.exchange",
        actorUserId: `user-${sequence % 997}`,
        actorLabel: `Camille Martin ${sequence % 997} (Métropole d'essai)`,
        organizationIds: canonicalJson([organizationId, `supplier-${sequence % 5003}`].sort()),
        plannedProcurementId: mine ? procurementId : `autre-${sequence % 1009}`,
        eventId: null,
        summary: `Appel téléphonique avec l'entreprise n° ${sequence % 5003} au sujet du besoin`,
        payload: canonicalJson({
          exchangedOn: "2026-03-15",
          channel: "phone",
          supplier: { organizationId: `supplier-${sequence % 5003}`, name: "Menuiserie", siret: null },
          text: `Échange sur les délais et les contraintes d'accès au site (${sequence}).`,
          recordedAt: new Date(start + sequence * 60_000).toISOString(),
        }),
        occurredAt: new Date(start + sequence * 60_000),
        previousHash,
      };
      const sealed = sealRecord(fields);
      batch.push({ ...fields, ...sealed });
      previousHash = sealed.hash;
      if (batch.length === 5_000 || sequence === RECORDS) {
        const rows = batch;
        batch = [];
        await write(async (tx) => {
          for (let offset = 0; offset < rows.length; offset += 500)
            await tx.ledgerRecord.createMany({ data: rows.slice(offset, offset + 500) as never });
        });
      }
    }
    const seedMs = performance.now() - seedStarted;
    console.log(`Ledger of ${RECORDS.toLocaleString("en")} records written in ${seconds(seedMs)}.`);

    // ---- 2. verifyLedger and its floor -------------------------------------------------------------
    const verify = await timeRuns(RUNS, () => verifyLedger());
    checks.push([`chain intact (${verify.last.count} records)`, verify.last.ok && verify.last.count === RECORDS]);

    const batchedRead = await timeRuns(RUNS, async () => {
      let count = 0;
      for await (const batch of ledgerRecordBatches()) count += batch.length;
      return count;
    });
    const prismaRead = await timeRuns(RUNS, async () => {
      let after = 0;
      let count = 0;
      for (;;) {
        const rows = await db.ledgerRecord.findMany({
          where: { sequence: { gt: after } },
          orderBy: { sequence: "asc" },
          take: 2_000,
        });
        if (rows.length === 0) return count;
        count += rows.length;
        after = rows[rows.length - 1]!.sequence;
      }
    });
    const raw = new BetterSqlite3(file, { readonly: true });
    const rawRead = await timeRuns(RUNS, () => {
      let count = 0;
      for (const _row of raw.prepare(`SELECT * FROM "LedgerRecord" ORDER BY sequence`).iterate()) count++;
      return count;
    });
    raw.close();
    // The exact texts verification hashes, prepared once (each frame checked against the record's
    // hash); then only their SHA-256 is timed.
    const texts: string[] = [];
    // The rows exactly as verifyLedger() reads them, for the check alone below.
    const rows: Parameters<typeof checkChain>[0] extends Iterable<infer Row> ? Row[] : never = [];
    for await (const batch of ledgerRecordBatches()) {
      for (const row of batch) {
        rows.push(row);
        const salts = JSON.parse(row.salts!) as Record<string, string>;
        const digests: Record<string, string> = {};
        for (const [field, value] of protectedFields({
          ...row,
          payload: JSON.parse(row.payload) as Record<string, never>,
        })) {
          texts.push(`${salts[field]}\u0000${field}\u0000${canonicalJson(value)}`);
          digests[field] = fieldDigest(salts[field]!, field, value);
        }
        const frame = JSON.stringify([
          LEDGER_FORMAT,
          row.sequence,
          row.kind,
          row.organizationIds,
          row.plannedProcurementId,
          row.eventId,
          row.occurredAt.toISOString(),
          row.previousHash,
          canonicalJson(digests),
        ]);
        if (hash("sha256", frame, "hex") !== row.hash)
          throw new Error(`Frame text of record ${row.sequence} is not the hashed one`);
        texts.push(frame);
      }
    }
    const hashing = await timeRuns(RUNS, () => {
      // The one-shot crypto.hash(), the cheapest way Node offers (the ledger uses it too).
      for (const text of texts) hash("sha256", text, "hex");
      return texts.length;
    });
    // The check alone, the rows already in memory: what verifyLedger() adds to reading them.
    const checkOnly = await timeRuns(RUNS, () => checkChain(rows));
    rows.length = 0;
    const checkpoint = await timeRuns(1, () => signCheckpoint({ reason: "daily" }));

    const verifyMs = median(verify.ms);
    const floorBatched = median(batchedRead.ms) + median(hashing.ms);
    const floorPrisma = median(prismaRead.ms) + median(hashing.ms);
    const floorRaw = median(rawRead.ms) + median(hashing.ms);
    const cpuRatio = (read: Timed<unknown>) =>
      (median(verify.cpu) / (median(read.cpu) + median(hashing.cpu))).toFixed(2);
    table(
      `verifyLedger() over ${RECORDS.toLocaleString("en")} records: wall time, median of ${RUNS} (fastest in brackets), and CPU time`,
      [
        ["step", "wall", "CPU", "note"],
        [
          "verifyLedger()",
          wall(verify),
          cpuOf(verify),
          `target ≤ ${seconds(VERIFY_TARGET_MS)}: ${verifyMs <= VERIFY_TARGET_MS ? "PASS" : "FAIL"}`,
        ],
        ["of which checkChain() alone", wall(checkOnly), cpuOf(checkOnly), "the rows already in memory"],
        [
          "floor: read as verifyLedger() does",
          wall(batchedRead),
          cpuOf(batchedRead),
          "ledgerRecordBatches(), no hashing",
        ],
        ["floor: read through Prisma", wall(prismaRead), cpuOf(prismaRead), "findMany, batches of 2,000"],
        ["floor: read with better-sqlite3", wall(rawRead), cpuOf(rawRead), "one SELECT *, iterated"],
        [
          `floor: ${texts.length.toLocaleString("en")} × SHA-256`,
          wall(hashing),
          cpuOf(hashing),
          `(${(texts.length / RECORDS - 1).toFixed(0)} fields + 1) per record, the exact texts`,
        ],
        [
          "ratio to the floor (batched / Prisma / raw, + SHA)",
          `${(verifyMs / floorBatched).toFixed(2)} / ${(verifyMs / floorPrisma).toFixed(2)} / ${(verifyMs / floorRaw).toFixed(2)}`,
          `${cpuRatio(batchedRead)} / ${cpuRatio(prismaRead)} / ${cpuRatio(rawRead)}`,
          "",
        ],
        [
          "signCheckpoint() (verify, tree, sign, store)",
          wall(checkpoint),
          cpuOf(checkpoint),
          `root ${checkpoint.last.checkpoint.merkleRoot.slice(0, 12)}…`,
        ],
      ],
    );

    // ---- 3. the export and the offline verifier ----------------------------------------------------
    const scope = (await loadRecordScope(organizationId, procurementId))!;
    const exported = await timeRuns(1, () => buildRecordExport(scope));
    const { document } = exported.last;
    checks.push([`export holds ${EXPORTED} records`, document.records.length === EXPORTED]);
    const { body } = recordExportFile(document);
    mkdirSync(dataDir, { recursive: true });
    const exportFile = path.join(dataDir, "dossier.json");
    writeFileSync(exportFile, body);
    const keys = await publishedKeys();
    const keysFile = path.join(dataDir, "cles.json");
    writeFileSync(keysFile, JSON.stringify({ format: "amont-cles-v1", keys }));

    const offline = await timeRuns(RUNS, () =>
      spawnSync(process.execPath, ["scripts/verify-export.mjs", exportFile, "--cles", keysFile], {
        cwd: root,
        encoding: "utf8",
      }),
    );
    checks.push(["offline verifier exits 0", offline.last.status === 0]);
    const nodeStart = await timeRuns(RUNS, () => spawnSync(process.execPath, ["-e", "0"]));
    const parsed = JSON.parse(body) as unknown;
    const scriptCore = await timeRuns(RUNS, () => script.verifyExport(JSON.parse(body), { keys }));
    checks.push(["verifyExport() says verified", scriptCore.last.ok]);
    const appCore = await timeRuns(RUNS, () => verifyRecordExport(parsed as typeof document, { keys }));
    checks.push(["the app's verifier says verified", appCore.last.ok]);
    const offlineMs = median(offline.ms);
    const size = statSync(exportFile).size;
    table(
      `Export of ${EXPORTED.toLocaleString("en")} records (${(size / 1024 / 1024).toFixed(1)} MB) and its offline check`,
      [
        ["step", "wall", "CPU", "note"],
        [
          "buildRecordExport() (checkpoint included)",
          wall(exported),
          cpuOf(exported),
          `${(size / EXPORTED / 1024).toFixed(2)} kB per record`,
        ],
        [
          "node scripts/verify-export.mjs (new process)",
          wall(offline),
          cpuOf(offline),
          `target ≤ ${seconds(OFFLINE_TARGET_MS)}: ${offlineMs <= OFFLINE_TARGET_MS ? "PASS" : "FAIL"}`,
        ],
        ["floor: node -e 0 (start-up alone)", wall(nodeStart), cpuOf(nodeStart), ""],
        ["verifyExport() of the script, parse included", wall(scriptCore), cpuOf(scriptCore), "in this process"],
        ["verifyRecordExport() of the app", wall(appCore), cpuOf(appCore), "in this process, already parsed"],
      ],
    );

    console.log("\nChecks");
    for (const [name, pass] of checks) console.log(`  ${pass ? "PASS" : "FAIL"}  ${name}`);
    const result = {
      records: RECORDS,
      exported: EXPORTED,
      runs: RUNS,
      seedSeconds: seedMs / 1000,
      verifyMs: { median: verifyMs, min: verify.ms[0], cpu: median(verify.cpu) },
      floor: {
        batchedReadMs: median(batchedRead.ms),
        batchedReadCpuMs: median(batchedRead.cpu),
        prismaReadMs: median(prismaRead.ms),
        rawReadMs: median(rawRead.ms),
        sha256Ms: median(hashing.ms),
        prismaReadCpuMs: median(prismaRead.cpu),
        rawReadCpuMs: median(rawRead.cpu),
        sha256CpuMs: median(hashing.cpu),
        checkChainMs: median(checkOnly.ms),
        checkChainCpuMs: median(checkOnly.cpu),
        sha256Count: texts.length,
      },
      ratioToBatchedFloor: verifyMs / floorBatched,
      ratioToPrismaFloor: verifyMs / floorPrisma,
      ratioToRawFloor: verifyMs / floorRaw,
      signCheckpointMs: checkpoint.ms[0],
      exportMs: exported.ms[0],
      exportBytes: size,
      offlineVerifierMs: { median: offlineMs, min: offline.ms[0], cpu: median(offline.cpu) },
      nodeStartMs: median(nodeStart.ms),
      scriptVerifyMs: median(scriptCore.ms),
      appVerifyMs: median(appCore.ms),
      targets: { verify: verifyMs <= VERIFY_TARGET_MS, offline: offlineMs <= OFFLINE_TARGET_MS },
      checksPassed: checks.every(([, pass]) => pass),
    };
    console.log(`BENCH_LEDGER_RESULT ${JSON.stringify(result)}`);
    return result.checksPassed ? 0 : 1;
  } finally {
    await disconnectDatabase();
    if (!KEEP) {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
