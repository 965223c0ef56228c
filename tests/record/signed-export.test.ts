// The signed JSON export of a procurement's record, checked by the app's verifier and by the
// dependency-free scripts/verify-export.mjs in a child process: an export made by the app holds
// (with the published keys, or with the key it carries and a warning), and every altered copy fails
// with a French reason (exit 1), while what is not an export cannot be checked (exit 2).
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db } from "~/db/db.server";
import { publishedKeys } from "~/ledger/signing.server";
import { parseRecordExport, verifyRecordExport, type KnownKey } from "~/record/export-verification";
import { loadRecordScope } from "~/record/record.server";
import { recordExportFile } from "~/record/signed-export.server";
import { buildRecordExport } from "~/record/signed-export.server";
import type { RecordExportDocument } from "~/record/signed-export";
import { testTmp } from "../support/tmp";
import { fullRecord } from "./fixtures";

const run = promisify(execFile);
const folder = path.join(testTmp(), `signed-export-${process.pid}-${Date.now()}`);

let built: Awaited<ReturnType<typeof fullRecord>>;
let document: RecordExportDocument;
let keys: KnownKey[];
let keysFile: string;

function copy(): RecordExportDocument {
  return JSON.parse(JSON.stringify(document)) as RecordExportDocument;
}

function save(name: string, content: unknown): string {
  const file = path.join(folder, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** Runs the offline verifier as anyone would: node, the script, the file. */
async function verifier(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/verify-export.mjs", ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

beforeAll(async () => {
  await connectDatabase();
  mkdirSync(folder, { recursive: true });
  built = await fullRecord();
  const scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
  ({ document } = await buildRecordExport(scope));
  keys = await publishedKeys();
  keysFile = save("cles.json", { format: "amont-cles-v1", keys });
}, 120_000);

describe("the signed export", () => {
  it("holds the procurement's records up to a checkpoint signed for it, each with its proof", async () => {
    const checkpoints = await db.ledgerCheckpoint.findMany({ where: { reason: "export" } });
    expect(checkpoints.map((checkpoint) => checkpoint.signature)).toContain(document.checkpoint.signature);
    expect(document.format).toBe("amont-dossier-v1");
    expect(document.procurement).toMatchObject({ id: built.procurementId, buyer: { name: "Ville de Vénissieux" } });
    expect(document.records.length).toBeGreaterThan(20);
    expect(document.proofs.map((proof) => proof.sequence)).toEqual(document.records.map((record) => record.sequence));
    expect(document.records.every((record) => record.sequence <= document.checkpoint.sequence)).toBe(true);
    // Records of the other procurement are not in it.
    expect(document.records.some((record) => record.plannedProcurementId === built.otherProcurementId)).toBe(false);
    expect(document.signature.keyId).toBe(document.checkpoint.keyId);
  });

  it("passes the app's verifier, and the offline script with the published keys (exit 0)", async () => {
    const report = verifyRecordExport(document, { keys });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const { fileName, body } = recordExportFile(document);
    expect(fileName).toMatch(/^dossier-.+-\d{4}-\d{2}-\d{2}\.json$/);
    const file = save("export.json", body);
    const result = await verifier(file, "--cles", keysFile);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✓ Signature de l'export");
    expect(result.stdout).toContain(`✓ ${document.records.length} inscription(s)`);
    expect(result.stdout).toContain("✓ Export vérifié");
  });

  it("without the published keys, uses the key it carries and says to compare its fingerprint", async () => {
    const file = save("export-seul.json", document);
    const result = await verifier(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Clé publique lue dans l'export lui-même");
    expect(verifyRecordExport(document).warnings.join(" ")).toContain("Vérifiez que son empreinte");
  });
});

describe("altered copies fail both verifiers, with the reason", () => {
  const cases: [string, (altered: RecordExportDocument) => void, RegExp][] = [
    [
      "a record's text",
      (altered) => {
        altered.records[2]!.values.summary = "Texte réécrit après l'export";
      },
      /signature de l'export ne correspond pas/,
    ],
    [
      "the signature",
      (altered) => {
        const bytes = Buffer.from(altered.signature.value, "base64");
        bytes[0]! ^= 0x01;
        altered.signature.value = bytes.toString("base64");
      },
      /signature de l'export ne correspond pas/,
    ],
    [
      "the checkpoint",
      (altered) => {
        altered.checkpoint.sequence += 1;
      },
      /signature/,
    ],
    [
      "a record dropped",
      (altered) => {
        altered.records.splice(1, 1);
      },
      /signature de l'export ne correspond pas/,
    ],
  ];
  for (const [what, alter, message] of cases) {
    it(what, async () => {
      const altered = copy();
      alter(altered);
      const report = verifyRecordExport(altered, { keys });
      expect(report.ok).toBe(false);
      expect(report.problems.join("\n")).toMatch(message);
      const result = await verifier(save(`altered-${what.replace(/\W+/g, "-")}.json`, altered), "--cles", keysFile);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain("Export NON vérifié");
    });
  }

  it("a record altered and the document re-signed with another key: the key is not a published one", async () => {
    const { generateKeyPairSync, sign, createPublicKey } = await import("node:crypto");
    const { documentSigningText } = await import("~/record/signed-export");
    const { keyFingerprint, rawPublicKey } = await import("~/ledger/keys");
    const forger = generateKeyPairSync("ed25519");
    const altered = copy();
    altered.records[0]!.values.summary = "Réécrit et re-signé";
    const raw = rawPublicKey(createPublicKey(forger.privateKey));
    altered.signature = {
      keyId: keyFingerprint(raw),
      algorithm: "Ed25519",
      publicKey: raw.toString("base64"),
      value: sign(null, Buffer.from(documentSigningText(altered)), forger.privateKey).toString("base64"),
    };
    const report = verifyRecordExport(altered, { keys });
    expect(report.problems.join("\n")).toMatch(/ne figure pas parmi les clés publiées/);
    // Even with the forger's own key, the record no longer matches its hash, and the checkpoint is not his.
    const alone = verifyRecordExport(altered);
    expect(alone.ok).toBe(false);
    expect(alone.firstFailure).toMatchObject({ sequence: altered.records[0]!.sequence });
    const result = await verifier(save("forged.json", altered));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Inscription n° ${altered.records[0]!.sequence}`);
    expect(result.stderr).toMatch(/même clé/);
  });

  it("an export of another procurement than the one expected", async () => {
    const report = verifyRecordExport(document, { keys, expectedProcurementId: built.otherProcurementId });
    expect(report.problems.join("\n")).toMatch(/celui d'un autre achat/);
    const result = await verifier(
      save("autre.json", document),
      "--cles",
      keysFile,
      "--achat",
      built.otherProcurementId,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/celui d'un autre achat/);
  });
});

describe("what is not an export cannot be checked (exit 2), with a clear message", () => {
  const full = () => JSON.stringify(document, null, 2);
  const cases: [string, () => string, RegExp][] = [
    ["not JSON", () => "Ceci n'est pas du JSON", /n'est pas (un fichier JSON|du JSON)/],
    ["truncated", () => full().slice(0, Math.floor(full().length / 2)), /(s'arrête avant la fin|tronqué)/],
    // Cut right after a complete value: the parser's message names no end of input.
    ["truncated after a value", () => full().slice(0, full().lastIndexOf("}")), /(s'arrête avant la fin|tronqué)/],
    ["another JSON", () => JSON.stringify({ reponses: [] }), /n'est pas un export de dossier/],
    [
      "the published state",
      () => JSON.stringify({ format: "amont-etat-v1", keys: [], checkpoints: [] }),
      /état du registre|n'est pas un export/,
    ],
    ["a future format", () => JSON.stringify({ ...document, format: "amont-dossier-v9" }), /amont-dossier-v9/],
    [
      "an export with a part missing",
      () => {
        const { proofs: _proofs, ...rest } = document;
        return JSON.stringify(rest);
      },
      /(proofs|incomplet)/,
    ],
  ];
  for (const [what, content, message] of cases) {
    it(what, async () => {
      const parsed = parseRecordExport(content());
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
      const result = await verifier(save(`bad-${what.replace(/\W+/g, "-")}.json`, content()));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  }

  it("a missing file or a wrong option", async () => {
    expect((await verifier(path.join(folder, "absent.json"))).code).toBe(2);
    expect((await verifier()).code).toBe(2);
    expect((await verifier(save("x.json", document), "--inconnu")).code).toBe(2);
  });
});
