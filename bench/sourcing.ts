// Sourcing benchmark (issue 4, point 11), on its own temporary database (bench/.tmp/sourcing-*.db,
// removed afterwards unless --keep), through the domain functions the routes call:
//
//   npx tsx bench/sourcing.ts [--suppliers 1000] [--concurrency 20] [--seconds 60] [--keep]
//
// 1. submissions: --concurrency suppliers at a time submit their answers (saveAnswers: validation
//    against the frozen version, one write transaction with the response and its ledger record)
//    until every one of --suppliers has submitted. Afterwards, counted on committed data: one
//    submitted response per acknowledged submission, one ledger record each, the chain verifies.
//    Target: at least 200 submissions per second, none lost.
// 2. summary: the buyer's per-question summary (summaryOf: read the version and every submitted
//    response, summarise) over those responses, 30 times. Target: at most 200 ms.
// 3. the same submissions over HTTP: the built server (`npm run build` first), each supplier signed
//    in, posting the answer form of a second questionnaire as a browser without JavaScript does
//    (session check, form parsing, saveAnswers, redirect). Same target: 200 per second, none lost.
// The exit code is 1 if a check fails.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { BENCH_ROOT as root, percentile, startBuiltServer } from "./support";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} expects a positive number, got "${raw}"`);
  return value;
}

