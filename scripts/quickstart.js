#!/usr/bin/env node
// `npm run demo`: Amont with its demo data on http://localhost:3000 (or $PORT), from a fresh clone.
//   npm ci (when node_modules is missing) → npm run build → db:setup (migrations + demo data when
//   the database is empty) → the production server, mail kept in the outbox (page /admin/courriels).
// The session secret is generated once and kept in data/.session-secret, so that logins survive a
// restart. Plain Node (built-ins only): it runs before `npm ci` has installed anything.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const APP_URL = process.env.APP_URL ?? `http://localhost:${PORT}`;
const DATA_DIR = path.join(root, "data");
const SECRET_FILE = path.join(DATA_DIR, ".session-secret");
const DEMO_PASSWORD = "Amont-demo-2026!";
// Keep in step with DEMO_ACCOUNTS in prisma/seed-data.ts.
const DEMO_ACCOUNTS = [
  ["admin@amont.test", "administratrice de la plateforme (organisations à vérifier, courriels envoyés)"],
  ["acheteur@amont.test", "acheteur, administrateur d'une métropole"],
  ["acheteuse@amont.test", "acheteuse, membre d'une agglomération"],
  ["fournisseur@amont.test", "fournisseur, PME de menuiserie"],
  ["ess@amont.test", "structure d'insertion (SIAE)"],
  ["cci@amont.test", "relais, CCI"],
];

function fail(message) {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}

function runOrExit(label, command, args, env = process.env) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.error) fail(`${label} : impossible de lancer ${command} (${result.error.message}).`);
  if (result.status !== 0) fail(`${label} a échoué (code de sortie ${result.status ?? result.signal}).`);
}

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function sessionSecret() {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  if (existsSync(SECRET_FILE)) {
    const saved = readFileSync(SECRET_FILE, "utf8").trim();
    if (saved.length >= 32) return saved;
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function waitUntilHealthy(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65_535)
  fail(`PORT doit être un numéro de port, reçu « ${process.env.PORT} ».`);
if (!(await portIsFree(PORT, HOST))) {
  fail(
    `Le port ${PORT} est déjà utilisé (un autre Amont ?). Arrêtez-le, ou choisissez-en un autre : PORT=${PORT + 1} npm run demo`,
  );
}

if (!existsSync(path.join(root, "node_modules"))) runOrExit("Installation des dépendances (npm ci)", NPM, ["ci"]);
runOrExit("Construction de l'application (npm run build)", NPM, ["run", "build"]);

// A relative DATABASE_URL is resolved from the project root, once, for db:setup and the server.
const databaseFile = path.resolve(
  root,
  (process.env.DATABASE_URL ?? "file:./data/amont.db").replace(/^file:/, "").replace(/\?.*$/, ""),
);
const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `file:${databaseFile}`,
  MAIL_TRANSPORT: "outbox",
  AMONT_DEMO_DATA: "1",
  // A local demo publishes nothing: the placeholder prefix (registered to nobody) is enough.
  OCDS_PREFIX: process.env.OCDS_PREFIX ?? "ocds-xxxxxx",
  SESSION_SECRET: sessionSecret(),
  APP_URL,
  PORT: String(PORT),
  HOST,
};
runOrExit("Base de données et données de démonstration (db:setup)", process.execPath, ["scripts/db-setup.js"], env);

console.log("\n▶ Démarrage du serveur");
const server = spawn(process.execPath, ["server/index.js"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1)));

const localHost = HOST === "0.0.0.0" || HOST === "::" ? "127.0.0.1" : HOST.includes(":") ? `[${HOST}]` : HOST;
if (await waitUntilHealthy(`http://${localHost}:${PORT}/healthz`, server)) {
  const width = Math.max(...DEMO_ACCOUNTS.map(([email]) => email.length));
  console.log(
    [
      "",
      "════════════════════════════════════════════════════════════════════",
      `  Amont est prêt : ${APP_URL}`,
      "",
      `  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`,
      ...DEMO_ACCOUNTS.map(([email, role]) => `    ${email.padEnd(width)}  ${role}`),
      "",
      "  Les courriels ne partent pas : ils restent dans la boîte d'envoi,",
      `  lisible par l'administratrice sur ${new URL("/admin/courriels", APP_URL)}.`,
      `  Base de données : ${databaseFile.startsWith(root + path.sep) ? path.relative(root, databaseFile) : databaseFile} · Ctrl+C pour arrêter.`,
      "════════════════════════════════════════════════════════════════════",
      "",
    ].join("\n"),
  );
} else if (server.exitCode === null) {
  console.error(
    `\nLe serveur ne répond pas sur http://${localHost}:${PORT}/healthz après 30 s ; voyez les messages ci-dessus.`,
  );
}
