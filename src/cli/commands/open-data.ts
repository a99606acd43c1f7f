import type { Command } from "commander";
import {
  publishedAccessibility,
  publishedAccessibilityCsv,
} from "../../modules/open-data/open-data.service.ts";
import { type CliIo, parseFormat, withRuntime, writeJson } from "../shared.ts";

/** `vardnav open-data accessibility`: the same published month as GET /api/public/accessibility. */
export function registerOpenDataCommands(program: Command, io: CliIo): void {
  program
    .command("open-data")
    .description("Open data as published to the public (FORMATS.md, Open data)")
    .command("accessibility")
    .description("One published month of a region per unit, with the suppression rule applied")
    .requiredOption("--region <code>", "region code")
    .requiredOption("--month <YYYY-MM>", "a calendar month, published from the 8th of the next")
    .option("--format <format>", "json or csv", "json")
    .action(async (opts: { region: string; month: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "csv"] as const, "json");
      await withRuntime(command, io, "open-data accessibility", async ({ ctx }) => {
        const query = { regionCode: opts.region, month: opts.month };
        if (format === "csv") io.stdout.write(await publishedAccessibilityCsv(ctx, query));
        else writeJson(io, await publishedAccessibility(ctx, query));
      });
    });
}
