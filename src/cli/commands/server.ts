import type { Command } from "commander";
import { runPrimary, shouldFork, workerRole } from "../../cluster.ts";
import type { DemoHooks } from "../../lib/demo-hooks.ts";
import { startServer } from "../../server.ts";
import { type CliIo, configFor } from "../shared.ts";

export function registerServerCommands(program: Command, io: CliIo, demoHooks?: DemoHooks): void {
  program
    .command("serve")
    .description("Start the HTTP server (PORT, HOST); loads the demo on a fresh database unless --no-demo")
    .option("--no-demo", "start with an empty database")
    .option("--workers <n>", "server processes sharing the port (PostgreSQL only)", "1")
    .action(async (opts: { demo: boolean; workers: string }, command: Command) => {
      const config = configFor(command, io);
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
        throw new Error(`--workers takes a whole number from 1 to 64, not "${opts.workers}".`);
      }
      if (shouldFork(config, workers, (line) => io.stderr.write(line))) {
        io.stderr.write(`Vårdnav is starting ${workers} server processes\n`);
        await runPrimary(workers, (line) => io.stderr.write(line));
        process.exit(0);
      }
      // A follower serves HTTP only: the leader migrated, loads the demo and runs the background jobs.
      const follower = workerRole() === "follower";
      const server = await startServer(config, {
        demo: opts.demo && !follower,
        demoHooks,
        background: !follower,
      });
      io.stderr.write(`Vårdnav is running at ${server.url}\n`);
    });
}
