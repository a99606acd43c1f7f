import type { Command } from "commander";
import type { DemoHooks } from "../../lib/demo-hooks.ts";
import { startServer } from "../../server.ts";
import { type CliIo, configFor } from "../shared.ts";

export function registerServerCommands(program: Command, io: CliIo, demoHooks?: DemoHooks): void {
  program
    .command("serve")
    .description("Start the HTTP server (PORT, HOST); loads the demo on a fresh database unless --no-demo")
    .option("--no-demo", "start with an empty database")
    .action(async (opts: { demo: boolean }, command: Command) => {
      const server = await startServer(configFor(command, io), { demo: opts.demo, demoHooks });
      io.stderr.write(`Vårdnav is running at ${server.url}\n`);
    });
}
