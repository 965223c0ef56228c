// The record's PDF (issue 15, point 11): a procurement with 2,000 entries exported as a PDF through
// the built production server (heap limited as in production), at most 3 s with the server's RSS
// under 300 MB. On its own temporary database (bench/.tmp/record-pdf-*.db, removed afterwards
// unless --keep): a buyer, a procurement, 300 suppliers, and --records ledger entries of the kinds
// a sourcing leaves (a published questionnaire, invitations, openings, answers, clarifications,
// manual entries with their text), sealed with the ledger's own sealRecord(). Then:
//
//  1. the floor, in this process: reading the entries (eachRecordEntry), building the report,
//     walking the whole chain (verifyLedger), drawing the PDF alone, and a one-page PDF with PDFKit
//     and with @react-pdf/renderer: what the stack costs before the export does anything;
//  2. over HTTP, one signed-in buyer: a warm-up export, then --runs PDF exports one after another,
//     then the same number of CSV exports, each timed from the POST to the last byte; the server's
//     RSS sampled every 50 ms and its kernel peak (VmHWM).
//
//   npx tsx bench/record-pdf.ts [--records 2000] [--runs 5] [--keep]
//
// Needs a build (`npm run build`). Prints a table and a BENCH_RECORD_PDF_RESULT {json} line; exits 1
// when a file is wrong (not a PDF, or no ledger record per export), not when a target is missed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { JsonValue } from "~/ledger/canonical";
import { BENCH_ROOT as root, percentile, startBuiltServer } from "./support";

