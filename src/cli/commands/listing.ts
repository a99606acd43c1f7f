// `vardnav import listing-changes FILE` and `vardnav stats listing-flows`: the listing changes of
// FORMATS.md ("Listing") and the flows they add up to, through the same services as the HTTP API.
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import type { Command } from "commander";
import { FLOW_GROUPINGS, type FlowGrouping } from "../../domain/listing/flows.ts";
import { isMonth } from "../../domain/reimbursement/index.ts";
import { AppError } from "../../errors.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import {
  listingFlowsCsv,
  listingFlowsFor,
  listingFlowsTable,
} from "../../modules/listing/listing.service.ts";
import {
  importListingChanges,
  LISTING_CHANGES_COLUMNS,
} from "../../modules/listing/listing-changes-import.service.ts";
import { type CliIo, formatTable, parseFormat, withRuntime, writeJson } from "../shared.ts";
import { importGroup } from "./import.ts";

/** The `stats` group, created by whichever area registers first. */
function statsGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === "stats");
  if (existing !== undefined) return existing;
  return program.command("stats").description("Statistics");
}

function requireMonth(value: string | undefined, flag: string): string {
  if (value === undefined || !isMonth(value))
    throw new AppError("bad_request", `${flag} YYYY-MM is required.`);
  return value;
}

export function registerListingCommands(program: Command, io: CliIo): void {
  importGroup(program)
    .command("listing-changes")
    .description(
      `Listing changes per month, from unit and to unit (CSV: ${LISTING_CHANGES_COLUMNS.join(",")})`,
    )
    .argument("<file>", "CSV file, UTF-8, with a header row")
    .option("--format <format>", "json or table", "table")
    .action(async (file: string, opts: { format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await access(file).catch((error: NodeJS.ErrnoException) => {
        throw new AppError("bad_request", `Cannot read ${file}: ${error.code ?? error.message}`);
      });
      const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
      await withRuntime(command, io, "import listing-changes", async ({ ctx }) => {
        const summary = await importListingChanges(ctx, systemActor("cli"), stream as AsyncIterable<string>, {
          purpose: `vardnav import listing-changes ${file}`,
          source: file,
        });
        for (const r of summary.rejections)
          io.stderr.write(`vardnav import listing-changes: ${file}:${r.line}: rejected: ${r.reason}\n`);
        if (summary.rejected > summary.rejections.length)
          io.stderr.write(
            `vardnav import listing-changes: … and ${summary.rejected - summary.rejections.length} more rejected rows\n`,
          );
        if (format === "json") writeJson(io, summary);
        else
          io.stdout.write(
            `read ${summary.read}, imported ${summary.imported}, updated ${summary.updated}, rejected ${summary.rejected}\n`,
          );
        if (summary.rejected > 0) process.exitCode = 1;
      });
    });

  statsGroup(program)
    .command("listing-flows")
    .description("Listing flows: inflow, outflow and net per group and month, new and ended listings apart")
    .requiredOption("--region <code>", "region code")
    .option("--from <month>", "first month YYYY-MM")
    .option("--to <month>", "last month YYYY-MM")
    .option("--by <grouping>", "unit, ownership or type", "unit")
    .option("--format <format>", "json, csv or table", "table")
    .action(
      async (
        opts: { region: string; from?: string; to?: string; by?: string; format?: string },
        command: Command,
      ) => {
        const by = (opts.by ?? "unit") as FlowGrouping;
        if (!FLOW_GROUPINGS.includes(by))
          throw new AppError(
            "bad_request",
            `Unknown --by ${opts.by}; use one of ${FLOW_GROUPINGS.join(", ")}.`,
          );
        const format = parseFormat(opts.format, ["json", "csv", "table"] as const, "table");
        const from = requireMonth(opts.from, "--from");
        const to = requireMonth(opts.to, "--to");
        await withRuntime(command, io, "stats listing-flows", async ({ ctx }) => {
          const flows = await listingFlowsFor(ctx, systemActor("cli"), {
            regionCode: opts.region,
            from,
            to,
            by,
          });
          if (format === "json") writeJson(io, flows);
          else if (format === "csv") io.stdout.write(listingFlowsCsv(flows));
          else {
            const table = listingFlowsTable(flows);
            io.stdout.write(formatTable(table.headers, table.cells));
          }
        });
      },
    );
}
