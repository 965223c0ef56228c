// A job kind for the queue tests: its effect appends one ledger record named after the job, so
// that "ran twice" would show up as two records (the ledger is append-only and checked).
import { appendExchange } from "../../../app/ledger/ledger.server";
import type { JobHandler } from "../../../app/jobs/queue.server";

export const TEST_JOB_KIND = "test.append";

export function testJobHandlers(
  workerId: string,
  onRun: (dedupeKey: string) => void = () => {},
): Record<string, JobHandler> {
  return {
    [TEST_JOB_KIND]: async (job) => {
      onRun(job.dedupeKey);
      return async (tx) => {
        await appendExchange(tx, {
          kind: "manual.exchange",
          actor: { userId: null, label: workerId },
          organizationIds: [],
          summary: job.dedupeKey,
          payload: { workerId },
        });
      };
    },
  };
}
