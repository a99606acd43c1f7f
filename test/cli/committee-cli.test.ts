import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// `vardnav stats accessibility --by kommun` and `vardnav report quarterly` in their own process, on the
// shared example region and contacts. The example's units lie in three kommuner, one unit each (the backup
// team is left out of kommun rows), so each kommun row equals its unit's hand-derived figures in
// test/cli/statistics-cli.test.ts.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-committee-cli-"));
const EXAMPLE = new URL("../../../shared/examples/contacts-v1.csv", import.meta.url);

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  const csv = join(work, "contacts-v1.csv");
  copyFileSync(EXAMPLE, csv);
  const region = join(work, "region.json");
  writeFileSync(region, JSON.stringify(exampleRegionFile()));
  expect((await runVardnav(["region", "import", region], { env })).status).toBe(0);
  expect((await runVardnav(["import", "contacts", csv], { env })).status).toBe(0);
});
afterAll(async () => {
  await database.close();
});

describe("vardnav stats accessibility --by kommun", () => {
  it("sums each kommun's units per month, with the region row first", async () => {
    const result = await runVardnav(
      [
        "stats",
        "accessibility",
        "--region",
        "22",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--by",
        "kommun",
        "--format",
        "json",
      ],
      { env },
    );
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      kommunCode: string | null;
      period: string;
      phone: unknown;
      resident: { contacts: number; rate: number | null };
    }[];
    expect(rows.map((r) => [r.kommunCode, r.period])).toEqual([
      [null, "2026-03"],
      ["2281", "2026-03"],
      ["2282", "2026-03"],
      ["2283", "2026-03"],
    ]);
    // Kramfors (2282): phone 2 of 4, resident 4 of 7 (statistics-cli.test.ts).
    expect(rows[2]?.phone).toEqual({ offered: 4, answeredSameDay: 2, rate: 0.5 });
    expect(rows[2]?.resident).toMatchObject({ contacts: 7, rate: 0.5714 });
    // Region: 3 of 5 by phone.
    expect(rows[0]?.phone).toEqual({ offered: 5, answeredSameDay: 3, rate: 0.6 });
  });

  it("writes CSV with the kommunkod in the first column", async () => {
    const result = await runVardnav(
      [
        "stats",
        "accessibility",
        "--region",
        "22",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--by",
        "kommun",
        "--format",
        "csv",
      ],
      { env },
    );
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]?.startsWith("kommunCode,period,phone.offered")).toBe(true);
    expect(lines[3]?.startsWith("2282,2026-03,4,2,0.5,7,")).toBe(true);
  });
});

describe("vardnav report quarterly", () => {
  it("writes the PDF and prints its path", async () => {
    const out = join(work, "q1.pdf");
    const result = await runVardnav(
      ["report", "quarterly", "--region", "22", "--quarter", "2026Q1", "--out", out],
      { env },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${out}\n`);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses a quarter that is not YYYYQN, naming the option", async () => {
    const result = await runVardnav(
      ["report", "quarterly", "--region", "22", "--quarter", "2026-03", "--out", join(work, "x.pdf")],
      { env },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("--quarter");
    expect(result.stdout).toBe("");
  });
});
