import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { AppError } from "../../errors.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import { quarterlyReportQuerySchema } from "../../modules/committee/committee.schemas.ts";
import { committeeSources } from "../../modules/committee/committee-sources.ts";
import { quarterlyReportPdf } from "../../modules/committee/report.pdf.ts";
import { quarterlyReportData } from "../../modules/committee/report.service.ts";
import { type CliIo, withRuntime } from "../shared.ts";

const CLI_ACTOR = systemActor("cli");

export function registerReportCommands(program: Command, io: CliIo): void {
  const report = program.command("report").description("Reports for the committee");
  report
    .command("quarterly")
    .description('The committee\'s quarterly report as PDF (FORMATS.md "Quarterly report")')
    .requiredOption("--region <code>", "region code")
    .requiredOption("--quarter <YYYYQN>", "the quarter, e.g. 2026Q1")
    .requiredOption("--out <file.pdf>", "where to write the PDF")
    .option("--lang <lang>", "sv or en", "sv")
    .action(
      async (opts: { region: string; quarter: string; out: string; lang: string }, command: Command) => {
        const parsed = quarterlyReportQuerySchema.safeParse({
          region: opts.region,
          quarter: opts.quarter,
          lang: opts.lang,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new AppError(
            "bad_request",
            `--${String(issue?.path[0] ?? "input")}: ${issue?.message ?? "invalid"}`,
          );
        }
        const { region, quarter, lang } = parsed.data;
        await withRuntime(command, io, "report quarterly", async ({ ctx }) => {
          const data = await quarterlyReportData(ctx, CLI_ACTOR, committeeSources(), region, quarter);
          const pdf = await quarterlyReportPdf(data, lang);
          await writeFile(opts.out, pdf);
          io.stderr.write(`wrote ${opts.out} (${pdf.length} bytes)\n`);
          io.stdout.write(`${opts.out}\n`);
        });
      },
    );
}
