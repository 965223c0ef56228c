// `npm run ledger:upgrade`: the one-time upgrade of the exchange ledger's format 1 records to
// format 2 (decision 0022), on DATABASE_URL (default file:./data/amont.db). `npm run db:setup` and
// the server's start run it too; it does nothing when every record is already in format 2.
// Exits 0 when the ledger is (now) in format 2, 1 when the chain is broken (nothing is changed:
// `npm run ledger:verify` names the record), 2 when it cannot run.
import { existsSync } from "node:fs";
import path from "node:path";
import { disconnectDatabase } from "~/db/db.server";
import { upgradeLedger } from "~/ledger/upgrade.server";

if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/amont.db";

const file = path.resolve(process.env.DATABASE_URL.replace(/^file:/, "").replace(/\?.*$/, ""));
if (!existsSync(file)) {
  console.error(`✗ Base de données introuvable : ${file}`);
  process.exit(2);
}

try {
  const result = await upgradeLedger();
  if (result.status === "nothing") {
    console.log("Registre des échanges : déjà au format 2, rien à faire.");
  } else if (result.status === "upgraded") {
    console.log(
      `✓ Registre des échanges passé au format 2 : ${result.upgraded} enregistrement(s) mis à niveau, leur ancienne empreinte conservée.`,
    );
  } else {
    console.error(
      `✗ Registre des échanges laissé tel quel : il est rompu à l'enregistrement n° ${result.brokenAt} (${result.reason}). Lancez « npm run ledger:verify » pour le détail.`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`✗ Mise à niveau impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await disconnectDatabase().catch(() => undefined);
}
