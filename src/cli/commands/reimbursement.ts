// `vardnav reimbursement run` (FORMATS.md, "Reimbursement"). File mode computes a month from a model file
// and a snapshot file alone, touching no database: the audit and what-if path, and a public contract that
// regions script against. Database mode is delegated to `io.runFromDatabase`.
import type { Command } from "commander";
import {
  formatReimbursementTable,
  type ReimbursementIssue,
  tryRunReimbursement,
} from "../../domain/reimbursement/index.ts";

export type ReimbursementFormat = "json" | "table";

export interface ReimbursementCliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  readFile: (path: string) => Promise<string>;
  /** Database mode: takes the snapshot from the database, stores the run, prints it; resolves to the exit status. */
  runFromDatabase?: (opts: {
    region: string;
    month: string;
    model?: string;
    format: ReimbursementFormat;
  }) => Promise<number>;
}

interface RunOptions {
  model?: string;
  snapshot?: string;
  region?: string;
  month?: string;
  format: string;
}

const FORMATS = ["json", "table"] as const;
const PREFIX = "vardnav reimbursement run";
/** Exit status for input that is wrong (unreadable, not JSON, invalid model or snapshot). */
const EXIT_INVALID_INPUT = 1;
/** Exit status for a wrong combination of options. */
const EXIT_USAGE = 2;

type FileRead = { ok: true; value: unknown } | { ok: false; message: string };

async function readJson(io: ReimbursementCliIo, what: "model" | "snapshot", path: string): Promise<FileRead> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, message: `cannot read the ${what} file ${path}: ${reason}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `the ${what} file ${path} is not valid JSON: ${(error as Error).message}` };
  }
}

function fail(io: ReimbursementCliIo, status: number, lines: string[]): void {
  for (const line of lines) io.stderr.write(`${line}\n`);
  process.exitCode = status;
}

async function runFileMode(
  io: ReimbursementCliIo,
  files: { model: string; snapshot: string },
  format: ReimbursementFormat,
): Promise<void> {
  const [model, snapshot] = await Promise.all([
    readJson(io, "model", files.model),
    readJson(io, "snapshot", files.snapshot),
  ]);
  const readProblems = [model, snapshot].flatMap((r) => (r.ok ? [] : [`${PREFIX}: ${r.message}`]));
  if (!model.ok || !snapshot.ok) return fail(io, EXIT_INVALID_INPUT, readProblems);

  const outcome = tryRunReimbursement(model.value, snapshot.value);
  if (!outcome.ok) {
    const fileOf = (issue: ReimbursementIssue) => (issue.input === "model" ? files.model : files.snapshot);
    const count = outcome.issues.length;
    return fail(io, EXIT_INVALID_INPUT, [
      `${PREFIX}: invalid input, ${count} problem${count === 1 ? "" : "s"}:`,
      ...outcome.issues.map((issue) => `  ${issue.input} ${fileOf(issue)}: ${issue.path}: ${issue.message}`),
    ]);
  }
  for (const warning of outcome.result.warnings) io.stderr.write(`${PREFIX}: warning: ${warning.message}\n`);
  io.stdout.write(
    format === "json"
      ? `${JSON.stringify(outcome.result, null, 2)}\n`
      : formatReimbursementTable(outcome.result),
  );
}

async function runAction(io: ReimbursementCliIo, opts: RunOptions): Promise<void> {
  const format = opts.format as ReimbursementFormat;
  if (!FORMATS.includes(format)) {
    return fail(io, EXIT_USAGE, [`${PREFIX}: unknown --format ${opts.format}; use json or table`]);
  }
  const dbOptions = [
    opts.region !== undefined ? "--region" : "",
    opts.month !== undefined ? "--month" : "",
  ].filter((o) => o !== "");

  if (opts.snapshot !== undefined || dbOptions.length === 0) {
    if (dbOptions.length > 0) {
      return fail(io, EXIT_USAGE, [
        `${PREFIX}: --snapshot (file mode) cannot be combined with ${dbOptions.join(" and ")} (database mode)`,
      ]);
    }
    if (opts.model === undefined || opts.snapshot === undefined) {
      return fail(io, EXIT_USAGE, [
        `${PREFIX}: give --model FILE --snapshot FILE (from files), or --region CODE --month YYYY-MM [--model ID] (from the database)`,
      ]);
    }
    return runFileMode(io, { model: opts.model, snapshot: opts.snapshot }, format);
  }

  if (opts.region === undefined || opts.month === undefined) {
    return fail(io, EXIT_USAGE, [`${PREFIX}: database mode needs both --region CODE and --month YYYY-MM`]);
  }
  if (!/^\d{2}$/.test(opts.region)) {
    return fail(io, EXIT_USAGE, [
      `${PREFIX}: --region ${opts.region} is not a two-digit länskod such as "22"`,
    ]);
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) {
    return fail(io, EXIT_USAGE, [`${PREFIX}: --month ${opts.month} is not a month YYYY-MM`]);
  }
  if (io.runFromDatabase === undefined) {
    return fail(io, EXIT_INVALID_INPUT, [
      `${PREFIX}: running from the database (--region/--month) is not available in this build; ` +
        "run from files with --model FILE --snapshot FILE",
    ]);
  }
  const request: { region: string; month: string; model?: string; format: ReimbursementFormat } = {
    region: opts.region,
    month: opts.month,
    format,
  };
  if (opts.model !== undefined) request.model = opts.model;
  const status = await io.runFromDatabase(request);
  if (status !== 0) process.exitCode = status;
}

export function registerReimbursementCommands(program: Command, io: ReimbursementCliIo): void {
  const reimbursement = program.command("reimbursement").description("Vårdval reimbursement");
  reimbursement
    .command("run")
    .description(
      "Compute a month's payments: from files (--model FILE --snapshot FILE, no database) " +
        "or from the database (--region CODE --month YYYY-MM [--model ID])",
    )
    .option("--model <file-or-id>", "model file (file mode) or model id (database mode)")
    .option("--snapshot <file>", "snapshot file (file mode)")
    .option("--region <code>", "region länskod, e.g. 22 (database mode)")
    .option("--month <yyyy-mm>", "month to run (database mode)")
    .option("--format <format>", "json or table", "json")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .action((opts: RunOptions) => runAction(io, opts));
}
