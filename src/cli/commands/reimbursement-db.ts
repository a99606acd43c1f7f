// Database mode of `vardnav reimbursement`: `run --region --month [--model]` (through the hook of
// reimbursement.ts), and `approve`, `verify`, `compare`, `runs`, `models import|list`, `export`.

import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { formatKronor, formatReimbursementTable, scenarioCsv } from "../../domain/reimbursement/index.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import { runWorkbook, specificationPdf } from "../../modules/reimbursement/reimbursement.exports.ts";
import {
  approveRun,
  compareModels,
  createModel,
  createRun,
  getRunForExport,
  getUnitSpecification,
  listModels,
  listRuns,
  verifyRun,
} from "../../modules/reimbursement/reimbursement.service.ts";
import { type CliIo, formatTable, parseFormat, reportCliError, withRuntime, writeJson } from "../shared.ts";
import type { ReimbursementCliIo, ReimbursementFormat } from "./reimbursement.ts";

const CLI_ACTOR = systemActor("cli");

/** The `runFromDatabase` hook for `vardnav reimbursement run --region --month [--model]`. */
export function reimbursementDatabaseIo(
  program: Command,
  io: CliIo,
): Pick<ReimbursementCliIo, "runFromDatabase"> {
  return {
    runFromDatabase: async (opts: {
      region: string;
      month: string;
      model?: string;
      format: ReimbursementFormat;
    }) => {
      try {
        return await withRuntime(program, io, "reimbursement run", async ({ ctx }) => {
          const run = await createRun(
            ctx,
            CLI_ACTOR,
            opts.model === undefined
              ? { region: opts.region, month: opts.month }
              : { region: opts.region, month: opts.month, model: opts.model },
            `vardnav reimbursement run --region ${opts.region} --month ${opts.month}`,
          );
          for (const warning of run.result.warnings)
            io.stderr.write(`vardnav reimbursement run: warning: ${warning.message}\n`);
          for (const note of run.notes) io.stderr.write(`vardnav reimbursement run: note: ${note}\n`);
          io.stderr.write(
            `vardnav reimbursement run: stored run ${run.id} (draft), model ${run.modelId} version ${run.modelVersion}\n`,
          );
          io.stdout.write(opts.format === "json" ? run.resultText : formatReimbursementTable(run.result));
          return 0;
        });
      } catch (error) {
        reportCliError(io, error);
        return 1;
      }
    },
  };
}

function positiveId(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`not a run id: ${text}`);
  return n;
}