const SUPPLIERS = Math.floor(option("suppliers", 1_000));
const CONCURRENCY = Math.floor(option("concurrency", 20));
const SECONDS = option("seconds", 60);
const KEEP = process.argv.includes("--keep");

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const tmp = path.join(root, "bench", ".tmp");
  mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `sourcing-${Date.now()}.db`);
  const databaseUrl = `file:${file}`;
  const migrated = spawnSync(process.execPath, ["scripts/db-setup.js", "--no-seed"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (migrated.status !== 0) throw new Error(`db-setup failed:\n${migrated.stdout}\n${migrated.stderr}`);
  process.env.DATABASE_URL = databaseUrl;
  process.env.SESSION_SECRET ??= "bench-session-secret-at-least-32-characters";

  // Imported after DATABASE_URL is set (the data layer reads it when it first connects).
  const { connectDatabase, db, disconnectDatabase, write } = await import("~/db/db.server");
  const { verifyLedger } = await import("~/ledger/ledger.server");
  const { createQuestionnaire, publishQuestionnaire, saveDraftDetails } =
    await import("~/sourcing/questionnaires.server");
  const { saveAnswers } = await import("~/sourcing/responses.server");
  const { summaryOf } = await import("~/sourcing/results.server");
  const { earliestDeadline } = await import("~/calendar/rules");
  const { loadCalendarContext } = await import("~/calendar/calendar.server");
  const { todayInParis } = await import("~/calendar/dates");
  const { createSession, sessionCookieHeader } = await import("~/auth/session.server");
  await connectDatabase();
  const checks: [string, boolean][] = [];
  try {
    // ---- setup: a buyer, a procurement, a published questionnaire, the suppliers ----------------
    const setup = await write(async (tx) => {
      const user = await tx.user.create({
        data: {
          name: "Acheteuse d'essai",
          email: "acheteuse@bench.test",
          passwordHash: "x",
          emailVerifiedAt: new Date(),
        },
      });
      const organization = await tx.organization.create({
        data: {
          kind: "buyer",
          name: "Communauté d'essai",
          slug: "bench-acheteur",
          departement: "69",
          verificationStatus: "approved",
          memberships: { create: { userId: user.id, role: "admin" } },
        },
      });
      const procurement = await tx.plannedProcurement.create({
        data: {
          organizationId: organization.id,
          title: "Restauration scolaire",
          need: "Repas des écoles",
          category: "services",
          cpvCode: "55524000-9",
          valueBand: "215k_1m",
          procedure: "mapa",
          expectedPublicationDate: "2027-03-08",
          contactName: "Acheteuse",
          contactEmail: "acheteuse@bench.test",
          status: "planned",
          createdById: user.id,
        },
      });
      return { user, organization, procurement };
    });
    const actor = { id: setup.user.id, name: setup.user.name };
    const organization = { id: setup.organization.id, name: setup.organization.name, departement: "69" };
    const ctx = await loadCalendarContext("69", organization.id);
    const choices = (labels: string[]) => labels.map((label, index) => ({ id: `c${index + 1}`, label }));
    const content = {
      sections: [
        {
          id: "s1",
          title: "",
          questions: [
            {
              id: "q1",
              type: "short_text",
              label: "Activité principale",
              help: "",
              required: true,
              unit: "",
              min: null,
              max: null,
              choices: [],
            },
            {
              id: "q2",
              type: "number",
              label: "Repas servis par jour",
              help: "",
              required: true,
              unit: "repas",
              min: 0,
              max: 100_000,
              choices: [],
            },
            {
              id: "q3",
              type: "single_choice",
              label: "Mode de livraison habituel",
              help: "",
              required: true,
              unit: "",
              min: null,
              max: null,
              choices: choices(["Liaison froide", "Liaison chaude", "Sur place"]),
            },
            {
              id: "q4",
              type: "multiple_choice",
              label: "Labels",
              help: "",
              required: false,
              unit: "",
              min: null,
              max: null,
              choices: choices(["Bio", "Local", "Label Rouge", "MSC"]),
            },
            {
              id: "q5",
              type: "yes_no",
              label: "Allotissement souhaité",
              help: "",
              required: false,
              unit: "",
              min: null,
              max: null,
              choices: [],
            },
            {
              id: "q6",
              type: "scale",
              label: "Clarté du besoin",
              help: "",
              required: false,
              unit: "",
              min: null,
              max: null,
              choices: [],
            },
            {
              id: "q7",
              type: "long_text",
              label: "Obstacles",
              help: "",
              required: false,
              unit: "",
              min: null,
              max: null,
              choices: [],
            },
            {
              id: "q8",
              type: "date",
              label: "Démarrage possible",
              help: "",
              required: false,
              unit: "",
              min: null,
              max: null,
              choices: [],
            },
          ],
        },
      ],
    };
    /** A published questionnaire of the 8 question types above, open for 15 open days. */
    async function publishedQuestionnaire(title: string): Promise<string> {
      const created = await createQuestionnaire(actor, organization, {
        plannedProcurementId: setup.procurement.id,
        title,
        introduction: "Essai.",
      });
      if (!created.ok) throw new Error("create failed");
      const details = await saveDraftDetails(organization, created.id, 0, {
        title,
        introduction: "Essai.",
        deadline: earliestDeadline(ctx, todayInParis(), 15),
      });
      if (!details.ok) throw new Error(`deadline refused: ${JSON.stringify(details)}`);
      await write((tx) =>
        tx.questionnaire.update({ where: { id: created.id }, data: { draftContent: JSON.stringify(content) } }),
      );
      const published = await publishQuestionnaire(actor, organization, created.id, { revision: details.revision });
      if (!published.ok) throw new Error(`publish failed: ${JSON.stringify(published)}`);
      return created.id;
    }
    const created = { id: await publishedQuestionnaire("Connaître le marché de la restauration scolaire") };

    const suppliers = await write(async (tx) => {
      const list: { userId: string; userName: string; organizationId: string; organizationName: string }[] = [];
      for (let i = 0; i < SUPPLIERS; i++) {
        const user = await tx.user.create({
          data: {
            name: `Gérant ${i + 1}`,
            email: `gerant-${i + 1}@bench.test`,
            passwordHash: "x",
            emailVerifiedAt: new Date(),
          },
          select: { id: true, name: true },
        });
        const org = await tx.organization.create({
          data: {
            kind: "supplier",
            name: `Entreprise d'essai ${i + 1}`,
            slug: `bench-fournisseur-${i + 1}`,
            departement: "69",
            verificationStatus: "approved",
            siret: String(10_000_000_000_000 + i),
            size: "TPE",
            essStatus: "none",
            memberships: { create: { userId: user.id, role: "admin" } },
          },
          select: { id: true, name: true },
        });
        list.push({ userId: user.id, userName: user.name, organizationId: org.id, organizationName: org.name });
      }
      return list;
    });

    // ---- 1. submissions ----------------------------------------------------------------------
    const answersOf = (i: number) => ({
      q1: `Cuisine collective n° ${i}`,
      q2: String(50 + ((i * 37) % 4_000)),
      q3: `c${1 + (i % 3)}`,
      q4: i % 2 ? ["c1", "c2"] : ["c3"],
      q5: i % 3 ? "yes" : "no",
      q6: String(1 + (i % 5)),
      q7: i % 4 ? "Volumes trop importants pour une petite structure." : "",
      q8: "2027-09-01",
    });
    let next = 0;
    const acknowledged = new Set<string>();
    const failures: string[] = [];
    const latencies: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < suppliers.length && performance.now() < deadline) {
          const index = next++;
          const t0 = performance.now();
          const result = await saveAnswers(suppliers[index]!, created.id, 1, answersOf(index), "submit");
          latencies.push(performance.now() - t0);
          if (result.ok) acknowledged.add(result.responseId);
          else failures.push(result.message);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const stored = await db.questionnaireResponse.findMany({
      where: { questionnaireId: created.id, status: "submitted" },
      select: { id: true },
    });
    const ledger = await db.ledgerRecord.count({ where: { kind: "sourcing.answer_submitted" } });
    const chain = await verifyLedger();
    const rate = acknowledged.size / elapsed;
    checks.push(["every supplier submitted", acknowledged.size === SUPPLIERS && failures.length === 0]);
    checks.push([
      "no lost submission (every acknowledged response is stored)",
      stored.length === acknowledged.size && stored.every((row) => acknowledged.has(row.id)),
    ]);
    checks.push(["one ledger record per submission", ledger === acknowledged.size]);
    checks.push(["ledger chain verifies", chain.ok]);
    checks.push(["at least 200 submissions per second", rate >= 200]);

    // ---- 2. summary ----------------------------------------------------------------------------
    const timings: number[] = [];
    let summarised = 0;
    for (let run = 0; run < 30; run++) {
      const t0 = performance.now();
      const summary = await summaryOf(organization.id, created.id);
      timings.push(performance.now() - t0);
      summarised = summary?.rows.length ?? 0;
    }
    timings.sort((a, b) => a - b);
    checks.push([
      `summary over ${summarised} responses at most 200 ms (p95)`,
      percentile(timings, 95) <= 200 && summarised === acknowledged.size,
    ]);

    // ---- 3. the same submissions over HTTP -----------------------------------------------------
    if (!existsSync(path.join(root, "build", "index.js")))
      throw new Error("Build the application first: npm run build");
    const overHttp = await publishedQuestionnaire("Connaître le marché de la restauration scolaire (HTTP)");
    const cookies = await write(async (tx) => {
      const list: string[] = [];
      for (const supplier of suppliers) {
        const { token } = await createSession(tx, supplier.userId, { activeOrganizationId: supplier.organizationId });
        list.push((await sessionCookieHeader(token)).split(";")[0]!);
      }
      return list;
    });
    const formOf = (i: number) => {
      const form = new URLSearchParams({
        intent: "submit",
        organizationId: suppliers[i]!.organizationId,
        version: "1",
      });
      for (const [question, value] of Object.entries(answersOf(i)))
        for (const item of Array.isArray(value) ? value : [value]) form.append(`a.${question}`, item);
      return form.toString();
    };
    const server = await startBuiltServer(databaseUrl);
    let httpNext = 0;
    const httpLatencies: number[] = [];
    const statuses: Record<number, number> = {};
    let httpElapsed = 0;
    try {
      const httpStarted = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (httpNext < suppliers.length) {
            const index = httpNext++;
            const t0 = performance.now();
            const response = await fetch(`${server.origin}/sourcing/${overHttp}`, {
              method: "POST",
              headers: {
                Origin: server.origin,
                Cookie: cookies[index]!,
                "Content-Type": "application/x-www-form-urlencoded",
              },
              body: formOf(index),
              redirect: "manual",
            });
            await response.arrayBuffer();
            httpLatencies.push(performance.now() - t0);
            statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          }
        }),
      );
      httpElapsed = (performance.now() - httpStarted) / 1000;
    } finally {
      await server.stop();
    }
    httpLatencies.sort((a, b) => a - b);
    const httpStored = await db.questionnaireResponse.count({
      where: { questionnaireId: overHttp, status: "submitted" },
    });
    const httpRate = (statuses[302] ?? 0) / httpElapsed;
    checks.push([
      "over HTTP: every form post answered 302 and stored",
      statuses[302] === SUPPLIERS && httpStored === SUPPLIERS,
    ]);
    checks.push(["over HTTP: at least 200 submissions per second", httpRate >= 200]);

    console.log(
      `\nSourcing benchmark — ${SUPPLIERS} suppliers, ${CONCURRENCY} at a time, questionnaire of 8 typed questions\n`,
    );
    console.table({
      submissions: {
        count: acknowledged.size,
        seconds: Number(elapsed.toFixed(2)),
        "per second": Number(rate.toFixed(0)),
        p50: ms(percentile(latencies, 50)),
        p95: ms(percentile(latencies, 95)),
        p99: ms(percentile(latencies, 99)),
        max: ms(latencies[latencies.length - 1] ?? 0),
      },
      "submissions over HTTP": {
        count: statuses[302] ?? 0,
        seconds: Number(httpElapsed.toFixed(2)),
        "per second": Number(httpRate.toFixed(0)),
        p50: ms(percentile(httpLatencies, 50)),
        p95: ms(percentile(httpLatencies, 95)),
        p99: ms(percentile(httpLatencies, 99)),
        max: ms(httpLatencies[httpLatencies.length - 1] ?? 0),
      },
      [`summary (${summarised} responses)`]: {
        count: timings.length,
        seconds: "",
        "per second": "",
        p50: ms(percentile(timings, 50)),
        p95: ms(percentile(timings, 95)),
        p99: ms(percentile(timings, 99)),
        max: ms(timings[timings.length - 1] ?? 0),
      },
    });
    for (const [label, ok] of checks) console.log(`${ok ? "ok  " : "FAIL"}  ${label}`);
    console.log(
      `BENCH_SOURCING_RESULT ${JSON.stringify({ suppliers: SUPPLIERS, concurrency: CONCURRENCY, submitted: acknowledged.size, perSecond: Math.round(rate), submitP95: percentile(latencies, 95), summaryP50: percentile(timings, 50), summaryP95: percentile(timings, 95), ok: checks.every(([, ok]) => ok) })}`,
    );
  } finally {
    await disconnectDatabase();
    if (!KEEP) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  }
  if (!checks.every(([, ok]) => ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
