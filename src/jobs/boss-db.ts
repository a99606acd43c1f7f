import { CompiledQuery, type Kysely } from "kysely";
import type { Db as IDatabase } from "pg-boss";
import type { Database } from "../db/schema.ts";
import { splitSqlStatements } from "../db/sql-script.ts";

/**
 * pg-boss's `db` option over the application's Kysely handle, for PGlite, where pg-boss cannot open a
 * connection of its own. Each call holds the one connection for its whole text (through the handle's
 * exclusive driver), so pg-boss's multi-statement blocks (`begin; … commit;`) never interleave with a request's
 * transaction. PGlite's query path takes one statement at a time, so parameterless scripts are split here, as
 * the migrations do.
 */
export function bossDatabaseOverKysely(db: Kysely<Database>): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      return db.connection().execute(async (connection) => {
        if (values && values.length > 0) {
          const result = await connection.executeQuery(CompiledQuery.raw(text, values));
          return { rows: [...result.rows] };
        }
        const rows: unknown[] = [];
        try {
          for (const statement of splitSqlStatements(text)) {
            const result = await connection.executeQuery(CompiledQuery.raw(statement));
            rows.push(...result.rows);
          }
        } catch (error) {
          // A failed statement inside pg-boss's begin…commit would leave the shared connection in an aborted
          // transaction; a pool would discard the connection, here it is rolled back.
          await connection.executeQuery(CompiledQuery.raw("rollback")).catch(() => {});
          throw error;
        }
        return { rows };
      });
    },
  };
}
