// `vardnav import …`: one command group that several areas add their file imports to (reimbursement
// inputs here; contact files from the statistics area). Each area registers its subcommands on the group
// through `importGroup(program)`, which finds the group or creates it, so the order of registration in
// src/cli/main.ts does not matter and no area has to know the others.
import type { Command } from "commander";
import type { CliIo } from "../shared.ts";
import { registerReimbursementImportCommands } from "./reimbursement-import.ts";

/** The `import` command group of the program, created on first use. */
export function importGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === "import");
  if (existing !== undefined) return existing;
  return program.command("import").description("Import data files (listing, indices, contacts, …)");
}

/** Registers every import subcommand; an area adds one line here (or calls `importGroup` itself). */
export function registerImportCommands(program: Command, io: CliIo): void {
  const group = importGroup(program);
  registerReimbursementImportCommands(group, io);
}
