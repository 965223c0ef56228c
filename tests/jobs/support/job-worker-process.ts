export {};
// A second OS process running the job worker on the same SQLite file as the test process, the way a
// restarted server (or a second server) would. Run with tsx; reports one JSON line per event.
//   crash <db>        claims the due jobs, reports them, then exits at once without finishing them
//                     (a worker killed in the middle of its work)
//   run <db> [rounds] polls until no job is pending or running (at most `rounds` polls), reports what it ran
process.env.DATABASE_URL = `file:${process.argv[3]}`;
process.env.DB_WRITE_RETRY_BUDGET_MS ??= "30000";

const { connectDatabase, db, disconnectDatabase } = await import("../../../app/db/db.server");
const { claimDueJobs, newWorkerId } = await import("../../../app/jobs/queue.server");
const { runDueJobs } = await import("../../../app/jobs/worker.server");
const { testJobHandlers } = await import("./test-handlers");

const report = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
const [mode, , roundsArgument] = process.argv.slice(2);

await connectDatabase();
const workerId = newWorkerId("child");
if (mode === "crash") {
  const claimed = await claimDueJobs(workerId);
  report({ event: "claimed", ids: claimed.map((job) => job.id) });
  // Die without completing, releasing or reporting anything: the locks stay in the database.
  process.exit(1);
} else if (mode === "run") {
  const handlers = testJobHandlers(workerId, (dedupeKey) => report({ event: "ran", dedupeKey }));
  let done = 0;
  // Warm up (first query loads the query engine), then poll until no job is left to run.
  await db.job.count();
  report({ event: "ready" });
  for (let round = 0; round < Number(roundsArgument ?? 1000); round++) {
    done += (await runDueJobs(handlers, { workerId, limit: 2 })).done;
    if ((await db.job.count({ where: { status: { in: ["pending", "running"] } } })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  report({ event: "finished", done });
  await disconnectDatabase();
} else {
  console.error("usage: job-worker-process.ts crash|run <db> [rounds]");
  process.exit(2);
}
