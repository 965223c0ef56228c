// Online backups of the live database (`npm run db:backup`, docs/operations/backups.md).
//
// SQLite's online backup API (through better-sqlite3) on a separate connection copies a consistent
// snapshot while the server keeps reading and writing: in WAL mode the copy only holds a read
// snapshot, which never blocks the writer. The copy is then checked on its own (integrity_check,
// foreign keys, the exchange ledger's hash chain, recomputed from the copy's rows) before it gets
// its final name; only then are the oldest backups beyond `keep` deleted.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { checkChain, type ChainCheck, type StoredRecord } from "~/ledger/canonical";
import { sqlitePath } from "./sqlite-adapter.server";

export interface BackupOptions {
  /** The live database, as in DATABASE_URL (`file:./data/amont.db`) or a plain path. */
  databaseUrl: string;
  /** Where backups are written (created if missing). */
  directory: string;
  /** How many verified backups to keep, the newest ones (at least 1). */
  keep: number;
  /** The backup's timestamp (tests); defaults to now. */
  now?: Date;
}

export interface BackupResult {
  /** True when the copy passed every check (and was kept under its final name). */
  ok: boolean;
  /** Absolute path of the copy: `amont-YYYYMMDDTHHMMSSZ.db`, or `….db.failed` when a check failed. */
  file: string;
  bytes: number;
  /** "ok", or what PRAGMA integrity_check reported. */
  integrity: string;
  foreignKeyViolations: number;
  ledger: ChainCheck;
  ledgerRecords: number;
  /** Older backups deleted because of `keep` (file names). */
  pruned: string[];
  durationMs: number;
}

export const BACKUP_FILE_PATTERN = /^amont-\d{8}T\d{6}Z\.db$/;

/** `amont-20261123T140501Z.db` */
export function backupFileName(date: Date): string {
  const stamp = date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return `amont-${stamp}.db`;
}

/** Pages copied per backup step: all of them, so that the copy is one consistent snapshot (a write between two steps would restart the copy, forever under steady traffic). */
const ALL_PAGES = 0x7fffffff;

export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  const startedAt = Date.now();
  if (!Number.isInteger(options.keep) || options.keep < 1) {
    throw new Error(`Le nombre de sauvegardes à garder doit être un entier positif (reçu ${options.keep}).`);
  }
  const source = path.resolve(sqlitePath(options.databaseUrl));
  if (!existsSync(source)) throw new Error(`Base de données introuvable : ${source}`);
  const directory = path.resolve(options.directory);
  mkdirSync(directory, { recursive: true });
  const finalFile = path.join(directory, backupFileName(options.now ?? new Date()));
  if (existsSync(finalFile)) throw new Error(`Une sauvegarde porte déjà ce nom : ${finalFile}`);
  const partialFile = `${finalFile}.partial`;
  removeDatabaseFiles(partialFile);

  // 1. The copy, from a separate connection (never the application's writer).
  const connection = new BetterSqlite3(source, { fileMustExist: true });
  try {
    connection.pragma("busy_timeout = 5000");
    await connection.backup(partialFile, { progress: () => ALL_PAGES });
  } catch (error) {
    removeDatabaseFiles(partialFile);
    throw error;
  } finally {
    connection.close();
  }

  // 2. The checks, on the copy alone.
  let verification: Verification;
  try {
    verification = verifyDatabaseFile(partialFile, { makeStandalone: true });
  } catch (error) {
    removeDatabaseFiles(partialFile);
    throw error;
  }
  const ok = verification.integrity === "ok" && verification.foreignKeyViolations === 0 && verification.ledger.ok;
  const file = ok ? finalFile : `${finalFile}.failed`;
  renameSync(partialFile, file);

  // 3. Only a verified backup may push old ones out.
  const pruned = ok ? pruneBackups(directory, options.keep) : [];
  return {
    ok,
    file,
    bytes: statSync(file).size,
    integrity: verification.integrity,
    foreignKeyViolations: verification.foreignKeyViolations,
    ledger: verification.ledger,
    ledgerRecords: verification.ledger.count,
    pruned,
    durationMs: Date.now() - startedAt,
  };
}

