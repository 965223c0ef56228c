// A small durable job queue: work scheduled for a moment (join links, reminders) lives in the Job
// table, not in timers, so that it survives a restart. See docs/decisions/0010-durable-job-queue.md.
//
// - schedule() is idempotent on dedupeKey: scheduling the same job twice keeps one row.
// - A worker claims due jobs in a write transaction (pending -> running, lockedBy, lockedUntil).
//   The claim is a conditional update, so two workers (in one process or in two) never both get
//   the same job. A job whose lock expired (its worker died) is due again.
// - The handler's database effects run in the SAME transaction that marks the job done, and only
//   if the job is still locked by this worker: a job's effects are committed exactly once, even if
//   the worker dies half-way or another worker took the job over after the lock expired.
import { randomUUID } from "node:crypto";
import { db, write, type WriteTransaction } from "~/db/db.server";

export type JobStatus = "pending" | "running" | "done" | "failed";

/** A job's state as the administration page says it. */
export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  pending: "Programmée",
  running: "En cours",
  done: "Terminée",
  failed: "Échec définitif",
};

export interface ScheduleInput {
  kind: string;
  /** One job per key: e.g. `event.join_link:<eventId>`. */
  dedupeKey: string;
  runAt: Date;
  payload?: Record<string, unknown>;
}

/** How long a claimed job stays locked to its worker; after that another worker may take it. */
export const JOB_LEASE_MS = 5 * 60 * 1000;
/** Attempts (claims) before a job is marked failed and left visible for an administrator. */
export const MAX_JOB_ATTEMPTS = 6;

