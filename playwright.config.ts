// End-to-end tests: the built production server (`npm run build` first) on a free loopback port,
// with its own fresh SQLite database, driven by Debian's Chromium (or Playwright's own browser on a
// machine without /usr/bin/chromium: `npx playwright install chromium`).
//
// This file is evaluated by the runner process and again by every worker. The runner picks the
// port and the database file and exports them through the environment, so that the workers (which
// inherit the runner's environment) and the web server agree on them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";

const root = path.dirname(fileURLToPath(import.meta.url));
const E2E_DIR = path.join(root, "tests", ".tmp-e2e");

/** A free loopback port, found synchronously by a throwaway Node process listening on port 0. */
function freePort(): number {
  const probe = spawnSync(
    process.execPath,
    [
      "-e",
      "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
    ],
    { encoding: "utf8" },
  );
  const port = Number(probe.stdout);
  if (probe.status !== 0 || !Number.isInteger(port) || port <= 0) {
    throw new Error(
      `Impossible de trouver un port libre pour le serveur de test : ${probe.stderr || probe.error?.message}`,
    );
  }
  return port;
}

/** Databases of earlier runs (kept after a run for inspection) are removed after an hour. */
function removeStaleDatabases() {
  if (!existsSync(E2E_DIR)) return;
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(E2E_DIR)) {
    const file = path.join(E2E_DIR, name);
    // Databases, and the folders of files (attachments) their servers kept next to them.
    if (statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true, recursive: true });
  }
}

if (!process.env.E2E_DATABASE_FILE) {
  // Runner process only (workers inherit these variables).
  process.env.E2E_PORT ??= String(freePort());
  mkdirSync(E2E_DIR, { recursive: true });
  removeStaleDatabases();
  process.env.E2E_DATABASE_FILE = path.join(E2E_DIR, `e2e-${Date.now()}-${process.pid}.db`);
}

const port = Number(process.env.E2E_PORT);
const databaseFile = process.env.E2E_DATABASE_FILE;
const baseURL = `http://127.0.0.1:${port}`;

const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  // The JSON report lets scripts/test-all.js count the results.
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    baseURL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // The webServer starts before globalSetup runs, so the database is created here, on a file
    // that did not exist (migrations only; tests create the users they need).
    command: "node scripts/db-setup.js --no-seed && node server/index.js",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      HOST: "127.0.0.1",
      PORT: String(port),
      NODE_ENV: "production",
      DATABASE_URL: `file:${databaseFile}`,
      DATA_DIR: `${databaseFile}-files`,
      APP_URL: baseURL,
      MAIL_TRANSPORT: "outbox",
      SESSION_SECRET: "e2e-session-secret-0123456789abcdefghijklmnop",
      OCDS_PREFIX: "ocds-xxxxxx",
    },
  },
});
