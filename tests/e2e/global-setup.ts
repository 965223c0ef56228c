// Checks, once per run, that the end-to-end server works on a fresh database of its own.
//
// Playwright starts `webServer` *before* running globalSetup, so the database cannot be created
// here: playwright.config.ts gives every run a new file under tests/.tmp-e2e/ and the web server
// command creates it (`node scripts/db-setup.js --no-seed`: every migration, no demo data) before
// starting the server. This setup makes sure that is what happened, so that no test ever runs
// against a stale or demo database: every migration applied, no account yet.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { FullConfig } from "@playwright/test";

export default async function globalSetup(config: FullConfig) {
  const file = process.env.E2E_DATABASE_FILE;
  if (!file)
    throw new Error(
      "E2E_DATABASE_FILE is not set: run the tests with `npx playwright test` (playwright.config.ts sets it).",
    );

  const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
  const migrations = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const applied = database
      .prepare(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
      )
      .all() as { name: string }[];
    const missing = migrations.filter((name) => !applied.some((row) => row.name === name));
    if (missing.length > 0) throw new Error(`The e2e database ${file} lacks migrations: ${missing.join(", ")}`);
    const { users } = database.prepare("SELECT count(*) AS users FROM User").get() as { users: number };
    if (users !== 0) throw new Error(`The e2e database ${file} is not fresh: it already holds ${users} account(s).`);
  } finally {
    database.close();
  }

  const baseURL = config.projects[0]?.use.baseURL;
  const health = await fetch(`${baseURL}/healthz`);
  if (!health.ok) throw new Error(`${baseURL}/healthz answered ${health.status}`);
  console.log(
    `[e2e] ${baseURL} on ${path.relative(process.cwd(), file)} (${migrations.length} migration(s), no account)`,
  );
}
