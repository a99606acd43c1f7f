import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { AppError } from "../../errors.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import { importRegionFile } from "../../modules/regions/regions.service.ts";
import { type CliIo, parseFormat, withRuntime, writeJson } from "../shared.ts";

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new AppError(
      "bad_request",
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("validation_failed", `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export function registerRegionCommands(program: Command, io: CliIo): void {
  const region = program.command("region").description("Regions and their units");
  region
    .command("import")
    .description("Create or update a region and its units (matched by hsaId) from a region file")
    .argument("<file>", "region file (JSON, FORMATS.md)")
    .option("--format <format>", "json or table", "table")
    .action(async (file: string, opts: { format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      const input = await readJsonFile(file);
      await withRuntime(command, io, "region import", async ({ ctx }) => {
        const summary = await importRegionFile(ctx, systemActor("cli"), input, {
          purpose: `vardnav region import ${file}`,
        });
        if (format === "json") writeJson(io, summary);
        else
          io.stdout.write(
            `${summary.region.name} (${summary.region.code}): ${summary.unitsCreated} units created, ${summary.unitsUpdated} updated\n`,
          );
      });
    });
}
