import type { Command } from "commander";
import { loadDemoContactHistory } from "../../../demo/history.ts";
import { loadDemoData } from "../../../demo/load.ts";
import { writeSetting } from "../../lib/settings.ts";
import { type CliIo, withRuntime, writeJson } from "../shared.ts";
import { registerDemoSimulateCommand } from "./demo-simulate.ts";

export function registerDemoCommands(program: Command, io: CliIo): void {
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
      await withRuntime(command, io, "demo load", async ({ ctx }) => {
        const contacts = opts.contacts === false ? "none" : opts.full ? "full" : "default";
        // The older listing months load now (the server loads them in the background).
        const summary = await loadDemoData(ctx, { contacts, listingHistory: "all" });
        // The older history (from 2023-01, for the grant's before/during comparison), at the default scale.
        const history =
          contacts === "none"
            ? null
            : await loadDemoContactHistory(ctx, {
                onProgress: (n) => io.stderr.write(`demo load: contact history, ${n} contacts…\n`),
              });
        await writeSetting(ctx.db, "initialized_at", ctx.clock.now().toString());
        writeJson(io, { ...summary, contactHistory: history });
      });
    });
  registerDemoSimulateCommand(demo, io);
}
