// The only place that opens SQLite connections for Prisma. Every connection gets the same pragmas:
// WAL (readers never see uncommitted rows and never block the writer), foreign keys, a busy
// timeout and synchronous=NORMAL (durable at each checkpoint, safe with WAL); the writer also
// secure_delete.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

export type SqliteDatabase = BetterSqlite3.Database;
type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

export interface ConnectionOptions {
  /** A Prisma-style URL (`file:./data/amont.db`) or a plain path. */
  url: string;
  /** A read-only connection can never write, whatever code runs on it. */
  readonly?: boolean;
  /** How long SQLite itself waits for a lock. better-sqlite3 waits synchronously, so keep it short on the server. */
  busyTimeoutMs?: number;
}

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

export function applyConnectionPragmas(
  database: SqliteDatabase,
  options: { readonly: boolean; busyTimeoutMs: number },
) {
  database.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs))}`);
  database.pragma("foreign_keys = ON");
  if (!options.readonly) {
    // journal_mode is persistent in the file; a read-only connection cannot change it but uses it.
    const mode = database.pragma("journal_mode = WAL", { simple: true });
    if (String(mode).toLowerCase() !== "wal") throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
  }
  database.pragma("synchronous = NORMAL");
  // What is deleted or overwritten (an email body erased after sending, a used token) is zeroed in
  // the file instead of lingering in free space, where a copy of the file would still hold it.
  if (!options.readonly) database.pragma("secure_delete = ON");
}

/**
 * Prisma's better-sqlite3 adapter with Amont's pragmas, and a handle on the underlying connection
 * so that the write path can check it after every transaction (see db.server.ts).
 */
export class AmontSqliteAdapterFactory extends PrismaBetterSQLite3 {
  readonly #readonly: boolean;
  readonly #busyTimeoutMs: number;
  /** The connection opened by the last connect(); undefined before Prisma connects. */
  database: SqliteDatabase | undefined;
  /**
   * Driver transactions started on this factory's adapter and not closed yet. Prisma closes one by
   * calling its commit() or rollback(), which releases the adapter's internal lock. When COMMIT
   * fails (prisma/orm#29933) or BEGIN fails (the connection was already inside a transaction),
   * Prisma calls neither: the lock is never released and every later transaction on this adapter
   * waits forever (Prisma's maxWait does not interrupt that wait). The write path reopens the
   * connection when this is still above zero after a transaction settled.
   */
  #unclosedTransactions = 0;

  constructor(options: ConnectionOptions) {
    const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    super({
      url: `file:${sqlitePath(options.url)}`,
      timeout: busyTimeoutMs,
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    this.#readonly = options.readonly ?? false;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override async connect() {
    const adapter = await super.connect();
    const database = connectionOf(adapter);
    applyConnectionPragmas(database, { readonly: this.#readonly, busyTimeoutMs: this.#busyTimeoutMs });
    (adapter as unknown as { client: SqliteDatabase }).client = withStatementCache(database);
    this.database = database;
    this.#trackTransactions(adapter);
    return adapter;
  }

  /** True while a driver transaction was started and Prisma has not released the adapter's lock. */
  hasUnclosedTransaction(): boolean {
    return this.#unclosedTransactions > 0;
  }

  #trackTransactions(adapter: Adapter) {
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      // Counted from the request on: if BEGIN throws, the adapter keeps its lock, so this stays counted.
      this.#unclosedTransactions++;
      const transaction = await startTransaction(isolationLevel);
      let closed = false;
      const closing = (close: () => Promise<void>) => async () => {
        await close();
        if (!closed) {
          closed = true;
          this.#unclosedTransactions--;
        }
      };
      transaction.commit = closing(transaction.commit.bind(transaction));
      transaction.rollback = closing(transaction.rollback.bind(transaction));
      return transaction;
    };
  }
}

/** The adapter keeps its better-sqlite3 handle in a public `client` field (not in its types). */
// ---- prepared statements, kept ------------------------------------------------------------------
// Prisma's adapter prepares every statement again for every query (about a tenth of a request's
// time under load). SQLite statements can be reused, but the adapter binds its arguments with
// bind(), which better-sqlite3 allows once per statement: so the adapter gets a connection whose
// prepare() returns the cached statement wrapped in an object that passes the arguments at run time.

const STATEMENT_CACHE_SIZE = 500;
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

type Statement = BetterSqlite3.Statement<unknown[]>;

/** The subset of better-sqlite3's Statement that Prisma's adapter uses, over a shared statement. */
class ReusableStatement {
  constructor(
    private readonly statement: Statement,
    private readonly args: unknown[] = [],
  ) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(...args: unknown[]): ReusableStatement {
    // The adapter passes its positional arguments as one array.
    return new ReusableStatement(
      this.statement,
      args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args,
    );
  }

  columns() {
    return this.statement.columns();
  }

  run() {
    return this.statement.run(...this.args);
  }

  raw() {
    this.statement.raw(true);
    return { all: () => this.statement.all(...this.args) };
  }
}

/** The connection as the adapter sees it: the same object, except that prepare() reuses statements. */
export function withStatementCache(database: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, Statement>();
  const prepare = (sql: string) => {
    // Transaction control is cheap to prepare and is where failures are injected in tests: as is.
    if (TRANSACTION_CONTROL.test(sql)) return database.prepare(sql);
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare<unknown[]>(sql);
      // Oldest first out: Prisma's SQL varies with list lengths, so the set is not bounded.
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return new ReusableStatement(statement);
  };
  return new Proxy(database, {
    get(target, key) {
      if (key === "prepare") return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function connectionOf(adapter: object): SqliteDatabase {
  const client = (adapter as { client?: SqliteDatabase }).client;
  if (!client) throw new Error("The SQLite adapter exposes no connection");
  return client;
}
