// The consistency proof between two signed checkpoints over real HTTP on the built server
// (/registre/coherence.json), and the offline verifier that uses it: an export made, records
// appended, a later checkpoint signed; the proof from the export's checkpoint to the later one is
// served cached for good, and `verify-export.mjs --etat --coherence` accepts it and refuses it with
// one node altered. Bad or unknown pairs get a French JSON error.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, write } from "~/db/db.server";
import { signCheckpoint } from "~/ledger/checkpoints.server";
import { appendExchange } from "~/ledger/ledger.server";
import { loadRecordScope } from "~/record/record.server";
import { buildRecordExport } from "~/record/signed-export.server";
import type { RecordExportDocument } from "~/record/signed-export";
import { openRaw } from "../db/support/helpers";
import { fullRecord } from "../record/fixtures";
import { startServer, type RunningServer } from "../support/server";
import { testTmp } from "../support/tmp";

const run = promisify(execFile);
const folder = path.join(testTmp(), `registre-coherence-${process.pid}-${Date.now()}`);

let server: RunningServer;
let document: RecordExportDocument;
let laterSequence: number;

function save(name: string, content: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

async function offlineVerifier(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/verify-export.mjs", ...args], {
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

interface ConsistencyBody {
  format: string;
  from: { sequence: number; merkleRoot: string };
  to: { sequence: number; merkleRoot: string };
  proof: string[];
}

beforeAll(async () => {
  await connectDatabase();
  mkdirSync(folder, { recursive: true });
  const built = await fullRecord();
  const scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
  ({ document } = await buildRecordExport(scope));
  // The ledger goes on after the export: other exchanges, then the next day's checkpoint.
  for (let i = 0; i < 7; i++)
    await write((tx) =>
      appendExchange(tx, {
        kind: "manual.exchange",
        actor: { userId: null, label: "Acheteur" },
        organizationIds: [built.organization.id],
        summary: `Échange après l'export ${i}`,
      }),
    );
  const later = await signCheckpoint({ reason: "daily" });
  laterSequence = later.checkpoint.sequence;
  server = await startServer();
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const consistencyUrl = (from: number | string, to: number | string) =>
  `${server.origin}/registre/coherence.json?de=${from}&a=${to}`;

describe("/registre/coherence.json", () => {
  it("proves that the later checkpoint extends the export's, cached for good, with revalidation", async () => {
    expect(laterSequence).toBeGreaterThan(document.checkpoint.sequence);
    const response = await fetch(consistencyUrl(document.checkpoint.sequence, laterSequence));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400, immutable");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as ConsistencyBody;
    expect(body.format).toBe("amont-coherence-v1");
    expect(body.from).toEqual({ sequence: document.checkpoint.sequence, merkleRoot: document.checkpoint.merkleRoot });
    expect(body.to.sequence).toBe(laterSequence);
    expect(body.proof.length).toBeGreaterThan(0);
    const again = await fetch(consistencyUrl(document.checkpoint.sequence, laterSequence), {
      headers: { "If-None-Match": response.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });

  it("is explained on /registre/etat in plain French, with its address", async () => {
    const html = await (await fetch(`${server.origin}/registre/etat`)).text();
    expect(html).toContain("téléchargez la preuve qui relie");
    expect(html).toContain("/registre/coherence.json?de=N&amp;a=M");
  });

  it("answers a French JSON error for a size without a checkpoint, or a pair that is not one", async () => {
    const unknown = await fetch(consistencyUrl(document.checkpoint.sequence, laterSequence + 1000));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("cache-control")).toBe("no-store");
    expect(((await unknown.json()) as { error: string }).error).toContain(
      `Aucun point de contrôle signé ne couvre ${laterSequence + 1000} inscriptions`,
    );
    for (const [from, to] of [
      [laterSequence, document.checkpoint.sequence],
      ["douze", laterSequence],
      ["-1", laterSequence],
      ["", ""],
    ] as const) {
      const bad = await fetch(consistencyUrl(from, to));
      expect(bad.status, `${from} to ${to}`).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toContain(
        "Indiquez deux nombres d'inscriptions de points de contrôle signés",
      );
    }
    expect((await fetch(`${server.origin}/registre/coherence.json`)).status).toBe(400);
  });
});

describe("verify-export.mjs --etat --coherence", () => {
  it("accepts the proof to a published, signed later checkpoint and says so in French", async () => {
    const exportFile = save("dossier.json", JSON.stringify(document, null, 2));
    const stateFile = save("etat.json", await (await fetch(`${server.origin}/registre/etat.json`)).text());
    const proofText = await (await fetch(consistencyUrl(document.checkpoint.sequence, laterSequence))).text();
    const proofFile = save("coherence.json", proofText);

    const checked = await offlineVerifier(exportFile, "--etat", stateFile, "--coherence", proofFile);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(
      new RegExp(
        `✓ Le registre signé le \\S+ \\(${laterSequence} inscriptions\\) prolonge celui de l'export : preuve de cohérence vérifiée`,
      ),
    );
    expect(checked.stdout).toContain("✓ Export vérifié");

    // Without --coherence nothing changes.
    const plain = await offlineVerifier(exportFile, "--etat", stateFile);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain("cohérence");
  });

  it("refuses the proof with one node altered, or leading to a checkpoint not in the published state", async () => {
    const exportFile = save("dossier-2.json", JSON.stringify(document, null, 2));
    const stateText = await (await fetch(`${server.origin}/registre/etat.json`)).text();
    const stateFile = save("etat-2.json", stateText);
    const proof = (await (
      await fetch(consistencyUrl(document.checkpoint.sequence, laterSequence))
    ).json()) as ConsistencyBody;

    const altered = structuredClone(proof);
    const node = altered.proof[0]!;
    altered.proof[0] = `${node.slice(0, 63)}${node[63] === "0" ? "1" : "0"}`;
    const refused = await offlineVerifier(
      exportFile,
      "--etat",
      stateFile,
      "--coherence",
      save("coherence-altered.json", JSON.stringify(altered)),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`✗ La preuve de cohérence ne montre pas que le registre signé le `);
    expect(refused.stderr).toContain(`(${laterSequence} inscriptions) prolonge celui de l'export`);
    expect(refused.stderr).toContain("✗ Export NON vérifié.");

    // The later checkpoint removed from the published state: the proof leads nowhere signed.
    const state = JSON.parse(stateText) as { checkpoints: { sequence: number }[] };
    state.checkpoints = state.checkpoints.filter((checkpoint) => checkpoint.sequence !== laterSequence);
    const withoutLater = await offlineVerifier(
      exportFile,
      "--etat",
      save("etat-ancien.json", JSON.stringify(state)),
      "--coherence",
      save("coherence-3.json", JSON.stringify(proof)),
    );
    expect(withoutLater.code).toBe(1);
    expect(withoutLater.stderr).toContain(
      `mène à un point de contrôle de ${laterSequence} inscriptions qui ne figure pas, signé par une clé publiée`,
    );

    // --coherence without --etat cannot be checked; a file that is not a proof neither.
    const usage = await offlineVerifier(exportFile, "--coherence", save("coherence-4.json", JSON.stringify(proof)));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--coherence demande aussi --etat");
    const notAProof = await offlineVerifier(exportFile, "--etat", stateFile, "--coherence", stateFile);
    expect(notAProof.code).toBe(2);
    expect(notAProof.stderr).toContain("n'est pas une preuve de cohérence");
  });
});

describe("a ledger rewritten since the checkpoints", () => {
  it("answers 409 in French rather than a proof that does not give the signed roots", async () => {
    await write((tx) =>
      appendExchange(tx, {
        kind: "manual.exchange",
        actor: { userId: null, label: "Acheteur" },
        organizationIds: [],
        summary: "Encore un échange",
      }),
    );
    const { checkpoint } = await signCheckpoint({ reason: "daily" });
    const raw = openRaw();
    try {
      // The first record's stored hash rewritten behind the triggers: the tree no longer gives the roots.
      raw.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
      raw.prepare(`UPDATE "LedgerRecord" SET hash = ? WHERE sequence = 1`).run("0".repeat(64));
    } finally {
      raw.close();
    }
    const response = await fetch(consistencyUrl(document.checkpoint.sequence, checkpoint.sequence));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toContain(
      "Le registre enregistré aujourd'hui ne redonne plus les empreintes signées de ces points de contrôle",
    );
  });
});
