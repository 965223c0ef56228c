// Builds one migrated template database per test run; each test file then works on its own copy
// (tests/setup/database.ts), which is much faster than migrating a database per file. Each run has
// its own folder, so two runs on one machine never delete each other's databases.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const TEST_TMP_ROOT = path.resolve("tests/.tmp");

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default function setup() {
  mkdirSync(TEST_TMP_ROOT, { recursive: true });
  // Remove folders left by runs that are no longer alive.
  for (const entry of readdirSync(TEST_TMP_ROOT)) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (pid && !isRunning(pid)) rmSync(path.join(TEST_TMP_ROOT, entry), { recursive: true, force: true });
  }
  const runDirectory = path.join(TEST_TMP_ROOT, `run-${process.pid}`);
  mkdirSync(runDirectory, { recursive: true });
  const template = path.join(runDirectory, "template.db");
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  // Test files (in worker processes started after this) find their folder and template here.
  process.env.AMONT_TEST_TMP = runDirectory;
  return () => rmSync(runDirectory, { recursive: true, force: true });
}
