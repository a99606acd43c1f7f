import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import type { Command } from "commander";
import { parseIsoDate } from "../../domain/calendar/index.ts";
import { AppError } from "../../errors.ts";
import { accessibilityByKommun } from "../../modules/committee/kommun-accessibility.ts";
import { openCopyImportDatabase } from "../../modules/statistics/copy-staging.ts";
import {
  IMPORT_FORMATS,
  type ImportSummary,
  importContacts,
} from "../../modules/statistics/imports.service.ts";
import { restoreDroppedIndexes, withContactIndexesRebuilt } from "../../modules/statistics/index-rebuild.ts";
import { rebuildRollups } from "../../modules/statistics/rollups.repository.ts";
import type { StatsGranularity } from "../../modules/statistics/stats.repository.ts";
import {
  accessibilityCsv,
  accessibilityStatistics,
  accessibilityTable,
} from "../../modules/statistics/stats.service.ts";
import { type CliIo, configFor, formatTable, parseFormat, withRuntime, writeJson } from "../shared.ts";

/** The `import` group, shared with other areas' imports (the same find-or-create as commands/import.ts). */
function importGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === "import");
  if (existing !== undefined) return existing;
  return program.command("import").description("Import data files (listing, indices, contacts, …)");
}

function requireDate(value: string | undefined, flag: string): string {
  if (value === undefined) throw new AppError("bad_request", `${flag} DATE is required.`);
  return parseIsoDate(value).toString();
}

