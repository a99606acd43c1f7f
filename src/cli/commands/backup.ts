import { resolve } from "node:path";
import type { Command } from "commander";
import { restoreBackup, writeBackup } from "../../db/backup.ts";
import { AppError } from "../../errors.ts";
import { systemClock } from "../../lib/context.ts";
import { recordAuditNow, systemActor } from "../../modules/audit/audit.service.ts";
import { type CliIo, configFor, withRuntime } from "../shared.ts";

export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command("backup")
    .description("Write the embedded database (and the access log's chain head) to FILE")
    .argument("<file>", "the backup file (gzipped tar of the data folder)")
    .action(async (file: string, _opts, command: Command) => {
      const config = configFor(command, io);
      await withRuntime(command, io, "backup", async (runtime) => {
        const target = resolve(file);
        await recordAuditNow(runtime.ctx, systemActor("cli"), {
          action: "db.backup",
          entityType: "database",
          purpose: "vardnav backup",
          details: { file: target },
        });
        // The head must cover the backup's own audit row, so the restored chain verifies against it.
        await runtime.ctx.auditHead?.flush();
        const { bytes } = await writeBackup(runtime.database, target, config.AUDIT_HEAD_FILE);
        io.stdout.write(`Backup written: ${target} (${bytes} bytes).\n`);
      });
    });

  program
    .command("restore")
    .description("Restore the embedded database from a backup FILE (refuses while the data folder is in use)")
    .argument("<file>", "a file written by vardnav backup")
    .action(async (file: string, _opts, command: Command) => {
      const config = configFor(command, io);
      if (config.DATABASE_URL) {
        throw new AppError(
          "bad_request",
          "vardnav restore is for the embedded database; restore PostgreSQL with its own tools (docs/OPERATIONS.md).",
        );
      }
      const { replaced } = await restoreBackup(
        config.VARDNAV_DATA_DIR,
        resolve(file),
        config.AUDIT_HEAD_FILE,
        new Date(systemClock.now().epochMilliseconds),
      );
      io.stdout.write(
        `Restored ${resolve(file)} into ${config.VARDNAV_DATA_DIR}${replaced ? ` (the database that was there is kept at ${replaced})` : ""}.\n`,
      );
    });
}
