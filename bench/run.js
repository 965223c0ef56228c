#!/usr/bin/env node
// `npm run bench`: Amont's benchmark harness. See bench/README.md.
//
//  1. builds the app (unless --skip-build);
//  2. creates a fresh SQLite database under bench/.tmp/ and fills it with a large synthetic
//     dataset (bench/seed-large.ts, --size N);
//  3. starts the production server (server/index.js) on 127.0.0.1 and a free port, and a static
//     baseline (bench/baseline-server.js: node:http serving, from memory, the exact HTML the home
//     page returned);
//  4. loads each endpoint with autocannon for a bounded time and request count, and prints
//     req/s, p50/p95/p99 latency, non-2xx responses and the ratio to the baseline, plus the
//     server's peak RSS and CPU;
//  5. checks the targets of issue 2 (home ≥ 30 % of the baseline, p95 ≤ 50 ms, peak RSS ≤ 250 MB)
//     and of issue 3 (/plan with a filter ≥ 30 % of the baseline and p95 ≤ 60 ms; /plan.ics of
//     every published item, median ≤ 300 ms; the calendar API ≥ 2 000 req/s) and of issue 16 (a
//     relay's page and its widget ≥ 30 % of a static baseline serving their own bytes);
//  6. runs the writer benchmark (bench/writers.ts) in a child process on another fresh database;
//  7. runs the ledger verification benchmark of issue 15 (bench/ledger.ts), on its own database;
//  8. runs the record PDF benchmark (bench/record-pdf.ts, issue 15): a procurement of 2,000 ledger
//     entries exported as a PDF through the built server, at most 3 s, server RSS under 300 MB;
//  9. runs the weekly digest benchmark (bench/alerts-digest.ts, issue 16): the digest of 10 000
//     weekly alerts against 5 000 procurements, by a production server answering /plan meanwhile.
// Every process it starts is stopped at the end, on error and on Ctrl-C too. Loopback only.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";
const TSX = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
/** Issue 3: the filter of the /plan benchmark (a région: a few hundred of the 5 000 items), and a calendar API question. */
const PLAN_FILTER = "region=84";
const CALENDAR_API = "/api/calendrier/verifier?departement=69&date=2027-03-15&fin=2027-04-30&procedure=mapa";

// ---- options ----------------------------------------------------------------------------------

const USAGE = `Usage: npm run bench -- [options]   (each option can also be set as BENCH_<NAME>, e.g. BENCH_SIZE=5000)
  --size N                synthetic suppliers (and about 1.3 N users, 1.75 N ledger records)   [20000]
  --plan P                planned procurements in published editions (issue 3)                  [5000]
  --ics-connections C     concurrent connections for /plan.ics (a 4 MB feed)                      [2]
  --duration S            seconds of load per endpoint                                            [10]
  --connections C         concurrent connections                                                  [20]
  --warmup S              seconds of unmeasured load before each endpoint                         [2]
  --max-requests N        request cap per endpoint (bounds the run)                   [duration × 50000]
  --writers W             concurrent writers in the writer benchmark                              [20]
  --writer-transactions K transactions per writer (cap)                                           [500]
  --writer-seconds S      time limit of the writer benchmark                                      [10]
  --rollback-percent P    share of writer transactions that roll back on purpose                  [5]
  --wait-idle S           before each measure, wait up to S s for other processes to leave the CPU  [0]
  --skip-build            use the existing build/ instead of running npm run build
  --skip-writers          do not run the writer benchmark
  --ledger-records N      records of the ledger verification benchmark (issue 15)                 [100000]
  --ledger-export N       records of the export it verifies offline                               [2000]
  --skip-ledger           do not run the ledger verification benchmark
  --skip-record-pdf       do not run the record PDF benchmark
  --digest-alerts N       weekly alerts in the digest benchmark (issue 16)                        [10000]
  --digest-plan P         planned procurements published in the digest's week                     [5000]
  --digest-connections C  connections loading /plan while the digest runs                         [10]
  --skip-digest           do not run the weekly digest benchmark
  --server-node-options O NODE_OPTIONS for the server only (default: production's, see other/Dockerfile) [--max-old-space-size=128]
  --cpu-prof              write a V8 CPU profile of the server into the run's folder (open it in Chrome DevTools)
  --strict                exit with code 1 when a target is missed
  --keep                  keep the benchmark databases under bench/.tmp/
  --help`;

