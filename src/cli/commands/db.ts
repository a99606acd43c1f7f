import { userInfo } from "node:os";
import type { Command } from "commander";
import { sql } from "kysely";
import { migrateToLatest } from "../../db/migrate.ts";
import { AppError } from "../../errors.ts";
import { recordAuditNow, systemActor } from "../../modules/audit/audit.service.ts";
import { type CliIo, withRuntime, writeJson } from "../shared.ts";

/** The operating-system account that ran the command: the only identity a CLI operator has. */
function userInfoName(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

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
        // Audited before it runs and in a transaction of its own, so a refused or failing statement is
        // on record too: raw SQL can read every row of personal data.
        await recordAuditNow(runtime.ctx, systemActor(`cli:${userInfoName()}`), {
          action: "db.sql",
          entityType: "database",
          purpose: "vardnav db sql",
          details: { statement },
        });
        // The head outside the database takes this row before the statement runs, so a statement that
        // deletes the newest rows (its own record among them) cannot slip in under the head.
        await runtime.ctx.auditHead?.flush();
        const result = await sql
          .raw(statement)
          .execute(runtime.ctx.db)
          .catch((error: unknown) => {
            // The database refused the operator's statement (syntax, a constraint, the append-only
            // access log): its own message is the answer.
            throw new AppError(
              "bad_request",
              `The statement failed: ${error instanceof Error ? error.message : String(error)}`,
            );
          });
        writeJson(io, { rows: result.rows, affectedRows: result.numAffectedRows ?? null });
      });
    });
}
