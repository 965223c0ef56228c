// npm run db:migration -- <name>
// Writes a new migration under prisma/migrations from the difference between the migrations
// already written and prisma/schema.prisma (nothing is applied). Review the SQL, then run
// `npm run db:setup` to apply it locally.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "")
  .trim()
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <short_name>   (e.g. npm run db:migration -- planned_procurements)");
  process.exit(1);
}

// The CLI's adapter opens DATABASE_URL (by default under data/), even to diff.
mkdirSync("data", { recursive: true });

const prisma = (args) =>
  spawnSync(process.execPath, ["node_modules/prisma/build/index.js", ...args], { encoding: "utf8", env: process.env });

const diff = prisma([
  "migrate",
  "diff",
  "--from-migrations",
  "prisma/migrations",
  "--to-schema-datamodel",
  "prisma/schema.prisma",
  "--script",
]);
if (diff.status !== 0) {
  console.error(diff.stderr || diff.stdout);
  process.exit(diff.status ?? 1);
}
const sql = diff.stdout.replace(/^Loaded Prisma config.*\n/m, "").trim();
if (!sql || /^-- This is an empty migration\.?$/m.test(sql)) {
  console.log("The schema matches the migrations: no migration to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const existing = readdirSync("prisma/migrations")
  .filter((entry) => /^\d{14}_/.test(entry))
  .sort();
if (existing.length > 0 && existing.at(-1).slice(0, 14) >= stamp) {
  console.error("A migration with a later timestamp already exists; check the clock.");
  process.exit(1);
}
const directory = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(directory, { recursive: true });
writeFileSync(path.join(directory, "migration.sql"), `${sql}\n`);
console.log(`Wrote ${directory}/migration.sql — review it, then run npm run db:setup.`);
