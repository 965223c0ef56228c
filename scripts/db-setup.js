#!/usr/bin/env node
// `npm run db:setup`: creates the database file's directory, applies the migrations, upgrades the
// exchange ledger's records written before decision 0022 (`npm run ledger:upgrade`), then loads
// the demo data if the database holds no organisation yet. Safe to run again: a second run applies
// nothing, upgrades nothing and seeds nothing. `--no-seed` only migrates and upgrades.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The children run from the project root; a relative DATABASE_URL is resolved from the directory
// the command was started in (as Prisma does), then passed on as an absolute path.
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (existsSync(".env")) process.loadEnvFile(".env");
const databaseUrl = process.env.DATABASE_URL ?? "file:./data/amont.db";
const skipSeed = process.argv.includes("--no-seed");

function fail(message, details) {
  console.error(`✗ ${message}`);
  if (details) console.error(details.trimEnd());
  process.exit(1);
}

/**
 * Runs `node <args>` with the database environment; returns its output, or exits on failure (an
 * exit status listed in `tolerated` is returned instead, with the output).
 */
function runNode(args, { label, inherit = false, tolerated = [] }) {
  const result = spawnSync(process.execPath, args, {
    cwd: projectRoot,
    env,
    encoding: "utf8",
    stdio: inherit ? "inherit" : "pipe",
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error) fail(`${label} : impossible de lancer la commande (${result.error.message}).`);
  if (result.status !== 0 && !tolerated.includes(result.status)) {
    const how = result.signal ? `interrompu par ${result.signal}` : `code de sortie ${result.status}`;
    fail(`${label} a échoué (${how}).`, output);
  }
  return output;
}

if (!databaseUrl.startsWith("file:")) {
  fail(`DATABASE_URL doit désigner un fichier SQLite (file:…), reçu « ${databaseUrl} ».`);
}
const databaseFile = path.resolve(process.cwd(), databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
const env = { ...process.env, DATABASE_URL: `file:${databaseFile}` };
console.log(`Base de données : ${databaseFile}`);
try {
  mkdirSync(path.dirname(databaseFile), { recursive: true });
} catch (error) {
  fail(`Impossible de créer le dossier ${path.dirname(databaseFile)} : ${error.message}`);
}

for (const file of ["node_modules/prisma/build/index.js", "node_modules/tsx/dist/cli.mjs"]) {
  if (!existsSync(path.join(projectRoot, file)))
    fail(`${file} est introuvable : lancez « npm ci » depuis la racine du projet.`);
}

const migrateOutput = runNode(["node_modules/prisma/build/index.js", "migrate", "deploy"], {
  label: "L'application des migrations",
});
if (/No pending migrations to apply/i.test(migrateOutput)) {
  console.log("Migrations : base déjà à jour.");
} else {
  const applied = migrateOutput.match(/^\s*└─\s*\d{14}_[^/\s]*\/?\s*$/gm)?.length;
  console.log(applied ? `Migrations : ${applied} appliquée(s).` : "Migrations : appliquées.");
}

// A broken chain is left as it is (exit status 1) and reported, and the server may still start:
// `npm run ledger:verify` names the broken record.
const upgradeOutput = runNode(["node_modules/tsx/dist/cli.mjs", "scripts/ledger-upgrade.ts"], {
  label: "La mise à niveau du registre des échanges",
  tolerated: [1],
});
process.stdout.write(upgradeOutput);

if (skipSeed) {
  console.log("Données de démonstration : ignorées (--no-seed).");
} else {
  runNode(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], {
    label: "Le chargement des données de démonstration",
    inherit: true,
  });
}
console.log("Base de données prête.");
