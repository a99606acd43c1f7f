import type { Command } from "commander";
import { type Config, loadConfig } from "../config.ts";
import { AppError, isAppError } from "../errors.ts";
import { openRuntime, type Runtime, stderrLogger } from "../runtime.ts";

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export function configFor(command: Command, io: CliIo): Config {
  const opts = command.optsWithGlobals<{ dataDir?: string }>();
  return loadConfig(io.env, { dataDir: opts.dataDir });
}

/** Runs a command body with the database open, and always closes it (releasing the data-folder lock). */
export async function withRuntime<T>(
  command: Command,
  io: CliIo,
  purpose: string,
  body: (runtime: Runtime) => Promise<T>,
  runtimeOptions: { resealAtStart?: boolean } = {},
): Promise<T> {
  const config = configFor(command, io);
  const runtime = await openRuntime(config, {
    purpose,
    logger: stderrLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL),
    ...runtimeOptions,
  });
  try {
    return await body(runtime);
  } finally {
    await runtime.close();
  }
}

/** Prints an error the way every command does: the message, then each validation issue on its own line. */
export function reportCliError(io: CliIo, error: unknown): void {
  if (isAppError(error)) {
    io.stderr.write(`vardnav: ${error.message}\n`);
    const issues = (error.details as { issues?: { path: string; message: string }[] } | null)?.issues;
    for (const issue of issues ?? []) io.stderr.write(`  ${issue.path}: ${issue.message}\n`);
    return;
  }
  // An operator sees what went wrong, not the code's insides; the stack only when asked for.
  const message = error instanceof Error ? error.message : String(error);
  const stack = io.env.VARDNAV_DEBUG === "1" && error instanceof Error ? `\n${error.stack ?? ""}` : "";
  io.stderr.write(`vardnav: unexpected error: ${message}${stack}\n`);
  if (!stack) io.stderr.write("  (VARDNAV_DEBUG=1 prints where it happened)\n");
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);
}

export function parseFormat<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const format = (value ?? fallback) as T;
  if (!allowed.includes(format)) {
    throw new AppError("bad_request", `Unknown --format ${value}; use one of ${allowed.join(", ")}.`);
  }
  return format;
}

/** Plain aligned columns for `--format table`. */
export function formatTable(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? "" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return `${cells
    .map((r) =>
      r
        .map((c, i) => (c ?? "").padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}
