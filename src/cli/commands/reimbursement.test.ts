import { readFileSync } from "node:fs";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runReimbursement } from "../../domain/reimbursement/index.ts";
import { type ReimbursementCliIo, registerReimbursementCommands } from "./reimbursement.ts";

const EXAMPLES = new URL("../../../../shared/examples/", import.meta.url);
const MODEL_TEXT = readFileSync(new URL("reimbursement-model-2026.json", EXAMPLES), "utf8");
const SNAPSHOT_TEXT = readFileSync(new URL("reimbursement-snapshot-2026-03.json", EXAMPLES), "utf8");

function sink() {
  const chunks: string[] = [];
  const stream = {
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stream, text: () => chunks.join("") };
}

/** Runs `vardnav <args>` against in-memory files and streams; returns what it printed and its status. */
async function run(args: string[], files: Record<string, string>, extra: Partial<ReimbursementCliIo> = {}) {
  const stdout = sink();
  const stderr = sink();
  const program = new Command("vardnav").exitOverride();
  registerReimbursementCommands(program, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`no such file ${path}`), { code: "ENOENT" });
      return text;
    },
    ...extra,
  });
  process.exitCode = undefined;
  await program.parseAsync(args, { from: "user" });
  const status = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { stdout: stdout.text(), stderr: stderr.text(), status };
}

const FILES = { "model.json": MODEL_TEXT, "snapshot.json": SNAPSHOT_TEXT };
const FILE_ARGS = ["reimbursement", "run", "--model", "model.json", "--snapshot", "snapshot.json"];

let savedExitCode: typeof process.exitCode;
beforeEach(() => {
  savedExitCode = process.exitCode;
});
afterEach(() => {
  process.exitCode = savedExitCode;
});

