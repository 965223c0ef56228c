// The one way to touch the database (see docs/decisions/0002-data-layer.md).
//
// Prisma's better-sqlite3 adapter shares a single connection per client, and a query made outside
// a transaction while another request's transaction is open runs *inside* that transaction. So:
// - writes: one writer client, used only inside `write()`, which runs each transaction through a
//   process-wide queue. Only one transaction is ever open on the writer, and no statement runs on
//   it outside a transaction.
// - reads: `db`, a second client on a read-only connection. In WAL mode it only ever sees
//   committed data, and it cannot write (SQLite refuses), whatever code calls it.
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { AmontSqliteAdapterFactory, type SqliteDatabase } from "./sqlite-adapter.server";

export type WriteTransaction = Prisma.TransactionClient;

/** Only reading methods: `db` is typed so that a write on it does not even compile. */
type ReadMethod =
  | "findUnique"
  | "findUniqueOrThrow"
  | "findFirst"
  | "findFirstOrThrow"
  | "findMany"
  | "count"
  | "aggregate"
  | "groupBy";
export type ReadClient = {
  [Model in keyof PrismaClient as PrismaClient[Model] extends { findMany: unknown } ? Model : never]: Pick<
    PrismaClient[Model],
    Extract<keyof PrismaClient[Model], ReadMethod>
  >;
} & Pick<PrismaClient, "$queryRaw">;

/** The database is locked by another process for longer than we wait: the caller should say "retry". */
export class DatabaseBusyError extends Error {
  readonly status = 503;
  constructor(cause?: unknown) {
    super("La base de données est momentanément occupée. Réessayez dans quelques secondes.", { cause });
    this.name = "DatabaseBusyError";
  }
}

interface Clients {
  url: string;
  writer: PrismaClient;
  writerFactory: AmontSqliteAdapterFactory;
  reader: PrismaClient;
  readerFactory: AmontSqliteAdapterFactory;
}

/** SQLite's own wait on the writer: short, because better-sqlite3 waits synchronously (it blocks the event loop). */
const WRITER_BUSY_TIMEOUT_MS = 200;
/** Then we retry the whole transaction asynchronously with backoff, up to this budget (tests shorten it). */
function writeRetryBudgetMs(): number {
  return Number(process.env.DB_WRITE_RETRY_BUDGET_MS ?? 8_000);
}
const TRANSACTION_TIMEOUT_MS = 20_000;

const globalState = globalThis as unknown as { __amontDb?: Clients };

function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./data/amont.db";
}

function openClients(): Clients {
  const url = databaseUrl();
  const writerFactory = new AmontSqliteAdapterFactory({ url, busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS });
  const writer = new PrismaClient({ adapter: writerFactory });
  const readerFactory = new AmontSqliteAdapterFactory({ url, readonly: true, busyTimeoutMs: 5_000 });
  const reader = new PrismaClient({ adapter: readerFactory });
  return { url, writer, writerFactory, reader, readerFactory };
}

function clients(): Clients {
  // Kept on globalThis so that the dev server's module reloads do not open a second writer
  // (two writers in one process deadlock, see docs/platform.md, "SQLite connections").
  globalState.__amontDb ??= openClients();
  return globalState.__amontDb;
}

/** Read-only access to committed data. */
export const db: ReadClient = new Proxy({} as ReadClient, {
  get(_target, property) {
    const reader = clients().reader as unknown as Record<PropertyKey, unknown>;
    const value = reader[property];
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(reader) : value;
  },
});

// ---- the write queue -------------------------------------------------------------------------

let queueTail: Promise<unknown> = Promise.resolve();
let queueLength = 0;

function enqueue<T>(task: () => Promise<T>): Promise<T> {
  queueLength++;
  const run = queueTail.then(task).finally(() => {
    queueLength--;
  });
  queueTail = run.catch(() => undefined);
  return run;
}

export function pendingWrites(): number {
  return queueLength;
}

export function isBusyError(error: unknown): boolean {
  if (error instanceof DatabaseBusyError) return true;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const candidate = current as {
      code?: unknown;
      message?: unknown;
      meta?: unknown;
      cause?: unknown;
      kind?: unknown;
      originalCode?: unknown;
    };
    if (typeof candidate.code === "string" && (candidate.code.startsWith("SQLITE_BUSY") || candidate.code === "P1008"))
      return true;
    // A driver error that Prisma did not wrap (for example a failed COMMIT): DriverAdapterError whose
    // cause is { kind: "SocketTimeout", originalCode: "SQLITE_BUSY" }.
    if (typeof candidate.originalCode === "string" && candidate.originalCode.startsWith("SQLITE_BUSY")) return true;
    if (candidate.kind === "SocketTimeout") return true;
    if (
      typeof candidate.message === "string" &&
      /SQLITE_BUSY|database is locked|Socket timeout/i.test(candidate.message)
    )
      return true;
    const originalCode = (candidate.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)
      ?.driverAdapterError?.cause?.originalCode;
    if (originalCode?.startsWith("SQLITE_BUSY")) return true;
    current = candidate.cause;
  }
  return false;
}

/**
 * Before and after every transaction, make sure the writer connection is idle and usable. If SQLite
 * left a transaction open (a COMMIT that failed with SQLITE_BUSY keeps it open, prisma/orm#29933),
 * roll it back so that the next transaction cannot run inside it. If Prisma never released the
 * adapter's lock (a failed COMMIT or BEGIN), or the connection is broken, reopen the connection:
 * otherwise every later write would wait forever on that lock.
 * Returns true when a transaction had to be rolled back (or the connection dropped) here.
 */