export function registerStatsCommands(program: Command, io: CliIo): void {
  importGroup(program)
    .command("contacts")
    .description("Import contacts: a vardnav-contacts-v1 CSV or an Asterisk queue_log (FORMATS.md)")
    .argument("<file>", "the file to import")
    .option("--format <format>", "vardnav-contacts-v1 or asterisk-queue-log", "vardnav-contacts-v1")
    .option("--unit <hsaId>", "the unit of a queue_log (and the only unit a CSV may name)")
    .option("--output <output>", "summary as text or json", "text")
    .option(
      "--rebuild-indexes",
      "very large first loads: drop the secondary indexes of contacts for the load, build them at the end",
    )
    .action(
      async (
        file: string,
        opts: { format?: string; unit?: string; output?: string; rebuildIndexes?: boolean },
        command: Command,
      ) => {
        const format = parseFormat(opts.format, IMPORT_FORMATS, "vardnav-contacts-v1");
        const output = parseFormat(opts.output, ["text", "json"] as const, "text");
        try {
          await access(file);
        } catch {
          throw new AppError("bad_request", `Cannot read ${file}.`);
        }
        const databaseUrl = configFor(command, io).DATABASE_URL;
        await withRuntime(command, io, "import contacts", async ({ ctx }) => {
          const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1024 * 1024 });
          // On PostgreSQL batches are staged with COPY, several in flight on dedicated connections; PGlite
          // stages with multi-row inserts, one batch at a time.
          const copy = databaseUrl ? await openCopyImportDatabase(databaseUrl) : null;
          let summary: ImportSummary;
          try {
            const db = copy ? copy.db : ctx.db;
            const load = () =>
              importContacts(copy ? { ...ctx, db } : ctx, stream as AsyncIterable<string>, {
                format,
                unitHsaId: opts.unit,
                onRejected: (r) => io.stderr.write(`line ${r.line}: ${r.reason}\n`),
                ...(copy ? { lanes: copy.lanes } : {}),
              });
            const log = (message: string) => ctx.logger.info(message);
            if (opts.rebuildIndexes) {
              ({ summary } = await withContactIndexesRebuilt(db, load, log));
            } else {
              // Indexes an earlier --rebuild-indexes run was killed without rebuilding come back first.
              await restoreDroppedIndexes(db, log);
              ({ summary } = await load());
            }
          } finally {
            await copy?.close();
          }
          if (output === "json") writeJson(io, summary);
          else
            io.stdout.write(
              `read ${summary.read}, imported ${summary.imported}, updated ${summary.updated}, rejected ${summary.rejected}\n`,
            );
          if (summary.rejected > 0) process.exitCode = 2;
        });
      },
    );

  const stats = program.command("stats").description("Accessibility statistics (from the rollups)");
  stats
    .command("accessibility")
    .description(
      "SKR telephone rate, resident rate, feedback rate and three-day assessment per unit and region",
    )
    .requiredOption("--region <code>", "region code")
    .option("--from <date>", "first Stockholm date (inclusive)")
    .option("--to <date>", "last Stockholm date (inclusive)")
    .option("--by <period>", "day, month, quarter (YYYYQN) or year; kommun: per kommun and month", "month")
    .option("--unit <hsaId>", "only this unit (and the region row over it)")
    .option("--format <format>", "json, csv or table", "table")
    .action(
      async (
        opts: { region: string; from?: string; to?: string; by?: string; unit?: string; format?: string },
        command: Command,
      ) => {
        const by = parseFormat<StatsGranularity | "kommun">(
          opts.by,
          ["day", "month", "quarter", "year", "kommun"],
          "month",
        );
        const format = parseFormat(opts.format, ["json", "csv", "table"] as const, "table");
        const from = requireDate(opts.from, "--from");
        const to = requireDate(opts.to, "--to");
        if (by === "kommun") {
          if (opts.unit !== undefined)
            throw new AppError("bad_request", "--by kommun sums units; leave out --unit.");
          await withRuntime(command, io, "stats accessibility", async ({ ctx }) => {
            const rows = await accessibilityByKommun(ctx.db, { regionCode: opts.region, from, to });
            if (format === "json") writeJson(io, rows);
            else {
              // The unit column carries the kommunkod (empty for the region), the rest as per unit.
              const asUnitRows = rows.map((r) => ({ ...r, unitHsaId: r.kommunCode }));
              if (format === "csv")
                io.stdout.write(accessibilityCsv(asUnitRows).replace(/^unitHsaId,/, "kommunCode,"));
              else {
                const table = accessibilityTable(asUnitRows);
                io.stdout.write(formatTable(["kommun", ...table.headers.slice(1)], table.cells));
              }
            }
          });
          return;
        }
        await withRuntime(command, io, "stats accessibility", async ({ ctx }) => {
          const rows = await accessibilityStatistics(ctx.db, {
            regionCode: opts.region,
            from,
            to,
            by,
            unitHsaId: opts.unit,
          });
          if (format === "json") writeJson(io, rows);
          else if (format === "csv") io.stdout.write(accessibilityCsv(rows));
          else {
            const table = accessibilityTable(rows);
            io.stdout.write(formatTable(table.headers, table.cells));
          }
        });
      },
    );

  stats
    .command("rebuild")
    .description("Recompute the rollups of a period from raw contacts")
    .requiredOption("--region <code>", "region code")
    .option("--from <date>", "first Stockholm date (inclusive)")
    .option("--to <date>", "last Stockholm date (inclusive)")
    .action(async (opts: { region: string; from?: string; to?: string }, command: Command) => {
      const from = requireDate(opts.from, "--from");
      const to = requireDate(opts.to, "--to");
      await withRuntime(command, io, "stats rebuild", async ({ ctx }) => {
        const region = await ctx.db
          .selectFrom("regions")
          .select("code")
          .where("code", "=", opts.region)
          .executeTakeFirst();
        if (region === undefined) throw new AppError("not_found", `Region ${opts.region} does not exist.`);
        const result = await ctx.db
          .transaction()
          .execute((trx) => rebuildRollups(trx, opts.region, from, to));
        io.stdout.write(
          `rebuilt region ${opts.region} ${from}..${to}: ${result.dayRows} day rows, ${result.hourRows} hour rows\n`,
        );
      });
    });
}
