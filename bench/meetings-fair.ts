// Reverse-fair benchmark (issue 5), against the built production server on loopback with its own
// temporary database:
//  1. booking race: S signed-in suppliers post bookings at 50 connections for the slots of a fair
//     of 10 stands × 20 slots (each supplier once, for a slot drawn at random); afterwards the
//     database is counted: no slot twice, no supplier twice at a stand, no overlapping pair for a
//     supplier, as many bookings as 302 answers. Target: p95 ≤ 250 ms, zero double bookings.
//     Then the race of the point 10, five times on fresh fairs: 200 suppliers for 20 slots
//     at 50 connections; exactly 20 bookings each time.
//  2. the page of a fair with 30 stands of 24 slots, at 20 connections, for a visitor and for a
//     signed-in supplier (who gets the booking forms, never the page cache). Target: p95 ≤ 60 ms.
//
//   npx tsx bench/meetings-fair.ts [--suppliers 1000] [--duration 10] [--only race|page] [--keep]
//
// BENCH_CPU_PROFILE_DIR=dir also writes the server's CPU profile there (one phase with --only).
//
// Needs a build (`npm run build`; built here when build/index.js is missing). Prints a table and
// exits 1 when a correctness check fails (a missed latency target only prints "missed").
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
// @ts-expect-error autocannon ships no types (bench/run.js uses it from plain JavaScript).
import autocannon from "autocannon";
import { BENCH_ROOT as root, percentile, startBuiltServer } from "./support";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a positive integer`);
  return value;
}

const SUPPLIERS = Math.min(option("suppliers", 1_000), 5_000);
const DURATION = Math.min(option("duration", 10), 60);
const KEEP = process.argv.includes("--keep");
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
if (ONLY !== null && ONLY !== "race" && ONLY !== "page") throw new Error("--only expects race or page");

interface LoadResult {
  samples: number[];
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- autocannon's options, untyped
type AutocannonOptions = Record<string, any>;

function load(options: AutocannonOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const samples: number[] = [];
    const statuses: Record<string, number> = {};
    // Wall clock: autocannon's own duration is rounded to whole seconds, too coarse for a short race.
    const startedAt = performance.now();
    const instance = autocannon(
      { timeout: 30, ...options },
      (
        error: Error | null,
        result: { requests: { total: number }; duration: number; errors: number; timeouts: number },
      ) => {
        if (error) return reject(error);
        samples.sort((a, b) => a - b);
        resolve({
          samples,
          requests: result.requests.total,
          rps: result.requests.total / ((performance.now() - startedAt) / 1000),
          p50: percentile(samples, 50),
          p95: percentile(samples, 95),
          p99: percentile(samples, 99),
          statuses,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      samples.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

async function main() {
  if (!existsSync(path.join(root, "build", "index.js"))) {
    const built = spawnSync("npm", ["run", "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (built.status !== 0) throw new Error("build failed");
  }
  const tmp = path.join(root, "bench", ".tmp");
  mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `meetings-fair-${Date.now()}.db`);
  const databaseUrl = `file:${file}`;
  const migrated = spawnSync(process.execPath, ["scripts/db-setup.js", "--no-seed"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (migrated.status !== 0) throw new Error(`migration failed:\n${migrated.stdout}\n${migrated.stderr}`);
  process.env.DATABASE_URL = databaseUrl;

  // Imported after DATABASE_URL is set (the data layer reads it when it first connects).
  const { connectDatabase, db, disconnectDatabase, write } = await import("~/db/db.server");
  const { createSession, sessionCookieHeader } = await import("~/auth/session.server");
  const { eventSchema, standSchema } = await import("~/meetings/event-schema");
  const { addStand, createEvent, publishEvent } = await import("~/meetings/events.server");
  const { overlaps } = await import("~/meetings/slots");
  const { verifyLedger } = await import("~/ledger/ledger.server");
  const { loadCalendarContext } = await import("~/calendar/calendar.server");
  const { addDays, todayInParis } = await import("~/calendar/dates");
  const { nextAllowedDate } = await import("~/calendar/rules");
  await connectDatabase();
  // An open day in Lyon about six weeks ahead, so that bookings stay open during the run.
  const FAIR_DATE = nextAllowedDate(await loadCalendarContext("69"), addDays(todayInParis(), 40), "event");

  // ---- data: a buyer, two fairs, suppliers with sessions ------------------------------------------
  const buyer = await write(async (tx) => {
    const user = await tx.user.create({
      data: {
        name: "Acheteur bench",
        email: "bench-acheteur@exemple.fr",
        passwordHash: "x",
        emailVerifiedAt: new Date(),
      },
    });
    const organization = await tx.organization.create({
      data: {
        kind: "buyer",
        name: "Métropole bench",
        slug: "metropole-bench",
        departement: "69",
        verificationStatus: "approved",
        siren: "200046977",
        buyerKind: "intercommunalite",
        memberships: { create: { userId: user.id, role: "admin" } },
      },
    });
    return {
      actor: { id: user.id, name: user.name },
      organization: { id: organization.id, name: organization.name, departement: "69" },
    };
  });
  const fair = async (title: string, stands: number, closesAt: string, slotMinutes: string) => {
    const created = await createEvent(
      buyer.actor,
      buyer.organization,
      eventSchema.parse({
        kind: "reverse_fair",
        title,
        description: "Rencontrez les acheteurs de la Métropole et présentez vos savoir-faire en vingt minutes.",
        departement: "69",
        location: "Salle des fêtes, 12 rue de la République, 69001 Lyon",
        date: FAIR_DATE,
        startTime: "09:00",
        endTime: "17:00",
        registrationDeadline: `${addDays(FAIR_DATE, -1)}T18:00`,
      }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    for (let index = 0; index < stands; index++) {
      const stand = await addStand(
        buyer.actor,
        buyer.organization,
        created.id,
        standSchema.parse({
          organizationId: buyer.organization.id,
          name: `Stand ${index + 1} : entretien, fournitures et services`,
          needs:
            "Nous cherchons des entreprises du territoire pour nos écoles, gymnases et services techniques : présentez vos savoir-faire.",
          opensAt: "09:00",
          closesAt,
          slotMinutes,
          breaks: "",
        }),
      );
      if (!stand.ok) throw new Error(JSON.stringify(stand));
    }
    const published = await publishEvent(buyer.actor, buyer.organization, created.id);
    if (!published.ok) throw new Error(published.message);
    return created.id;
  };
  const raceFairId = await fair("Salon de la course", 10, "14:00", "15"); // 10 stands × 20 slots
  const pageFairId = await fair("Salon des trente stands", 30, "17:00", "20"); // 30 stands × 24 slots
  const raceSlots = await db.slot.findMany({ where: { eventId: raceFairId }, select: { id: true } });
  const ROUNDS = 5;
  const roundFairs: { id: string; slots: string[] }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = await fair(`Salon de la course n° ${round + 1}`, 1, "14:00", "15"); // 1 stand × 20 slots
    roundFairs.push({
      id,
      slots: (await db.slot.findMany({ where: { eventId: id }, select: { id: true } })).map((slot) => slot.id),
    });
  }
  const pageSlots = await db.slot.count({ where: { eventId: pageFairId } });

  const suppliers = await write(async (tx) => {
    const result: { organizationId: string; cookie: string }[] = [];
    for (let index = 0; index < SUPPLIERS; index++) {
      const user = await tx.user.create({
        data: {
          name: `Gérant ${index}`,
          email: `bench-${index}@exemple.fr`,
          passwordHash: "x",
          emailVerifiedAt: new Date(),
        },
      });
      const organization = await tx.organization.create({
        data: {
          kind: "supplier",
          name: `Entreprise ${index}`,
          slug: `entreprise-${index}`,
          departement: "69",
          verificationStatus: "approved",
          siret: `9${String(index).padStart(13, "0")}`,
          memberships: { create: { userId: user.id, role: "admin" } },
        },
      });
      const { token } = await createSession(tx, user.id, { activeOrganizationId: organization.id });
      result.push({ organizationId: organization.id, cookie: (await sessionCookieHeader(token)).split(";")[0]! });
    }
    return result;
  });
  await disconnectDatabase();

  const server = await startBuiltServer(databaseUrl);
  try {
    // ---- warm-up (unmeasured): compile the pages, the queries and the email templates once ------------
    const warmer = suppliers[suppliers.length - 1]!;
    const warmSlots = await (async () => {
      await connectDatabase();
      const found = await db.slot.findMany({ where: { eventId: pageFairId }, select: { id: true }, take: 3 });
      await disconnectDatabase();
      return found;
    })();
    for (const slot of warmSlots) {
      await fetch(`${server.origin}/evenements/${pageFairId}`, {
        method: "POST",
        headers: { Origin: server.origin, Cookie: warmer.cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "reserver",
          organizationId: warmer.organizationId,
          slotId: slot.id,
        }).toString(),
        redirect: "manual",
      });
    }
    for (let index = 0; index < 20; index++)
      await fetch(`${server.origin}/evenements/${raceFairId}`, { headers: { Cookie: warmer.cookie } });

    // ---- 1. the booking race ----------------------------------------------------------------------------
    let next = 0;
    const race = await load({
      url: `${server.origin}/evenements/${raceFairId}`,
      connections: 50,
      // --only page: 50 bookings only, so that a CPU profile shows the page alone.
      amount: ONLY === "page" ? 50 : SUPPLIERS - 1,
      requests: [
        {
          method: "POST",
          setupRequest: (request: { headers?: Record<string, string> }) => {
            const supplier = suppliers[next++ % (suppliers.length - 1)]!;
            const slot = raceSlots[Math.floor(Math.random() * raceSlots.length)]!;
            return {
              ...request,
              headers: {
                ...request.headers,
                Origin: server.origin,
                Cookie: supplier.cookie,
                "Content-Type": "application/x-www-form-urlencoded",
              },
              body: new URLSearchParams({
                intent: "reserver",
                organizationId: supplier.organizationId,
                slotId: slot.id,
              }).toString(),
            };
          },
        },
      ],
    });

    await connectDatabase();
    const bookings = await db.booking.findMany({
      where: { eventId: raceFairId },
      select: {
        slotId: true,
        standId: true,
        supplierOrganizationId: true,
        slot: { select: { startsAt: true, endsAt: true } },
      },
    });
    const bySupplier = new Map<string, typeof bookings>();
    for (const booking of bookings)
      bySupplier.set(booking.supplierOrganizationId, [
        ...(bySupplier.get(booking.supplierOrganizationId) ?? []),
        booking,
      ]);
    let overlapping = 0;
    for (const list of bySupplier.values())
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) if (overlaps(list[i]!.slot, list[j]!.slot)) overlapping++;
    const checks = {
      "no slot booked twice": new Set(bookings.map((booking) => booking.slotId)).size === bookings.length,
      "no supplier twice at a stand":
        new Set(bookings.map((booking) => `${booking.standId}|${booking.supplierOrganizationId}`)).size ===
        bookings.length,
      "no overlapping slots for a supplier": overlapping === 0,
      "one ledger record per booking":
        (await db.ledgerRecord.count({ where: { eventId: raceFairId, kind: "meeting.slot_booked" } })) ===
        bookings.length,
      "no booking beyond the 302 answers and timeouts":
        bookings.length <= (race.statuses["302"] ?? 0) + race.errors + (SUPPLIERS - 1 - race.requests),
      "only 302 (booked) and 303 (refused) answers": Object.keys(race.statuses).every(
        (status) => status === "302" || status === "303",
      ),
      "ledger chain verifies": (await verifyLedger()).ok,
    };

    // ---- 1b. the race of point 10, five rounds ----------------------------------------------------------
    const roundSamples: number[] = [];
    const roundStatuses: Record<string, number> = {};
    let roundRequests = 0;
    let roundSeconds = 0;
    const roundBookings: number[] = [];
    for (const [round, roundFair] of roundFairs.entries()) {
      if (ONLY === "page") break;
      let attempt = 0;
      const result = await load({
        url: `${server.origin}/evenements/${roundFair.id}`,
        connections: 50,
        amount: 200,
        requests: [
          {
            method: "POST",
            setupRequest: (request: { headers?: Record<string, string> }) => {
              const index = attempt++;
              const supplier = suppliers[(round * 200 + index) % (suppliers.length - 1)]!;
              const slot = roundFair.slots[index % roundFair.slots.length]!;
              return {
                ...request,
                headers: {
                  ...request.headers,
                  Origin: server.origin,
                  Cookie: supplier.cookie,
                  "Content-Type": "application/x-www-form-urlencoded",
                },
                body: new URLSearchParams({
                  intent: "reserver",
                  organizationId: supplier.organizationId,
                  slotId: slot,
                }).toString(),
              };
            },
          },
        ],
      });
      roundSamples.push(...result.samples);
      for (const [status, count] of Object.entries(result.statuses))
        roundStatuses[status] = (roundStatuses[status] ?? 0) + count;
      roundRequests += result.requests;
      roundSeconds += result.requests / result.rps;
      roundBookings.push(await db.booking.count({ where: { eventId: roundFair.id } }));
    }
    roundSamples.sort((a, b) => a - b);
    const rounds: LoadResult = {
      samples: roundSamples,
      requests: roundRequests,
      rps: roundRequests / roundSeconds,
      p50: percentile(roundSamples, 50),
      p95: percentile(roundSamples, 95),
      p99: percentile(roundSamples, 99),
      statuses: roundStatuses,
      errors: 0,
    };
    if (ONLY !== "page")
      Object.assign(checks, {
        "point-10 race: exactly 20 bookings in every round": roundBookings.every((count) => count === 20),
      });
    await disconnectDatabase();

    // ---- 2. the page of a fair with 30 stands of 24 slots ------------------------------------------------
    const pageUrl = `${server.origin}/evenements/${pageFairId}`;
    // One request at a time: the cost of one page, without queueing.
    const sequential = async (headers: Record<string, string>) => {
      const times: number[] = [];
      let bytes = 0;
      for (let index = 0; index < 30; index++) {
        const started = performance.now();
        bytes = (await (await fetch(pageUrl, { headers })).arrayBuffer()).byteLength;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return `${percentile(times, 50).toFixed(1)} ms alone, ${(bytes / 1024).toFixed(0)} kB`;
    };
    const alone = {
      visitor: await sequential({}),
      supplier: await sequential({ Cookie: suppliers[suppliers.length - 1]!.cookie }),
    };
    // --only race: one-second page phases, so that a CPU profile shows the race alone.
    const pageDuration = ONLY === "race" ? 1 : DURATION;
    const visitor = await load({
      url: pageUrl,
      connections: 20,
      duration: pageDuration,
      maxOverallRequests: DURATION * 20_000,
    });
    const signedIn = await load({
      url: pageUrl,
      connections: 20,
      duration: pageDuration,
      maxOverallRequests: DURATION * 20_000,
      headers: { Cookie: suppliers[suppliers.length - 1]!.cookie },
    });

    const row = (result: LoadResult, target: number | null, single = "") => ({
      requests: result.requests,
      "req/s": result.rps.toFixed(0),
      "p50 (ms)": result.p50.toFixed(1),
      "p95 (ms)": result.p95.toFixed(1),
      "p99 (ms)": result.p99.toFixed(1),
      answers: Object.entries(result.statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(" "),
      target: target === null ? "" : `p95 ≤ ${target} ms: ${result.p95 <= target ? "met" : "missed"}`,
      "one request": single,
    });
    console.log(
      `\nReverse-fair benchmark (${new Date().toISOString().slice(0, 10)}): booking race of ${SUPPLIERS} suppliers on ${raceSlots.length} slots (10 stands), page of ${pageSlots} slots (30 stands)`,
    );
    console.table({
      [`booking race, 50 connections (${bookings.length} booked)`]: row(race, 250),
      [`point-10 race ×${ROUNDS}: 200 for 20 slots, 50 conn.`]: row(rounds, 250),
      "event page, visitor, 20 connections": row(visitor, 60, alone.visitor),
      "event page, signed-in supplier, 20 connections": row(signedIn, 60, alone.supplier),
    });
    console.table(checks);
    if (Object.values(checks).some((ok) => !ok)) {
      console.error(server.logs().slice(-4_000));
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
    if (!KEEP) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