async function checkWriterConnection(state: Clients): Promise<boolean> {
  const factory = state.writerFactory;
  const connection: SqliteDatabase | undefined = factory.database;
  if (!connection) return false;
  let rolledBack = false;
  let reopen = factory.hasUnclosedTransaction();
  try {
    if (connection.inTransaction) {
      console.error("[db] the writer connection was left inside a transaction: rolling it back");
      rolledBack = true;
      reopen = true;
      connection.exec("ROLLBACK");
    }
    connection.prepare("SELECT 1").get();
  } catch (error) {
    console.error("[db] writer connection unusable", error);
    rolledBack = true;
    reopen = true;
  }
  if (reopen) {
    console.error("[db] reopening the writer connection");
    // Closing the connection also rolls back whatever SQLite may still hold open on it.
    await state.writer
      .$disconnect()
      .catch((disconnectError: unknown) => console.error("[db] disconnect failed", disconnectError));
    if (connection.open) connection.close();
    state.writerFactory = new AmontSqliteAdapterFactory({ url: state.url, busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS });
    state.writer = new PrismaClient({ adapter: state.writerFactory });
  }
  return rolledBack;
}

export class UncommittedWriteError extends Error {
  constructor() {
    super("The transaction reported success but SQLite still had it open; it was rolled back.");
    this.name = "UncommittedWriteError";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction on the single writer connection, after every transaction queued
 * before it. On SQLITE_BUSY (another process holds the lock) the whole transaction is retried with
 * backoff; after the budget it fails with DatabaseBusyError. Work must only touch the database
 * through `tx` (it may run more than once).
 */
export async function write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await enqueue(async () => {
        const state = clients();
        // Never start inside a transaction left open by an earlier failure.
        await checkWriterConnection(state);
        try {
          const result = await state.writer.$transaction(work, {
            maxWait: TRANSACTION_TIMEOUT_MS,
            timeout: TRANSACTION_TIMEOUT_MS,
          });
          if (await checkWriterConnection(state)) throw new UncommittedWriteError();
          return result;
        } catch (error) {
          await checkWriterConnection(state);
          throw error;
        }
      });
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const elapsed = Date.now() - startedAt;
      if (elapsed >= writeRetryBudgetMs()) {
        console.error(`[db] write gave up after ${attempt + 1} attempts (${elapsed} ms): database busy`);
        throw new DatabaseBusyError(error);
      }
      const backoff = Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random());
      console.warn(`[db] database busy, retrying write in ${Math.round(backoff)} ms (attempt ${attempt + 1})`);
      await sleep(backoff);
    }
  }
}

/**
 * Copies the write-ahead log into the database file and empties it, after content was erased on
 * purpose (an email that carried a secret): until then the log still holds the page as it was
 * written, and a copy of the data directory would too. The erased rows themselves are zeroed in
 * the file (secure_delete on the writer, sqlite-adapter.server.ts). Runs in the write queue, so no
 * transaction of ours is open; a reader of another process that holds an old snapshot makes it
 * stop short (SQLite reports busy): the next call completes it. Returns whether it completed.
 */
export async function truncateWriteAheadLog(): Promise<boolean> {
  return enqueue(async () => {
    const state = clients();
    await state.writer.$connect();
    const connection = state.writerFactory.database;
    if (!connection || connection.inTransaction) return false;
    // Numbers may come back as BigInt (the adapter turns safeIntegers on).
    const [result] = connection.pragma("wal_checkpoint(TRUNCATE)") as { busy: number | bigint }[];
    return result !== undefined && Number(result.busy) === 0;
  });
}

/** Closes both connections (tests, scripts, graceful shutdown). */
export async function disconnectDatabase(): Promise<void> {
  const state = globalState.__amontDb;
  if (!state) return;
  globalState.__amontDb = undefined;
  await queueTail;
  await Promise.all([state.writer.$disconnect(), state.reader.$disconnect()]);
}

/**
 * Data layer only (app/db; ESLint refuses it elsewhere): the read-only connection's better-sqlite3
 * handle, for reads too large for Prisma's row mapping (ledger-rows.server.ts). It is the one `db`
 * uses: a statement on it must run to completion synchronously (`all()`, never an iterator kept
 * across an await), so that it never interleaves with a Prisma query. It cannot write.
 */
export async function readerConnection(): Promise<SqliteDatabase> {
  const state = clients();
  await state.reader.$connect();
  const connection = state.readerFactory.database;
  if (!connection) throw new Error("The read-only connection is not open");
  return connection;
}

/**
 * Test-only: the writer's underlying better-sqlite3 connection (connected first), so that tests can
 * inject faults and check that no transaction is left open. Application code must never use it.
 * After the connection is reopened this returns the new one: fetch it again rather than keeping it.
 */
export async function writerConnectionForTests(): Promise<SqliteDatabase> {
  const state = clients();
  await state.writer.$connect();
  const connection = state.writerFactory.database;
  if (!connection) throw new Error("The writer connection is not open");
  return connection;
}

/**
 * The writer must exist before the read-only connection opens the file (it creates the WAL files).
 * Called once at start-up; also checks that the database answers.
 */
export async function connectDatabase(): Promise<void> {
  const state = clients();
  await state.writer.$connect();
  await state.reader.$connect();
  await state.reader.$queryRaw`SELECT 1`;
}