interface Entry {
  kind: string;
  actorLabel: string;
  organizationIds: string[];
  summary: string;
  payload: { [key: string]: JsonValue };
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a positive integer`);
  return value;
}

const RECORDS = Math.min(option("records", 2_000), 50_000);
const RUNS = Math.min(option("runs", 5), 50);
const SUPPLIERS = 300;
const KEEP = process.argv.includes("--keep");
const TARGET_MS = 3_000;
const TARGET_RSS_MB = 300;

const ms = (value: number) => `${value.toFixed(0)} ms`;

function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/** The median of `runs` timings of `work` (after one unmeasured run). */
async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return percentile(
    samples.sort((a, b) => a - b),
    50,
  );
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, "build", "index.js"))) throw new Error("Build the application first: npm run build");
  const tmp = path.join(root, "bench", ".tmp");
  mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `record-pdf-${Date.now()}.db`);
  const databaseUrl = `file:${file}`;
  const migrated = spawnSync(process.execPath, ["scripts/db-setup.js", "--no-seed"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (migrated.status !== 0) throw new Error(`db-setup failed:\n${migrated.stdout}\n${migrated.stderr}`);
  process.env.DATABASE_URL = databaseUrl;
  process.env.SESSION_SECRET ??= "bench-session-secret-at-least-32-characters";
  process.env.APP_URL ??= "http://127.0.0.1:3000";

  // Imported after DATABASE_URL is set (the data layer reads it when it first connects).
  const { connectDatabase, db, disconnectDatabase, write } = await import("~/db/db.server");
  const { canonicalJson, GENESIS_HASH, sealRecord, sha256Hex } = await import("~/ledger/canonical");
  const { verifyLedger } = await import("~/ledger/ledger.server");
  const { createSession, sessionCookieHeader } = await import("~/auth/session.server");
  const { eachRecordEntry, loadRecordScope } = await import("~/record/record.server");
  const { buildRecordReport } = await import("~/record/export/report.server");
  const { recordIntegrity } = await import("~/record/export/integrity.server");
  const { renderRecordPdf } = await import("~/record/export/pdf.server");
  await connectDatabase();
  const checks: [string, boolean][] = [];
  try {
    // ---- data: a buyer, its procurement, the suppliers, the entries --------------------------------
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
          name: "Communauté d'agglomération d'essai",
          slug: "bench-acheteur",
          departement: "69",
          siren: "200046977",
          verificationStatus: "approved",
          memberships: { create: { userId: user.id, role: "admin" } },
        },
      });
      const procurement = await tx.plannedProcurement.create({
        data: {
          organizationId: organization.id,
          reference: "MAPA 2027-014",
          title: "Restauration scolaire",
          need: "Repas des écoles",
          category: "services",
          cpvCode: "55524000-9",
          valueBand: "215k_1m",
          procedure: "mapa",
          expectedPublicationDate: "2027-03-08",
          contactName: "Acheteuse",
          contactEmail: "acheteuse@bench.test",
          status: "sourcing",
          createdById: user.id,
        },
      });
      const questionnaire = await tx.questionnaire.create({
        data: {
          organizationId: organization.id,
          plannedProcurementId: procurement.id,
          title: "Connaître le marché de la restauration scolaire",
          introduction: "Benchmark",
          createdById: user.id,
        },
      });
      await tx.organization.createMany({
        data: Array.from({ length: SUPPLIERS }, (_, index) => ({
          kind: "supplier",
          name: `Cuisine centrale n° ${index + 1}`,
          slug: `bench-fournisseur-${index + 1}`,
          departement: "69",
          siret: String(10_000_000_000_000 + index),
          verificationStatus: "approved",
        })),
      });
      const suppliers = await tx.organization.findMany({
        where: { kind: "supplier" },
        select: { id: true, name: true },
      });
      return { user, organization, procurement, questionnaire, suppliers };
    });
    const { user, organization, procurement, questionnaire, suppliers } = setup;
    const buyerLabel = `${user.name} (${organization.name})`;
    const title = questionnaire.title;
    const messageHash = sha256Hex("invitation");
    const entry = (index: number): Entry => {
      const supplier = suppliers[index % suppliers.length]!;
      const supplierLabel = `Gérant ${supplier.name} (${supplier.name})`;
      const both = [organization.id, supplier.id];
      if (index === 0)
        return {
          kind: "sourcing.version_published",
          actorLabel: user.name,
          organizationIds: [organization.id],
          summary: `${user.name} a publié la version n° 1 du questionnaire de sourcing « ${title} » (empreinte SHA-256 ${sha256Hex("v1").slice(0, 12)}…), ouvert jusqu'au lundi 8 février 2027.`,
          payload: {
            questionnaireId: questionnaire.id,
            versionNumber: 1,
            contentHash: sha256Hex("v1"),
            deadline: "2027-02-08",
          },
        };
      switch (index % 10) {
        case 1:
        case 2:
          return {
            kind: "sourcing.invitation_sent",
            actorLabel: user.name,
            organizationIds: both,
            summary: `${user.name} a invité contact-${index}@cuisine.fr à répondre au questionnaire « ${title} » (message identique pour toutes les entreprises invitées).`,
            payload: {
              questionnaireId: questionnaire.id,
              email: `contact-${index}@cuisine.fr`,
              supplierOrganizationId: supplier.id,
              subject: `Invitation : ${title}`,
              messageHash,
            },
          };
        case 3:
          return {
            kind: "sourcing.questionnaire_opened",
            actorLabel: supplierLabel,
            organizationIds: both,
            summary: `${supplier.name} a ouvert le questionnaire « ${title} » (version n° 1).`,
            payload: { questionnaireId: questionnaire.id, versionNumber: 1, supplierOrganizationId: supplier.id },
          };
        case 4:
        case 5:
          return {
            kind: "sourcing.answer_submitted",
            actorLabel: supplierLabel,
            organizationIds: both,
            summary: `${supplier.name} a déposé sa réponse au questionnaire « ${title} » (version n° 1).`,
            payload: {
              questionnaireId: questionnaire.id,
              versionNumber: 1,
              answersHash: sha256Hex(`answers ${index}`),
            },
          };
        case 6:
          return index % 20 === 6
            ? {
                kind: "sourcing.clarification_asked",
                actorLabel: supplierLabel,
                organizationIds: both,
                summary: `${supplier.name} a posé une question de précision sur le questionnaire « ${title} ».`,
                payload: {
                  questionnaireId: questionnaire.id,
                  question: "Les repas sont-ils livrés en liaison froide ?",
                },
              }
            : {
                kind: "sourcing.clarification_answered",
                actorLabel: user.name,
                organizationIds: both,
                summary: `${user.name} a publié pour tous une précision sur le questionnaire « ${title} » ; 40 entreprises prévenues par le même message.`,
                payload: {
                  questionnaireId: questionnaire.id,
                  publishedQuestion: "Les repas sont-ils livrés en liaison froide ?",
                  answer: "Oui, pour toutes les écoles, avec un réchauffage sur place.",
                  recipientCount: 40,
                },
              };
        default:
          return {
            kind: "manual.exchange",
            actorLabel: buyerLabel,
            organizationIds: both,
            summary: `Échange hors plateforme (téléphone) avec ${supplier.name} le lundi 4 janvier 2027.`,
            payload: {
              exchangedOn: "2027-01-04",
              channel: "phone",
              supplier: { organizationId: supplier.id, name: supplier.name, siret: null },
              text: `Appel n° ${index} : questions sur les volumes par école, les horaires de livraison et les contraintes d'accès aux offices ; aucune condition du futur contrat n'a été évoquée.`,
              attachment: null,
              corrects: null,
              priceGuard: null,
              recordedAt: new Date().toISOString(),
            },
          };
      }
    };
    let previousHash = GENESIS_HASH;
    for (let start = 0; start < RECORDS; start += 500) {
      const rows = Array.from({ length: Math.min(500, RECORDS - start) }, (_, offset) => {
        const index = start + offset;
        const { organizationIds, payload, ...rest } = entry(index);
        const fields = {
          ...rest,
          sequence: index + 1,
          actorUserId: rest.kind.startsWith("sourcing.") && rest.actorLabel !== user.name ? null : user.id,
          organizationIds: canonicalJson([...organizationIds].sort()),
          plannedProcurementId: procurement.id,
          eventId: null,
          payload: canonicalJson(payload),
          occurredAt: new Date(Date.UTC(2027, 0, 4) + index * 60_000),
          previousHash,
        };
        const sealed = sealRecord(fields);
        previousHash = sealed.hash;
        return { row: { ...fields, ...sealed }, organizationIds };
      });
      await write(async (tx) => {
        await tx.ledgerRecord.createMany({ data: rows.map(({ row }) => row) });
        await tx.ledgerParty.createMany({
          data: rows.flatMap(({ row, organizationIds }) =>
            [...new Set(organizationIds)].map((organizationId) => ({ sequence: row.sequence, organizationId })),
          ),
        });
      });
    }
    const chain = await verifyLedger();
    checks.push([`the ${RECORDS} entries form a valid chain`, chain.ok && chain.count === RECORDS]);

    // ---- 1. the floor, in this process ---------------------------------------------------------------
    const scope = (await loadRecordScope(organization.id, procurement.id))!;
    const mark = { sequence: RECORDS, recordCount: RECORDS, actorLabel: buyerLabel, exportedAt: new Date() };
    const floor: Record<string, number> = {};
    floor[`read the ${RECORDS} entries (eachRecordEntry)`] = await timed(3, async () => {
      let count = 0;
      for await (const _ of eachRecordEntry(scope)) count++;
      return count;
    });
    floor["build the report (reading included)"] = await timed(3, () => buildRecordReport(scope, mark));
    floor[`check the whole chain (verifyLedger, ${RECORDS} records)`] = await timed(3, () => verifyLedger());
    const report = await buildRecordReport(scope, mark);
    const integrity = await recordIntegrity("http://127.0.0.1");
    floor["draw the PDF alone (PDFKit)"] = await timed(3, () => renderRecordPdf(report, integrity));
    const PDFDocument = (await import("pdfkit")).default;
    floor["one-page PDF, one line (PDFKit)"] = await timed(5, async () => {
      const doc = new PDFDocument({ size: "A4" });
      const chunks: Buffer[] = [];
      doc.on("data", (chunk: Buffer) => chunks.push(chunk));
      const done = new Promise((resolve) => doc.on("end", resolve));
      doc.text("Dossier des échanges");
      doc.end();
      await done;
      return Buffer.concat(chunks);
    });
    try {
      const { createElement } = await import("react");
      const { Document, Font, Page, Text, renderToBuffer } = await import("@react-pdf/renderer");
      floor["one-page PDF, one line (@react-pdf/renderer)"] = await timed(5, () =>
        renderToBuffer(
          createElement(Document, null, createElement(Page, { size: "A4" }, createElement(Text, null, "Dossier"))),
        ),
      );
      // What @react-pdf/renderer would cost for the annex alone, in the most favourable layout found
      // (decision 0024): each entry one text block (no table cells), pages split beforehand (its own
      // page breaking is quadratic), hyphenation off, and documents of 160 entries, the largest that
      // fit the server's 128 MB heap. Merging them into one file and numbering the pages would come
      // on top.
      Font.registerHyphenationCallback((word) => [word]);
      const perPage = 16;
      const perDocument = 160;
      const block = (row: (typeof report.annex)[number]) =>
        createElement(
          Text,
          { key: row.sequence, style: { marginBottom: 4 } },
          createElement(
            Text,
            { style: { fontFamily: "Helvetica-Bold" } },
            `n° ${row.sequence} · ${row.occurredAt.toISOString().slice(0, 16)} · ${row.kindLabel} · `,
          ),
          `${row.actor} · ${row.organizations} · ${row.hash.slice(0, 12)}\n${row.summary}`,
        );
      const annexDocument = (rows: typeof report.annex) => {
        const pages = [];
        for (let start = 0; start < rows.length; start += perPage) {
          pages.push(
            createElement(
              Page,
              { key: start, size: "A4", style: { padding: 50, fontSize: 7, fontFamily: "Helvetica" } },
              rows.slice(start, start + perPage).map(block),
            ),
          );
        }
        return createElement(Document, null, pages);
      };
      floor[`the annex alone, ${report.annex.length} entries (@react-pdf/renderer, best case)`] = await timed(
        1,
        async () => {
          for (let start = 0; start < report.annex.length; start += perDocument) {
            await renderToBuffer(annexDocument(report.annex.slice(start, start + perDocument)));
          }
        },
      );
    } catch (error) {
      console.log(`(@react-pdf/renderer not measured: ${(error as Error).message})`);
    }

    // ---- 2. over HTTP ---------------------------------------------------------------------------
    const cookie = await write(async (tx) => {
      const { token } = await createSession(tx, user.id, { activeOrganizationId: organization.id });
      return (await sessionCookieHeader(token)).split(";")[0]!;
    });
    const server = await startBuiltServer(databaseUrl);
    const afterStart = memoryOf(server.pid);
    let peakRss = afterStart?.rssMb ?? 0;
    const sampler = setInterval(() => {
      const memory = memoryOf(server.pid);
      if (memory) peakRss = Math.max(peakRss, memory.rssMb);
    }, 50);
    const timings: Record<"pdf" | "csv", number[]> = { pdf: [], csv: [] };
    let firstPdfMs = 0;
    let pages = 0;
    let bytes = 0;
    let finalMemory: ReturnType<typeof memoryOf> = null;
    try {
      const post = async (format: "pdf" | "csv") => {
        const t0 = performance.now();
        const response = await fetch(`${server.origin}/acheteur/achats/${procurement.id}/dossier/export`, {
          method: "POST",
          headers: { Origin: server.origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: `format=${format}`,
        });
        const body = new Uint8Array(await response.arrayBuffer());
        const elapsed = performance.now() - t0;
        const ok =
          response.status === 200 &&
          (format === "pdf"
            ? new TextDecoder().decode(body.slice(0, 5)) === "%PDF-"
            : body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf);
        if (!ok) throw new Error(`${format} export answered ${response.status}:\n${server.logs().slice(-2000)}`);
        if (format === "pdf") {
          pages = (new TextDecoder("latin1").decode(body).match(/\/Type \/Page\b/g) ?? []).length;
          bytes = body.length;
        }
        return elapsed;
      };
      firstPdfMs = await post("pdf");
      for (let run = 0; run < RUNS; run++) timings.pdf.push(await post("pdf"));
      for (let run = 0; run < RUNS; run++) timings.csv.push(await post("csv"));
      finalMemory = memoryOf(server.pid);
    } finally {
      clearInterval(sampler);
      await server.stop();
    }
    const exported = await db.ledgerRecord.count({ where: { kind: "record.exported" } });
    checks.push(["one ledger record per export", exported === 1 + 2 * RUNS]);
    const peakMb = Math.max(peakRss, finalMemory?.hwmMb ?? 0);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const pdfP50 = percentile(sorted(timings.pdf), 50);
    const pdfMax = Math.max(...timings.pdf);
    const csvP50 = percentile(sorted(timings.csv), 50);

    console.log(
      `\nRecord export benchmark — ${RECORDS} entries, ${SUPPLIERS} suppliers; PDF of ${pages} pages, ${(bytes / 1024).toFixed(0)} kB\n`,
    );
    console.log("Floor, in the benchmark's process (median of 3 to 5 runs after one unmeasured):");
    console.table(Object.fromEntries(Object.entries(floor).map(([name, value]) => [name, { median: ms(value) }])));
    console.log(
      `Over HTTP, built server (heap limited to 128 MB), one buyer, ${RUNS} exports of each after a warm-up:`,
    );
    console.table({
      "PDF export (first, cold)": { p50: ms(firstPdfMs), max: ms(firstPdfMs) },
      "PDF export": { p50: ms(pdfP50), max: ms(pdfMax) },
      "CSV export": { p50: ms(csvP50), max: ms(Math.max(...timings.csv)) },
    });
    console.log(
      `Server memory: RSS ${afterStart?.rssMb.toFixed(0) ?? "?"} MB after start, peak ${peakMb.toFixed(0)} MB (sampled every 50 ms, and VmHWM ${finalMemory?.hwmMb.toFixed(0) ?? "?"} MB)`,
    );
    const drawn = floor["draw the PDF alone (PDFKit)"];
    console.log(
      `Where the PDF's time goes: ${((floor["build the report (reading included)"] / pdfP50) * 100).toFixed(0)} % reading and summing the entries, ` +
        `${((floor[`check the whole chain (verifyLedger, ${RECORDS} records)`]! / pdfP50) * 100).toFixed(0)} % checking the chain, ` +
        `${((drawn / pdfP50) * 100).toFixed(0)} % drawing (measured apart; they overlap in the export).`,
    );
    const reactPdf = Object.entries(floor).find(([name]) => name.includes("@react-pdf/renderer, best case"))?.[1];
    if (reactPdf !== undefined) {
      console.log(
        `@react-pdf/renderer, the annex alone in its best case: ${ms(reactPdf)}, ${(reactPdf / drawn).toFixed(1)}× PDFKit drawing the whole PDF, ` +
          `${((reactPdf / TARGET_MS) * 100).toFixed(0)} % of the ${TARGET_MS} ms target before reading, checking or sending anything.`,
      );
    }
    const targets: [string, boolean][] = [
      [`PDF of ${RECORDS} entries in at most ${TARGET_MS} ms (slowest of ${RUNS}): ${ms(pdfMax)}`, pdfMax <= TARGET_MS],
      [`server RSS under ${TARGET_RSS_MB} MB: peak ${peakMb.toFixed(0)} MB`, peakMb < TARGET_RSS_MB],
    ];
    for (const [label, ok] of targets) console.log(`${ok ? "PASS" : "FAIL"}  ${label}`);
    for (const [label, ok] of checks) console.log(`${ok ? "ok  " : "FAIL"}  ${label}`);
    console.log(
      `BENCH_RECORD_PDF_RESULT ${JSON.stringify({
        records: RECORDS,
        runs: RUNS,
        pages,
        bytes,
        pdfFirstMs: Math.round(firstPdfMs),
        pdfP50Ms: Math.round(pdfP50),
        pdfMaxMs: Math.round(pdfMax),
        csvP50Ms: Math.round(csvP50),
        peakRssMb: Math.round(peakMb),
        floorMs: Object.fromEntries(Object.entries(floor).map(([name, value]) => [name, Math.round(value)])),
        targetsMet: targets.every(([, ok]) => ok),
        ok: checks.every(([, ok]) => ok),
      })}`,
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
