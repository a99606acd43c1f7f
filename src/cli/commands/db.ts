import type { Command } from "commander";
import { sql } from "kysely";
import { migrateToLatest } from "../../db/migrate.ts";
import { type CliIo, withRuntime, writeJson } from "../shared.ts";

export function registerDbCommands(program: Command, io: CliIo): void {
  const db = program.command("db").description("Database maintenance");

  db.command("migrate")
    .description("Apply pending migrations (they also run at every start)")
    .action(async (_opts, command: Command) => {
      await withRuntime(command, io, "db migrate", async (runtime) => {
        const applied = await migrateToLatest(runtime.ctx.db as never);
        io.stdout.write(
          applied.length === 0 ? "The database is up to date.\n" : `Applied: ${applied.join(", ")}\n`,
        );
      });
    });

  // For operators of an embedded (PGlite) installation, which has no psql: run one SQL statement.
  db.command("sql")
    .description("Run one SQL statement against the database and print the rows as JSON (operators only)")
    .argument("<statement>", "the SQL statement")
    .action(async (statement: string, _opts, command: Command) => {
      await withRuntime(command, io, "db sql", async (runtime) => {
        const result = await sql.raw(statement).execute(runtime.ctx.db);
        writeJson(io, { rows: result.rows, affectedRows: result.numAffectedRows ?? null });
      });
    });
}
