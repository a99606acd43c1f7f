import { PassThrough } from "node:stream";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram, requestedCommand } from "./main.ts";
import type { CliIo } from "./shared.ts";

// A run loads only the command modules that add to the command it asks for (src/cli/main.ts). Several
// modules add to one group (`import`, `stats`, `reimbursement`), so a source left out of the table would
// silently drop subcommands: every top-level command, built alone, must be exactly what help shows.

const io: CliIo = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };

/** A command's whole shape: its subcommands in order, each with its options and arguments. */
function shapeOf(command: Command): unknown {
  return {
    name: command.name(),
    description: command.description(),
    options: command.options.map((option) => option.flags),
    arguments: command.registeredArguments.map((argument) => argument.name()),
    commands: command.commands.map(shapeOf),
  };
}

describe("the commands a run loads", () => {
  it("builds every top-level command alone exactly as the whole program has it", async () => {
    const whole = await buildProgram(io);
    const names = whole.commands.map((command) => command.name());
    expect(names).toEqual(expect.arrayContaining(["serve", "import", "stats", "reimbursement", "grants"]));
    for (const name of names) {
      const alone = await buildProgram(io, [name, "--help"]);
      const expected = whole.commands.find((command) => command.name() === name) as Command;
      const built = alone.commands.find((command) => command.name() === name);
      expect(built, name).toBeDefined();
      expect(shapeOf(built as Command), name).toEqual(shapeOf(expected));
    }
  });

  it("loads everything for help, no command and an unknown command", async () => {
    const whole = (await buildProgram(io)).commands.length;
    for (const argv of [[], ["--help"], ["no-such-command"], ["--data-dir", "x"]]) {
      expect((await buildProgram(io, argv)).commands.length, argv.join(" ")).toBe(whole);
    }
  });

  it.each([
    [["user", "list"], "user"],
    [["--data-dir", "/tmp/d", "stats", "accessibility"], "stats"],
    [["--data-dir=/tmp/d", "import", "contacts", "f.csv"], "import"],
    [["--help"], null],
    [[], null],
  ])("finds the command in %j", (argv, expected) => {
    expect(requestedCommand(argv)).toBe(expected);
  });
});
