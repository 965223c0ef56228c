// Weekly digest benchmark (issue 16, point 13): the digest of one week for --suppliers supplier
// members, each with a weekly alert, against --plan planned procurements published that week, run
// by the production server's own job worker while the server answers /plan under load.
//
//   npm run build    # once
//   DATABASE_URL=file:/abs/alerts.db node scripts/db-setup.js --no-seed
//   DATABASE_URL=file:/abs/alerts.db node node_modules/tsx/dist/cli.mjs bench/alerts-digest.ts [--suppliers 10000] [--plan 5000] [--connections 10]
//
// `npm run bench` runs it as its last step. On the database given by DATABASE_URL (freshly migrated,
// empty), it writes --plan procurements of 100 buyers and their editions published last week
// (inserted directly: publishEdition() would date them now, and a week's digest waits for the week
// to end), and --suppliers suppliers with a member and a weekly alert each (deterministic random
// criteria: one or two CPV divisions, a département or a région, sometimes a keyword, a category or
// a condition). Then it starts the built server, loads `/plan` (anonymous) at --connections, and
// schedules last week's digest job for now; the server's worker (every 15 s) claims it.
//
// Measured: the digest's duration, from the job's claim (seen running) to its completion, and the
// latency of /plan while it runs (p50/p95/p99 of the responses sent during the run). Targets: at
// most 60 s, /plan p95 under 100 ms (printed PASS or FAIL). Checked afterwards (exit code 1 on a
// failure): exactly one message per alert that had something to say (recomputed here with the same
// matching rule), one delivery row per message, no alert served twice, the next week's job
// scheduled. Prints `BENCH_DIGEST_RESULT {json}` last.
// @ts-expect-error autocannon ships no types (bench/run.js uses it from plain JavaScript).
import autocannon from "autocannon";
import { WEEKLY_DIGEST_JOB, weekItems } from "~/alerts/delivery.server";
import { indexItems, matchingItems } from "~/alerts/matching";
import { criteriaOfRow } from "~/alerts/schema";
import { currentWeekKey, digestWeek, mondayOfWeek, nextWeekKey, isoWeekKey } from "~/alerts/weeks";
import { addDays } from "~/calendar/dates";
import { connectDatabase, db, disconnectDatabase, write } from "~/db/db.server";
import { schedule } from "~/jobs/queue.server";
import { regionOf } from "~/territory/regions";
import { percentile, startBuiltServer } from "./support";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a positive integer, got "${raw}"`);
  return value;
}

const SUPPLIERS = Math.min(option("suppliers", 10_000), 200_000);
const PLAN = Math.min(option("plan", 5_000), 100_000);
const CONNECTIONS = option("connections", 10);
/** The run is bounded: the digest must end within this many seconds, or the benchmark stops. */
const TIMEOUT_SECONDS = option("timeout", 300);
const BUYERS = 100;
const TARGET_SECONDS = 60;
const TARGET_P95_MS = 100;

// ---- deterministic pseudo-random data ---------------------------------------------------------------

let state = 0x5eed_a1e7;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
let counter = 0;
const newId = () => `bench${(counter++).toString(36).padStart(8, "0")}${Math.floor(random() * 1e9).toString(36)}`;

const KINDS = [
  ["travaux", "45453000-7", "Rénovation énergétique"],
  ["travaux", "45261000-4", "Réfection de la toiture"],
  ["travaux", "45233142-6", "Réfection de la voirie"],
  ["services", "77310000-6", "Entretien des espaces verts"],
  ["services", "90919200-4", "Nettoyage des locaux"],
  ["services", "55524000-9", "Restauration scolaire"],
  ["services", "60130000-8", "Transport des élèves"],
  ["services", "50720000-8", "Maintenance du chauffage"],
  ["services", "72260000-5", "Maintenance informatique"],
  ["services", "79810000-5", "Impression des supports de communication"],
  ["fournitures", "30192000-1", "Fournitures de bureau"],
  ["fournitures", "39130000-2", "Mobilier de bureau"],
  ["fournitures", "34144900-7", "Véhicules électriques"],
  ["fournitures", "15000000-8", "Denrées alimentaires"],
] as const;
const SITES = ["de l'école", "du gymnase", "de la médiathèque", "de la mairie", "des crèches", "du collège"];
const KEYWORDS = ["bois", "bio", "toiture", "école", "électrique", "espaces verts", "nettoyage", "réemploi"];
/** Départements of the synthetic buyers: a spread over several régions. */
const DEPARTEMENTS = [
  "69",
  "01",
  "38",
  "42",
  "80",
  "62",
  "59",
  "67",
  "68",
  "25",
  "33",
  "31",
  "13",
  "75",
  "93",
  "35",
  "44",
  "21",
];

async function insertMany(table: "organization" | "user" | "membership" | "supplierAlert", rows: object[]) {
  for (let start = 0; start < rows.length; start += 2_000) {
    const slice = rows.slice(start, start + 2_000);
    await write((tx) =>
      (tx[table] as unknown as { createMany(args: { data: object[] }): Promise<unknown> }).createMany({ data: slice }),
    );
  }
}

/** 100 buyers, PLAN procurements and their editions, published on the Wednesday of `week`. */
async function seedPlan(weekMonday: string) {
  const now = new Date();
  const publishedAt = new Date(`${addDays(weekMonday, 2)}T09:00:00Z`);
  const buyers = Array.from({ length: BUYERS }, (_, i) => ({
    id: newId(),
    kind: "buyer",
    name: `Acheteur de charge ${i + 1}`,
    slug: `acheteur-charge-${i + 1}`,
    departement: DEPARTEMENTS[i % DEPARTEMENTS.length]!,
    siren: "200046977",
    buyerKind: "commune",
    verificationStatus: "approved",
  }));
  const admin = { id: newId(), email: "acheteur-charge@exemple.fr", name: "Acheteur de charge", passwordHash: "x" };
  await insertMany("organization", buyers);
  await insertMany("user", [admin]);
  const procurements: Record<string, string | null | Date>[] = [];
  for (let i = 0; i < PLAN; i++) {
    const buyer = buyers[i % BUYERS]!;
    const [category, cpvCode, label] = pick(KINDS);
    const month = String(1 + Math.floor(random() * 6)).padStart(2, "0");
    procurements.push({
      id: newId(),
      organizationId: buyer.id,
      title: `${label} ${pick(SITES)} (n° ${i + 1})`,
      need: `${label} ${pick(SITES)} : besoin décrit en quelques phrases simples${random() < 0.3 ? ", avec du bois local" : ""}.`,
      category,
      cpvCode,
      valueBand: "40k_100k",
      procedure: "mapa",
      reserved: random() < 0.08 ? "siae" : "none",
      socialConsideration: random() < 0.2 ? "Clause d'insertion." : null,
      environmentalConsideration: random() < 0.5 ? "Produits écolabellisés et réemploi." : null,
      expectedPublicationDate: `2027-${month}-${String(1 + Math.floor(random() * 27)).padStart(2, "0")}`,
      contactName: admin.name,
      contactEmail: admin.email,
      status: "planned",
      createdById: admin.id,
      createdAt: now,
      updatedAt: now,
    });
  }
  await write(async (tx) => {
    for (let start = 0; start < procurements.length; start += 2_000)
      // The rows are built to match PlannedProcurement (createMany's row type is not exported by name).
      await (tx.plannedProcurement as unknown as { createMany(args: { data: object[] }): Promise<unknown> }).createMany(
        {
          data: procurements.slice(start, start + 2_000),
        },
      );
  });
  // Edition 1 of 2027-S1 for every buyer: the snapshot rows as publishEdition() writes them.
  const editions = buyers.map((buyer) => ({
    id: newId(),
    organizationId: buyer.id,
    year: 2027,
    half: 1,
    number: 1,
    publishedAt,
    publishedById: admin.id,
    isLatest: true,
    itemCount: procurements.filter((row) => row.organizationId === buyer.id).length,
    contentHash: "bench",
  }));
  const editionOf = new Map(editions.map((edition) => [edition.organizationId, edition.id]));
  const departementOf = new Map(buyers.map((buyer) => [buyer.id, buyer.departement]));
  const items = procurements.map((row) => {
    const departement = departementOf.get(row.organizationId as string)!;
    return {
      editionId: editionOf.get(row.organizationId as string)!,
      plannedProcurementId: row.id as string,
      organizationId: row.organizationId as string,
      departement,
      region: regionOf(departement)!.code,
      reference: null,
      title: row.title as string,
      need: row.need as string,
      category: row.category as string,
      cpvCode: row.cpvCode as string,
      cpvDivision: (row.cpvCode as string).slice(0, 2),
      valueBand: "40k_100k",
      procedure: "mapa",
      reserved: row.reserved as string,
      socialConsideration: row.socialConsideration as string | null,
      environmentalConsideration: row.environmentalConsideration as string | null,
      expectedPublicationDate: row.expectedPublicationDate as string,
      contactName: admin.name,
      contactEmail: admin.email,
      status: "planned",
      lots: "[]",
    };
  });
  await write(async (tx) => {
    await tx.planEdition.createMany({ data: editions });
    for (let start = 0; start < items.length; start += 2_000)
      await tx.planEditionItem.createMany({ data: items.slice(start, start + 2_000) });
  });
}

/** SUPPLIERS suppliers, each with an admin member and one weekly alert. */
async function seedSuppliers() {
  const organizations: object[] = [];
  const users: object[] = [];
  const memberships: object[] = [];
  const alerts: object[] = [];
  const divisions = [...new Set(KINDS.map(([, cpv]) => cpv.slice(0, 2)))];
  const regions = [...new Set(DEPARTEMENTS.map((code) => regionOf(code)!.code))];
  for (let i = 0; i < SUPPLIERS; i++) {
    const organizationId = newId();
    const userId = newId();
    organizations.push({
      id: organizationId,
      kind: "supplier",
      name: `Entreprise de charge ${i + 1}`,
      slug: `entreprise-charge-${i + 1}`,
      departement: pick(DEPARTEMENTS),
      siret: String(10_000_000_000_000 + i),
      verificationStatus: "approved",
    });
    users.push({ id: userId, email: `alerte-${i + 1}@exemple.fr`, name: `Dirigeant ${i + 1}`, passwordHash: "x" });
    memberships.push({ id: newId(), userId, organizationId, role: "admin" });
    const territory = random();
    const cpv = random() < 0.8 ? [pick(divisions), ...(random() < 0.3 ? [pick(divisions)] : [])] : [];
    const keywords = random() < 0.2 || cpv.length === 0 ? [pick(KEYWORDS)] : [];
    alerts.push({
      id: newId(),
      userId,
      organizationId,
      name: `Alerte ${i + 1}`,
      frequency: "weekly",
      emptyWeek: random() < 0.3 ? "short-message" : "nothing",
      cpvDivisions: JSON.stringify([...new Set(cpv)]),
      departements: JSON.stringify(territory < 0.5 ? [pick(DEPARTEMENTS)] : []),
      regions: JSON.stringify(territory >= 0.5 && territory < 0.8 ? [pick(regions)] : []),
      categories: JSON.stringify(random() < 0.1 ? [pick(["travaux", "services", "fournitures"])] : []),
      reservedOnly: random() < 0.05,
      environmental: random() < 0.1,
      social: false,
      keywords: JSON.stringify(keywords),
    });
  }
  await insertMany("organization", organizations);
  await insertMany("user", users);
  await insertMany("membership", memberships);
  await insertMany("supplierAlert", alerts);
}

/** What the run must send: per alert, a message when something matched or it asked for the short one. */
async function expectedMessages(weekKey: string, now: Date): Promise<number> {
  const items = indexItems(await weekItems(weekKey, now));
  const alerts = await db.supplierAlert.findMany({ where: { frequency: "weekly", unsubscribedAt: null } });
  return alerts.filter(
    (alert) => alert.emptyWeek === "short-message" || matchingItems(items, criteriaOfRow(alert)).length > 0,
  ).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  await connectDatabase();
  if ((await db.organization.count()) > 0)
    throw new Error("alerts-digest expects an empty (freshly migrated) database");
  const lastWeek = isoWeekKey(addDays(mondayOfWeek(currentWeekKey(new Date()))!, -7));
  const week = digestWeek(lastWeek)!;
  const seedStarted = performance.now();
  await seedPlan(week.monday);
  await seedSuppliers();
  console.log(
    `  seeded ${PLAN} procurements of ${BUYERS} buyers published in ${lastWeek} and ${SUPPLIERS} weekly alerts (${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`,
  );
  const expected = await expectedMessages(lastWeek, new Date());

  const server = await startBuiltServer(process.env.DATABASE_URL!);
  let result: Record<string, unknown> = {};
  let correct = false;
  try {
    // /plan under load for the whole run; only the responses sent while the digest runs are counted.
    const responses: { at: number; ms: number }[] = [];
    // The callback runs once the load stops (instance.stop() below, or its duration): it keeps the
    // process alive until then.
    let loadDone!: Promise<{ non2xx: number; errors: number }>;
    const instance = (() => {
      let settle!: (summary: { non2xx: number; errors: number }) => void;
      loadDone = new Promise((resolve) => (settle = resolve));
      return autocannon(
        { url: `${server.origin}/plan`, connections: CONNECTIONS, duration: TIMEOUT_SECONDS + 30, timeout: 10 },
        (error: Error | null, summary: { non2xx: number; errors: number }) =>
          settle(error ? { non2xx: 0, errors: 1 } : summary),
      );
    })();
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      responses.push({ at: Date.now(), ms: responseTime });
    });
    await sleep(3_000);
    const dedupeKey = `${WEEKLY_DIGEST_JOB}:${lastWeek}`;
    await write((tx) =>
      schedule(tx, { kind: WEEKLY_DIGEST_JOB, dedupeKey, runAt: new Date(), payload: { week: lastWeek } }),
    );
    let claimedAt: number | null = null;
    let doneAt: number | null = null;
    let status = "pending";
    const deadline = Date.now() + TIMEOUT_SECONDS * 1000;
    while (Date.now() < deadline) {
      const job = await db.job.findUniqueOrThrow({ where: { dedupeKey }, select: { status: true } });
      status = job.status;
      if (status === "running" && claimedAt === null) claimedAt = Date.now();
      if (status === "done" || status === "failed") {
        doneAt = Date.now();
        claimedAt ??= doneAt;
        break;
      }
      await sleep(100);
    }
    instance.stop();
    const load = await loadDone;
    if (!doneAt || !claimedAt)
      throw new Error(
        `the digest did not finish within ${TIMEOUT_SECONDS} s (job ${status}). Server log:\n${server
          .logs()
          .split("\n")
          .filter((line) => !line.startsWith("[http]"))
          .slice(-30)
          .join("\n")}`,
      );
    const during = responses
      .filter((response) => response.at >= claimedAt && response.at <= doneAt)
      .map((response) => response.ms)
      .sort((a, b) => a - b);
    // The same load just before the digest: what the machine gives /plan without it (the floor).
    const loadStartedAt = responses[0]?.at ?? claimedAt;
    const before = responses
      .filter((response) => response.at >= loadStartedAt + 1_000 && response.at < claimedAt)
      .map((response) => response.ms)
      .sort((a, b) => a - b);
    const seconds = (doneAt - claimedAt) / 1000;
    const digestLine = /\[alerts\] weekly digest .* in (\d+) ms/.exec(server.logs());
    const logged = digestLine?.[1];
    if (digestLine) console.log(`  server: ${digestLine[0]}`);

    // Correctness on committed data.
    const [messages, deliveries, servedTwice, next] = await Promise.all([
      db.outboxMessage.count({ where: { template: "alert-digest" } }),
      db.alertDelivery.count({ where: { deliveryKey: `week:${lastWeek}` } }),
      db.alertDelivery.groupBy({
        by: ["alertId"],
        where: { deliveryKey: `week:${lastWeek}` },
        _count: { _all: true },
        having: { alertId: { _count: { gt: 1 } } },
      }),
      db.job.findUnique({ where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${nextWeekKey(lastWeek)}` } }),
    ]);
    const checks = {
      jobDone: status === "done",
      oneMessagePerAlertToServe: messages === expected,
      oneDeliveryPerMessage: deliveries === messages,
      noAlertServedTwice: servedTwice.length === 0,
      nextWeekScheduled: next !== null,
      planAnsweredWithoutError: load.non2xx === 0 && load.errors === 0,
    };
    correct = Object.values(checks).every(Boolean);
    const p95 = percentile(during, 95);
    result = {
      suppliers: SUPPLIERS,
      plan: PLAN,
      connections: CONNECTIONS,
      digestSeconds: seconds,
      handlerMs: logged ? Number(logged) : null,
      messages,
      expected,
      planDuringDigest: {
        responses: during.length,
        rps: during.length / Math.max(seconds, 0.001),
        p50: percentile(during, 50),
        p95,
        p99: percentile(during, 99),
        max: during.length ? during[during.length - 1] : null,
      },
      planBeforeDigest: {
        responses: before.length,
        p50: percentile(before, 50),
        p95: percentile(before, 95),
        p99: percentile(before, 99),
      },
      targets: {
        digestWithin60s: seconds <= TARGET_SECONDS,
        planP95Under100ms: p95 < TARGET_P95_MS,
      },
      checks,
    };
    const fmt = (value: number | null | undefined, digits = 0) =>
      value === null || value === undefined || Number.isNaN(value) ? "—" : value.toFixed(digits);
    console.log(
      `  digest: ${messages} messages (expected ${expected}) for ${SUPPLIERS} weekly alerts against ${PLAN} procurements in ${fmt(seconds, 1)} s` +
        ` (handler ${logged ?? "?"} ms) — ${seconds <= TARGET_SECONDS ? "PASS" : "FAIL"} (≤ ${TARGET_SECONDS} s)`,
    );
    console.log(
      `  /plan meanwhile at ${CONNECTIONS} connections: ${during.length} responses, ${fmt(during.length / Math.max(seconds, 0.001))} req/s, ` +
        `p50 ${fmt(percentile(during, 50), 1)} ms, p95 ${fmt(p95, 1)} ms, p99 ${fmt(percentile(during, 99), 1)} ms — ${p95 < TARGET_P95_MS ? "PASS" : "FAIL"} (p95 < ${TARGET_P95_MS} ms)`,
    );
    console.log(
      `  /plan just before, same load: ${before.length} responses, p50 ${fmt(percentile(before, 50), 1)} ms, p95 ${fmt(percentile(before, 95), 1)} ms, p99 ${fmt(percentile(before, 99), 1)} ms`,
    );
    for (const [name, ok] of Object.entries(checks)) console.log(`  ${ok ? "ok  " : "FAIL"} ${name}`);
  } finally {
    await server.stop();
    await disconnectDatabase();
  }
  console.log(`BENCH_DIGEST_RESULT ${JSON.stringify(result)}`);
  if (!correct) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
