// `npm run ledger:rotate-key`: a new Ed25519 key becomes the ledger's signing key. The new key file
// replaces DATA_DIR/keys/ledger-signing-key.pem (the old private key is gone: a retired key signs
// no more), the new public key is published and the previous one retired, with its date; it stays
// published at /registre/cles.json so that everything it signed can still be checked. A running
// server picks the new key up at its next signature. With LEDGER_SIGNING_KEY set, the key is the
// variable's: the script says how to change it instead.
// Exits 0 when the key was rotated, 1 when it could not be.
import { existsSync } from "node:fs";
import path from "node:path";
import { disconnectDatabase } from "~/db/db.server";
import { groupedFingerprint } from "~/ledger/keys";
import { EnvironmentKeyRotationError, keyFile, rotateSigningKey, configuredKeySource } from "~/ledger/signing.server";

if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/amont.db";

const database = path.resolve(process.env.DATABASE_URL.replace(/^file:/, "").replace(/\?.*$/, ""));
// Never create an empty database: the key is published in the application's own.
if (!existsSync(database)) {
  console.error(`✗ Base de données introuvable : ${database}`);
  process.exit(1);
}

try {
  const { key, previousId } = await rotateSigningKey();
  console.log(`✓ Nouvelle clé de signature du registre : ${groupedFingerprint(key.id)}`);
  console.log(`  fichier : ${keyFile(configuredKeySource().dataDir)} (lisible par son propriétaire seulement)`);
  if (previousId) console.log(`  clé retirée, toujours publiée : ${groupedFingerprint(previousId)}`);
} catch (error) {
  if (error instanceof EnvironmentKeyRotationError) console.error(`✗ ${error.message}`);
  else console.error(`✗ Rotation impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await disconnectDatabase().catch(() => undefined);
}
