// `vardnav id check` (FORMATS.md, "Identity numbers"): a validation report for cleaning listing and
// contact files before import. Invalid numbers are the report's content, not a failure, so the exit
// status is 0 whatever the input holds. Streams line by line: listing files run to hundreds of thousands.
import { createInterface } from "node:readline";
import type { Command } from "commander";
import type { Temporal } from "temporal-polyfill";
import { checkIdLine, formatIdCheckEntry } from "../../domain/identity/index.ts";

export interface IdCliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Today's date in Swedish time: the reference for 10-digit centuries and future birth dates. */
  today: () => Temporal.PlainDate;
}

type IdCheckFormat = "text" | "json";
const FORMATS: readonly IdCheckFormat[] = ["text", "json"];
const PREFIX = "vardnav id check";
/** Exit status for a wrong option (the input itself never makes the command fail). */
const EXIT_USAGE = 2;
const BYTE_ORDER_MARK = "\uFEFF";

/**
 * Collects output into chunks of up to 64 KiB, written when full or once the lines at hand are done
 * (setImmediate), so a piped file is not one write per line yet an interactive line is answered at once.
 * Waits for "drain" before taking more when the reader is slow, so nothing piles up in memory.
 * A reader that goes away (`vardnav id check < file | head`, EPIPE) ends the run quietly, like other
 * Unix filters; any other write error is thrown from `end()`.
 */
function bufferedWriter(stream: NodeJS.WritableStream) {
  const CHUNK = 64 * 1024;
  let buffer = "";
  let scheduled = false;
  let drained: Promise<void> | null = null;
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (error: NodeJS.ErrnoException) => {
    failure ??= error;
  };
  stream.on("error", onError);
  const flush = () => {
    scheduled = false;
    if (buffer === "" || failure !== null) return;
    const chunk = buffer;
    buffer = "";
    if (!stream.write(chunk) && drained === null) {
      drained = new Promise((resolve) => {
        const settle = () => {
          stream.off("drain", settle);
          stream.off("error", settle);
          drained = null;
          resolve();
        };
        stream.on("drain", settle);
        stream.on("error", settle);
      });
    }
  };
  return {
    /** Resolves to false once the reader has gone away: stop producing. */
    async write(text: string): Promise<boolean> {
      if (drained !== null) await drained;
      if (failure !== null) return false;
      buffer += text;
      if (buffer.length >= CHUNK) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return true;
    },
    async end(): Promise<void> {
      try {
        flush();
        if (drained !== null) await drained;
      } finally {
        stream.off("error", onError);
      }
      if (failure !== null && failure.code !== "EPIPE") throw failure;
    },
  };
}

async function runCheck(io: IdCliIo, opts: { format: string }): Promise<void> {
  const format = opts.format as IdCheckFormat;
  if (!FORMATS.includes(format)) {
    io.stderr.write(`${PREFIX}: unknown --format ${opts.format}; use text or json\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const referenceDate = io.today();
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const out = bufferedWriter(io.stdout);
  try {
    let first = true;
    let count = 0;
    let open = format === "json" ? await out.write("[") : true;
    for await (const raw of lines) {
      if (!open) break;
      // A byte-order mark (files saved from Excel) is encoding, not part of the first number.
      const line = first && raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
      first = false;
      // Blank and whitespace-only lines carry no number: skipped rather than reported as invalid.
      if (line.trim() === "") continue;
      const entry = checkIdLine(line, referenceDate);
      open = await out.write(
        format === "json"
          ? `${count === 0 ? "\n" : ",\n"}  ${JSON.stringify(entry)}`
          : `${formatIdCheckEntry(entry)}\n`,
      );
      count++;
    }
    if (format === "json" && open) await out.write(count === 0 ? "]\n" : "\n]\n");
  } finally {
    lines.close();
    await out.end();
  }
}

export function registerIdCommands(program: Command, io: IdCliIo): void {
  const id = program.command("id").description("Swedish identity numbers (personnummer, samordningsnummer)");
  id.command("check")
    .description(
      "Validate identity numbers read one per line on standard input (10 or 12 digits, with or without - or +); " +
        "prints INPUT<TAB>valid|invalid<TAB>personnummer|samordningsnummer|- for each non-blank line",
    )
    .option("--format <format>", "text (tab-separated lines) or json (one array)", "text")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .action((opts: { format: string }) => runCheck(io, opts));
}
