#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure.
//   dependencies (npm ci when node_modules is missing) → a Chromium for the browser tests →
//   production build (with the Prisma client) → typecheck → lint → format check →
//   unit and integration tests (Vitest) →
//   end-to-end tests (Playwright, built server on a free loopback port, its own database).
// Output is streamed; the last lines sum up the duration of each step and the test counts.
// Plain Node (built-ins only): it must run before `npm ci` has installed anything.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const NO_BROWSER_MESSAGE =
  "Chromium est introuvable : installez-le avec `sudo apt-get install chromium` (Debian) ou `npx playwright install chromium`.";

const steps = [];
const counts = { passed: 0, failed: 0, known: [] };
let current = null;

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function summary() {
  const lines = steps.map((step) => `  ${step.ok ? "✓" : "✗"} ${step.name.padEnd(34)} ${seconds(step.ms).padStart(8)}`);
  const total = steps.reduce((sum, step) => sum + step.ms, 0);
  console.log(
    `\n── Résumé ${"─".repeat(44)}\n${lines.join("\n")}\n    ${"Durée totale".padEnd(34)} ${seconds(total).padStart(8)}\n`,
  );
  console.log(
    `Durées : ${steps.map((step) => `${step.name} ${seconds(step.ms)}`).join(" · ")} · total ${seconds(total)}`,
  );
  if (counts.known.length > 0) {
    console.log(`Détail : ${counts.known.join(", ")}`);
    console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed`);
  }
}

function fail(name, message, code = 1) {
  console.error(`\n✗ ${name} : ${message}`);
  summary();
  process.exit(code);
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(command, args, { env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    current = child;
    child.on("error", (error) => {
      console.error(`Impossible de lancer ${command} : ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

async function step(name, action) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  let result;
  try {
    result = await action();
  } catch (error) {
    result = { code: 1, message: error instanceof Error ? error.message : String(error) };
  }
  const code = typeof result === "number" ? result : (result?.code ?? 0);
  steps.push({ name, ms: Date.now() - started, ok: code === 0 });
  if (code !== 0) fail(name, result?.message ?? `échec (code de sortie ${code})`, code);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    else process.exit(130);
  });
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Playwright's own Chromium (`npx playwright install chromium`), if installed. */
function playwrightChromium() {
  try {
    const require = createRequire(path.join(root, "package.json"));
    const executable = require("playwright-core").chromium.executablePath();
    return executable && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

// ── Steps ─────────────────────────────────────────────────────────────────────────────────────
const jsonDir = mkdtempSync(path.join(os.tmpdir(), "amont-tests-"));
process.on("exit", () => rmSync(jsonDir, { recursive: true, force: true }));

if (!existsSync(path.join(root, "node_modules"))) {
  await step("Dépendances (npm ci)", () => run(NPM, ["ci"]));
}

await step("Navigateur Chromium", async () => {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) {
      console.log(`CHROMIUM_PATH=${configured}`);
      return 0;
    }
    return { code: 1, message: `CHROMIUM_PATH désigne ${configured}, qui n'existe pas.` };
  }
  if (existsSync(DEBIAN_CHROMIUM)) {
    console.log(DEBIAN_CHROMIUM);
    return 0;
  }
  if (process.getuid?.() === 0 && hasCommand("apt-get")) {
    console.log("Chromium absent : installation du paquet Debian « chromium »…");
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    const code =
      (await run("apt-get", ["update"], { env })) || (await run("apt-get", ["install", "-y", "chromium"], { env }));
    if (code === 0 && existsSync(DEBIAN_CHROMIUM)) return 0;
    return { code: code || 1, message: NO_BROWSER_MESSAGE };
  }
  const own = playwrightChromium();
  if (own) {
    console.log(own);
    return 0;
  }
  // One clear line, nothing else: this is what a developer elsewhere needs to read.
  console.error(NO_BROWSER_MESSAGE);
  process.exit(1);
});

// The build comes first: it generates the Prisma client (which the typecheck and every test need;
// `npm ci` does not generate it), and the integration tests in tests/http start the built server.
await step("Build de production", () => run(NPM, ["run", "build"], { env: { NODE_ENV: "production" } }));

await step("Vérification des types (tsc)", () => run(NPX, ["tsc", "--noEmit"]));

// After the build: type-aware rules need the generated Prisma client's types.
await step("Lint (ESLint)", () => run(NPM, ["run", "lint"]));

await step("Mise en forme (Prettier)", () => run(NPM, ["run", "format:check"]));

await step("Tests unitaires et d'intégration", async () => {
  const output = path.join(jsonDir, "vitest.json");
  const code = await run(NPX, [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${output}`,
  ]);
  const report = readJson(output);
  if (report && typeof report.numPassedTests === "number") {
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests ?? 0;
    counts.known.push(`Vitest ${report.numPassedTests} passed, ${report.numFailedTests ?? 0} failed`);
  }
  return code;
});

await step("Tests de bout en bout (Playwright)", async () => {
  const port = process.env.E2E_PORT ?? String(await freePort());
  const output = path.join(root, "test-results", "e2e-results.json");
  rmSync(output, { force: true });
  const code = await run(NPX, ["playwright", "test"], { env: { E2E_PORT: port } });
  const stats = readJson(output)?.stats;
  if (stats && typeof stats.expected === "number") {
    const passed = stats.expected + (stats.flaky ?? 0);
    counts.passed += passed;
    counts.failed += stats.unexpected ?? 0;
    counts.known.push(`Playwright ${passed} passed, ${stats.unexpected ?? 0} failed`);
  }
  return code;
});

console.log("\nTous les tests sont passés.");
summary();
