import type { Command } from "commander";
import { formatStockholmTime } from "../../domain/calendar/index.ts";
import { AppError } from "../../errors.ts";
import type { DemoHooks } from "../../lib/demo-hooks.ts";
import { type CliIo, withRuntime, writeJson } from "../shared.ts";
import { refuseInProduction } from "./demo-guard.ts";

function positiveNumber(name: string, value: string, max: number): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > max) {
    throw new AppError(
      "validation_failed",
      `${name} must be a number above 0 and at most ${max} (got "${value}").`,
    );
  }
  return parsed;
}

/**
 * `vardnav demo simulate --region 22 --rate N [--duration SECONDS] [--seed TEXT]`: synthetic contacts to a demo
 * region through the real intake services, until the duration ends or Ctrl-C. One line per contact on standard
 * error; the summary as JSON on standard output.
 */
export function registerDemoSimulateCommand(demo: Command, io: CliIo, hooks: DemoHooks): void {
  demo
    .command("simulate")
    .description(
      "Simulate residents contacting a demo region's units (N contacts per minute, weighted by hour)",
    )
    .requiredOption("--region <code>", "two-digit länskod of a demo region")
    .requiredOption("--rate <n>", "contacts per minute at an average weekday hour")
    .option("--duration <seconds>", "stop after this many seconds (default: until Ctrl-C)")
    .option("--seed <text>", "seed of the contact plan (default: per region)")
    .action(
      async (opts: { region: string; rate: string; duration?: string; seed?: string }, command: Command) => {
        if (!/^\d{2}$/.test(opts.region)) {
          throw new AppError(
            "validation_failed",
            `--region must be a two-digit länskod (got "${opts.region}").`,
          );
        }
        const ratePerMinute = positiveNumber("--rate", opts.rate, 600);
        const durationSeconds =
          opts.duration === undefined ? undefined : positiveNumber("--duration", opts.duration, 7 * 86_400);
        refuseInProduction(command, io);
        await withRuntime(command, io, "demo simulate", async ({ ctx }) => {
          const controller = new AbortController();
          const onSignal = () => controller.abort();
          process.once("SIGINT", onSignal);
          process.once("SIGTERM", onSignal);
          try {
            const summary = await hooks.simulate(ctx, {
              regionCode: opts.region,
              ratePerMinute,
              durationSeconds,
              ...(opts.seed ? { seed: opts.seed } : {}),
              signal: controller.signal,
              onContact: (planned, result) => {
                const what =
                  result.source === "web" ? "web" : (planned.phoneEvent ?? planned.staffChannel ?? "web");
                io.stderr.write(
                  `${formatStockholmTime(planned.at)} ${planned.unitHsaId} ${result.source}/${what}${result.overflowed ? " overflow" : ""}\n`,
                );
              },
            });
            writeJson(io, summary);
          } finally {
            process.off("SIGINT", onSignal);
            process.off("SIGTERM", onSignal);
          }
        });
      },
    );
}
