// The ledger's public pages over real HTTP on the built server: the keys and the state as JSON
// (open to every origin, cached briefly, 304 on revalidation), the state page, and the verification
// page with a real export and every kind of bad input (a French message next to the field, nothing
// stored, never a 500). Then the tamper scenario of issue 15 point 8, on the ledger's side: a record
// changed in SQLite after an export makes `npm run ledger:verify` exit 1 naming it, the export
// fails the online check and still passes the offline one against its own checkpoint, and a later
// checkpoint contradicts it.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db } from "~/db/db.server";
import { canonicalJson, fieldDigest, REDACTED_TEXT } from "~/ledger/canonical";
import { signCheckpoint } from "~/ledger/checkpoints.server";
import { loadRecordScope } from "~/record/record.server";
import { buildRecordExport } from "~/record/signed-export.server";
import type { RecordExportDocument } from "~/record/signed-export";
import { databaseFile, openRaw } from "../db/support/helpers";
import { fullRecord } from "../record/fixtures";
import { visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { testTmp } from "../support/tmp";

const run = promisify(execFile);
const folder = path.join(testTmp(), `registre-${process.pid}-${Date.now()}`);

let server: RunningServer;
let built: Awaited<ReturnType<typeof fullRecord>>;
let document: RecordExportDocument;
let exportText: string;

function save(name: string, content: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

async function command(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(file, args, { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const offlineVerifier = (...args: string[]) => command(process.execPath, ["scripts/verify-export.mjs", ...args]);

/** Posts the verification form as a browser without JavaScript does (multipart). */
async function verifyOnline(fields: { file?: { name: string; content: string | Buffer }; pasted?: string }) {
  const form = new FormData();
  if (fields.file)
    form.append(
      "fichier",
      new Blob([typeof fields.file.content === "string" ? fields.file.content : new Uint8Array(fields.file.content)]),
      fields.file.name,
    );
  else form.append("fichier", new Blob([]), "");
  form.append("contenu", fields.pasted ?? "");
  const response = await fetch(`${server.origin}/registre/verifier`, {
    method: "POST",
    headers: { Origin: server.origin },
    body: form,
  });
  return { status: response.status, html: visibleHtml(await response.text()) };
}

/** Every row but the abuse-limit counters, the sessions and the server's own background work. */
function storedRows(): string {
  const raw = openRaw(databaseFile(), { readonly: true });
  try {
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return tables
      .filter(({ name }) => !["RateLimit", "Session", "Job", "OutboxMessage", "LedgerCheckpoint"].includes(name))
      .map(({ name }) => JSON.stringify(raw.prepare(`SELECT * FROM "${name}"`).all()))
      .join("\n");
  } finally {
    raw.close();
  }
}

beforeAll(async () => {
  await connectDatabase();
  mkdirSync(folder, { recursive: true });
  built = await fullRecord();
  const scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
  ({ document } = await buildRecordExport(scope));
  exportText = JSON.stringify(document, null, 2);
  server = await startServer();
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe("published keys and state", () => {
  it("/registre/cles.json lists the key that signed, for every origin, cached, with revalidation", async () => {
    const response = await fetch(`${server.origin}/registre/cles.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { format: string; keys: { id: string; retiredAt: string | null }[] };
    expect(body.format).toBe("amont-cles-v1");
    expect(body.keys).toContainEqual(expect.objectContaining({ id: document.signature.keyId, retiredAt: null }));
    const again = await fetch(`${server.origin}/registre/cles.json`, {
      headers: { "If-None-Match": response.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });

  it("/registre/etat.json holds the export's checkpoint; /registre/etat says the chain is intact", async () => {
    const response = await fetch(`${server.origin}/registre/etat.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const state = (await response.json()) as { format: string; checkpoints: { signature: string }[] };
    expect(state.format).toBe("amont-etat-v1");
    expect(state.checkpoints.map((checkpoint) => checkpoint.signature)).toContain(document.checkpoint.signature);

    const page = await fetch(`${server.origin}/registre/etat`);
    expect(page.status).toBe(200);
    const html = visibleHtml(await page.text());
    expect(html).toContain("État du registre des échanges");
    expect(html).toContain("Registre intègre");
    expect(html).toContain(document.signature.keyId.slice(0, 4) + " " + document.signature.keyId.slice(4, 8));
    expect(html).toContain('href="/registre/cles.json"');
  });
});

describe("the verification page", () => {
  it("works without JavaScript: a multipart form with a file field and a text field", async () => {
    const response = await fetch(`${server.origin}/registre/verifier`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const form = html.match(/<form[^>]*>/g)?.find((tag) => tag.includes('aria-labelledby="deposer"'));
    expect(form).toMatch(/method="post"/);
    expect(form).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain('type="file"');
    expect(html).toContain('name="contenu"');
  });

  it("verifies an export made by the app, uploaded or pasted", async () => {
    const uploaded = await verifyOnline({ file: { name: "dossier.json", content: exportText } });
    expect(uploaded.status).toBe(200);
    expect(uploaded.html).toContain("Export vérifié : authentique, intact, et identique au registre des échanges");
    expect(uploaded.html).toContain(built.buyer.organization.name);
    expect(uploaded.html).toContain(
      `${document.records.length} inscriptions sur ${document.records.length} correspondent au registre en ligne`,
    );
    const pasted = await verifyOnline({ pasted: exportText });
    expect(pasted.html).toContain("Export vérifié");
  });

  const altered = (change: (copy: RecordExportDocument) => void) => {
    const copy = JSON.parse(exportText) as RecordExportDocument;
    change(copy);
    return JSON.stringify(copy);
  };
  const badInputs: [string, () => { name: string; content: string | Buffer }, RegExp][] = [
    ["not JSON", () => ({ name: "notes.txt", content: "Compte rendu de la réunion" }), /Ce n'est pas un fichier JSON/],
    [
      "a PDF renamed .json",
      () => ({ name: "dossier.json", content: Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00, 0x9f]) }),
      /pas un fichier texte/,
    ],
    ["truncated", () => ({ name: "dossier.json", content: exportText.slice(0, 5_000) }), /s'arrête avant la fin/],
    [
      "another JSON",
      () => ({ name: "reponses.json", content: '{"reponses":[]}' }),
      /n'est pas un export de dossier Amont/,
    ],
    [
      "a future format",
      () => ({
        name: "dossier.json",
        content: altered((copy) => ((copy as { format: string }).format = "amont-dossier-v2")),
      }),
      /format « amont-dossier-v2 »/,
    ],
    [
      "too big",
      () => ({ name: "dossier.json", content: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) }),
      /export dépasse 10 Mo, la limite de cette page.*vérificateur hors ligne/,
    ],
  ];
  for (const [what, input, message] of badInputs) {
    it(`refuses ${what} next to the file field, storing nothing`, async () => {
      const before = storedRows();
      const result = await verifyOnline({ file: input() });
      expect(result.status).toBe(400);
      expect(result.html).toMatch(message);
      expect(result.html).toMatch(/id="fichier-error"/);
      expect(storedRows()).toBe(before);
    });
  }

  it("says when nothing was sent, and keeps pasted text that is not an export", async () => {
    expect((await verifyOnline({})).html).toContain("Choisissez le fichier JSON de l'export");
    const pasted = await verifyOnline({ pasted: '{"pas": "un export"}' });
    expect(pasted.status).toBe(400);
    expect(pasted.html).toMatch(/id="contenu-error"/);
    expect(pasted.html).toContain('{"pas": "un export"}');
  });

  it("fails an export whose signature or records were altered, naming the record", async () => {
    const signature = await verifyOnline({
      file: {
        name: "dossier.json",
        content: altered((copy) => {
          copy.signature.value = copy.signature.value.replace(/^./, (c) => (c === "A" ? "B" : "A"));
        }),
      },
    });
    expect(signature.status).toBe(200);
    expect(signature.html).toContain("Cet export n'est pas vérifié");
    expect(signature.html).toContain("La signature de l'export ne correspond pas à son contenu");
    expect(signature.html).toContain("n'a pas été comparé au registre en ligne");

    const record = await verifyOnline({
      file: { name: "dossier.json", content: altered((copy) => (copy.records[3]!.values.summary = "Réécrit")) },
    });
    expect(record.html).toContain("Cet export n'est pas vérifié");
    expect(record.html).toContain("La signature de l'export ne correspond pas");
  });
});

describe("a redaction, then a record altered in the database after the export (issue 15, point 8)", () => {
  it("a redaction since the export still verifies, reported as such", async () => {
    const target = document.records.find((record) => record.values.actorUserId !== null && !record.redacted.summary)!;
    const row = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: target.sequence } });
    const salts = JSON.parse(row.salts!) as Record<string, string>;
    const digest = fieldDigest(salts.actorLabel!, "actorLabel", row.actorLabel);
    delete salts.actorLabel;
    const raw = openRaw();
    try {
      // The shape the ledger's guard allows: same frame and hash, the text replaced, its digest kept.
      raw
        .prepare(
          `UPDATE "LedgerRecord" SET "actorLabel" = ?, salts = ?, "redactedDigests" = ?, "redactedAt" = ? WHERE sequence = ?`,
        )
        .run(REDACTED_TEXT, canonicalJson(salts), canonicalJson({ actorLabel: digest }), Date.now(), target.sequence);
    } finally {
      raw.close();
    }
    const result = await verifyOnline({ file: { name: "dossier.json", content: exportText } });
    expect(result.html).toContain("Export vérifié");
    expect(result.html).toContain("des données personnelles y ont été effacées");
    expect(result.html).toMatch(
      new RegExp(`<td>${target.sequence}</td><td>nom de la personne</td><td>depuis l'export</td>`),
    );
  });

  it("ledger:verify names the altered record; the online check fails; offline still holds; a later checkpoint contradicts it", async () => {
    const target = document.records[Math.floor(document.records.length / 2)]!;
    const raw = openRaw();
    try {
      raw.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
      raw.prepare(`UPDATE "LedgerRecord" SET summary = ? WHERE sequence = ?`).run("Réécrit en base", target.sequence);
    } finally {
      raw.close();
    }

    const verify = await command("npm", ["run", "-s", "ledger:verify"], { DATABASE_URL: `file:${databaseFile()}` });
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain(`Registre des échanges rompu à l'enregistrement n° ${target.sequence}`);

    const online = await verifyOnline({ file: { name: "dossier.json", content: exportText } });
    expect(online.html).toContain("Cet export n'est pas vérifié");
    expect(online.html).toContain(
      `Première inscription qui ne correspond plus au registre en ligne : n° ${target.sequence} (le registre en ligne a été modifié`,
    );

    // Offline, against its own checkpoint and the keys, the export still holds.
    const exportFile = save("dossier.json", exportText);
    const keys = await (await fetch(`${server.origin}/registre/cles.json`)).text();
    const keysFile = save("cles.json", keys);
    const offline = await offlineVerifier(exportFile, "--cles", keysFile);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain("✓ Export vérifié");

    // A checkpoint signed now says the ledger broken at that record: it contradicts the export.
    const { checkpoint } = await signCheckpoint({ reason: "daily" });
    expect(checkpoint).toMatchObject({ status: "broken", brokenAt: target.sequence });
    const stateFile = save("etat.json", await (await fetch(`${server.origin}/registre/etat.json`)).text());
    const contradicted = await offlineVerifier(exportFile, "--etat", stateFile);
    expect(contradicted.code).toBe(1);
    expect(contradicted.stderr).toContain(`dit le registre rompu à l'inscription n° ${target.sequence}`);

    const page = visibleHtml(await (await fetch(`${server.origin}/registre/etat`)).text());
    expect(page).toContain(`Registre rompu à l'inscription n° ${target.sequence}`);
  });
});
