// The adapter's connection reuses prepared statements: one prepare per distinct SQL text, each use
// with its own arguments (better-sqlite3 lets bind() be called only once per statement).
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { withStatementCache } from "~/db/sqlite-adapter.server";

describe("statement cache", () => {
  it("prepares a query once and runs it with each call's arguments", () => {
    const database = new BetterSqlite3(":memory:");
    database.exec(`CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT)`);
    const prepare = vi.spyOn(database, "prepare");
    const cached = withStatementCache(database);

    // The way Prisma's adapter writes and reads: prepare(sql).bind(args).run() / .raw().all().
    for (const [id, label] of [
      [1, "chaises"],
      [2, "tables"],
      [3, "bancs"],
    ] as const) {
      (
        cached.prepare(`INSERT INTO item (id, label) VALUES (?, ?)`) as unknown as {
          bind(args: unknown[]): { run(): unknown };
        }
      )
        .bind([id, label])
        .run();
    }
    const read = (id: number) => {
      const statement = (
        cached.prepare(`SELECT id, label FROM item WHERE id = ?`) as unknown as {
          bind(args: unknown[]): { reader: boolean; columns(): { name: string }[]; raw(): { all(): unknown[][] } };
        }
      ).bind([id]);
      expect(statement.reader).toBe(true);
      expect(statement.columns().map((column) => column.name)).toEqual(["id", "label"]);
      return statement.raw().all();
    };
    expect(read(2)).toEqual([[2, "tables"]]);
    expect(read(3)).toEqual([[3, "bancs"]]);
    expect(prepare).toHaveBeenCalledTimes(2);
    database.close();
  });

  it("prepares transaction control every time and forwards everything else to the connection", () => {
    const database = new BetterSqlite3(":memory:");
    const prepare = vi.spyOn(database, "prepare");
    const cached = withStatementCache(database);
    cached.prepare("BEGIN").run();
    expect(cached.inTransaction).toBe(true);
    cached.prepare("COMMIT").run();
    cached.prepare("BEGIN").run();
    cached.prepare("ROLLBACK").run();
    expect(prepare).toHaveBeenCalledTimes(4);
    expect(cached.inTransaction).toBe(false);
    cached.close();
    expect(database.open).toBe(false);
  });
});
