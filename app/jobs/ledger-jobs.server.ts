// The daily signed checkpoint of the ledger (docs/decisions/0023-signed-checkpoints-and-exports.md).
//
// One job per Paris day, keyed by the day (`ledger.checkpoint:2027-03-15`), due at 03:00 Paris
// time. The server schedules today's and tomorrow's at every start (schedule() is idempotent on
// the key, so restarts add nothing), and each run schedules the next day's before it works, so that
// the days go on even after a failed run. The checkpoint is stored in the transaction that marks
// the job done: a day's checkpoint is stored once, whatever the retries and the workers.
import { addDays, todayInParis } from "~/calendar/dates";
import { write } from "~/db/db.server";
import { prepareCheckpoint, storeCheckpoint } from "~/ledger/checkpoints.server";
import { parisLocalToUtc } from "~/meetings/slots";
import { schedule, type JobHandler } from "./queue.server";

export const LEDGER_CHECKPOINT_JOB = "ledger.checkpoint";
/** Paris time of the daily checkpoint: a quiet hour, after the night. */
export const DAILY_CHECKPOINT_TIME = "03:00";

function dailyJob(day: string) {
  return {
    kind: LEDGER_CHECKPOINT_JOB,
    dedupeKey: `${LEDGER_CHECKPOINT_JOB}:${day}`,
    runAt: parisLocalToUtc(day, DAILY_CHECKPOINT_TIME),
    payload: { day },
  };
}

/**
 * Today's checkpoint (due at once when 03:00 has passed: the first start of the day signs one)
 * and tomorrow's. Called at every start of the server.
 */
export async function scheduleDailyCheckpoints(now = new Date()): Promise<void> {
  const today = todayInParis(now);
  await write(async (tx) => {
    await schedule(tx, dailyJob(today));
    await schedule(tx, dailyJob(addDays(today, 1)));
  });
}

export const signDailyCheckpoint: JobHandler = async (job, { now }) => {
  const day = typeof job.payload.day === "string" ? job.payload.day : todayInParis(now);
  await write((tx) => schedule(tx, dailyJob(addDays(day, 1))).then(() => undefined));
  const prepared = await prepareCheckpoint({ now: () => now });
  return async (tx) => {
    await storeCheckpoint(tx, prepared, "daily");
  };
};
