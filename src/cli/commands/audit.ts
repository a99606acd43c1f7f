import type { Command } from "commander";
import { verifyAuditChain } from "../../modules/audit/audit.service.ts";
import { type CliIo, parseFormat, withRuntime, writeJson } from "../shared.ts";

export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command("audit").description("The access log");
  audit
    .command("verify")
    .description("Check the hash chain of the access log; exits non-zero and names the first broken row")
    .option("--format <format>", "json or table", "table")
    .action(async (opts, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "audit verify", async ({ ctx }) => {
        const result = await verifyAuditChain(ctx);
        if (format === "json") writeJson(io, result);
        else if (result.ok) io.stdout.write(`Audit log intact: ${result.rowsChecked} rows verified.\n`);
        else
          io.stdout.write(
            `Audit log BROKEN at row ${result.firstBroken?.id}: ${result.firstBroken?.reason} (${result.rowsChecked} rows before it verified).\n`,
          );
        if (!result.ok) process.exitCode = 1;
      });
    });
}
