// `npm run db:backup`: an online, verified backup of the live database (docs/operations/backups.md).
//   DATABASE_URL  the database (default file:./data/amont.db)
//   BACKUP_DIR    where backups go (default ./backups)
//   BACKUP_KEEP   how many verified backups to keep (default 14)
// Prints one line; exits 1 when the backup failed or its verification failed, 2 on bad settings.
import { existsSync } from "node:fs";
import { backupDatabase } from "~/db/backup.server";

if (existsSync(".env")) process.loadEnvFile(".env");

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/amont.db";
const directory = process.env.BACKUP_DIR ?? "./backups";
const keepSetting = process.env.BACKUP_KEEP ?? "14";
const keep = Number(keepSetting);

if (!Number.isInteger(keep) || keep < 1) {
  console.error(
    `✗ BACKUP_KEEP doit être un entier positif / must be a positive integer (reçu / got « ${keepSetting} »).`,
  );
  process.exit(2);
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} Mo`;

try {
  const result = await backupDatabase({ databaseUrl, directory, keep });
  if (result.ok) {
    console.log(
      `✓ Sauvegarde vérifiée / verified backup: ${result.file} (${megabytes(result.bytes)}, ${result.ledgerRecords} enregistrements du registre / ledger records, integrity ok, ${result.pruned.length} ancienne(s) supprimée(s) / pruned, ${result.durationMs} ms)`,
    );
  } else {
    const ledger = result.ledger.ok
      ? "registre intègre / ledger ok"
      : `registre rompu à l'enregistrement n° ${result.ledger.brokenAt} / ledger broken at #${result.ledger.brokenAt} : ${result.ledger.reason}`;
    console.error(
      `✗ Sauvegarde NON valide / backup FAILED verification: ${result.file} (integrity: ${result.integrity}; clés étrangères / foreign key violations: ${result.foreignKeyViolations}; ${ledger})`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`✗ Sauvegarde impossible / backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