function parseOptions(argv) {
  const values = new Map();
  const flags = new Set();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split("=", 2);
    if (
      [
        "skip-build",
        "skip-writers",
        "skip-ledger",
        "skip-record-pdf",
        "skip-digest",
        "strict",
        "keep",
        "cpu-prof",
        "help",
      ].includes(name)
    ) {
      flags.add(name);
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      values.set(name, value);
    }
  }
  const envName = (name) => `BENCH_${name.toUpperCase().replace(/-/g, "_")}`;
  const number = (name, fallback, { min = 0, integer = true } = {}) => {
    const raw = values.get(name) ?? process.env[envName(name)];
    values.delete(name);
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      throw new UsageError(`--${name} expects ${integer ? "an integer" : "a number"} ≥ ${min}, got "${raw}"`);
    }
    return value;
  };
  const flag = (name) =>
    flags.has(name) || ["1", "true", "yes"].includes(String(process.env[envName(name)] ?? "").toLowerCase());
  const duration = number("duration", 10, { min: 1 });
  const connections = number("connections", 20, { min: 1 });
  const options = {
    size: number("size", 20_000, { min: 0 }),
    plan: number("plan", 5_000, { min: 0 }),
    icsConnections: number("ics-connections", 2, { min: 1 }),
    duration,
    connections,
    warmup: number("warmup", 2, { min: 0 }),
    maxRequests: number("max-requests", duration * 50_000, { min: connections }),
    writers: number("writers", 20, { min: 1 }),
    writerTransactions: number("writer-transactions", 500, { min: 1 }),
    writerSeconds: number("writer-seconds", 10, { min: 1 }),
    rollbackPercent: number("rollback-percent", 5, { min: 0, integer: false }),
    waitIdle: number("wait-idle", 0, { min: 0 }),
    skipBuild: flag("skip-build"),
    skipWriters: flag("skip-writers"),
    ledgerRecords: number("ledger-records", 100_000, { min: 1 }),
    ledgerExport: number("ledger-export", 2_000, { min: 1 }),
    skipLedger: flag("skip-ledger"),
    skipRecordPdf: flag("skip-record-pdf"),
    digestAlerts: number("digest-alerts", 10_000, { min: 1 }),
    digestPlan: number("digest-plan", 5_000, { min: 1 }),
    digestConnections: number("digest-connections", 10, { min: 1 }),
    skipDigest: flag("skip-digest"),
    strict: flag("strict"),
    keep: flag("keep"),
    // The same heap limit as production (other/Dockerfile, fly.toml), so that peak RSS is what Fly would see.
    serverNodeOptions:
      values.get("server-node-options") ?? process.env.BENCH_SERVER_NODE_OPTIONS ?? "--max-old-space-size=128",
    cpuProf: flag("cpu-prof"),
    help: flags.has("help"),
  };
  values.delete("server-node-options");
  if (values.size > 0) throw new UsageError(`unknown option --${[...values.keys()][0]}`);
  return options;
}

class UsageError extends Error {}

// ---- child processes: tracked, and always stopped ---------------------------------------------

const children = new Set();

function track(child) {
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function killAllNow() {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

process.on("exit", killAllNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\n${signal} received: stopping the benchmark processes.`);
    killAllNow();
    process.exit(130);
  });
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited. */
function stopChild(child, graceMs = 5_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Runs a command to completion with a time limit. Output is captured; lines for which `echo`
 * returns true are also printed as they arrive. Rejects with the output's tail on failure.
 */
function runStep(label, command, args, { env = process.env, timeoutMs, echo = () => false } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = track(spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] }));
    let output = "";
    let pending = "";
    const onData = (chunk) => {
      const text = chunk.toString("utf8");
      output += text;
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (echo(line)) console.log(`    ${line}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: cannot start ${command} (${error.message})`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) return resolve({ output, seconds });
      const tail = output.trimEnd().split("\n").slice(-25).join("\n");
      const why = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s`
        : signal
          ? `killed by ${signal}`
          : `exit code ${code}`;
      const error = new Error(`${label} failed (${why}). Last output:\n${tail}`);
      error.output = output;
      reject(error);
    });
  });
}

function resultLine(output, marker) {
  const line = output
    .split("\n")
    .reverse()
    .find((l) => l.startsWith(`${marker} `));
  if (!line) throw new Error(`no ${marker} line in the output`);
  return JSON.parse(line.slice(marker.length + 1));
}

// ---- helpers ------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tailOf(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function waitForHealth(baseUrl, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited during start-up (${child.exitCode ?? child.signalCode}). Its log:\n${tailOf(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `/healthz answered ${response.status}`;
    } catch (error) {
      lastError = error.cause?.code ?? error.message;
    }
    await sleep(150);
  }
  throw new Error(
    `the server did not become healthy within ${timeoutMs / 1000} s (${lastError}). Its log:\n${tailOf(logFile)}`,
  );
}

/** Memory and CPU of a process, from /proc (Linux). Null elsewhere. */
function processStats(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1] ?? Number.NaN);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command), in clock ticks.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024, cpuSeconds: ticks / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds spent by the whole machine (all cores, every process), from /proc/stat. */
function hostBusySeconds() {
  try {
    const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq] = fields.map(Number);
    return (user + nice + system + irq + softirq) / 100;
  } catch {
    return Number.NaN;
  }
}

const ownCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/**
 * CPU use during a phase, in cores: the server, the load generator (this process), the baseline
 * server, and every other process on the machine (other work competing for the cores: the
 * figures of a run where "other" is high are not trustworthy).
 */
function cpuMeter(pids) {
  const read = () => ({
    at: performance.now(),
    host: hostBusySeconds(),
    own: ownCpuSeconds(),
    pids: pids.map((pid) => (pid ? (processStats(pid)?.cpuSeconds ?? Number.NaN) : 0)),
  });
  const start = read();
  return () => {
    const end = read();
    const seconds = (end.at - start.at) / 1000;
    const perPid = end.pids.map((value, i) => (value - start.pids[i]) / seconds);
    const own = (end.own - start.own) / seconds;
    const host = (end.host - start.host) / seconds;
    return {
      server: perPid[0],
      baseline: perPid[1],
      client: own,
      other: Math.max(0, host - own - perPid.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0)),
    };
  };
}

/**
 * Waits until the machine has been quiet (less than 0.15 core busy, our processes being idle)
 * for one second, or `maxSeconds` have passed. Returns the seconds waited, or -1 on time-out.
 */
async function waitForIdle(maxSeconds) {
  const started = performance.now();
  while ((performance.now() - started) / 1000 < maxSeconds) {
    const before = hostBusySeconds();
    await sleep(1_000);
    if (hostBusySeconds() - before < 0.15) return (performance.now() - started) / 1000;
  }
  return -1;
}

