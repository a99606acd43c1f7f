import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";
import { E1, E2, E3 } from "../support/reimbursement.ts";

// The transfers commands in their own process, on this file's PostgreSQL database when the run has one,
// else a fresh embedded data folder: the shared example register and volumes, a file with broken rows,
// and the gap in every format.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-transfers-cli-"));
const EXAMPLES = new URL("../../../shared/examples/", import.meta.url);
const example = (name: string) => readFileSync(new URL(name, EXAMPLES), "utf8");

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  const region = join(work, "region.json");
  writeFileSync(region, JSON.stringify(exampleRegionFile()));
  expect((await runVardnav(["region", "import", region], { env })).status).toBe(0);
}, 300_000);
afterAll(async () => {
  await database.close();
}, 300_000);

describe("vardnav transfers import", () => {
  it("refuses an invalid file naming the field, and stores nothing", async () => {
    const bad = JSON.parse(example("transfers-v1.json"));
    bad.transfers[0].estimatedAnnualCost = "2 340 000";
    const file = join(work, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const result = await runVardnav(["transfers", "import", file], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("vardnav: The transfers file is not valid.");
    expect(result.stderr).toContain("  transfers[0].estimatedAnnualCost: expected an amount in kronor");
  }, 300_000);

  it("imports the example register", async () => {
    const file = join(work, "transfers.json");
    writeFileSync(file, example("transfers-v1.json"));
    const result = await runVardnav(["transfers", "import", file, "--format", "json"], { env });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      region: "22",
      created: 2,
      newVersions: 0,
      transfers: [
        { id: "ak-mottagning", version: 1 },
        { id: "sarvard-postop", version: 1 },
      ],
    });
  }, 300_000);
});

describe("vardnav import transfer-volumes", () => {
  it("imports the example volumes", async () => {
    const file = join(work, "volumes.csv");
    writeFileSync(file, example("transfer-volumes.csv"));
    const result = await runVardnav(["import", "transfer-volumes", file], { env });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("read 3, imported 3, updated 0, rejected 0\n");
    expect(result.status).toBe(0);
  }, 300_000);

  it("rejects broken rows with file:line and reason, keeps the good ones, exits non-zero", async () => {
    const file = join(work, "volumes-bad.csv");
    writeFileSync(
      file,
      [
        "transfer_id,unit_hsa_id,month,volume",
        `ak-mottagning,${E1},2026-03,200`,
        `ak-mottagning,${E2},2026-3,5`,
        `sarvard-postop,${E2},2026-02,1`,
        `ak-mottagning,${E3},2025-11,12`,
        `ak-mottagning,${E3},2026-02,1.5`,
        "",
      ].join("\n"),
    );
    const result = await runVardnav(["import", "transfer-volumes", file], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("read 5, imported 1, updated 1, rejected 3\n");
    expect(result.stderr).toBe(
      `vardnav import transfer-volumes: ${file}:3: rejected: month "2026-3" is not a month YYYY-MM\n` +
        `vardnav import transfer-volumes: ${file}:4: rejected: unit ${E2} does not take transfer sarvard-postop\n` +
        `vardnav import transfer-volumes: ${file}:6: rejected: volume "1.5" is not a whole number from 0 to 10000000\n`,
    );
  }, 300_000);
});

describe("vardnav transfers list and history", () => {
  it("a re-import is the next version: the list shows it, the history says what changed", async () => {
    const changed = JSON.parse(example("transfers-v1.json"));
    changed.transfers = [{ ...changed.transfers[0], expectedAnnualVolume: 5600 }];
    const file = join(work, "transfers-v2.json");
    writeFileSync(file, JSON.stringify(changed));
    const imported = await runVardnav(["transfers", "import", file], { env });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^Region 22: 0 new, 1 new versions\nid +version\nak-mottagning +2\n$/);
    const list = await runVardnav(
      ["transfers", "list", "--region", "22", "--status", "in_effect", "--format", "json"],
      {
        env,
      },
    );
    expect(
      JSON.parse(list.stdout).transfers.map((t: { id: string; version: number }) => [t.id, t.version]),
    ).toEqual([["ak-mottagning", 2]]);
    const history = await runVardnav(
      ["transfers", "history", "ak-mottagning", "--region", "22", "--format", "json"],
      {
        env,
      },
    );
    expect(history.status).toBe(0);
    const versions = JSON.parse(history.stdout).versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      by: "cli",
      source: "import",
      changes: [{ field: "expectedAnnualVolume", before: "5200", after: "5600" }],
    });
    // Put the example back (version 3), so the gap below is the example's.
    const original = join(work, "transfers.json");
    expect((await runVardnav(["transfers", "import", original], { env })).status).toBe(0);
  }, 300_000);
});

describe("vardnav transfers gap", () => {
  it("prints the FORMATS.md JSON: E1's March replaced (200), November 2025 outside the year", async () => {
    const xlsx = join(work, "gap.xlsx");
    const result = await runVardnav(
      ["transfers", "gap", "--region", "22", "--year", "2026", "--format", "json", "--xlsx", xlsx],
      { env },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`vardnav transfers gap: wrote ${xlsx}\n`);
    expect(existsSync(xlsx)).toBe(true);
    const gap = JSON.parse(result.stdout);
    // Volume 200 + 22 + 204 = 426; 426 × 2 340 000 kr / 5 200 = 191 700 kr.
    expect(gap.transfers[0]).toEqual({
      id: "ak-mottagning",
      status: "in_effect",
      monthsInEffect: 12,
      estimatedCostOre: "234000000",
      compensationOre: "150000000",
      gapOre: "84000000",
      reportedVolume: 426,
      costAtReportedVolumeOre: "19170000",
      gapAtReportedVolumeOre: "-130830000",
      title: "Antikoagulationsbehandling (AK-mottagning) flyttas till hälsocentralerna",
      component: null,
      componentPaidOre: null,
    });
    expect(gap.transfers[1]).toMatchObject({ id: "sarvard-postop", monthsInEffect: 0, gapOre: "0" });
    expect(gap.total).toEqual({
      estimatedCostOre: "234000000",
      compensationOre: "150000000",
      gapOre: "84000000",
      costAtReportedVolumeOre: "19170000",
      gapAtReportedVolumeOre: "-130830000",
    });
    expect(typeof gap.preliminary).toBe("boolean");
  }, 300_000);

  it("prints CSV and a table with the same totals", async () => {
    const csv = await runVardnav(
      ["transfers", "gap", "--region", "22", "--year", "2025", "--format", "csv"],
      {
        env,
      },
    );
    expect(csv.status).toBe(0);
    // 2025: September–December, 4 months: 78 000 000 and 50 000 000 öre; November's 12 × 45 000 öre.
    expect(csv.stdout.trimEnd().split("\n").at(-1)).toBe(
      "total,,,,78000000,50000000,28000000,,540000,-49460000,,",
    );
    const table = await runVardnav(["transfers", "gap", "--region", "22", "--year", "2025"], { env });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(
      /^total\s+780 000,00\s+500 000,00\s+280 000,00\s+5 400,00\s+-494 600,00\s*$/m,
    );
  }, 300_000);

  it("names a bad year and exits non-zero", async () => {
    const result = await runVardnav(["transfers", "gap", "--region", "22", "--year", "26"], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("vardnav: --year 26 is not a year YYYY.\n");
  }, 300_000);
});
