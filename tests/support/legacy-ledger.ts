// A ledger written before decision 0022 (format 1), as existing deployments have it, and the
// ledger scripts run as child processes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { write } from "~/db/db.server";
import { canonicalJson, GENESIS_HASH, legacyRecordHash } from "~/ledger/canonical";

const run = promisify(execFile);

/** Appends `count` records exactly as the code before decision 0022 wrote them. */
export async function appendFormat1(count: number) {
  await write(async (tx) => {
    const last = await tx.ledgerRecord.findFirst({ orderBy: { sequence: "desc" } });
    let sequence = last?.sequence ?? 0;
    let previousHash = last?.hash ?? GENESIS_HASH;
    for (let i = 0; i < count; i++) {
      sequence++;
      const fields = {
        sequence,
        kind: "manual.exchange",
        actorUserId: `user-${sequence % 3}`,
        actorLabel: `Personne ${sequence % 3}`,
        organizationIds: canonicalJson(["org-a", `org-${sequence % 2 ? "b" : "c"}`]),
        plannedProcurementId: sequence % 4 === 0 ? "proc-1" : null,
        eventId: null,
        summary: `Échange n° ${sequence} écrit au format 1`,
        payload: canonicalJson({ channel: "phone", note: `Note ${sequence}`, nested: { n: sequence } }),
        occurredAt: new Date(Date.UTC(2026, 0, 5, 10, 0, sequence)),
        previousHash,
      };
      const hash = legacyRecordHash(fields);
      await tx.ledgerRecord.create({
        data: {
          ...fields,
          hash,
          format: 1,
          parties: { create: JSON.parse(fields.organizationIds).map((organizationId: string) => ({ organizationId })) },
        },
      });
      previousHash = hash;
    }
  });
}

/** Runs scripts/<name>.ts as `npm run` would, on this test file's database. */
export function runLedgerScript(name: "ledger-verify" | "ledger-upgrade"): Promise<{ code: number; output: string }> {
  return run(process.execPath, ["node_modules/tsx/dist/cli.mjs", `scripts/${name}.ts`], {
    env: { ...process.env },
    encoding: "utf8",
  }).then(
    (result) => ({ code: 0, output: result.stdout + result.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}
