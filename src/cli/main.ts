import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { demoHooks } from "../../demo/hooks.ts";
import { stockholmDateOf } from "../domain/calendar/index.ts";
import { systemClock } from "../lib/context.ts";
import { registerAuditCommands } from "./commands/audit.ts";
import { registerBackupCommands } from "./commands/backup.ts";
import { registerDbCommands } from "./commands/db.ts";
import { registerDemoCommands } from "./commands/demo.ts";
import { registerIdCommands } from "./commands/id.ts";
import { registerImportCommands } from "./commands/import.ts";
import { registerListingCommands } from "./commands/listing.ts";
import { registerOpenDataCommands } from "./commands/open-data.ts";
import { registerRegionCommands } from "./commands/region.ts";
import { registerReimbursementCommands } from "./commands/reimbursement.ts";
import {
  registerReimbursementDatabaseCommands,
  reimbursementDatabaseIo,
} from "./commands/reimbursement-db.ts";
import { registerReportCommands } from "./commands/report.ts";
import { registerSecretsCommands } from "./commands/secrets.ts";
import { registerServerCommands } from "./commands/server.ts";
import { registerStaffingCommands } from "./commands/staffing.ts";
import { registerStatsCommands } from "./commands/stats.ts";
import { registerTelephonyCommands } from "./commands/telephony.ts";
import { registerTransfersCommands } from "./commands/transfers.ts";
import { registerUserCommands } from "./commands/user.ts";
import { type CliIo, reportCliError } from "./shared.ts";

export function buildProgram(io: CliIo): Command {
  const program = new Command("vardnav")
    .description("Vårdnav: same-day contact and steering for a region's primary care")
    .option(
      "--data-dir <dir>",
      "embedded database folder (VARDNAV_DATA_DIR, default ./data); ignored with DATABASE_URL",
    )
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError();
  // The entry point wires the demo generators (demo/) in; nothing else in src/ imports them.
  registerServerCommands(program, io, demoHooks);
  registerDbCommands(program, io);
  registerRegionCommands(program, io);
  registerUserCommands(program, io);
  registerAuditCommands(program, io);
  registerBackupCommands(program, io);
  registerDemoCommands(program, io, demoHooks);
  registerStatsCommands(program, io);
  registerOpenDataCommands(program, io);
  registerIdCommands(program, {
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    today: () => stockholmDateOf(systemClock.now()),
  });
  registerReimbursementCommands(program, {
    stdout: io.stdout,
    stderr: io.stderr,
    readFile: (path: string) => readFile(path, "utf8"),
    ...reimbursementDatabaseIo(program, io),
  });
  registerReimbursementDatabaseCommands(program, io);
  registerImportCommands(program, io);
  registerStaffingCommands(program, io);
  registerListingCommands(program, io);
  registerTransfersCommands(program, io);
  registerTelephonyCommands(program, io);
  registerSecretsCommands(program, io);
  registerReportCommands(program, io);
  return program;
}

/** Runs the CLI; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    reportCliError(io, error);
    return 1;
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
  const status = await runCli(process.argv.slice(2), io);
  // `serve` keeps running; every other command ends here with its status.
  if (status !== 0) process.exitCode = status;
}
