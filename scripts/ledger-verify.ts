// `npm run ledger:verify`: walks the whole exchange ledger of DATABASE_URL (default
// file:./data/amont.db), checks its hash chain and compares it with the signed checkpoints (a chain
// rewritten with its hashes recomputed differs from them). Safe beside the running server: it reads
// committed data only, through the application's read-only connection, and never opens a writer
// (so it leaves the file as it is, a backup included).
// Exits 0 when the chain is intact, 1 when it is broken, 2 when it cannot check.
import { existsSync } from "node:fs";
import path from "node:path";
import { disconnectDatabase } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";

if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/amont.db";

const file = path.resolve(process.env.DATABASE_URL.replace(/^file:/, "").replace(/\?.*$/, ""));
// Never create an empty database by checking a path that does not exist.
if (!existsSync(file)) {
  console.error(`✗ Base de données introuvable : ${file}`);
  process.exit(2);
}

/** Redacted records fit the chain: they are reported, never counted as broken. */
function redactedNote(redacted: number): string {
  return redacted === 0
    ? ""
    : `, dont ${redacted} où des données personnelles ont été effacées à la demande des personnes concernées`;
}

/** The signed checkpoints the chain was compared with (a chain rewritten with its hashes would differ). */
function checkpointNote(compared: number): string {
  return compared === 0 ? "" : `, conforme aux ${compared} point(s) de contrôle signé(s)`;
}

try {
  const result = await verifyLedger();
  if (result.ok) {
    console.log(
      `✓ Registre des échanges intègre : ${result.count} enregistrement(s)${redactedNote(result.redacted)}, dernière empreinte ${result.lastHash}${checkpointNote(result.checkpointsCompared)} (${file})`,
    );
  } else {
    console.error(
      `✗ Registre des échanges rompu à l'enregistrement n° ${result.brokenAt} : ${result.reason} (${result.count} enregistrement(s) intègres avant lui, ${file})`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`✗ Vérification impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await disconnectDatabase().catch(() => undefined);
}
