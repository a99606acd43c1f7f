// `vardnav transfers import FILE | list | history ID | gap --region --year` and
// `vardnav import transfer-volumes FILE`: the transfers register, its reported volumes and the
// compensation gap (FORMATS.md "Task transfers from slutenvården"), through the same services as HTTP.
import { createReadStream } from "node:fs";
import { access, readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { formatKronor } from "../../domain/reimbursement/index.ts";
import { TRANSFER_STATUSES, type TransferStatus } from "../../domain/transfers/index.ts";
import { AppError } from "../../errors.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import { transfersGapWorkbook } from "../../modules/transfers/transfers.exports.ts";
import type { TransferGap } from "../../modules/transfers/transfers.schemas.ts";
import { transfersGapCsv, transfersGapFor } from "../../modules/transfers/transfers-gap.service.ts";
import {
  importTransfersFile,
  listTransfers,
  transferHistory,
} from "../../modules/transfers/transfers-register.service.ts";
import { importTransferVolumes, VOLUME_COLUMNS } from "../../modules/transfers/transfers-volumes.service.ts";
import { type CliIo, formatTable, parseFormat, withRuntime, writeJson } from "../shared.ts";
import { importGroup } from "./import.ts";

const CLI_ACTOR = systemActor("cli");

async function readable(file: string): Promise<void> {
  await access(file).catch((error: NodeJS.ErrnoException) => {
    throw new AppError("bad_request", `Cannot read ${file}: ${error.code ?? error.message}`);
  });
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new AppError("bad_request", `--year ${text} is not a year YYYY.`);
  return Number(text);
}

const kr = (ore: string) => formatKronor(BigInt(ore));

export function gapTable(gap: TransferGap): string {
  const headers = [
    "id",
    "status",
    "months",
    "estimated kr",
    "compensation kr",
    "gap kr",
    "volume",
    "cost at volume kr",
    "gap at volume kr",
    "component paid kr",
  ];
  const rows: (string | number | null)[][] = gap.transfers.map((t) => [
    t.id,
    t.status,
    t.monthsInEffect,
    kr(t.estimatedCostOre),
    kr(t.compensationOre),
    kr(t.gapOre),
    t.reportedVolume,
    kr(t.costAtReportedVolumeOre),
    kr(t.gapAtReportedVolumeOre),
    t.componentPaidOre === null ? null : `${kr(t.componentPaidOre)} (${t.component})`,
  ]);
  const total = gap.total;
  rows.push([
    "total",
    null,
    null,
    kr(total.estimatedCostOre),
    kr(total.compensationOre),
    kr(total.gapOre),
    null,
    kr(total.costAtReportedVolumeOre),
    kr(total.gapAtReportedVolumeOre),
    null,
  ]);
  const title = `Region ${gap.region}, ${gap.year}${gap.preliminary ? " (preliminary)" : ""}\n`;
  return title + formatTable(headers, rows);
}

export function registerTransfersCommands(program: Command, io: CliIo): void {
  const group = program.command("transfers").description("Tasks moved from slutenvården: register and gap");

  group
    .command("import")
    .description("Import a register file (vardnav-transfers-v1 JSON); each transfer becomes its next version")
    .argument("<file>")
    .option("--format <format>", "json or table", "table")
    .action(async (file: string, opts: { format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await readable(file);
      let input: unknown;
      try {
        input = JSON.parse(await readFile(file, "utf8"));
      } catch (error) {
        throw new AppError("bad_request", `${file} is not JSON: ${(error as Error).message}`);
      }
      await withRuntime(command, io, "transfers import", async ({ ctx }) => {
        const summary = await importTransfersFile(ctx, CLI_ACTOR, input, `vardnav transfers import ${file}`);
        if (format === "json") return writeJson(io, summary);
        io.stdout.write(
          `Region ${summary.region}: ${summary.created} new, ${summary.newVersions} new versions\n` +
            formatTable(
              ["id", "version"],
              summary.transfers.map((t) => [t.id, t.version]),
            ),
        );
      });
    });

  group
    .command("list")
    .description("The register: the latest version of each transfer")
    .requiredOption("--region <code>")
    .option("--status <status>", TRANSFER_STATUSES.join(" | "))
    .option("--year <yyyy>", "transfers with a month in the year")
    .option("--format <format>", "json or table", "table")
    .action(
      async (opts: { region: string; status?: string; year?: string; format?: string }, command: Command) => {
        const format = parseFormat(opts.format, ["json", "table"] as const, "table");
        if (opts.status !== undefined && !(TRANSFER_STATUSES as readonly string[]).includes(opts.status))
          throw new AppError(
            "bad_request",
            `--status ${opts.status}: use one of ${TRANSFER_STATUSES.join(", ")}.`,
          );
        const year = opts.year === undefined ? undefined : parseYear(opts.year);
        await withRuntime(command, io, "transfers list", async ({ ctx }) => {
          const list = await listTransfers(ctx, CLI_ACTOR, opts.region, {
            status: opts.status as TransferStatus | undefined,
            year,
          });
          if (format === "json") return writeJson(io, list);
          io.stdout.write(
            formatTable(
              ["id", "version", "status", "from", "to", "estimated kr", "compensation kr", "title"],
              list.transfers.map((t) => [
                t.id,
                t.version,
                t.status,
                t.from,
                t.to,
                t.estimatedAnnualCost,
                t.annualCompensation,
                t.title,
              ]),
            ),
          );
        });
      },
    );

  group
    .command("history")
    .description("Every version of a transfer: who, when and what changed")
    .argument("<id>")
    .requiredOption("--region <code>")
    .option("--format <format>", "json or table", "table")
    .action(async (id: string, opts: { region: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "transfers history", async ({ ctx }) => {
        const history = await transferHistory(ctx, CLI_ACTOR, opts.region, id);
        if (format === "json") return writeJson(io, history);
        io.stdout.write(
          formatTable(
            ["version", "at", "by", "source", "changes"],
            history.versions.map((v) => [
              v.version,
              v.at,
              v.by,
              v.source,
              v.changes.map((c) => `${c.field}: ${c.before ?? "–"} → ${c.after ?? "–"}`).join("; "),
            ]),
          ),
        );
      });
    });

  group
    .command("gap")
    .description("The compensation gap of a region and year (FORMATS.md)")
    .requiredOption("--region <code>")
    .requiredOption("--year <yyyy>")
    .option("--format <format>", "json, csv or table", "table")
    .option("--xlsx <file>", "also write the gap as an Excel workbook")
    .action(
      async (opts: { region: string; year: string; format?: string; xlsx?: string }, command: Command) => {
        const format = parseFormat(opts.format, ["json", "csv", "table"] as const, "table");
        const year = parseYear(opts.year);
        await withRuntime(command, io, "transfers gap", async ({ ctx }) => {
          const gap = await transfersGapFor(ctx, CLI_ACTOR, { regionCode: opts.region, year });
          if (opts.xlsx !== undefined) {
            await writeFile(
              opts.xlsx,
              await transfersGapWorkbook(gap, new Date(ctx.clock.now().epochMilliseconds)),
            );
            io.stderr.write(`vardnav transfers gap: wrote ${opts.xlsx}\n`);
          }
          if (format === "json") writeJson(io, gap);
          else if (format === "csv") io.stdout.write(transfersGapCsv(gap));
          else io.stdout.write(gapTable(gap));
        });
      },
    );

  importGroup(program)
    .command("transfer-volumes")
    .description(`Reported volumes of transferred tasks (CSV: ${VOLUME_COLUMNS.join(",")})`)
    .argument("<file>", "CSV file, UTF-8, with a header row")
    .option("--format <format>", "json or table", "table")
    .action(async (file: string, opts: { format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await readable(file);
      const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
      await withRuntime(command, io, "import transfer-volumes", async ({ ctx }) => {
        const summary = await importTransferVolumes(ctx, CLI_ACTOR, stream as AsyncIterable<string>, {
          purpose: `vardnav import transfer-volumes ${file}`,
          source: file,
        });
        for (const r of summary.rejections)
          io.stderr.write(`vardnav import transfer-volumes: ${file}:${r.line}: rejected: ${r.reason}\n`);
        if (summary.rejected > summary.rejections.length)
          io.stderr.write(
            `vardnav import transfer-volumes: … and ${summary.rejected - summary.rejections.length} more rejected rows\n`,
          );
        if (format === "json") writeJson(io, summary);
        else
          io.stdout.write(
            `read ${summary.read}, imported ${summary.imported}, updated ${summary.updated}, rejected ${summary.rejected}\n`,
          );
        if (summary.rejected > 0) process.exitCode = 1;
      });
    });
}
