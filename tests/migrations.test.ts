// A schema change without its migration must fail CI: replay every migration on an empty
// database and compare the result with prisma/schema.prisma.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { templateDatabase, testTmp } from "./support/tmp";

function migrateDiff(schemaPath: string) {
  return spawnSync(
    process.execPath,
    [
      "node_modules/prisma/build/index.js",
      "migrate",
      "diff",
      "--from-migrations",
      "prisma/migrations",
      "--to-schema-datamodel",
      schemaPath,
      "--exit-code",
    ],
    { encoding: "utf8" },
  );
}

describe("migrations", () => {
  it("applied in order to an empty database, give exactly the current schema", () => {
    const result = migrateDiff("prisma/schema.prisma");
    expect(result.stdout + result.stderr).toContain("No difference detected");
    expect(result.status).toBe(0);
  });

  it("the comparison does catch a schema change that has no migration", () => {
    const changed = path.join(testTmp(), "schema-with-unmigrated-change.prisma");
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    writeFileSync(changed, `${schema}\nmodel UnmigratedProbe {\n  id Int @id\n}\n`);
    const result = migrateDiff(changed);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("UnmigratedProbe");
  });

  it("the migrated template database has the ledger's append-only triggers", () => {
    const database = new BetterSqlite3(templateDatabase(), { readonly: true });
    try {
      const triggers = database
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .all() as { name: string }[];
      expect(triggers.map((trigger) => trigger.name)).toEqual(
        expect.arrayContaining([
          "LedgerParty_no_delete",
          "LedgerParty_no_update",
          "LedgerRecord_no_delete",
          "LedgerRecord_no_update",
        ]),
      );
    } finally {
      database.close();
    }
  });

  it("organisation verification: every existing organisation is approved, a new one starts pending", () => {
    const migrations = readdirSync("prisma/migrations", { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const verification = migrations.findIndex((name) => name.endsWith("_organisation_verification"));
    expect(verification).toBeGreaterThan(0);
    const apply = (database: BetterSqlite3.Database, name: string) =>
      database.exec(readFileSync(path.join("prisma/migrations", name, "migration.sql"), "utf8"));
    const database = new BetterSqlite3(path.join(testTmp(), "verification-migration.db"));
    try {
      for (const name of migrations.slice(0, verification)) apply(database, name);
      const insert = (id: string, kind: string) =>
        database
          .prepare(
            `INSERT INTO "Organization" (id, kind, name, slug, departement, updatedAt) VALUES (?, ?, ?, ?, '69', '2026-01-01T00:00:00.000+00:00')`,
          )
          .run(id, kind, id, id);
      insert("ancien-acheteur", "buyer");
      insert("ancien-relais", "relay");
      insert("ancienne-entreprise", "supplier");
      for (const name of migrations.slice(verification)) apply(database, name);
      insert("nouvel-acheteur", "buyer");
      const statuses = database.prepare(`SELECT id, verificationStatus FROM "Organization" ORDER BY id`).all() as {
        id: string;
        verificationStatus: string;
      }[];
      expect(Object.fromEntries(statuses.map((row) => [row.id, row.verificationStatus]))).toEqual({
        "ancien-acheteur": "approved",
        "ancien-relais": "approved",
        "ancienne-entreprise": "approved",
        "nouvel-acheteur": "pending",
      });
    } finally {
      database.close();
    }
  });
});
