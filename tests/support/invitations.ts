// Sourcing invitations are queued by the post and sent by the job worker: tests run that worker
// (only for invitation jobs) where the server's timer would.
import { db } from "~/db/db.server";
import { runDueJobs } from "~/jobs/worker.server";
import { SOURCING_INVITATIONS_JOB, sendSourcingInvitations } from "~/sourcing/invitations.server";

export function sendQueuedInvitations(now?: Date) {
  return runDueJobs(
    { [SOURCING_INVITATIONS_JOB]: sendSourcingInvitations },
    { workerId: "test-invitations", now, limit: 100, kinds: [SOURCING_INVITATIONS_JOB] },
  );
}

/**
 * Against a running server, whose own worker may take a job first: runs the worker until no
 * invitation job is left pending or running.
 */
export async function sendAllQueuedInvitations(): Promise<void> {
  for (let round = 0; round < 200; round++) {
    await sendQueuedInvitations();
    const left = await db.job.count({
      where: { kind: SOURCING_INVITATIONS_JOB, status: { in: ["pending", "running"] } },
    });
    if (left === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("Invitation jobs still pending");
}
