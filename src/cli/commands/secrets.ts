import type { Command } from "commander";
import { AppError } from "../../errors.ts";
import { resealAll, SEALED_COLUMNS } from "../../modules/sealing/resealing.service.ts";
import { type CliIo, configFor, formatTable, parseFormat, withRuntime, writeJson } from "../shared.ts";

// `vardnav secrets rotate`: with VARDNAV_SECRET (the new secret) and VARDNAV_SECRET_PREVIOUS (the old one)
// set, re-seals every sealed column under the new secret and recomputes the blind indexes; also converts
// rows of the schemes before migration 0031. Afterwards the operator removes VARDNAV_SECRET_PREVIOUS.
export function registerSecretsCommands(program: Command, io: CliIo): void {
  const secrets = program.command("secrets").description("Keys derived from VARDNAV_SECRET");
  secrets
    .command("rotate")
    .description(
      "Re-seal every sealed column under VARDNAV_SECRET (reading VARDNAV_SECRET_PREVIOUS) and recompute blind indexes; idempotent",
    )
    .option("--batch-size <n>", "rows per transaction", "500")
    .option("--format <format>", "json or table", "table")
    .action(async (opts: { batchSize: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      const batchSize = Number(opts.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
        throw new AppError("bad_request", "--batch-size must be a whole number from 1 to 100000.");
      }
      const config = configFor(command, io);
      if (config.VARDNAV_SECRET === undefined) {
        throw new AppError(
          "invalid_configuration",
          "VARDNAV_SECRET is not set: set the new secret in VARDNAV_SECRET and the old one in VARDNAV_SECRET_PREVIOUS.",
        );
      }
      if (config.VARDNAV_SECRET_PREVIOUS === undefined) {
        io.stderr.write(
          "VARDNAV_SECRET_PREVIOUS is not set: only rows of the older schemes can be converted.\n",
        );
      }
      await withRuntime(
        command,
        io,
        "secrets rotate",
        async ({ ctx }) => {
          const report = await resealAll(ctx, { purpose: "vardnav secrets rotate", batchSize });
          if (format === "json") writeJson(io, { keyId: ctx.keyring.keyId, ...report });
          else
            io.stdout.write(
              formatTable(
                ["column", "resealed", "unreadable"],
                SEALED_COLUMNS.map((c) => [c, report.resealed[c], report.unreadable[c]]),
              ),
            );
          const unreadable = Object.values(report.unreadable).reduce((a, b) => a + b, 0);
          if (unreadable > 0) {
            io.stderr.write(
              `${unreadable} values open under neither secret; they were left as they are. Keep VARDNAV_SECRET_PREVIOUS until they are explained.\n`,
            );
            process.exitCode = 1;
          } else {
            io.stderr.write(
              `Everything is sealed under key ${ctx.keyring.keyId}. Remove VARDNAV_SECRET_PREVIOUS from the server's environment and restart it.\n`,
            );
          }
        },
        // This command does the re-sealing itself, and reports its counts.
        { resealAtStart: false },
      );
    });
}
