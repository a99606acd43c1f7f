import type { Command } from "commander";
import type { DemoHooks } from "../../lib/demo-hooks.ts";
import { writeSetting } from "../../lib/settings.ts";
import { type CliIo, withRuntime, writeJson } from "../shared.ts";
import { refuseInProduction } from "./demo-guard.ts";
import { registerDemoSimulateCommand } from "./demo-simulate.ts";

export function registerDemoCommands(program: Command, io: CliIo, hooks: DemoHooks): void {
  const demo = program.command("demo").description("Demo data (synthetic, no real people)");
  demo
    .command("load")
    .description("Load the demo regions Västernorrland and Västerbotten with their accounts")
    .option(
      "--full",
      "13 months of demo contacts at realistic volume (default: a twentieth of it; the history from 2023-01 stays a twentieth)",
    )
    .option("--no-contacts", "no demo contacts")
    .action(async (opts: { full?: boolean; contacts?: boolean }, command: Command) => {
      refuseInProduction(command, io);
      await withRuntime(command, io, "demo load", async ({ ctx }) => {
        const contacts = opts.contacts === false ? "none" : opts.full ? "full" : "default";
        // Everything now, the older history too (the server loads that in the background).
        const summary = await hooks.load(ctx, {
          contacts,
          when: "complete",
          onProgress: (message) => io.stderr.write(`demo load: ${message}\n`),
        });
        await writeSetting(ctx.db, "initialized_at", ctx.clock.now().toString(), ctx.clock);
        writeJson(io, summary);
      });
    });
  registerDemoSimulateCommand(demo, io, hooks);
}
