// Helpers for the data-layer tests: raw connections that bypass the application's data layer (to
// check what is really committed in the file), fresh database copies, and the second OS process.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import BetterSqlite3 from "better-sqlite3";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import { testTmp } from "../../support/tmp";

export const TEST_TMP = testTmp();

/** The file of this test file's database (tests/setup/database.ts sets DATABASE_URL). */
export function databaseFile(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return sqlitePath(url);
}

/**
 * A separate, plain better-sqlite3 connection: another connection sees only what was committed,
 * so this is the ground truth for "is it in the database".
 */
export function openRaw(file = databaseFile(), options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const connection = new BetterSqlite3(file, { fileMustExist: true, ...options });
  connection.pragma("busy_timeout = 5000");
  return connection;
}

/** Reads committed rows with a short-lived separate connection. */
export function committed<T>(query: (connection: BetterSqlite3.Database) => T, file = databaseFile()): T {
  const connection = openRaw(file);
  try {
    return query(connection);
  } finally {
    connection.close();
  }
}

export function committedSlugs(file = databaseFile()): Set<string> {
  return committed(
    (connection) =>
      new Set(
        (connection.prepare(`SELECT slug FROM "Organization"`).all() as { slug: string }[]).map((row) => row.slug),
      ),
    file,
  );
}

/** A new database file copied from the migrated template, for tests that must not touch DATABASE_URL. */
export function freshDatabaseCopy(label: string): string {
  const file = path.join(
    TEST_TMP,
    `${label}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`,
  );
  copyFileSync(path.join(TEST_TMP, "template.db"), file);
  return file;
}

export const organization = (slug: string, kind = "buyer") => ({
  kind,
  name: `Organisation ${slug}`,
  slug,
  departement: "75",
});

export const actor = { userId: null, label: "Test" };

/** A deterministic pseudo-random generator, so that a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ChildEvent = { event: string } & Record<string, unknown>;

export interface OtherProcess {
  child: ChildProcessWithoutNullStreams;
  events: ChildEvent[];
  /** Resolves with the first event of that name (past or future). */
  next(event: string, timeoutMs?: number): Promise<ChildEvent>;
  send(line: string): void;
  exited: Promise<{ code: number | null; stderr: string }>;
}

/** Starts tests/db/support/other-process-writer.ts in its own Node process (through tsx). */
export function startOtherProcess(args: string[]): OtherProcess {
  const script = path.resolve("tests/db/support/other-process-writer.ts");
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsx, script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const events: ChildEvent[] = [];
  const waiters: { event: string; resolve: (event: ChildEvent) => void }[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    let parsed: ChildEvent;
    try {
      parsed = JSON.parse(line) as ChildEvent;
    } catch {
      return;
    }
    events.push(parsed);
    for (const waiter of waiters.filter((candidate) => candidate.event === parsed.event)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(parsed);
    }
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, stderr }));
  });
  return {
    child,
    events,
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
    next(event, timeoutMs = 15_000) {
      const seen = events.find((candidate) => candidate.event === event);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${event}" from the other process within ${timeoutMs} ms; stderr: ${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          event,
          resolve: (found) => {
            clearTimeout(timer);
            resolve(found);
          },
        });
        void exited.then(({ code }) => {
          clearTimeout(timer);
          reject(
            new Error(
              `the other process exited (${code}) before "${event}"; stderr: ${stderr}; events: ${JSON.stringify(events)}`,
            ),
          );
        });
      });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise with its resolve function, to hold a transaction open until the test says so. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
