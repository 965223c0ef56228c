// The Prisma CLI's adapter. `migrate dev` and `migrate diff --from-migrations` replay migration
// files on a shadow database and send each whole file as one statement, which better-sqlite3
// refuses ("contains more than one statement"): run such scripts with exec() instead.
import { AmontSqliteAdapterFactory, connectionOf } from "../app/db/sqlite-adapter.server.ts";

type Query = { sql: string; args: unknown[] };

const MULTIPLE_STATEMENTS = /more than one statement/i;

export class AmontMigrationAdapterFactory extends AmontSqliteAdapterFactory {
  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const database = connectionOf(adapter);
    const runAsScript =
      <R>(original: (query: Query) => Promise<R>, empty: R) =>
      async (query: Query): Promise<R> => {
        try {
          return await original(query);
        } catch (error) {
          const message = String((error as { cause?: { originalMessage?: string } })?.cause?.originalMessage ?? error);
          if (query.args.length > 0 || !MULTIPLE_STATEMENTS.test(message + String(error))) throw error;
          database.exec(query.sql);
          return empty;
        }
      };
    const target = adapter as unknown as {
      executeRaw: (query: Query) => Promise<number>;
      queryRaw: (query: Query) => Promise<{ columnNames: string[]; columnTypes: unknown[]; rows: unknown[] }>;
    };
    target.executeRaw = runAsScript(target.executeRaw.bind(adapter), 0);
    target.queryRaw = runAsScript(target.queryRaw.bind(adapter), { columnNames: [], columnTypes: [], rows: [] });
    return adapter;
  }
}
