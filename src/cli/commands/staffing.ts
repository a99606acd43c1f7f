// `vardnav import staffing FILE`, `vardnav stats staffing` and `vardnav grants effect` (FORMATS.md
// "Physician staffing" and "Targeted grants"): the same services as the HTTP API. Results to stdout,
// rejected rows and everything else to stderr; a file with rejected rows exits non-zero.
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import type { Command } from "commander";
import { AppError } from "../../errors.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import { grantEffectFor, grantEffectTable } from "../../modules/staffing/grant-effect.service.ts";
import { importStaffingCsv, STAFFING_COLUMNS } from "../../modules/staffing/staffing-import.service.ts";
import {
  staffingCsv,
  staffingStatsFor,
  staffingTable,
} from "../../modules/staffing/staffing-stats.service.ts";
import { type CliIo, formatTable, parseFormat, withRuntime, writeJson } from "../shared.ts";
import { importGroup } from "./import.ts";

function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

function requireMonth(value: string | undefined, flag: string): string {
  if (value === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    throw new AppError("bad_request", `${flag} YYYY-MM is required (got ${value ?? "nothing"}).`);
  return value;
}

export function registerStaffingCommands(program: Command, io: CliIo): void {
  importGroup(program)
    .command("staffing")
    .description(`Physician staffing per unit and month (vardnav-staffing-v1: ${STAFFING_COLUMNS.join(",")})`)
    .argument("<file>", "CSV file, UTF-8, with a header row")
    .option("--format <format>", "json or table", "table")
    .action(async (file: string, opts: { format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await access(file).catch((error: NodeJS.ErrnoException) => {
        throw new AppError("bad_request", `Cannot read ${file}: ${error.code ?? error.message}`);
      });
      const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
      await withRuntime(command, io, "import staffing", async ({ ctx }) => {
        const summary = await importStaffingCsv(ctx, systemActor("cli"), stream as AsyncIterable<string>, {
          purpose: `vardnav import staffing ${file}`,
          source: file,
        });
        for (const r of summary.rejections)
          io.stderr.write(`vardnav import staffing: ${file}:${r.line}: rejected: ${r.reason}\n`);
        if (summary.rejected > summary.rejections.length)
          io.stderr.write(
            `vardnav import staffing: … and ${summary.rejected - summary.rejections.length} more rejected rows\n`,
          );
        if (format === "json") writeJson(io, summary);
        else
          io.stdout.write(
            `read ${summary.read}, imported ${summary.imported}, updated ${summary.updated}, rejected ${summary.rejected}\n`,
          );
        if (summary.rejected > 0) process.exitCode = 1;
      });
    });

  group(program, "stats", "Statistics")
    .command("staffing")
    .description("Listed per specialist in general medicine, needed FTE, gap and shortfall against 1 : 1 100")
    .requiredOption("--region <code>", "region code")
    .option("--from <month>", "first month YYYY-MM (inclusive)")
    .option("--to <month>", "last month YYYY-MM (inclusive)")
    .option("--format <format>", "json, csv or table", "table")
    .action(
      async (opts: { region: string; from?: string; to?: string; format?: string }, command: Command) => {
        const format = parseFormat(opts.format, ["json", "csv", "table"] as const, "table");
        const from = requireMonth(opts.from, "--from");
        const to = requireMonth(opts.to, "--to");
        await withRuntime(command, io, "stats staffing", async ({ ctx }) => {
          const rows = await staffingStatsFor(ctx, systemActor("cli"), { regionCode: opts.region, from, to });
          if (format === "json") writeJson(io, rows);
          else if (format === "csv") io.stdout.write(staffingCsv(rows));
          else {
            const table = staffingTable(rows);
            io.stdout.write(formatTable(table.headers, table.cells));
          }
        });
      },
    );

  group(program, "grants", "Targeted grants (riktade statsbidrag och bemanningsstöd)")
    .command("effect")
    .description(
      "Staffing and accessibility of a grant's units before and during it, against the other units",
    )
    .requiredOption("--region <code>", "region code")
    .requiredOption("--component <id>", "the grant component's id in the region's reimbursement models")
    .option("--format <format>", "json or table", "table")
    .action(async (opts: { region: string; component: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "grants effect", async ({ ctx }) => {
        const effect = await grantEffectFor(ctx, systemActor("cli"), {
          regionCode: opts.region,
          componentId: opts.component,
        });
        if (format === "json") writeJson(io, effect);
        else {
          io.stdout.write(
            `${effect.label}: ${effect.grantUnits.length} grant units, ${effect.comparisonUnits} comparison units; ` +
              `before ${effect.before ? `${effect.before.from}..${effect.before.to}` : "-"}, ` +
              `during ${effect.during ? `${effect.during.from}..${effect.during.to}` : "-"}\n`,
          );
          const table = grantEffectTable(effect);
          io.stdout.write(formatTable(table.headers, table.cells));
        }
      });
    });
}
