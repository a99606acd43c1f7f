import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// `vardnav open-data accessibility` in its own process on the shared example contacts (March 2026). The
// process reads the real clock: March 2026 is published from 8 April 2026, which has passed.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-open-data-cli-"));

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  const region = join(work, "region.json");
  writeFileSync(region, JSON.stringify(exampleRegionFile()));
  expect((await runVardnav(["region", "import", region], { env })).status).toBe(0);
  const csv = join(work, "contacts-v1.csv");
  copyFileSync(new URL("../../../shared/examples/contacts-v1.csv", import.meta.url), csv);
  expect((await runVardnav(["import", "contacts", csv], { env })).status).toBe(0);
});
afterAll(async () => {
  await database.close();
});

describe("vardnav open-data accessibility", () => {
  it("prints one JSON document: every unit under 20 withheld, the region total as stats accessibility gives it", async () => {
    const result = await runVardnav(
      ["open-data", "accessibility", "--region", "22", "--month", "2026-03", "--format", "json"],
      { env },
    );
    expect(result.status).toBe(0);
    const published = JSON.parse(result.stdout);
    const stats = await runVardnav(
      [
        "stats",
        "accessibility",
        "--region",
        "22",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "json",
      ],
      { env },
    );
    const region = JSON.parse(stats.stdout).find((r: { unitHsaId: string | null }) => r.unitHsaId === null);
    expect(published.total.phone).toEqual({ ...region.phone, suppressed: false });
    expect(published.total.resident.contacts).toBe(region.resident.contacts);
    expect(published.total.assessment.rate).toBe(region.assessment.rate);
    // The example's units have fewer than 20 contacts each; the backup team is not listed.
    expect(published.units.map((u: { unitHsaId: string }) => u.unitHsaId)).toEqual([
      "SE2321000000-E0001",
      "SE2321000000-E0002",
      "SE5560001230-E0003",
    ]);
    for (const unit of published.units) expect(unit.resident.contacts ?? null).toBeNull();
  });

  it("refuses a month that is not published, with the reason on stderr", async () => {
    const result = await runVardnav(["open-data", "accessibility", "--region", "22", "--month", "2099-01"], {
      env,
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("published from 2099-02-08");
  });

  it("prints CSV with the region total first", async () => {
    const result = await runVardnav(
      ["open-data", "accessibility", "--region", "22", "--month", "2026-03", "--format", "csv"],
      { env },
    );
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[1]?.startsWith("22,2026-03,,")).toBe(true);
  });
});
