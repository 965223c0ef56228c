import BetterSqlite3 from "better-sqlite3";
import { it, expect } from "vitest";
import { write, db, writerConnectionForTests, connectDatabase } from "~/db/db.server";

const org = (slug: string) => ({ kind: "buyer", name: slug, slug, departement: "75" });

it("zombie BEGIN", async () => {
  await connectDatabase();
  const c = await writerConnectionForTests();
  c.exec("BEGIN");
  const t0 = Date.now();
  try {
    await write((tx) => tx.organization.create({ data: org("z1") }));
    console.log("write ok", Date.now() - t0);
  } catch (e) {
    console.log("write failed", Date.now() - t0, String(e).slice(0, 300));
  }
  const t1 = Date.now();
  try {
    await write((tx) => tx.organization.create({ data: org("z2") }));
    console.log("write2 ok", Date.now() - t1);
  } catch (e) {
    console.log("write2 failed", Date.now() - t1, String(e).slice(0, 300));
  }
  console.log(await db.organization.findMany({ select: { slug: true } }));
}, 60000);

it("COMMIT busy", async () => {
  const c = await writerConnectionForTests();
  const prepare = c.prepare.bind(c);
  let fired = 0;
  (c as any).prepare = (sql: string) => {
    if (sql === "COMMIT" && fired++ === 0) throw new (BetterSqlite3 as any).SqliteError("database is locked", "SQLITE_BUSY");
    return prepare(sql);
  };
  const t0 = Date.now();
  try {
    await write((tx) => tx.organization.create({ data: org("c1") }));
    console.log("write ok", Date.now() - t0, c.inTransaction);
  } catch (e) {
    console.log("write failed", Date.now() - t0, String(e).slice(0, 300));
  }
  const t1 = Date.now();
  try {
    await write((tx) => tx.organization.create({ data: org("c2") }));
    console.log("write2 ok", Date.now() - t1);
  } catch (e) {
    console.log("write2 failed", Date.now() - t1, String(e).slice(0, 300));
  }
  console.log(await db.organization.findMany({ select: { slug: true } }));
}, 90000);
