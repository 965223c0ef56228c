// The durable job queue: one row per dedupe key, a job claimed by a worker that died is taken over
// after its lock expires and its effect is committed exactly once, two workers (two OS processes)
// never run a job twice, failures retry with backoff and end visibly.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import {
  claimDueJobs,
  completeJob,
  JOB_LEASE_MS,
  jobRetryDelayMs,
  LostJobLockError,
  MAX_JOB_ATTEMPTS,
  schedule,
} from "~/jobs/queue.server";
import { runDueJobs } from "~/jobs/worker.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { databaseFile } from "../db/support/helpers";
import { TEST_JOB_KIND, testJobHandlers } from "./support/test-handlers";

beforeAll(async () => {
  await connectDatabase();
});

const past = () => new Date(Date.now() - 60_000);

function scheduleTestJob(dedupeKey: string, runAt = past()) {
  return write((tx) => schedule(tx, { kind: TEST_JOB_KIND, dedupeKey, runAt, payload: { dedupeKey } }));
}

async function ledgerCount(summary: string) {
  return db.ledgerRecord.count({ where: { summary } });
}

/** Runs tests/jobs/support/job-worker-process.ts in its own Node process (through tsx). */
function spawnChild(script: string, args: string[]) {
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve(script), ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const events: Array<Record<string, unknown>> = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    try {
      events.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not an event line
    }
  });
  const exited = new Promise<{ code: number | null; stderr: string; events: typeof events }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr, events })),
  );
  /** Resolves once the child has reported an event of that name. */
  const reported = async (name: string) => {
    for (let waited = 0; !events.some((event) => event.event === name); waited += 20) {
      if (waited > 20_000 || child.exitCode !== null) throw new Error(`no "${name}" from the child; stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { exited, reported };
}

describe("schedule()", () => {
  it("keeps one job per dedupe key, moves a pending job, and leaves a job that already ran alone", async () => {
    const first = await scheduleTestJob("dedupe-a", new Date("2030-01-01T10:00:00Z"));
    const again = await scheduleTestJob("dedupe-a", new Date("2030-01-01T10:00:00Z"));
    expect(again.id).toBe(first.id);
    // Concurrent schedules of the same key from many requests: still one row.
    await Promise.all(Array.from({ length: 10 }, () => scheduleTestJob("dedupe-a", new Date("2030-01-02T10:00:00Z"))));
    const rows = await db.job.findMany({ where: { dedupeKey: "dedupe-a" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.runAt.toISOString()).toBe("2030-01-02T10:00:00.000Z");

    await scheduleTestJob("dedupe-b");
    await runDueJobs(testJobHandlers("w"), { workerId: "w" });
    expect(await ledgerCount("dedupe-b")).toBe(1);
    const done = await scheduleTestJob("dedupe-b", new Date(Date.now() + 3_600_000));
    expect(done.status).toBe("done");
    await runDueJobs(testJobHandlers("w"), { workerId: "w", now: new Date(Date.now() + 7_200_000) });
    expect(await ledgerCount("dedupe-b")).toBe(1);
  });
});

describe("a worker that dies", () => {
  it("in this process: the job stays locked until the lease ends, then another worker runs it once; the dead worker's late result is refused", async () => {
    await scheduleTestJob("crash-in-process");
    const now = new Date();
    const [claimed] = await claimDueJobs("worker-a", now);
    expect(claimed).toMatchObject({ dedupeKey: "crash-in-process", attempts: 1 });
    // Worker A "dies" here. While its lock holds, worker B does not take the job.
    expect(
      await runDueJobs(testJobHandlers("worker-b"), { workerId: "worker-b", now: new Date(now.getTime() + 60_000) }),
    ).toMatchObject({ done: 0 });
    // After the lease, worker B takes it over and runs it.
    const later = new Date(now.getTime() + JOB_LEASE_MS + 1_000);
    expect(await runDueJobs(testJobHandlers("worker-b"), { workerId: "worker-b", now: later })).toMatchObject({
      done: 1,
    });
    // Worker A was only slow, not dead: its result arrives late and is refused, nothing is written.
    await expect(
      completeJob(claimed!, async (tx) => {
        await tx.ledgerRecord.count();
        throw new Error("must not run");
      }),
    ).rejects.toBeInstanceOf(LostJobLockError);
    expect(await ledgerCount("crash-in-process")).toBe(1);
    expect(await db.job.findUniqueOrThrow({ where: { dedupeKey: "crash-in-process" } })).toMatchObject({
      status: "done",
      attempts: 2,
    });
  });

  it("in a real second process that exits after claiming: after a restart (this process) the job runs exactly once", async () => {
    await scheduleTestJob("crash-child-1");
    await scheduleTestJob("crash-child-2");
    const crashed = await spawnChild("tests/jobs/support/job-worker-process.ts", ["crash", databaseFile()]).exited;
    expect(crashed.code).toBe(1);
    const claimedIds = crashed.events.find((event) => event.event === "claimed")?.ids as string[];
    expect(claimedIds.length).toBeGreaterThanOrEqual(2);
    const locked = await db.job.findMany({ where: { dedupeKey: { startsWith: "crash-child-" } } });
    expect(locked.map((job) => job.status)).toEqual(["running", "running"]);

    expect(await runDueJobs(testJobHandlers("restarted"), { workerId: "restarted" })).toMatchObject({ done: 0 });
    const afterLease = new Date(Date.now() + JOB_LEASE_MS + 1_000);
    await runDueJobs(testJobHandlers("restarted"), { workerId: "restarted", now: afterLease });
    await runDueJobs(testJobHandlers("restarted"), {
      workerId: "restarted",
      now: new Date(afterLease.getTime() + JOB_LEASE_MS * 2),
    });
    expect(await ledgerCount("crash-child-1")).toBe(1);
    expect(await ledgerCount("crash-child-2")).toBe(1);
  });
});

describe("two workers on one database", () => {
  it("a second OS process and this process poll the same jobs: each job's effect is committed exactly once", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `shared-${i}`);
    for (const key of keys) await scheduleTestJob(key);
    const child = spawnChild("tests/jobs/support/job-worker-process.ts", ["run", databaseFile()]);
    await child.reported("ready");
    const handlers = testJobHandlers("parent");
    let parentDone = 0;
    for (let round = 0; round < 1000; round++) {
      parentDone += (await runDueJobs(handlers, { workerId: "parent", limit: 2 })).done;
      if (
        (await db.job.count({
          where: { dedupeKey: { startsWith: "shared-" }, status: { in: ["pending", "running"] } },
        })) === 0
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { code, stderr, events } = await child.exited;
    expect(code, stderr).toBe(0);
    const childDone = Number(events.find((event) => event.event === "finished")?.done ?? -1);
    // Both did part of the work (the claim is per job), and together exactly all of it.
    expect(parentDone + childDone).toBe(keys.length);
    expect(childDone).toBeGreaterThan(0);
    const records = await db.ledgerRecord.findMany({
      where: { summary: { startsWith: "shared-" } },
      select: { summary: true },
    });
    expect(records.map((record) => record.summary).sort()).toEqual([...keys].sort());
    expect(await db.job.count({ where: { dedupeKey: { startsWith: "shared-" }, status: "done" } })).toBe(keys.length);
    expect((await verifyLedger()).ok).toBe(true);
  }, 60_000);

  it("many workers in this process racing on the same jobs: no job runs twice", async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    for (const key of keys) await scheduleTestJob(key);
    const ran: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, (_, w) =>
        runDueJobs(
          testJobHandlers(`w${w}`, (key) => ran.push(key)),
          { workerId: `w${w}`, limit: 20 },
        ),
      ),
    );
    expect([...ran].sort()).toEqual([...keys].sort());
    for (const key of keys) expect(await ledgerCount(key)).toBe(1);
  });
});

describe("failures", () => {
  it("retries with a growing delay, then marks the job failed with its error, visibly", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await write((tx) => schedule(tx, { kind: "test.broken", dedupeKey: "broken", runAt: past() }));
    const handlers = {
      "test.broken": async () => {
        throw new Error("service de visioconférence indisponible");
      },
    };
    let clock = Date.now();
    const first = await runDueJobs(handlers, { workerId: "w", now: new Date(clock) });
    expect(first).toMatchObject({ retried: 1 });
    const afterOne = await db.job.findUniqueOrThrow({ where: { dedupeKey: "broken" } });
    expect(afterOne).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "service de visioconférence indisponible",
    });
    expect(afterOne.runAt.getTime()).toBe(clock + jobRetryDelayMs(1));
    expect(jobRetryDelayMs(2)).toBeGreaterThan(jobRetryDelayMs(1));
    for (let attempt = 1; attempt < MAX_JOB_ATTEMPTS; attempt++) {
      clock += 7 * 60 * 60 * 1000;
      await runDueJobs(handlers, { workerId: "w", now: new Date(clock) });
    }
    expect(await db.job.findUniqueOrThrow({ where: { dedupeKey: "broken" } })).toMatchObject({
      status: "failed",
      attempts: MAX_JOB_ATTEMPTS,
    });
    // A failed job is not picked up again on its own.
    expect(await runDueJobs(handlers, { workerId: "w", now: new Date(clock + 24 * 3_600_000) })).toMatchObject({
      done: 0,
      retried: 0,
      failed: 0,
    });
  });
});
