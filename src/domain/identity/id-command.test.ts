// Drives `vardnav id check` (src/cli/commands/id.ts) through commander with in-memory streams. It lives
// beside the identity domain it reports on; the command file itself is a thin streaming wrapper.
import { readFileSync } from "node:fs";
import { PassThrough, Readable, Writable } from "node:stream";
import { Command } from "commander";
import { Temporal } from "temporal-polyfill";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerIdCommands } from "../../cli/commands/id.ts";

const VECTORS = new URL("../../../../shared/data/personnummer/", import.meta.url);
const readVectors = (name: string) => JSON.parse(readFileSync(new URL(name, VECTORS), "utf8")) as string[];
const TODAY = Temporal.PlainDate.from("2026-03-15");

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

async function run(args: string[], stdin: NodeJS.ReadableStream, stdout = sink(), today = TODAY) {
  const stderr = sink();
  const program = new Command("vardnav").exitOverride();
  registerIdCommands(program, { stdin, stdout: stdout.stream, stderr: stderr.stream, today: () => today });
  process.exitCode = undefined;
  await program.parseAsync(["id", "check", ...args], { from: "user" });
  const status = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { stdout: stdout.text(), stderr: stderr.text(), status };
}

const input = (text: string) => Readable.from([text]);

let savedExitCode: typeof process.exitCode;
beforeEach(() => {
  savedExitCode = process.exitCode;
});
afterEach(() => {
  process.exitCode = savedExitCode;
});

const MIXED = [
  "19090527+1474",
  "730288-9931",
  "",
  "19000229-2399",
  "   ",
  "  0905271474 ",
  "000101-T220",
  "hello",
].join("\n");

describe("vardnav id check", () => {
  it("prints INPUT<TAB>valid|invalid<TAB>kind for each non-blank line, exit 0, nothing on stderr", async () => {
    const out = await run([], input(`${MIXED}\n`));
    expect(out).toEqual({
      status: 0,
      stderr: "",
      stdout: [
        "19090527+1474\tvalid\tpersonnummer",
        "730288-9931\tvalid\tsamordningsnummer",
        "19000229-2399\tinvalid\t-",
        "  0905271474 \tvalid\tpersonnummer",
        "000101-T220\tinvalid\t-",
        "hello\tinvalid\t-",
        "",
      ].join("\n"),
    });
  });

  it.each([
    ["CRLF line endings", "19090527+1474\r\n19090527-1475\r\n"],
    ["no newline at the end", "19090527+1474\n19090527-1475"],
    ["a byte-order mark", "\uFEFF19090527+1474\n19090527-1475\n"],
    ["blank lines around", "\n\n19090527+1474\n\n19090527-1475\n\n"],
  ])("reads input with %s", async (_what, text) => {
    const out = await run([], input(text));
    expect(out.stdout).toBe("19090527+1474\tvalid\tpersonnummer\n19090527-1475\tinvalid\t-\n");
  });

  it("prints nothing for empty input", async () => {
    expect(await run([], input(""))).toEqual({ status: 0, stderr: "", stdout: "" });
  });

  it("prints one JSON array with --format json", async () => {
    const out = await run(["--format", "json"], input(MIXED));
    expect(out.status).toBe(0);
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout)).toEqual([
      { input: "19090527+1474", valid: true, kind: "personnummer" },
      { input: "730288-9931", valid: true, kind: "samordningsnummer" },
      { input: "19000229-2399", valid: false, kind: null },
      { input: "  0905271474 ", valid: true, kind: "personnummer" },
      { input: "000101-T220", valid: false, kind: null },
      { input: "hello", valid: false, kind: null },
    ]);
    expect(out.stdout.endsWith("]\n")).toBe(true);
  });

  it("prints an empty JSON array for empty input", async () => {
    const out = await run(["--format", "json"], input("\n\n"));
    expect(out.stdout).toBe("[]\n");
    expect(JSON.parse(out.stdout)).toEqual([]);
  });

  it("rejects an unknown --format with exit status 2 and nothing on stdout", async () => {
    const out = await run(["--format", "csv"], input("19090527+1474\n"));
    expect(out).toEqual({
      status: 2,
      stdout: "",
      stderr: "vardnav id check: unknown --format csv; use text or json\n",
    });
  });

  it.each([
    ["2026-03-15", "000229-2399\tvalid\tpersonnummer\n20260316-0017\tinvalid\t-\n"],
    // Before 29 February 2000, 000229 means 1900-02-29, which does not exist; 16 March 2026 is then future.
    ["2000-02-28", "000229-2399\tinvalid\t-\n20260316-0017\tinvalid\t-\n"],
    ["2026-03-16", "000229-2399\tvalid\tpersonnummer\n20260316-0017\tvalid\tpersonnummer\n"],
  ])("takes the century and 'the future' from today (%s)", async (today, expected) => {
    const out = await run([], input("000229-2399\n20260316-0017\n"), sink(), Temporal.PlainDate.from(today));
    expect(out.stdout).toBe(expected);
  });

  it("streams: answers a line before the input has ended", async () => {
    const stdin = new PassThrough();
    const stdout = sink();
    const done = run([], stdin, stdout);
    stdin.write("19090527+1474\n");
    for (let i = 0; i < 50 && stdout.text() === ""; i++) await new Promise((r) => setTimeout(r, 5));
    expect(stdout.text()).toBe("19090527+1474\tvalid\tpersonnummer\n");
    stdin.end("730288-9931\n");
    await done;
    expect(stdout.text()).toBe("19090527+1474\tvalid\tpersonnummer\n730288-9931\tvalid\tsamordningsnummer\n");
  });

  it("waits for a slow reader (backpressure) and loses nothing", async () => {
    const chunks: string[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        setImmediate(done);
      },
    });
    const lines = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? "19090527+1474" : "bad"));
    await run([], input(`${lines.join("\n")}\n`), { stream: slow, text: () => chunks.join("") });
    const printed = chunks.join("").split("\n");
    expect(printed).toHaveLength(501);
    expect(printed[498]).toBe("19090527+1474\tvalid\tpersonnummer");
    expect(printed[499]).toBe("bad\tinvalid\t-");
  });

  it.each([
    ["EPIPE", undefined],
    ["EIO", "write EIO"],
  ])("when stdout fails with %s: stops reading; only a closed pipe is quiet", async (code, thrown) => {
    const broken = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error(`write ${code}`), { code }));
      },
    });
    const lines = Array.from({ length: 200_000 }, () => "19090527+1474");
    const stdin = Readable.from(lines.map((l) => `${l}\n`));
    const outcome = run([], stdin, { stream: broken, text: () => "" });
    if (thrown === undefined) await expect(outcome).resolves.toMatchObject({ status: 0, stderr: "" });
    else await expect(outcome).rejects.toThrow(thrown);
    expect(stdin.readableEnded).toBe(false);
  });

  it("reports every shared test vector valid with its kind", async () => {
    const pins = readVectors("allPins.json");
    const coords = readVectors("allCoords.json");
    const out = await run([], input(`${[...pins, ...coords].join("\n")}\n`));
    const expected = [
      ...pins.map((n) => `${n}\tvalid\tpersonnummer`),
      ...coords.map((n) => `${n}\tvalid\tsamordningsnummer`),
    ];
    expect(out.stdout).toBe(`${expected.join("\n")}\n`);
  });
});
