// Gives each test file a fresh database: a copy of the migrated template, in WAL mode.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

const template = path.resolve("tests/.tmp/template.db");
const fileDatabase = path.resolve(
  "tests/.tmp",
  `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`,
);
copyFileSync(template, fileDatabase);
process.env.DATABASE_URL = `file:${fileDatabase}`;
process.env.NODE_ENV ??= "test";
process.env.SESSION_SECRET ??= "test-session-secret-at-least-32-characters";
process.env.APP_URL ??= "http://localhost:3000";

afterAll(async () => {
  const { disconnectDatabase } = await import("~/db/db.server");
  await disconnectDatabase();
});