describe("vardnav reimbursement run, file mode", () => {
  it("prints exactly one JSON document, the engine's result, and nothing else", async () => {
    const out = await run([...FILE_ARGS, "--format", "json"], FILES);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe("");
    const expected = runReimbursement(JSON.parse(MODEL_TEXT), JSON.parse(SNAPSHOT_TEXT));
    expect(JSON.parse(out.stdout)).toEqual(expected);
    expect(out.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(JSON.parse(out.stdout).totalOre).toBe("1326285045");
  });

  it("defaults to JSON, and is byte-identical run after run", async () => {
    const a = await run(FILE_ARGS, FILES);
    const b = await run([...FILE_ARGS, "--format", "json"], FILES);
    expect(a.stdout).toBe(b.stdout);
  });

  it("prints a table with --format table", async () => {
    const out = await run([...FILE_ARGS, "--format", "table"], FILES);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Unit (HSA-id)");
    expect(out.stdout).toContain("13 262 850,45");
  });

  it("rejects an invalid model with every problem's JSON path on stderr, nothing on stdout", async () => {
    const model = JSON.parse(MODEL_TEXT);
    model.components[2].annualAmount = "10 MSEK";
    model.components[0].ageWeights[3].from = 40;
    const out = await run(FILE_ARGS, { ...FILES, "model.json": JSON.stringify(model) });
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("invalid input, 1 problem");
    expect(out.stderr).toContain(
      'model model.json: components[2].annualAmount: not a decimal amount (kronor as a string such as "54000000.00")',
    );
    // Rules between fields are checked once the structure is valid.
    model.components[2].annualAmount = "10000000.00";
    const again = await run(FILE_ARGS, { ...FILES, "model.json": JSON.stringify(model) });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(
      "model model.json: components[0].ageWeights[3]: ages 40–64 overlap ageWeights[2] (20–49)",
    );
  });

  it("reports problems in both files, and between them", async () => {
    const snapshot = JSON.parse(SNAPSHOT_TEXT);
    snapshot.units[1].listedByAge["7"] = -3;
    const out = await run(FILE_ARGS, { ...FILES, "snapshot.json": JSON.stringify(snapshot) });
    expect(out.stderr).toContain(
      "snapshot snapshot.json: units[1].listedByAge.7: not a count of listed persons",
    );
    const outOfRange = JSON.parse(SNAPSHOT_TEXT);
    outOfRange.month = "2025-12";
    const out2 = await run(FILE_ARGS, { ...FILES, "snapshot.json": JSON.stringify(outOfRange) });
    expect(out2.status).toBe(1);
    expect(out2.stderr).toContain("snapshot snapshot.json: month: 2025-12 is outside the validity");
  });

  it("reports unreadable and malformed files", async () => {
    const missing = await run(FILE_ARGS, { "model.json": MODEL_TEXT });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("cannot read the snapshot file snapshot.json: ENOENT");
    const malformed = await run(FILE_ARGS, { ...FILES, "model.json": "{ not json" });
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain("the model file model.json is not valid JSON");
    expect(malformed.stdout).toBe("");
  });

  it("prints warnings to stderr and keeps stdout one JSON document", async () => {
    const snapshot = JSON.parse(SNAPSHOT_TEXT);
    snapshot.units[0].homeVisits = 400; // 400 × 2 000 kr = 800 000 kr a month; × 12 > 8.5 MSEK
    const out = await run(FILE_ARGS, { ...FILES, "snapshot.json": JSON.stringify(snapshot) });
    expect(out.status).toBe(0);
    expect(out.stderr).toContain("warning:");
    expect(JSON.parse(out.stdout).warnings[0].code).toBe("per_event_budget_overrun");
  });

  it.each([
    [["--format", "csv"], "unknown --format csv"],
    [["--region", "22"], "cannot be combined with --region"],
  ])("refuses wrong options %j", async (extraArgs, message) => {
    const out = await run([...FILE_ARGS, ...extraArgs], FILES);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe("");
  });

  it("needs both files", async () => {
    const out = await run(["reimbursement", "run", "--model", "model.json"], FILES);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("--model FILE --snapshot FILE");
  });
});

describe("vardnav reimbursement run, database mode", () => {
  it("hands --region, --month, --model and --format to runFromDatabase and exits with its status", async () => {
    const runFromDatabase = vi.fn(async () => 3);
    const out = await run(
      [
        "reimbursement",
        "run",
        "--region",
        "22",
        "--month",
        "2026-03",
        "--model",
        "vasternorrland-2026",
        "--format",
        "table",
      ],
      {},
      { runFromDatabase },
    );
    expect(runFromDatabase).toHaveBeenCalledWith({
      region: "22",
      month: "2026-03",
      model: "vasternorrland-2026",
      format: "table",
    });
    expect(out.status).toBe(3);
  });

  it("omits the model when none is given", async () => {
    const runFromDatabase = vi.fn(async () => 0);
    const out = await run(
      ["reimbursement", "run", "--region", "22", "--month", "2026-03"],
      {},
      { runFromDatabase },
    );
    expect(runFromDatabase).toHaveBeenCalledWith({ region: "22", month: "2026-03", format: "json" });
    expect(out.status).toBe(0);
  });

  it("says clearly when the database mode is not available", async () => {
    const out = await run(["reimbursement", "run", "--region", "22", "--month", "2026-03"], {});
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain("not available");
    expect(out.stdout).toBe("");
  });

  it.each([
    [["--region", "22"], "needs both --region CODE and --month YYYY-MM"],
    [["--region", "Västernorrland", "--month", "2026-03"], "not a two-digit länskod"],
    [["--region", "22", "--month", "2026-3"], "not a month YYYY-MM"],
  ])("refuses %j", async (args, message) => {
    const runFromDatabase = vi.fn(async () => 0);
    const out = await run(["reimbursement", "run", ...args], {}, { runFromDatabase });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(message);
    expect(runFromDatabase).not.toHaveBeenCalled();
  });
});