/** Samples a process's RSS every 200 ms; peaks overall and per phase. */
class MemorySampler {
  constructor(pid) {
    this.pid = pid;
    this.peakMb = 0;
    this.phasePeakMb = 0;
    this.available = processStats(pid) !== null;
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
    this.sample();
  }
  sample() {
    const stats = processStats(this.pid);
    if (!stats) return null;
    this.peakMb = Math.max(this.peakMb, stats.rssMb);
    this.phasePeakMb = Math.max(this.phasePeakMb, stats.rssMb);
    return stats;
  }
  startPhase() {
    this.phasePeakMb = 0;
    const stats = this.sample();
    return stats;
  }
  endPhase() {
    this.sample();
    return this.phasePeakMb;
  }
  stop() {
    clearInterval(this.timer);
    return this.sample();
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** One autocannon run. Latency percentiles come from every response's own time (autocannon has no p95). */
function load({ url, headers, seconds, connections, maxRequests, collect = true }) {
  return new Promise((resolve, reject) => {
    let samples = new Float64Array(65_536);
    let count = 0;
    const instance = autocannon(
      { url, headers, connections, duration: seconds, maxOverallRequests: maxRequests, timeout: 10, bailout: 1_000 },
      (error, result) => {
        if (error) return reject(error);
        const sorted = samples.subarray(0, count).sort();
        resolve({
          requests: result.requests.total,
          seconds: result.duration,
          rps: result.requests.total / result.duration,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: count ? sorted[count - 1] : Number.NaN,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {}).map(([code, { count: n }]) => [code, n]),
          ),
        });
      },
    );
    if (collect) {
      instance.on("response", (_client, _status, _bytes, responseTime) => {
        if (count === samples.length) {
          const bigger = new Float64Array(samples.length * 2);
          bigger.set(samples);
          samples = bigger;
        }
        samples[count++] = responseTime;
      });
    }
  });
}

/** The commit measured, and whether the working tree differs from it (the build is of the working tree). */
function gitDescription() {
  const git = (...args) => spawnSync("git", args, { cwd: root, encoding: "utf8", timeout: 10_000 });
  const head = git("log", "-1", "--format=%h %s");
  if (head.status !== 0) return "unknown (not a git checkout)";
  const changed = git(
    "status",
    "--porcelain",
    "--untracked-files=no",
    "--",
    "app",
    "server",
    "prisma",
    "emails",
    "public",
    "remix.config.js",
    "package.json",
  );
  const dirty = changed.stdout.trim()
    ? `, plus uncommitted changes in ${changed.stdout.trim().split("\n").length} file(s)`
    : "";
  return `${head.stdout.trim().slice(0, 90)}${dirty}`;
}

/** Keeps the folders of the last `keep` runs under bench/.tmp/ (logs, results), deletes older ones. */
function pruneOldRuns(directory, keep) {
  const runs = fs
    .readdirSync(directory)
    .filter((name) => name.startsWith("run-"))
    .sort();
  for (const name of runs.slice(0, Math.max(0, runs.length - keep)))
    fs.rmSync(path.join(directory, name), { recursive: true, force: true });
}

