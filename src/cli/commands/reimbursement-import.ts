// `vardnav import listing|indices|rural-points|unit-reports|same-day-rates FILE`: reimbursement inputs
// from CSV. Prints the rejected rows (line and reason) to stderr, the summary to stdout, and exits
// non-zero when any row was rejected, like `vardnav import contacts`.
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import type { Command } from "commander";
import { AppError } from "../../errors.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import {
  type ImportSummary,
  importColumns,
  importReimbursementCsv,
  type ReimbursementImportKind,
} from "../../modules/reimbursement/reimbursement-imports.service.ts";
import { type CliIo, parseFormat, withRuntime, writeJson } from "../shared.ts";

const DESCRIPTIONS: Record<ReimbursementImportKind, string> = {
  listing: "Listed persons per unit, month, age and sex",
  indices: "Per-unit indices per month (ACG, CNI, …)",
  "rural-points": "Rural points per unit and period",
  "unit-reports": "Identified multimorbid patients and home-care visits per unit and month",
  "same-day-rates": "Imported same-day rates per unit and month (used where no contacts are recorded)",
};

export function printImportSummary(
  io: CliIo,
  command: string,
  file: string,
  summary: ImportSummary,
  format: "json" | "table",
): void {
  for (const r of summary.rejections)
    io.stderr.write(`${command}: ${file}:${r.line}: rejected: ${r.reason}\n`);
  if (summary.rejected > summary.rejections.length) {
    io.stderr.write(`${command}: … and ${summary.rejected - summary.rejections.length} more rejected rows\n`);
  }
  if (format === "json") writeJson(io, summary);
  else
    io.stdout.write(
      `read ${summary.read}, imported ${summary.imported}, updated ${summary.updated}, rejected ${summary.rejected}\n`,
    );
  if (summary.rejected > 0) process.exitCode = 1;
}

export function registerReimbursementImportCommands(group: Command, io: CliIo): void {
  for (const kind of Object.keys(DESCRIPTIONS) as ReimbursementImportKind[]) {
    group
      .command(kind)
      .description(`${DESCRIPTIONS[kind]} (CSV: ${importColumns(kind).join(",")})`)
      .argument("<file>", "CSV file, UTF-8, with a header row")
      .option("--format <format>", "json or table", "table")
      .action(async (file: string, opts: { format?: string }, command: Command) => {
        const format = parseFormat(opts.format, ["json", "table"] as const, "table");
        await access(file).catch((error: NodeJS.ErrnoException) => {
          throw new AppError("bad_request", `Cannot read ${file}: ${error.code ?? error.message}`);
        });
        const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
        await withRuntime(command, io, `import ${kind}`, async ({ ctx }) => {
          const summary = await importReimbursementCsv(
            ctx,
            systemActor("cli"),
            kind,
            stream as AsyncIterable<string>,
            {
              purpose: `vardnav import ${kind} ${file}`,
              source: file,
            },
          );
          printImportSummary(io, `vardnav import ${kind}`, file, summary, format);
        });
      });
  }
}