/** 1 min, 4 min, 16 min, ... capped at 6 hours. */
export function jobRetryDelayMs(attempts: number): number {
  return Math.min(60_000 * 4 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

/**
 * Schedules a job, or moves a still-pending job with the same key to the new moment. A job that
 * already ran (done) or is running is left as it is: its work is not redone.
 */
export async function schedule(tx: WriteTransaction, input: ScheduleInput) {
  const payload = JSON.stringify(input.payload ?? {});
  const existing = await tx.job.findUnique({ where: { dedupeKey: input.dedupeKey } });
  if (!existing) {
    return tx.job.create({ data: { kind: input.kind, dedupeKey: input.dedupeKey, runAt: input.runAt, payload } });
  }
  if (
    existing.status === "pending" &&
    (existing.runAt.getTime() !== input.runAt.getTime() || existing.payload !== payload)
  ) {
    return tx.job.update({ where: { id: existing.id }, data: { runAt: input.runAt, payload } });
  }
  return existing;
}

/** Cancels a job that has not run yet (e.g. the event was cancelled). Running or done jobs are kept. */
export async function unschedule(tx: WriteTransaction, dedupeKey: string): Promise<boolean> {
  const { count } = await tx.job.updateMany({
    where: { dedupeKey, status: "pending" },
    data: { status: "done", completedAt: new Date(), lastError: "annulé avant exécution" },
  });
  return count > 0;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** Including this one. */
  attempts: number;
  lockedBy: string;
}

/** What a handler returns: the database work to commit together with "job done", if any. */
export type JobEffect = (tx: WriteTransaction) => Promise<void>;

/**
 * A handler reads and renders outside any transaction, then returns its writes as an effect. It may
 * throw RescheduleJob to run later without counting an attempt (e.g. the event moved).
 */
export type JobHandler = (job: ClaimedJob, context: { now: Date }) => Promise<JobEffect | void>;

export class RescheduleJob extends Error {
  constructor(
    readonly runAt: Date,
    reason: string,
  ) {
    super(reason);
    this.name = "RescheduleJob";
  }
}

/** The lock was lost (expired and taken by another worker): this worker's result is dropped. */
export class LostJobLockError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} is no longer locked by this worker`);
    this.name = "LostJobLockError";
  }
}

function dueWhere(now: Date) {
  return {
    OR: [
      { status: "pending", runAt: { lte: now } },
      // A running job whose lock expired: its worker died (or hung) before finishing.
      { status: "running", lockedUntil: { lt: now } },
    ],
  };
}

/** A job row's stored payload as an object ({} when it is not one). */
export function parseJobPayload(stored: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(stored);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Claims up to `limit` due jobs for `workerId` (only of the given kinds, when `kinds` is set: the
 * demo seed sends its queued invitations and leaves the rest to the server). The conditional update
 * re-checks, under SQLite's write lock, that the job is still due: another worker that claimed it
 * first wins.
 */
export async function claimDueJobs(
  workerId: string,
  now = new Date(),
  limit = 10,
  kinds?: readonly string[],
): Promise<ClaimedJob[]> {
  // Candidates from committed data first (cheap, no lock), then one transaction to claim them.
  const candidates = await db.job.findMany({
    where: { ...dueWhere(now), ...(kinds ? { kind: { in: [...kinds] } } : {}) },
    orderBy: { runAt: "asc" },
    take: limit,
    select: { id: true },
  });
  if (candidates.length === 0) return [];
  return write(async (tx) => {
    const claimed: ClaimedJob[] = [];
    for (const { id } of candidates) {
      const { count } = await tx.job.updateMany({
        where: { id, ...dueWhere(now) },
        data: {
          status: "running",
          lockedBy: workerId,
          lockedUntil: new Date(now.getTime() + JOB_LEASE_MS),
          attempts: { increment: 1 },
        },
      });
      if (count === 0) continue;
      const job = await tx.job.findUniqueOrThrow({ where: { id } });
      if (job.attempts > MAX_JOB_ATTEMPTS) {
        // Claimed again and again without finishing (its worker keeps dying): stop and show it.
        await tx.job.update({
          where: { id },
          data: {
            status: "failed",
            lockedBy: null,
            lockedUntil: null,
            lastError: job.lastError ?? "interrompu à chaque tentative",
          },
        });
        continue;
      }
      claimed.push({
        id,
        kind: job.kind,
        dedupeKey: job.dedupeKey,
        payload: parseJobPayload(job.payload),
        runAt: job.runAt,
        attempts: job.attempts,
        lockedBy: workerId,
      });
    }
    return claimed;
  });
}

/**
 * For a job that commits its work in several transactions (batches, so that a long run never holds
 * the writer): inside each of them, checks that this worker still holds the job and extends its
 * lease. Throws LostJobLockError otherwise, which rolls that batch back; the work it already
 * committed must be recognisable by the next run (a unique key), so that nothing is done twice.
 */
export async function holdJob(tx: WriteTransaction, job: ClaimedJob, now = new Date()): Promise<void> {
  const { count } = await tx.job.updateMany({
    where: { id: job.id, status: "running", lockedBy: job.lockedBy },
    data: { lockedUntil: new Date(now.getTime() + JOB_LEASE_MS) },
  });
  if (count === 0) throw new LostJobLockError(job.id);
}

/** Marks a job done together with its effect, only if this worker still holds it. */
export async function completeJob(job: ClaimedJob, effect: JobEffect | void, now = new Date()): Promise<void> {
  await write(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: job.id, status: "running", lockedBy: job.lockedBy },
      data: { status: "done", completedAt: now, lockedBy: null, lockedUntil: null, lastError: null },
    });
    if (count === 0) throw new LostJobLockError(job.id);
    if (effect) await effect(tx);
  });
}

/** Records a failure: retried later with backoff, or failed (visible) after the last attempt. */
export async function failJob(
  job: ClaimedJob,
  error: string,
  now = new Date(),
): Promise<"pending" | "failed" | "lost"> {
  const giveUp = job.attempts >= MAX_JOB_ATTEMPTS;
  const status = giveUp ? "failed" : "pending";
  const { count } = await write((tx) =>
    tx.job.updateMany({
      where: { id: job.id, status: "running", lockedBy: job.lockedBy },
      data: {
        status,
        lockedBy: null,
        lockedUntil: null,
        lastError: error.slice(0, 2_000),
        runAt: giveUp ? undefined : new Date(now.getTime() + jobRetryDelayMs(job.attempts)),
      },
    }),
  );
  return count === 0 ? "lost" : status;
}

/** Puts the job back to pending at a later moment, without counting this claim as an attempt. */
export async function rescheduleJob(job: ClaimedJob, runAt: Date, reason: string): Promise<void> {
  await write((tx) =>
    tx.job.updateMany({
      where: { id: job.id, status: "running", lockedBy: job.lockedBy },
      data: {
        status: "pending",
        lockedBy: null,
        lockedUntil: null,
        runAt,
        attempts: { decrement: 1 },
        lastError: reason.slice(0, 2_000),
      },
    }),
  );
}

/** An identifier for a worker: unique per process and per worker instance. */
export function newWorkerId(label = "worker"): string {
  return `${label}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** An administrator puts a failed job back in the queue. */
export function retryFailedJob(id: string, now = new Date()) {
  return write((tx) =>
    tx.job.updateMany({
      where: { id, status: "failed" },
      data: { status: "pending", runAt: now, attempts: 0, lastError: null },
    }),
  );
}

export function listJobs(options: { status?: JobStatus; take?: number } = {}) {
  return db.job.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: { runAt: "desc" },
    take: options.take ?? 100,
  });
}
