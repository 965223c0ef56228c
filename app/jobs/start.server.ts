// Background work of the server process, started once by app/entry.server.tsx: first the one-time
// upgrade of the exchange ledger to format 2 (usually done already by `npm run db:setup`; one query
// then), then mail delivery, scheduled jobs (the Job table, see queue.server.ts), and the purge of
// expired sessions, of abuse-limit counters whose window is over and of relay notices' old links.
// Their state lives in the database, so a restart loses nothing.
import { ensureWeeklyDigestScheduled } from "~/alerts/delivery.server";
import { purgeExpiredLimits } from "~/auth/rate-limit.server";
import { purgeExpiredSessions } from "~/auth/session.server";
import { connectDatabase } from "~/db/db.server";
import { upgradeLedger } from "~/ledger/upgrade.server";
import { configuredTransport } from "~/mail/transport.server";
import { purgeOldNoticeDeliveries } from "~/relay/notice-settings.server";
import { startMailWorker } from "~/mail/worker.server";
import { currentSigningKey } from "~/ledger/signing.server";
import { JOB_HANDLERS } from "./handlers.server";
import { scheduleDailyCheckpoints } from "./ledger-jobs.server";
import { startJobWorker } from "./worker.server";

const HOUR_MS = 60 * 60 * 1000;
const state = globalThis as unknown as { __amontJobs?: boolean };

export function startBackgroundJobs(): void {
  if (state.__amontJobs) return;
  state.__amontJobs = true;
  connectDatabase()
    .catch((error: unknown) => {
      console.error("[db] cannot open the database", error);
      process.exit(1);
    })
    // Workers write to the ledger: they start once its records are all in format 2 (or the upgrade
    // was refused and logged, which leaves a broken chain as it is).
    .then(() => upgradeLedger())
    .catch((error: unknown) => console.error("[ledger] upgrade to format 2 failed", error))
    // The weekly digest is a job chain (each one schedules the next): make sure its current link exists.
    .then(() => ensureWeeklyDigestScheduled())
    .catch((error: unknown) => console.error("[alerts] could not schedule the weekly digest", error))
    .finally(startWorkers);
}

function startWorkers(): void {
  const transport = configuredTransport();
  if (transport) startMailWorker(transport);
  else console.warn("[mail] no mail provider configured: messages stay in the outbox (page /admin/courriels)");
  const purge = () => {
    purgeExpiredSessions()
      .then((count) => count > 0 && console.log(`[auth] purged ${count} expired sessions`))
      .catch((error: unknown) => console.error("[auth] session purge failed", error));
    purgeExpiredLimits().catch((error: unknown) => console.error("[auth] rate-limit purge failed", error));
    // Alert deliveries are purged by the weekly digest; relay notices have no weekly job of their own.
    purgeOldNoticeDeliveries().catch((error: unknown) =>
      console.error("[relays] purge of old notice deliveries failed", error),
    );
  };
  // The ledger's signing key is read (or generated) and published at start, and the daily signed
  // checkpoint is scheduled (today's runs at once if 03:00 has passed and none was signed today).
  currentSigningKey()
    .then(() => scheduleDailyCheckpoints())
    .catch((error: unknown) => console.error("[ledger] signing key or daily checkpoint unavailable", error));
  // Scheduled jobs: webinar join links and reminders, invitations, the daily checkpoint, alerts (handlers.server.ts).
  startJobWorker(JOB_HANDLERS);
  setTimeout(purge, 10_000).unref();
  setInterval(purge, HOUR_MS).unref();
}