const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function escapeHtmlLikeReact(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

// ---- the run ----------------------------------------------------------------------------------

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bench: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const runDir = path.join(root, "bench", ".tmp", `run-${stamp}-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });
  const appDb = path.join(runDir, "app.db");
  const writersDb = path.join(runDir, "writers.db");
  const digestDb = path.join(runDir, "alerts-digest.db");
  const serverLog = path.join(runDir, "server.log");
  const machine = {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    commit: gitDescription(),
  };
  console.log(`Amont benchmark — ${startedAt.toISOString()}`);
  console.log(
    `  machine: ${machine.cpus} CPU (${machine.cpuModel}), ${fmt(machine.memoryGb)} GB RAM, Node ${machine.node}, ${machine.platform}`,
  );
  console.log(`  code: ${machine.commit}`);
  console.log(
    `  options: size ${options.size}, ${options.duration} s per endpoint after ${options.warmup} s of warm-up, ${options.connections} connections, ` +
      `at most ${options.maxRequests} requests per endpoint` +
      (options.serverNodeOptions ? `, server NODE_OPTIONS "${options.serverNodeOptions}"` : ""),
  );
  console.log(`  files: ${path.relative(root, runDir)}/`);
  const [load1] = os.loadavg();
  machine.loadAverageAtStart = load1;
  if (load1 > machine.cpus * 0.25) {
    console.log(
      `  ⚠ load average ${fmt(load1, 2)} on ${machine.cpus} CPUs: other work is running, the figures will be lower than on an idle machine.`,
    );
  }
  pruneOldRuns(path.dirname(runDir), 10);

  for (const file of [
    TSX,
    path.join(root, "node_modules", "autocannon", "package.json"),
    path.join(root, "node_modules", "prisma", "build", "index.js"),
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm ci\` first.`);
  }

  const summary = { startedAt: startedAt.toISOString(), machine, options };
  let server = null;
  let baseline = null;
  let planBaseline = null;
  /** Static servers of the relay page's and the widget's own bytes (issue 16). */
  const relayBaselines = [];
  let sampler = null;
  let failedTargets = 0;
  let correctnessFailure = false;
  let succeeded = false;

  try {
    // 1. Build.
    if (options.skipBuild) {
      console.log("\n[1/7] build: skipped (--skip-build)");
    } else {
      console.log("\n[1/7] npm run build");
      const npm = process.platform === "win32" ? "npm.cmd" : "npm";
      const { seconds } = await runStep("npm run build", npm, ["run", "build"], { timeoutMs: 300_000 });
      console.log(`    built in ${seconds} s`);
    }
    for (const file of ["build/index.js", "public/build", "app/generated/prisma"]) {
      if (!fs.existsSync(path.join(root, file))) {
        throw new Error(`${file} is missing: run \`npm run build\` first, or drop --skip-build.`);
      }
    }

    // 2. A fresh database with the large dataset.
    console.log(`\n[2/7] database: migrate, then seed ${options.size} synthetic suppliers (bench/seed-large.ts)`);
    const toolEnv = { ...process.env, DATABASE_URL: `file:${appDb}` };
    delete toolEnv.NODE_ENV;
    delete toolEnv.RESEND_API_KEY;
    await runStep(
      "migrations (scripts/db-setup.js --no-seed)",
      process.execPath,
      ["scripts/db-setup.js", "--no-seed"],
      {
        env: toolEnv,
        timeoutMs: 120_000,
      },
    );
    const seed = await runStep(
      "bench/seed-large.ts",
      process.execPath,
      [TSX, "bench/seed-large.ts", "--size", String(options.size), "--plan", String(options.plan)],
      {
        env: toolEnv,
        timeoutMs: 120_000 + options.size * 10,
        echo: (line) => line.startsWith("  ") && !line.startsWith("BENCH_"),
      },
    );
    const seeded = resultLine(seed.output, "BENCH_SEED_RESULT");
    summary.dataset = {
      ...seeded.counts,
      seedSeconds: seeded.seconds,
      databaseMb: fs.statSync(appDb).size / 1024 ** 2,
    };

    // 3. The production server.
    const port = await freePort();
    const baseUrl = `http://${HOST}:${port}`;
    console.log(`\n[3/7] production server on ${baseUrl} (log: ${path.relative(root, serverLog)})`);
    const logFd = fs.openSync(serverLog, "w");
    const serverEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST,
      PORT: String(port),
      APP_URL: baseUrl,
      DATABASE_URL: `file:${appDb}`,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      MAIL_TRANSPORT: "outbox",
      OCDS_PREFIX: "ocds-xxxxxx",
    };
    delete serverEnv.RESEND_API_KEY;
    delete serverEnv.TRUST_PROXY;
    if (options.serverNodeOptions)
      serverEnv.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${options.serverNodeOptions}`.trim();
    const nodeFlags = options.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${runDir}`] : [];
    server = track(
      spawn(process.execPath, [...nodeFlags, "server/index.js"], {
        cwd: root,
        env: serverEnv,
        stdio: ["ignore", logFd, logFd],
      }),
    );
    fs.closeSync(logFd);
    await waitForHealth(baseUrl, server, serverLog, 30_000);
    sampler = new MemorySampler(server.pid);
    const idle = processStats(server.pid);
    console.log(`    up (pid ${server.pid}), RSS after start ${fmt(idle?.rssMb)} MB`);

    // Sanity checks before loading: every endpoint answers 200, the session cookie is accepted.
    const home = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(10_000) });
    const homeBody = Buffer.from(await home.arrayBuffer());
    if (home.status !== 200)
      throw new Error(
        `GET / answered ${home.status}:\n${homeBody.toString("utf8").slice(0, 500)}\n${tailOf(serverLog)}`,
      );
    const homeType = home.headers.get("content-type") ?? "text/html; charset=utf-8";
    const loggedIn = await fetch(`${baseUrl}/`, {
      headers: { cookie: seeded.cookie },
      signal: AbortSignal.timeout(10_000),
    });
    const loggedInBody = await loggedIn.text();
    if (
      loggedIn.status !== 200 ||
      !(loggedInBody.includes(seeded.user.name) || loggedInBody.includes(escapeHtmlLikeReact(seeded.user.name)))
    ) {
      throw new Error(
        `GET / with the benchmark's session cookie did not show the logged-in user (status ${loggedIn.status}): the session was not accepted.`,
      );
    }
    for (const route of ["/healthz", "/connexion"]) {
      const response = await fetch(`${baseUrl}${route}`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${route} answered ${response.status}`);
    }
    // Issue 3: the forward plan's pages and feed, and the calendar API, answer before any load; issue
    // 16: the relay's page and widget too.
    const planQuery = PLAN_FILTER;
    const relayPath = `/relais/${seeded.relaySlug ?? "bench-relais-1"}`;
    for (const route of [`/plan?${planQuery}`, CALENDAR_API, relayPath, `${relayPath}/widget`]) {
      const response = await fetch(`${baseUrl}${route}`, { signal: AbortSignal.timeout(10_000) });
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`GET ${route} answered ${response.status}:\n${body.slice(0, 300)}\n${tailOf(serverLog)}`);
    }
    // The first /plan.ics is built from the database (the next ones come from the feed cache): timed on its own.
    const icsStarted = performance.now();
    const ics = await fetch(`${baseUrl}/plan.ics`, { signal: AbortSignal.timeout(60_000) });
    const icsText = await ics.text();
    const icsColdMs = performance.now() - icsStarted;
    const icsEvents = icsText.split("BEGIN:VEVENT").length - 1;
    if (ics.status !== 200 || icsEvents < (seeded.counts.publishedPlanItems ?? 0)) {
      throw new Error(
        `GET /plan.ics answered ${ics.status} with ${icsEvents} events (expected ${seeded.counts.publishedPlanItems})`,
      );
    }
    summary.planFeed = { icsEvents, icsBytes: Buffer.byteLength(icsText), icsColdMs };
    console.log(
      `    /plan.ics: ${icsEvents} events, ${fmt(Buffer.byteLength(icsText) / 1024 ** 2, 1)} MB, first request (built from the database) ${fmt(icsColdMs, 0)} ms`,
    );

    // 4. The static baseline: the same bytes, from memory.
    const homeFile = path.join(runDir, "home.html");
    fs.writeFileSync(homeFile, homeBody);
    const startBaseline = (file, type) => {
      const child = track(
        spawn(process.execPath, ["bench/baseline-server.js", file, type], {
          cwd: root,
          stdio: ["ignore", "pipe", "inherit"],
        }),
      );
      const port = new Promise((resolve, reject) => {
        let text = "";
        const timer = setTimeout(() => reject(new Error("the baseline server did not start within 10 s")), 10_000);
        child.stdout.on("data", (chunk) => {
          text += chunk;
          const match = text.match(/BASELINE_PORT (\d+)/);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        });
        child.on("exit", (code) => reject(new Error(`the baseline server exited (${code})`)));
      });
      return { child, port };
    };
    // Issue 3 diagnostic: a second static server with /plan's own bytes (the page is much heavier
    // than the home page), to tell the cost of the bytes from the cost of the application.
    const planPage = await fetch(`${baseUrl}/plan?${PLAN_FILTER}`, { signal: AbortSignal.timeout(10_000) });
    const planFile = path.join(runDir, "plan.html");
    fs.writeFileSync(planFile, Buffer.from(await planPage.arrayBuffer()));
    const planStatic = startBaseline(planFile, planPage.headers.get("content-type") ?? "text/html; charset=utf-8");
    planBaseline = planStatic.child;
    const planBaselinePort = await planStatic.port;
    // Issue 16: the same for the relay's page and its widget.
    const relayStatics = [];
    for (const [key, route] of [
      ["relay", relayPath],
      ["widget", `${relayPath}/widget`],
    ]) {
      const response = await fetch(`${baseUrl}${route}`, { signal: AbortSignal.timeout(10_000) });
      const file = path.join(runDir, `${key}.html`);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const started = startBaseline(file, response.headers.get("content-type") ?? "text/html; charset=utf-8");
      relayBaselines.push(started.child);
      relayStatics.push({ key, route, bytes: fs.statSync(file).size, child: started.child, port: await started.port });
    }
    baseline = track(
      spawn(process.execPath, ["bench/baseline-server.js", homeFile, homeType], {
        cwd: root,
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    const baselinePort = await new Promise((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error("the baseline server did not start within 10 s")), 10_000);
      baseline.stdout.on("data", (chunk) => {
        text += chunk;
        const match = text.match(/BASELINE_PORT (\d+)/);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      baseline.on("exit", (code) => reject(new Error(`the baseline server exited (${code})`)));
    });
    console.log(
      `\n[4/7] static baseline on http://${HOST}:${baselinePort}/ (${homeBody.length} bytes of the home page, from memory)`,
    );

    // 5. Load.
    const endpoints = [
      { name: "baseline (static HTML, node:http)", url: `http://${HOST}:${baselinePort}/`, isBaseline: true },
      { name: "/ (anonymous)", url: `${baseUrl}/`, isHome: true },
      { name: "/ (logged in)", url: `${baseUrl}/`, headers: { cookie: seeded.cookie }, isHome: true },
      { name: "/healthz", url: `${baseUrl}/healthz` },
      { name: "/connexion", url: `${baseUrl}/connexion` },
      {
        name: `baseline with /plan's ${fs.statSync(planFile).size} bytes`,
        url: `http://${HOST}:${planBaselinePort}/`,
        isPlanBaseline: true,
      },
      { name: `/plan?${PLAN_FILTER} (anonymous)`, url: `${baseUrl}/plan?${PLAN_FILTER}`, isPlan: true },
      {
        name: `/plan?${PLAN_FILTER} (logged in)`,
        url: `${baseUrl}/plan?${PLAN_FILTER}`,
        headers: { cookie: seeded.cookie },
        isPlanInfo: true,
      },
      {
        name: `/plan.ics (all items, ${options.icsConnections} conn.)`,
        url: `${baseUrl}/plan.ics`,
        connections: options.icsConnections,
        isIcs: true,
      },
      { name: "/api/calendrier/verifier", url: `${baseUrl}${CALENDAR_API}`, isCalendarApi: true },
      ...relayStatics.flatMap((entry) => [
        {
          name: `baseline with ${entry.route}'s ${entry.bytes} bytes`,
          url: `http://${HOST}:${entry.port}/`,
          sameBytesBaseline: entry.key,
          baselinePid: entry.child.pid,
        },
        { name: `${entry.route} (anonymous)`, url: `${baseUrl}${entry.route}`, isRelay: true, sameBytes: entry.key },
      ]),
    ];
    console.log(
      `\n[5/7] load: ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per endpoint`,
    );
    const results = [];
    const busyPhases = [];
    for (const endpoint of endpoints) {
      const connections = endpoint.connections ?? options.connections;
      const common = {
        url: endpoint.url,
        headers: endpoint.headers,
        connections,
        maxRequests: Math.max(options.maxRequests, connections),
      };
      if (options.waitIdle > 0) {
        const waited = await waitForIdle(options.waitIdle);
        if (waited < 0) console.log(`    (the machine stayed busy for ${options.waitIdle} s: measuring anyway)`);
        else if (waited > 1.5) console.log(`    (waited ${fmt(waited)} s for the machine to be idle)`);
      }
      if (options.warmup > 0) await load({ ...common, seconds: options.warmup, collect: false });
      sampler.startPhase();
      const staticServer = endpoint.isBaseline || endpoint.isPlanBaseline || Boolean(endpoint.baselinePid);
      const cpu = endpoint.baselinePid
        ? cpuMeter([endpoint.baselinePid, server.pid])
        : endpoint.isPlanBaseline
          ? cpuMeter([planBaseline.pid, server.pid])
          : cpuMeter([
              endpoint.isBaseline ? baseline.pid : server.pid,
              endpoint.isBaseline ? server.pid : baseline.pid,
            ]);
      const measured = await load({ ...common, seconds: options.duration });
      const used = cpu();
      const phasePeakMb = sampler.endPhase();
      const result = {
        ...endpoint,
        ...measured,
        serverPeakRssMb: staticServer ? null : phasePeakMb,
        cpuCores: { target: used.server, client: used.client, other: used.other },
        cpuMsPerRequest: (used.server * 1000) / measured.rps,
      };
      delete result.headers;
      delete result.baselinePid;
      result.connections = connections;
      results.push(result);
      const busy = used.other > 0.25;
      if (busy) busyPhases.push(endpoint.name);
      console.log(
        `    ${endpoint.name}: ${fmt(measured.rps, 0)} req/s, p95 ${fmt(measured.p95, 2)} ms; CPU (cores): ` +
          `${staticServer ? "baseline" : "server"} ${fmt(used.server, 2)}, load generator ${fmt(used.client, 2)}, other processes ${fmt(used.other, 2)}` +
          (staticServer ? "" : `; RSS peak ${fmt(phasePeakMb)} MB`) +
          (measured.non2xx || measured.errors ? ` — ${measured.non2xx} non-2xx, ${measured.errors} errors` : "") +
          (busy ? "  ⚠ other processes were using the CPU" : ""),
      );
    }
    const baselineRps = results[0].rps;
    for (const result of results) result.ratio = result.rps / baselineRps;
    const planBaselineRps = results.find((r) => r.isPlanBaseline)?.rps;
    for (const result of results.filter((r) => r.isPlan || r.isPlanInfo))
      result.ratioSameBytes = result.rps / planBaselineRps;
    for (const result of results.filter((r) => r.isRelay))
      result.ratioSameBytes = result.rps / results.find((r) => r.sameBytesBaseline === result.sameBytes).rps;

    const finalStats = sampler.stop();
    const peakRssMb = Math.max(sampler.peakMb, finalStats?.hwmMb ?? 0);
    summary.endpoints = results;
    summary.server = {
      rssAfterStartMb: idle?.rssMb ?? null,
      peakRssSampledMb: sampler.peakMb,
      vmHwmMb: finalStats?.hwmMb ?? null,
      peakRssMb,
    };

    console.log(`\nResults (${options.connections} connections, ${options.duration} s each; latency in ms)\n`);
    console.log(
      table(
        [
          "endpoint",
          "req/s",
          "p50",
          "p95",
          "p99",
          "non-2xx",
          "errors",
          "vs baseline",
          "CPU ms/req",
          "CPU server",
          "CPU other",
        ],
        results.map((r) => [
          r.name,
          fmt(r.rps, 0),
          fmt(r.p50, 2),
          fmt(r.p95, 2),
          fmt(r.p99, 2),
          r.non2xx,
          r.errors,
          `${fmt(r.ratio * 100, 1)} %`,
          fmt(r.cpuMsPerRequest, 2),
          fmt(r.cpuCores.target, 2),
          fmt(r.cpuCores.other, 2),
        ]),
      ),
    );
    console.log(
      `\nServer memory: peak RSS ${fmt(peakRssMb)} MB (sampled every 200 ms: ${fmt(sampler.peakMb)} MB; VmHWM: ${fmt(finalStats?.hwmMb)} MB; ` +
        `after start: ${fmt(idle?.rssMb)} MB)`,
    );
    if (!sampler.available) console.log("  (no /proc on this system: memory could not be measured)");
    if (busyPhases.length > 0) {
      console.log(
        `\n⚠ Other processes used more than a quarter of a core during: ${busyPhases.join(", ")}. ` +
          "These figures understate the app: rerun on an idle machine before recording them.",
      );
    }
    summary.busyPhases = busyPhases;

    // 6a. Targets (issue 2).
    const targets = [];
    for (const r of results.filter((x) => x.isHome)) {
      targets.push({
        name: `${r.name}: throughput ≥ 30 % of the baseline`,
        value: `${fmt(r.ratio * 100, 1)} %`,
        pass: r.ratio >= 0.3,
      });
      targets.push({ name: `${r.name}: p95 ≤ 50 ms`, value: `${fmt(r.p95, 2)} ms`, pass: r.p95 <= 50 });
      targets.push({
        name: `${r.name}: no non-2xx response, no error`,
        value: `${r.non2xx} / ${r.errors}`,
        pass: r.non2xx === 0 && r.errors === 0,
      });
    }
    targets.push({
      name: "server peak RSS ≤ 250 MB",
      value: `${fmt(peakRssMb)} MB`,
      pass: sampler.available && peakRssMb <= 250,
    });
    // Issue 3 (forward plan).
    for (const r of results.filter((x) => x.isPlan)) {
      // The baseline is "the same HTML served from memory by node:http" (issue 2), so /plan is
      // compared with a static server sending /plan's own bytes, not the much smaller home page.
      targets.push({
        name: `${r.name}: throughput ≥ 30 % of the static baseline serving the same HTML`,
        value: `${fmt(r.ratioSameBytes * 100, 1)} % (${fmt(r.ratio * 100, 1)} % of the home-page baseline)`,
        pass: r.ratioSameBytes >= 0.3,
      });
      targets.push({ name: `${r.name}: p95 ≤ 60 ms`, value: `${fmt(r.p95, 2)} ms`, pass: r.p95 <= 60 });
      targets.push({
        name: `${r.name}: no non-2xx response, no error`,
        value: `${r.non2xx} / ${r.errors}`,
        pass: r.non2xx === 0 && r.errors === 0,
      });
    }
    for (const r of results.filter((x) => x.isIcs)) {
      targets.push({
        name: `${r.name}: median ≤ 300 ms`,
        value: `${fmt(r.p50, 2)} ms`,
        pass: r.p50 <= 300 && r.non2xx === 0 && r.errors === 0,
      });
    }
    // Issue 16 (relays): the relay's page and its widget, as /plan.
    for (const r of results.filter((x) => x.isRelay)) {
      targets.push({
        name: `${r.name}: throughput ≥ 30 % of the static baseline serving the same HTML`,
        value: `${fmt(r.ratioSameBytes * 100, 1)} % (${fmt(r.ratio * 100, 1)} % of the home-page baseline)`,
        pass: r.ratioSameBytes >= 0.3,
      });
      targets.push({
        name: `${r.name}: no non-2xx response, no error`,
        value: `${r.non2xx} / ${r.errors}`,
        pass: r.non2xx === 0 && r.errors === 0,
      });
    }
    for (const r of results.filter((x) => x.isCalendarApi)) {
      targets.push({
        name: `${r.name}: ≥ 2 000 req/s`,
        value: `${fmt(r.rps, 0)} req/s`,
        pass: r.rps >= 2_000 && r.non2xx === 0 && r.errors === 0,
      });
    }
    console.log("\nTargets (issues 2, 3 and 16, at 20 connections unless stated)");
    for (const t of targets) console.log(`  ${t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.value}`);
    failedTargets = targets.filter((t) => !t.pass).length;
    summary.targets = targets;
    if (options.connections !== 20)
      console.log(`  (measured at ${options.connections} connections, not 20: indicative only)`);

    // Stop the HTTP processes before the writer benchmark, so that it has the CPU to itself.
    await stopChild(baseline);
    await stopChild(planBaseline);
    for (const child of relayBaselines) await stopChild(child);
    await stopChild(server);

    // 6b. Writers (issue 7, point 5).
    if (options.skipWriters) {
      console.log("\n[6/7] writer benchmark: skipped (--skip-writers)");
    } else {
      console.log(
        `\n[6/7] writer benchmark (bench/writers.ts): ${options.writers} concurrent writers, ledger appends through write(), ` +
          `at most ${options.writerTransactions} each or ${options.writerSeconds} s, ${options.rollbackPercent} % rolled back on purpose`,
      );
      const writersEnv = { ...process.env, DATABASE_URL: `file:${writersDb}` };
      delete writersEnv.NODE_ENV;
      delete writersEnv.RESEND_API_KEY;
      await runStep("migrations of the writers' database", process.execPath, ["scripts/db-setup.js", "--no-seed"], {
        env: writersEnv,
        timeoutMs: 120_000,
      });
      let writers;
      try {
        const run = await runStep(
          "bench/writers.ts",
          process.execPath,
          [
            TSX,
            "bench/writers.ts",
            "--writers",
            String(options.writers),
            "--transactions",
            String(options.writerTransactions),
            "--seconds",
            String(options.writerSeconds),
            "--rollback-percent",
            String(options.rollbackPercent),
          ],
          { env: writersEnv, timeoutMs: (options.writerSeconds + 120) * 1000, echo: (line) => line.startsWith("  ") },
        );
        writers = resultLine(run.output, "BENCH_WRITERS_RESULT");
      } catch (error) {
        // writers.ts exits 1 when a check fails; its result line is still there.
        if (!error.output?.includes("BENCH_WRITERS_RESULT")) throw error;
        writers = resultLine(error.output, "BENCH_WRITERS_RESULT");
      }
      summary.writers = writers;
      const correct =
        writers.lostWrites === 0 &&
        writers.phantomWrites === 0 &&
        writers.unacknowledgedRows === 0 &&
        writers.chainOk &&
        writers.failed === 0;
      correctnessFailure = !correct;
      console.log(
        `\n  writers: ${fmt(writers.throughput)} tx/s committed, p50 ${fmt(writers.latencyMs.p50)} ms, p95 ${fmt(writers.latencyMs.p95)} ms; ` +
          `lost writes: ${writers.lostWrites}; chain ${writers.chainOk ? "ok" : "BROKEN"} — ${correct ? "PASS" : "FAIL"}`,
      );
    }

    // Issue 15: verifying the ledger and an export (bench/ledger.ts, its own fresh database).
    if (options.skipLedger) {
      console.log("\n[ledger] verification benchmark: skipped (--skip-ledger)");
    } else {
      console.log(
        `\n[ledger] verification benchmark (bench/ledger.ts): ${options.ledgerRecords} records, an export of ${options.ledgerExport}`,
      );
      const ledgerEnv = { ...process.env };
      delete ledgerEnv.NODE_ENV;
      delete ledgerEnv.LEDGER_SIGNING_KEY;
      let ledger;
      try {
        const run = await runStep(
          "bench/ledger.ts",
          process.execPath,
          [
            TSX,
            "bench/ledger.ts",
            "--records",
            String(options.ledgerRecords),
            "--export",
            String(options.ledgerExport),
          ],
          {
            env: ledgerEnv,
            timeoutMs: 900_000,
            echo: (line) => line.startsWith("  ") || /^(verifyLedger|Export|Checks)/.test(line),
          },
        );
        ledger = resultLine(run.output, "BENCH_LEDGER_RESULT");
      } catch (error) {
        // ledger.ts exits 1 when a check fails; its result line is still there.
        if (!error.output?.includes("BENCH_LEDGER_RESULT")) throw error;
        ledger = resultLine(error.output, "BENCH_LEDGER_RESULT");
      }
      summary.ledger = ledger;
      if (!ledger.checksPassed) correctnessFailure = true;
      const ledgerTargets = [
        {
          name: `verifyLedger() over ${ledger.records} records ≤ 2 s`,
          value: `${fmt(ledger.verifyMs.median / 1000, 2)} s (${fmt(ledger.ratioToBatchedFloor, 2)} × its floor: the same read + SHA-256)`,
          pass: ledger.targets.verify,
        },
        {
          name: `offline verifier on an export of ${ledger.exported} records ≤ 1 s`,
          value: `${fmt(ledger.offlineVerifierMs.median / 1000, 2)} s`,
          pass: ledger.targets.offline,
        },
      ];
      console.log("\nTargets (issue 15)");
      for (const t of ledgerTargets) console.log(`  ${t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.value}`);
      failedTargets += ledgerTargets.filter((t) => !t.pass).length;
      summary.targets = [...(summary.targets ?? []), ...ledgerTargets];
    }

    // 8. The record's PDF (issue 15, point 11): its own database and server, nothing else running.
    if (options.skipRecordPdf) {
      console.log("\n[record PDF] benchmark: skipped (--skip-record-pdf)");
    } else {
      console.log("\n[record PDF] benchmark (bench/record-pdf.ts): a procurement of 2,000 entries, exported as PDF");
      const recordEnv = { ...process.env };
      delete recordEnv.DATABASE_URL;
      delete recordEnv.NODE_ENV;
      delete recordEnv.RESEND_API_KEY;
      let recordPdf;
      try {
        const run = await runStep("bench/record-pdf.ts", process.execPath, [TSX, "bench/record-pdf.ts"], {
          env: recordEnv,
          timeoutMs: 600_000,
          echo: (line) => /^(PASS|FAIL|ok|Server memory|Where)/.test(line),
        });
        recordPdf = resultLine(run.output, "BENCH_RECORD_PDF_RESULT");
      } catch (error) {
        if (!error.output?.includes("BENCH_RECORD_PDF_RESULT")) throw error;
        recordPdf = resultLine(error.output, "BENCH_RECORD_PDF_RESULT");
      }
      summary.recordPdf = recordPdf;
      if (!recordPdf.ok) correctnessFailure = true;
      if (!recordPdf.targetsMet) failedTargets += 1;
      console.log(
        `\n  record PDF: ${recordPdf.records} entries, ${recordPdf.pages} pages; p50 ${recordPdf.pdfP50Ms} ms, slowest ${recordPdf.pdfMaxMs} ms; ` +
          `server peak RSS ${recordPdf.peakRssMb} MB — ${recordPdf.targetsMet ? "PASS" : "FAIL"}`,
      );
    }

    // Issue 16: the weekly digest of supplier alerts, on its own database and server.
    if (options.skipDigest) {
      console.log("\n[digest] weekly digest benchmark: skipped (--skip-digest)");
    } else {
      console.log(
        `\n[digest] weekly digest (bench/alerts-digest.ts): ${options.digestAlerts} weekly alerts against ${options.digestPlan} procurements, ` +
          `run by the server's job worker while /plan is loaded at ${options.digestConnections} connections`,
      );
      const digestEnv = { ...process.env, DATABASE_URL: `file:${digestDb}` };
      delete digestEnv.NODE_ENV;
      delete digestEnv.RESEND_API_KEY;
      await runStep("migrations of the digest's database", process.execPath, ["scripts/db-setup.js", "--no-seed"], {
        env: digestEnv,
        timeoutMs: 120_000,
      });
      let digest;
      try {
        const run = await runStep(
          "bench/alerts-digest.ts",
          process.execPath,
          [
            TSX,
            "bench/alerts-digest.ts",
            "--suppliers",
            String(options.digestAlerts),
            "--plan",
            String(options.digestPlan),
            "--connections",
            String(options.digestConnections),
          ],
          { env: digestEnv, timeoutMs: 600_000, echo: (line) => line.startsWith("  ") },
        );
        digest = resultLine(run.output, "BENCH_DIGEST_RESULT");
      } catch (error) {
        // alerts-digest.ts exits 1 when a check fails; its result line is still there.
        if (!error.output?.includes("BENCH_DIGEST_RESULT")) throw error;
        digest = resultLine(error.output, "BENCH_DIGEST_RESULT");
      }
      summary.digest = digest;
      if (!Object.values(digest.checks ?? {}).every(Boolean)) correctnessFailure = true;
      const digestTargets = [
        {
          name: `weekly digest of ${digest.suppliers} alerts: ≤ 60 s`,
          value: `${fmt(digest.digestSeconds, 1)} s`,
          pass: digest.targets.digestWithin60s,
        },
        {
          name: "/plan while the digest runs: p95 < 100 ms",
          value: `${fmt(digest.planDuringDigest.p95, 1)} ms`,
          pass: digest.targets.planP95Under100ms,
        },
      ];
      for (const t of digestTargets) console.log(`  ${t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.value}`);
      failedTargets += digestTargets.filter((t) => !t.pass).length;
      summary.targets = [...(summary.targets ?? []), ...digestTargets];
    }
    succeeded = true;
  } finally {
    sampler?.stop();
    await stopChild(baseline);
    await stopChild(planBaseline);
    for (const child of relayBaselines) await stopChild(child);
    await stopChild(server);
    summary.finishedAt = new Date().toISOString();
    summary.totalSeconds = (Date.now() - startedAt.getTime()) / 1000;
    fs.writeFileSync(path.join(runDir, "result.json"), JSON.stringify(summary, null, 2));
    fs.writeFileSync(path.join(root, "bench", ".tmp", "last-run.json"), JSON.stringify(summary, null, 2));
    if (succeeded && !options.keep) {
      for (const name of fs.readdirSync(runDir))
        if (/\.db(-wal|-shm|-journal)?$/.test(name)) fs.rmSync(path.join(runDir, name), { force: true });
    }
  }

  console.log(`\nDone in ${fmt(summary.totalSeconds, 0)} s. Full results: ${path.relative(root, runDir)}/result.json`);
  if (correctnessFailure) {
    console.error(
      "FAIL: the writer benchmark found lost or phantom writes or a broken ledger chain, the ledger benchmark a failed check, the record PDF benchmark a wrong file, or the digest benchmark a message missing or sent twice.",
    );
    return 1;
  }
  if (failedTargets > 0) {
    console.log(
      `${failedTargets} target(s) missed${options.strict ? " (--strict: exit code 1)" : " (exit code 0; use --strict to fail)"}.`,
    );
    return options.strict ? 1 : 0;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`\nbench: ${error.message}`);
    killAllNow();
    process.exit(1);
  },
);
