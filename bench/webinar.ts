// Webinar benchmark (issue 5): registrations to one webinar by N suppliers arriving at once
// (capacity C, the rest on the waiting list), then the join-link job fanning one message out to
// every confirmed registrant in one transaction. On the database given by DATABASE_URL (freshly
// migrated: `node scripts/db-setup.js --no-seed`). Bounded in count. Prints a table.
//
//   DATABASE_URL=file:./bench/.tmp/webinar.db node node_modules/tsx/dist/cli.mjs bench/webinar.ts [--people 300] [--capacity 200]
//
// Checks at the end (exit code 1 if one fails): exactly `capacity` confirmed, waiting positions
// 1..N-C without a gap or duplicate, one join-link message per confirmed registrant, the ledger
// chain verifies.
import { randomUUID } from "node:crypto";
import { connectDatabase, db, disconnectDatabase, write } from "~/db/db.server";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { runDueJobs } from "~/jobs/worker.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { joinLinkDueAt } from "~/meetings/registration-format";
import { register, scheduleEventJobs } from "~/meetings/registrations.server";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a positive integer`);
  return value;
}

const PEOPLE = Math.min(option("people", 300), 5_000);
const CAPACITY = Math.min(option("capacity", 200), PEOPLE);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function main() {
  await connectDatabase();
  const suffix = randomUUID().slice(0, 8);
  const { event, suppliers } = await write(async (tx) => {
    const buyerUser = await tx.user.create({
      data: { name: "Acheteur bench", email: `bench-buyer-${suffix}@exemple.fr`, passwordHash: "x" },
    });
    const buyer = await tx.organization.create({
      data: {
        kind: "buyer",
        name: "Métropole bench",
        slug: `bench-buyer-${suffix}`,
        departement: "69",
        verificationStatus: "approved",
        memberships: { create: { userId: buyerUser.id, role: "admin" } },
      },
    });
    const startsAt = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    const created = await tx.event.create({
      data: {
        kind: "webinar",
        organizationId: buyer.id,
        title: "Webinaire de charge",
        description: "Benchmark",
        departement: "69",
        onlineUrl: "https://visio.exemple.fr/bench",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600 * 1000),
        eventDate: new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(startsAt),
        registrationDeadline: new Date(startsAt.getTime() - 3600 * 1000),
        capacity: CAPACITY,
        status: "published",
        publishedAt: new Date(),
        createdById: buyerUser.id,
      },
    });
    await scheduleEventJobs(tx, created);
    const people = [];
    for (let i = 0; i < PEOPLE; i++) {
      const user = await tx.user.create({
        data: { name: `Fournisseur ${i}`, email: `bench-${suffix}-${i}@exemple.fr`, passwordHash: "x" },
      });
      const organization = await tx.organization.create({
        data: {
          kind: "supplier",
          name: `Entreprise ${i}`,
          slug: `bench-${suffix}-${i}`,
          departement: "69",
          verificationStatus: "approved",
          memberships: { create: { userId: user.id, role: "admin" } },
        },
      });
      people.push({ userId: user.id, organizationId: organization.id });
    }
    return { event: created, suppliers: people };
  });

  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    suppliers.map(async (supplier) => {
      const t0 = performance.now();
      const outcome = await register({ eventId: event.id, ...supplier, waitingList: true });
      latencies.push(performance.now() - t0);
      if (!outcome.ok) throw new Error(outcome.message);
    }),
  );
  const registrationSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  const fanOutStarted = performance.now();
  const summary = await runDueJobs(JOB_HANDLERS, {
    workerId: "bench",
    now: new Date(joinLinkDueAt(event).getTime() + 1_000),
  });
  const fanOutMs = performance.now() - fanOutStarted;

  const rows = await db.registration.findMany({ where: { eventId: event.id } });
  const confirmed = rows.filter((row) => row.status === "confirmed").length;
  const positions = rows
    .filter((row) => row.status === "waiting")
    .map((row) => row.waitingPosition ?? 0)
    .sort((a, b) => a - b);
  const joinLinks = await db.outboxMessage.count({ where: { template: "event-join-link" } });
  const ledger = await verifyLedger();
  const checks = {
    exactlyCapacityConfirmed: confirmed === CAPACITY,
    positionsWithoutGapOrDuplicate: positions.every((position, index) => position === index + 1),
    oneJoinLinkPerConfirmed: joinLinks === CAPACITY && summary.done >= 1,
    ledgerChainVerifies: ledger.ok,
  };

  console.log(`Webinar benchmark: ${PEOPLE} suppliers registering at once, capacity ${CAPACITY}`);
  console.table({
    registrations: {
      count: PEOPLE,
      "total (s)": registrationSeconds.toFixed(2),
      "per second": (PEOPLE / registrationSeconds).toFixed(0),
      "p50 (ms)": percentile(latencies, 50).toFixed(0),
      "p95 (ms)": percentile(latencies, 95).toFixed(0),
      "max (ms)": percentile(latencies, 100).toFixed(0),
    },
    "join link (one job)": {
      count: joinLinks,
      "total (s)": (fanOutMs / 1000).toFixed(2),
      "per second": "",
      "p50 (ms)": "",
      "p95 (ms)": "",
      "max (ms)": "",
    },
  });
  console.table(checks);
  await disconnectDatabase();
  if (Object.values(checks).some((ok) => !ok)) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