/** The database subcommands, added to the `reimbursement` group that registerReimbursementCommands made. */
export function registerReimbursementDatabaseCommands(program: Command, io: CliIo): void {
  const group =
    program.commands.find((c) => c.name() === "reimbursement") ??
    program.command("reimbursement").description("Vårdval reimbursement");

  group
    .command("approve")
    .description("Approve a draft run: it becomes the month's payment (one per region and month)")
    .argument("<run-id>")
    .option("--format <format>", "json or table", "table")
    .action(async (id: string, opts: { format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "reimbursement approve", async ({ ctx }) => {
        const run = await approveRun(ctx, CLI_ACTOR, positiveId(id), `vardnav reimbursement approve ${id}`);
        if (format === "json") writeJson(io, run);
        else
          io.stdout.write(
            `Run ${run.id} approved: region ${run.regionCode}, ${run.month}, ${formatKronor(BigInt(run.totalOre))} kr\n`,
          );
      });
    });

  group
    .command("verify")
    .description(
      "Recompute a stored run from its snapshot and check that the result is byte for byte the same",
    )
    .argument("<run-id>")
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withRuntime(command, io, "reimbursement verify", async ({ ctx }) => {
        const check = await verifyRun(ctx, CLI_ACTOR, positiveId(id));
        io.stdout.write(
          `${check.reproduced ? "reproduced" : "DIFFERS"} ${check.resultSha256} ${check.recomputedSha256}\n`,
        );
        if (!check.reproduced) process.exitCode = 1;
      });
    });

  group
    .command("runs")
    .description("List the runs of a region")
    .requiredOption("--region <code>")
    .option("--month <yyyy-mm>")
    .option("--format <format>", "json or table", "table")
    .action(async (opts: { region: string; month?: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "reimbursement runs", async ({ ctx }) => {
        const { runs } = await listRuns(ctx, CLI_ACTOR, opts.region, opts.month);
        if (format === "json") return writeJson(io, { runs });
        io.stdout.write(
          formatTable(
            ["id", "month", "model", "status", "total (kr)", "created"],
            runs.map((r) => [
              r.id,
              r.month,
              `${r.modelId} v${r.modelVersion}`,
              r.status,
              formatKronor(BigInt(r.totalOre)),
              r.createdAt,
            ]),
          ),
        );
      });
    });

  group
    .command("compare")
    .description("The month's snapshot under two models, per unit and component, with differences (B − A)")
    .requiredOption("--region <code>")
    .requiredOption("--month <yyyy-mm>")
    .requiredOption("--model-a <id>", "model row id or model id (newest version)")
    .requiredOption("--model-b <id>", "model row id or model id (newest version)")
    .option("--format <format>", "table, csv or json", "table")
    .action(
      async (
        opts: { region: string; month: string; modelA: string; modelB: string; format?: string },
        command: Command,
      ) => {
        const format = parseFormat(opts.format, ["table", "csv", "json"] as const, "table");
        await withRuntime(command, io, "reimbursement compare", async ({ ctx }) => {
          const comparison = await compareModels(ctx, CLI_ACTOR, {
            region: opts.region,
            month: opts.month,
            modelA: opts.modelA,
            modelB: opts.modelB,
          });
          for (const note of comparison.notes)
            io.stderr.write(`vardnav reimbursement compare: note: ${note}\n`);
          if (format === "json") return writeJson(io, comparison);
          if (format === "csv") return void io.stdout.write(scenarioCsv(comparison));
          const kr = (ore: string) => formatKronor(BigInt(ore));
          io.stdout.write(
            `A: ${comparison.modelA.modelId} v${comparison.modelA.version}   B: ${comparison.modelB.modelId} v${comparison.modelB.version}   ${comparison.month}\n`,
          );
          io.stdout.write(
            formatTable(
              ["unit", "name", "component", "A (kr)", "B (kr)", "B − A (kr)"],
              [
                ...comparison.rows.map((r) => [
                  r.hsaId,
                  r.unitName,
                  r.component,
                  kr(r.aOre),
                  kr(r.bOre),
                  kr(r.diffOre),
                ]),
                ...comparison.totals.map((t) => [
                  "Total",
                  "",
                  t.component,
                  kr(t.aOre),
                  kr(t.bOre),
                  kr(t.diffOre),
                ]),
              ],
            ),
          );
        });
      },
    );

  const models = group.command("models").description("Reimbursement models in the database");
  models
    .command("import")
    .description("Store a model file (FORMATS.md shape): a new version when its id exists")
    .argument("<file>")
    .requiredOption("--region <code>")
    .option("--format <format>", "json or table", "table")
    .action(async (file: string, opts: { region: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      const text = await readFile(file, "utf8");
      await withRuntime(command, io, "reimbursement models import", async ({ ctx }) => {
        const model = await createModel(
          ctx,
          CLI_ACTOR,
          opts.region,
          JSON.parse(text),
          `vardnav reimbursement models import ${file}`,
        );
        if (format === "json") writeJson(io, model);
        else io.stdout.write(`Stored model ${model.modelId} version ${model.version} (id ${model.id})\n`);
      });
    });
  models
    .command("list")
    .requiredOption("--region <code>")
    .option("--format <format>", "json or table", "table")
    .action(async (opts: { region: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "reimbursement models list", async ({ ctx }) => {
        const list = await listModels(ctx, CLI_ACTOR, opts.region);
        if (format === "json") return writeJson(io, list);
        io.stdout.write(
          formatTable(
            ["id", "model", "version", "purpose", "valid", "locked", "name"],
            list.models.map((m) => [
              m.id,
              m.modelId,
              m.version,
              m.purpose,
              `${m.validFrom}–${m.validTo ?? ""}`,
              m.locked ? "yes" : "no",
              m.name,
            ]),
          ),
        );
      });
    });

  group
    .command("export")
    .description(
      "Write a run as Excel (--xlsx FILE) and/or one unit's PDF specification (--unit HSA --pdf FILE)",
    )
    .argument("<run-id>")
    .option("--xlsx <file>")
    .option("--unit <hsa-id>")
    .option("--pdf <file>")
    .action(async (id: string, opts: { xlsx?: string; unit?: string; pdf?: string }, command: Command) => {
      await withRuntime(command, io, "reimbursement export", async ({ ctx }) => {
        if (opts.xlsx !== undefined) {
          const { run, unitNames } = await getRunForExport(ctx, CLI_ACTOR, positiveId(id));
          await writeFile(opts.xlsx, await runWorkbook(run, unitNames));
          io.stdout.write(`${opts.xlsx}\n`);
        }
        if (opts.pdf !== undefined && opts.unit !== undefined) {
          const spec = await getUnitSpecification(
            ctx,
            CLI_ACTOR,
            positiveId(id),
            opts.unit,
            `vardnav reimbursement export ${id}`,
          );
          await writeFile(opts.pdf, await specificationPdf(spec));
          io.stdout.write(`${opts.pdf}\n`);
        }
      });
    });
}
