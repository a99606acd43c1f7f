import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";
import { E1, EXAMPLE_MODEL, exampleCsvs } from "../support/reimbursement.ts";

// The reimbursement commands in their own process, against this file's PostgreSQL database when the run
// has one, else a fresh embedded data folder: imports, a database run equal to file mode byte for byte,
// approval, verification, comparison and exports.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-reimbursement-cli-"));
const EXAMPLES = new URL("../../../shared/examples/", import.meta.url);

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  const region = join(work, "region.json");
  writeFileSync(region, JSON.stringify(exampleRegionFile()));
  const result = await runVardnav(["region", "import", region], { env });
  expect(result.status).toBe(0);
}, 300_000);
afterAll(async () => {
  await database.close();
}, 300_000);

describe("vardnav import (reimbursement inputs)", () => {
  it("rejects bad rows with file:line and reason on stderr, prints the summary, exits non-zero", async () => {
    const file = join(work, "listing-bad.csv");
    writeFileSync(
      file,
      `unit_hsa_id,month,age,sex,count\n${E1},2026-02,30,female,10\n${E1},2026-02,30,mann,3\nNOPE,2026-02,1,male,1\n`,
    );
    const result = await runVardnav(["import", "listing", file], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("read 3, imported 1, updated 0, rejected 2\n");
    expect(result.stderr).toBe(
      `vardnav import listing: ${file}:3: rejected: sex "mann" is not female, male or unknown\n` +
        `vardnav import listing: ${file}:4: rejected: unit_hsa_id "NOPE" is not a known unit\n`,
    );
  }, 300_000);

  it("imports the example month's five files", async () => {
    for (const [kind, text] of Object.entries(exampleCsvs())) {
      const file = join(work, `${kind}.csv`);
      writeFileSync(file, text);
      const result = await runVardnav(["import", kind, file, "--format", "json"], { env });
      expect(result.stderr, kind).toBe("");
      expect(result.status, kind).toBe(0);
      const summary = JSON.parse(result.stdout);
      expect(summary).toMatchObject({ kind, rejected: 0, rejections: [] });
      expect(summary.imported).toBe(summary.read);
    }
  }, 300_000);

  it("says why a missing file cannot be read", async () => {
    const result = await runVardnav(["import", "indices", join(work, "missing.csv")], { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("ENOENT");
    expect(result.stdout).toBe("");
  }, 300_000);
});

describe("vardnav reimbursement (database mode)", () => {
  let runId: string;

  it("runs March from the database and prints exactly what file mode prints for the example", async () => {
    const modelFile = join(work, "model.json");
    writeFileSync(modelFile, JSON.stringify(EXAMPLE_MODEL));
    const stored = await runVardnav(["reimbursement", "models", "import", modelFile, "--region", "22"], {
      env,
    });
    expect(stored.stdout).toMatch(/^Stored model vasternorrland-2026-exempel version 1 \(id \d+\)\n$/);

    const fileMode = await runVardnav([
      "reimbursement",
      "run",
      "--model",
      new URL("reimbursement-model-2026.json", EXAMPLES).pathname,
      "--snapshot",
      new URL("reimbursement-snapshot-2026-03.json", EXAMPLES).pathname,
      "--format",
      "json",
    ]);
    expect(fileMode.status).toBe(0);
    const dbMode = await runVardnav(
      ["reimbursement", "run", "--region", "22", "--month", "2026-03", "--format", "json"],
      { env },
    );
    expect(dbMode.status).toBe(0);
    expect(dbMode.stdout).toBe(fileMode.stdout);
    expect(JSON.parse(dbMode.stdout).totalOre).toBe("1326285045");
    const stored2 = /stored run (\d+) \(draft\)/.exec(dbMode.stderr);
    expect(stored2).not.toBeNull();
    runId = stored2?.[1] as string;

    const table = await runVardnav(
      ["reimbursement", "run", "--region", "22", "--month", "2026-03", "--format", "table"],
      { env },
    );
    expect(table.stdout).toContain("Reimbursement, model vasternorrland-2026-exempel, month 2026-03");
  }, 300_000);

  it("verifies, approves once, and refuses a second approval for the month", async () => {
    const verify = await runVardnav(["reimbursement", "verify", runId], { env });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^reproduced [0-9a-f]{64} [0-9a-f]{64}\n$/);
    const approve = await runVardnav(["reimbursement", "approve", runId], { env });
    expect(approve.stdout).toBe(`Run ${runId} approved: region 22, 2026-03, 13 262 850,45 kr\n`);
    const other = String(Number(runId) + 1);
    const again = await runVardnav(["reimbursement", "approve", other], { env });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`already has an approved run for 2026-03 (run ${runId})`);
    const runs = await runVardnav(["reimbursement", "runs", "--region", "22", "--format", "json"], { env });
    expect(JSON.parse(runs.stdout).runs.map((r: { id: number; status: string }) => [r.id, r.status])).toEqual(
      [
        [Number(other), "draft"],
        [Number(runId), "approved"],
      ],
    );
  }, 300_000);

  it("compares two models as CSV and writes the PDF and Excel exports", async () => {
    const what = {
      ...EXAMPLE_MODEL,
      id: "what-if",
      components: EXAMPLE_MODEL.components.map((c) =>
        c.id === "glesbygd" ? { ...c, annualAmount: "60000000.00" } : c,
      ),
    };
    const file = join(work, "what-if.json");
    writeFileSync(file, JSON.stringify(what));
    expect(
      (await runVardnav(["reimbursement", "models", "import", file, "--region", "22"], { env })).status,
    ).toBe(0);
    const csv = await runVardnav(
      [
        "reimbursement",
        "compare",
        "--region",
        "22",
        "--month",
        "2026-03",
        "--model-a",
        EXAMPLE_MODEL.id,
        "--model-b",
        "what-if",
        "--format",
        "csv",
      ],
      { env },
    );
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split("\r\n");
    expect(lines[0]).toBe("unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore");
    expect(lines).toContain(",Total,glesbygd,450000000,500000000,50000000");

    const pdf = join(work, "spec.pdf");
    const xlsx = join(work, "run.xlsx");
    const exported = await runVardnav(
      ["reimbursement", "export", runId, "--xlsx", xlsx, "--unit", E1, "--pdf", pdf],
      { env },
    );
    expect(exported.stderr).toBe("");
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(readFileSync(xlsx).subarray(0, 2).toString("latin1")).toBe("PK");
  }, 300_000);
});
