// The record's exports through the real built server, as a browser without JavaScript uses them:
// the record page's form posts the format; the owner gets the file as an attachment named after the
// procurement and the day, and its ledger record; a GET changes nothing (405); another buyer gets
// 404 and nothing is written; an unknown format gets a French 400 and nothing is written.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { extractText, getDocumentProxy } from "unpdf";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInParis } from "~/calendar/dates";
import { db } from "~/db/db.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { parsePayload } from "~/record/entries";
import { createBuyer, input } from "../plan/fixtures";
import { sessionCookie, visibleHtml } from "../support/http";
import { must } from "../support/must";
import { startServer, type RunningServer } from "../support/server";
import { testTmp } from "../support/tmp";

const run = promisify(execFile);

let server: RunningServer;
let owner: string;
let stranger: string;
let procurementId: string;

beforeAll(async () => {
  server = await startServer();
  const buyer = await createBuyer({ name: "Ville de Feyzin", departement: "69" });
  const other = await createBuyer({ name: "Ville de Corbas", departement: "69" });
  procurementId = must(
    await createPlannedProcurement(buyer.actor, buyer.organization, input({ reference: "MAPA 2027/12 – Toiture" })),
  ).id;
  owner = await sessionCookie(buyer.user.id, buyer.organization.id);
  stranger = await sessionCookie(other.user.id, other.organization.id);
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

const exportPath = () => `/acheteur/achats/${procurementId}/dossier/export`;

function post(format: string, cookie: string) {
  return fetch(`${server.url}${exportPath()}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ format }),
    redirect: "manual",
  });
}

const exports = () =>
  db.ledgerRecord.count({ where: { kind: "record.exported", plannedProcurementId: procurementId } });

describe("exporting the record", () => {
  it("offers the PDF and the CSV on the record page, as a plain form posted to the export route", async () => {
    const page = await fetch(`${server.url}/acheteur/achats/${procurementId}/dossier`, { headers: { Cookie: owner } });
    const html = visibleHtml(await page.text());
    expect(html).toContain("Exporter le dossier");
    expect(html).toContain(`<form method="post" action="${exportPath()}"`);
    expect(html).toMatch(/<button type="submit" name="format" value="pdf">Télécharger le PDF<\/button>/);
    expect(html).toMatch(/name="format" value="csv"[^>]*>Télécharger le CSV<\/button>/);
    expect(html).toMatch(/name="format" value="json"[^>]*>Télécharger le JSON signé<\/button>/);
  });

  it("answers the owner's PDF as an attachment, after writing the export on the ledger", async () => {
    const response = await post("pdf", owner);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="dossier-MAPA-2027-12-Toiture-${todayInParis()}.pdf"`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    const [record] = await db.ledgerRecord.findMany({
      where: { kind: "record.exported", plannedProcurementId: procurementId },
    });
    expect(parsePayload(record!.payload)).toEqual({ format: "pdf", recordCount: 1, lastSequence: record!.sequence });
    expect(text).toContain("Dossier des échanges de sourcing");
    expect(text).toContain("Ville de Feyzin");
    expect(text).toContain(`jusqu'à celle-ci (n° ${record!.sequence})`);
    // The checkpoint signed for this export, and the fingerprint of the key published at /registre/cles.json.
    const keys = (await (await fetch(`${server.url}/registre/cles.json`)).json()) as { keys: { id: string }[] };
    const grouped = keys.keys[0]!.id.match(/.{1,4}/g)!.join(" ");
    expect(text.replace(/\s+/g, " ")).toContain(grouped.slice(0, 19));
    expect(text).not.toContain("non disponible");
  });

  it("answers the signed JSON, which the offline verifier accepts", async () => {
    const response = await post("json", owner);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="dossier-MAPA-2027-12-Toiture-${todayInParis()}.json"`,
    );
    const file = path.join(testTmp(), "record-export-http.json");
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await run(process.execPath, ["scripts/verify-export.mjs", file], { timeout: 30_000 });
    expect(stdout).toContain("Export vérifié : il est authentique et intact.");
    const document = JSON.parse(readFileSync(file, "utf8")) as { records: { kind: string }[] };
    expect(document.records.at(-1)!.kind).toBe("record.exported");
  });

  it("answers the CSV with a byte order mark", async () => {
    const response = await post("csv", owner);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="dossier-MAPA-2027-12-Toiture-${todayInParis()}.csv"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines[0]).toMatch(/^"N°";"Inscrit le";/);
    // The PDF's and the JSON's exports, then this one.
    expect(lines.filter((line) => line.includes('"record.exported"'))).toHaveLength(3);
    expect(await exports()).toBe(3);
  });

  it("changes nothing on a GET (405), and refuses an unknown format in French", async () => {
    const before = await exports();
    const get = await fetch(`${server.url}${exportPath()}`, { headers: { Cookie: owner }, redirect: "manual" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const xml = await post("xml", owner);
    expect(xml.status).toBe(400);
    expect(await xml.text()).toContain("Format d'export inconnu");
    expect(await exports()).toBe(before);
  });

  it("answers 404 to another buyer, on a GET and on a POST, and writes nothing", async () => {
    const before = await db.ledgerRecord.count();
    expect((await post("pdf", stranger)).status).toBe(404);
    expect((await fetch(`${server.url}${exportPath()}`, { headers: { Cookie: stranger } })).status).toBe(404);
    const unknown = await fetch(`${server.url}/acheteur/achats/n-existe-pas/dossier/export`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: owner, "Content-Type": "application/x-www-form-urlencoded" },
      body: "format=pdf",
    });
    expect(unknown.status).toBe(404);
    expect(await db.ledgerRecord.count()).toBe(before);
  });

  it("flags on the record page an entry changed behind the database's guard, before anything else", async () => {
    const [exported] = await db.ledgerRecord.findMany({
      where: { kind: "record.exported", plannedProcurementId: procurementId },
      orderBy: { sequence: "asc" },
      take: 1,
    });
    const intact = visibleHtml(
      await (
        await fetch(`${server.url}/acheteur/achats/${procurementId}/dossier`, { headers: { Cookie: owner } })
      ).text(),
    );
    expect(intact).not.toContain("n'est plus intact");
    const raw = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    try {
      raw.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
      raw.prepare(`UPDATE "LedgerRecord" SET summary = 'Réécrit' WHERE sequence = ?`).run(exported!.sequence);
    } finally {
      raw.close();
    }
    const html = visibleHtml(
      await (
        await fetch(`${server.url}/acheteur/achats/${procurementId}/dossier`, { headers: { Cookie: owner } })
      ).text(),
    );
    expect(html).toMatch(/role="alert"[^>]*>\s*<h2>Le registre des échanges n'est plus intact<\/h2>/);
    expect(html).toContain(`L'entrée n° ${exported!.sequence} de cette page a été modifiée après son inscription`);
    expect(html).toContain("Entrée modifiée après son inscription");
  });
});
