import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { type CliIo, reportCliError } from "./shared.ts";

// Every `vardnav` run is its own process, and the command modules together import the whole product
// (the HTTP server, PDF reports, every service): about two seconds of module loading before a command
// that needs a tenth of it. So a run loads only the modules that add to the command it was asked for;
// help, no command or an unknown command loads them all, in this order, which is also the order of help.

type Registrar = (program: Command, io: CliIo) => void;

/** A module that adds commands, and the top-level commands it adds to (several modules share a group). */
interface CommandSource {
  commands: readonly string[];
  load(): Promise<Registrar>;
}

export const COMMAND_SOURCES: readonly CommandSource[] = [
  {
    commands: ["serve"],
    async load() {
      const [{ registerServerCommands }, { demoHooks }] = await Promise.all([
        import("./commands/server.ts"),
        // The entry point wires the demo generators (demo/) in; nothing else in src/ imports them.
        import("../../demo/hooks.ts"),
      ]);
      return (program, io) => {
        registerServerCommands(program, io, demoHooks);
      };
    },
  },
  {
    commands: ["db"],
    load: async () => (await import("./commands/db.ts")).registerDbCommands,
  },
  {
    commands: ["region"],
    load: async () => (await import("./commands/region.ts")).registerRegionCommands,
  },
  {
    commands: ["user"],
    load: async () => (await import("./commands/user.ts")).registerUserCommands,
  },
  {
    commands: ["audit"],
    load: async () => (await import("./commands/audit.ts")).registerAuditCommands,
  },
  {
    commands: ["backup", "restore"],
    load: async () => (await import("./commands/backup.ts")).registerBackupCommands,
  },
  {
    commands: ["demo"],
    async load() {
      const [{ registerDemoCommands }, { demoHooks }] = await Promise.all([
        import("./commands/demo.ts"),
        import("../../demo/hooks.ts"),
      ]);
      return (program, io) => {
        registerDemoCommands(program, io, demoHooks);
      };
    },
  },
  {
    commands: ["stats", "import"],
    load: async () => (await import("./commands/stats.ts")).registerStatsCommands,
  },
  {
    commands: ["open-data"],
    load: async () => (await import("./commands/open-data.ts")).registerOpenDataCommands,
  },
  {
    commands: ["id"],
    async load() {
      const [{ registerIdCommands }, { stockholmDateOf }, { systemClock }] = await Promise.all([
        import("./commands/id.ts"),
        import("../domain/calendar/index.ts"),
        import("../lib/context.ts"),
      ]);
      return (program, io) => {
        registerIdCommands(program, {
          stdin: io.stdin,
          stdout: io.stdout,
          stderr: io.stderr,
          today: () => stockholmDateOf(systemClock.now()),
        });
      };
    },
  },
  {
    commands: ["reimbursement"],
    async load() {
      const [{ registerReimbursementCommands }, { reimbursementDatabaseIo }] = await Promise.all([
        import("./commands/reimbursement.ts"),
        import("./commands/reimbursement-db.ts"),
      ]);
      return (program, io) => {
        registerReimbursementCommands(program, {
          stdout: io.stdout,
          stderr: io.stderr,
          readFile: (path: string) => readFile(path, "utf8"),
          ...reimbursementDatabaseIo(program, io),
        });
      };
    },
  },
  {
    commands: ["reimbursement"],
    load: async () => (await import("./commands/reimbursement-db.ts")).registerReimbursementDatabaseCommands,
  },
  {
    commands: ["import"],
    load: async () => (await import("./commands/import.ts")).registerImportCommands,
  },
  {
    commands: ["import", "stats", "grants"],
    load: async () => (await import("./commands/staffing.ts")).registerStaffingCommands,
  },
  {
    commands: ["import", "stats"],
    load: async () => (await import("./commands/listing.ts")).registerListingCommands,
  },
  {
    commands: ["transfers", "import"],
    load: async () => (await import("./commands/transfers.ts")).registerTransfersCommands,
  },
  {
    commands: ["telephony"],
    load: async () => (await import("./commands/telephony.ts")).registerTelephonyCommands,
  },
  {
    commands: ["secrets"],
    load: async () => (await import("./commands/secrets.ts")).registerSecretsCommands,
  },
  {
    commands: ["report"],
    load: async () => (await import("./commands/report.ts")).registerReportCommands,
  },
];

/** The top-level command a run asks for: its first word that is not the global option or its value. */
export function requestedCommand(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === "--data-dir") {
      i++;
      continue;
    }
    if (word.startsWith("-")) continue;
    return word;
  }
  return null;
}

/** The program with the commands `argv` needs (all of them when argv is null, for help). */
export async function buildProgram(io: CliIo, argv: readonly string[] | null = null): Promise<Command> {
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
  const requested = argv === null ? null : requestedCommand(argv);
  const needed = COMMAND_SOURCES.filter(
    (source) => requested !== null && source.commands.includes(requested),
  );
  // Loaded side by side, registered in the table's order (the order of help and of a group's subcommands).
  const registrars = await Promise.all(
    (needed.length > 0 ? needed : COMMAND_SOURCES).map((source) => source.load()),
  );
  for (const register of registrars) register(program, io);
  return program;
}

/** Runs the CLI; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = await buildProgram(io, argv);
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
