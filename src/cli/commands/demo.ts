import type { Command } from "commander";
import { loadDemoData } from "../../../demo/load.ts";
import { writeSetting } from "../../lib/settings.ts";
import { type CliIo, withRuntime, writeJson } from "../shared.ts";

export function registerDemoCommands(program: Command, io: CliIo): void {
  const demo = program.command("demo").description("Demo data (synthetic, no real people)");
  demo
    .command("load")
    .description("Load the demo regions Västernorrland and Västerbotten with their accounts")
    .action(async (_opts, command: Command) => {
      await withRuntime(command, io, "demo load", async ({ ctx }) => {
        const summary = await loadDemoData(ctx);
        await writeSetting(ctx.db, "initialized_at", ctx.clock.now().toString());
        writeJson(io, summary);
      });
    });
}