export interface Verification {
  integrity: string;
  foreignKeyViolations: number;
  ledger: ChainCheck;
}

/**
 * Checks a database file on its own connection: integrity_check, foreign_key_check, and the ledger
 * chain recomputed from its rows with the same pure code the application uses. With
 * `makeStandalone`, the file is switched to the rollback journal first, so that it is one
 * self-contained file (the application switches it back to WAL when it opens it).
 */
export function verifyDatabaseFile(file: string, options: { makeStandalone?: boolean } = {}): Verification {
  const connection = new BetterSqlite3(file, { fileMustExist: true, readonly: !options.makeStandalone });
  try {
    if (options.makeStandalone) connection.pragma("journal_mode = DELETE");
    const integrityRows = connection.pragma("integrity_check") as { integrity_check: string }[];
    const integrity = integrityRows.map((row) => row.integrity_check).join("; ") || "no answer";
    const foreignKeyViolations = (connection.pragma("foreign_key_check") as unknown[]).length;
    return { integrity, foreignKeyViolations, ledger: checkLedgerRows(connection) };
  } finally {
    connection.close();
  }
}

interface LedgerRow {
  sequence: number;
  kind: string;
  actorUserId: string | null;
  actorLabel: string;
  organizationIds: string;
  plannedProcurementId: string | null;
  eventId: string | null;
  summary: string;
  payload: string;
  occurredAt: string | number | bigint;
  previousHash: string;
  hash: string;
  format: number | bigint;
  salts: string | null;
  redactedDigests: string | null;
  legacyHash: string | null;
}

function checkLedgerRows(connection: BetterSqlite3.Database): ChainCheck {
  const table = connection
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'LedgerRecord'`)
    .get();
  if (!table) return { ok: false, count: 0, brokenAt: 0, reason: "la table LedgerRecord est absente", redacted: 0 };
  // A backup taken before decision 0022 has no format columns: all its records are in format 1.
  const columns = connection.pragma(`table_info("LedgerRecord")`) as { name: string }[];
  const formatColumns = columns.some((column) => column.name === "format")
    ? `format, salts, redactedDigests, legacyHash`
    : `1 AS format, NULL AS salts, NULL AS redactedDigests, NULL AS legacyHash`;
  const rows = connection
    .prepare(
      `SELECT sequence, kind, actorUserId, actorLabel, organizationIds, plannedProcurementId, eventId, summary, payload, occurredAt, previousHash, hash, ${formatColumns}
       FROM "LedgerRecord" ORDER BY sequence`,
    )
    .iterate() as IterableIterator<LedgerRow>;
  function* records(): Generator<StoredRecord> {
    for (const row of rows)
      yield {
        ...row,
        sequence: Number(row.sequence),
        format: Number(row.format),
        occurredAt: sqliteDateTime(row.occurredAt),
      };
  }
  return checkChain(records());
}

/**
 * A DateTime as Prisma's SQLite adapter stores it: ISO 8601 text with an offset by default
 * (`2026-11-23T14:05:01.123+00:00`), or unix milliseconds with timestampFormat "unixepoch-ms".
 * Text without an offset (SQLite's CURRENT_TIMESTAMP, `2026-11-23 14:05:01`) is UTC.
 */
export function sqliteDateTime(value: string | number | bigint): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value.replace(" ", "T")}Z`;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`Date illisible dans la base : ${value}`);
  return date;
}

/** Deletes the oldest backups beyond `keep`; returns the names deleted. */
export function pruneBackups(directory: string, keep: number): string[] {
  const backups = readdirSync(directory)
    .filter((name) => BACKUP_FILE_PATTERN.test(name))
    .sort()
    .reverse();
  const pruned = backups.slice(keep);
  for (const name of pruned) removeDatabaseFiles(path.join(directory, name));
  return pruned;
}

function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}
