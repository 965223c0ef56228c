// Gives each test file a fresh database (a copy of the run's migrated template) and its own data folder.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { testTmp } from "../support/tmp";

const fileDatabase = path.join(
  testTmp(),
  `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`,
);
copyFileSync(path.join(testTmp(), "template.db"), fileDatabase);
process.env.DATABASE_URL = `file:${fileDatabase}`;
// Files (record attachments) go to a folder of this test file's own, as they would next to its database.
process.env.DATA_DIR = fileDatabase.replace(/\.db$/, "-files");
process.env.NODE_ENV ??= "test";
process.env.SESSION_SECRET ??= "test-session-secret-at-least-32-characters";
process.env.APP_URL ??= "http://localhost:3000";

afterAll(async () => {
  const { disconnectDatabase } = await import("~/db/db.server");
  await disconnectDatabase();
});
