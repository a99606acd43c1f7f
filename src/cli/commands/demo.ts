import type { Command } from "commander";
import { loadDemoData } from "../../../demo/load.ts";
import { writeSetting } from "../../lib/settings.ts";
import { type CliIo, withRuntime, writeJson } from "../shared.ts";
import { registerDemoSimulateCommand } from "./demo-simulate.ts";

export function registerDemoCommands(program: Command, io: CliIo): void {
  const demo = program.command("demo").description("Demo data (synthetic, no real people)");
  demo
    .command("load")
    .description("Load the demo regions Västernorrland and Västerbotten with their accounts")
    .option("--full", "13 months of demo contacts at realistic volume (default: a twentieth of it)")
    .option("--no-contacts", "no demo contacts")
    .action(async (opts: { full?: boolean; contacts?: boolean }, command: Command) => {
      await withRuntime(command, io, "demo load", async ({ ctx }) => {
        const contacts = opts.contacts === false ? "none" : opts.full ? "full" : "default";
        const summary = await loadDemoData(ctx, { contacts, listingHistory: "all" });
        await writeSetting(ctx.db, "initialized_at", ctx.clock.now().toString());
        writeJson(io, summary);
      });
    });
  registerDemoSimulateCommand(demo, io);
}
