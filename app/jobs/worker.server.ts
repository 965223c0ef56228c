// Runs due jobs. The timer only decides when to look; what is due, who holds it and what was done
// are in the database (see queue.server.ts), so a restart loses nothing and runs nothing twice.
import {
  claimDueJobs,
  completeJob,
  failJob,
  LostJobLockError,
  newWorkerId,
  rescheduleJob,
  RescheduleJob,
  type JobHandler,
} from "./queue.server";

export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobRunSummary {
  done: number;
  failed: number;
  retried: number;
  rescheduled: number;
  lost: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Claims the jobs due at `now` and runs each one; returns what happened (for tests and logs). */
export async function runDueJobs(
  handlers: JobHandlers,
  options: { workerId: string; now?: Date; limit?: number; kinds?: readonly string[] },
): Promise<JobRunSummary> {
  const now = options.now ?? new Date();
  const summary: JobRunSummary = { done: 0, failed: 0, retried: 0, rescheduled: 0, lost: 0 };
  for (const job of await claimDueJobs(options.workerId, now, options.limit, options.kinds)) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`Aucun traitement pour les tâches « ${job.kind} »`);
      const effect = await handler(job, { now });
      await completeJob(job, effect, now);
      summary.done++;
    } catch (error) {
      if (error instanceof LostJobLockError) {
        // Another worker took the job over after our lock expired; its run counts, ours is dropped.
        console.warn(`[jobs] ${job.kind} ${job.id}: lock lost, result dropped`);
        summary.lost++;
      } else if (error instanceof RescheduleJob) {
        await rescheduleJob(job, error.runAt, error.message);
        summary.rescheduled++;
      } else {
        const outcome = await failJob(job, describe(error), now);
        console.error(`[jobs] ${job.kind} ${job.id} attempt ${job.attempts} failed (${outcome}): ${describe(error)}`);
        if (outcome === "failed") summary.failed++;
        else if (outcome === "pending") summary.retried++;
        else summary.lost++;
      }
    }
  }
  return summary;
}

/** Polls for due jobs every `intervalMs` in this process. Returns a function that stops it. */
export function startJobWorker(handlers: JobHandlers, intervalMs = 15_000): () => void {
  const workerId = newWorkerId("server");
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runDueJobs(handlers, { workerId })
      .catch((error: unknown) => console.error("[jobs] worker error", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
