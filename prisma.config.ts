// Prisma CLI configuration. With this file the CLI no longer reads .env and, without an adapter,
// would try to download a native schema engine (unreachable here): load .env ourselves and
// always give the CLI the better-sqlite3 adapter with the JavaScript engine.
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { AmontMigrationAdapterFactory } from "./prisma/migration-adapter.ts";

if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/amont.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  async adapter() {
    return new AmontMigrationAdapterFactory({ url: process.env.DATABASE_URL! });
  },
});
