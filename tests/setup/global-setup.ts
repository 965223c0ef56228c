// Builds one migrated template database per test run; each test file then works on its own copy
// (tests/setup/database.ts), which is much faster than migrating a database per file.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const TEST_TMP = path.resolve("tests/.tmp");
export const TEMPLATE_DATABASE = path.join(TEST_TMP, "template.db");

export default function setup() {
  rmSync(TEST_TMP, { recursive: true, force: true });
  mkdirSync(TEST_TMP, { recursive: true });
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DATABASE}` },
    stdio: "pipe",
  });
  process.env.AMONT_TEST_TEMPLATE = TEMPLATE_DATABASE;
}
