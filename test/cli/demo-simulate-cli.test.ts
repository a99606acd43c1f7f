import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// `vardnav demo simulate` in its own process, against this file's PostgreSQL test database when the run has
// one, else against a fresh embedded data folder.
const FIXTURE = new URL("../fixtures/region-22-example.json", import.meta.url).pathname;
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-sim-cli-"));

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  const imported = await runVardnav(["region", "import", FIXTURE], { env });
  expect(imported.status, imported.stderr).toBe(0);
});
afterAll(async () => {
  await database.close();
  rmSync(work, { recursive: true, force: true });
});

describe("vardnav demo simulate", () => {
  it("checks its options", async () => {
    const rate = await runVardnav(["demo", "simulate", "--region", "22", "--rate", "0"], { env });
    expect(rate.status).not.toBe(0);
    expect(rate.stderr).toContain('--rate must be a number above 0 and at most 600 (got "0")');
    const region = await runVardnav(["demo", "simulate", "--region", "X", "--rate", "2"], { env });
    expect(region.status).not.toBe(0);
    expect(region.stderr).toContain("--region must be a two-digit länskod");
  });

  it("refuses a region that is not a demo region, so real statistics never get synthetic contacts", async () => {
    const result = await runVardnav(
      ["demo", "simulate", "--region", "22", "--rate", "5", "--duration", "1"],
      { env },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Region 22 is not a demo region");
  });

  it("runs for the given duration in a demo region and prints a summary", async () => {
    const marked = await runVardnav(["db", "sql", "update regions set is_demo = true where code = '22'"], {
      env,
    });
    expect(marked.status, marked.stderr).toBe(0);
    const result = await runVardnav(
      ["demo", "simulate", "--region", "22", "--rate", "600", "--duration", "3"],
      {
        env,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ region: "22", ratePerMinute: 600, failed: 0 });
    expect(summary.submitted).toBe(
      summary.bySource.web + summary.bySource.telephony + summary.bySource.staff,
    );
    // One stderr line per contact, and as many contacts in the database.
    const lines = result.stderr.split("\n").filter((l) => / (web|telephony|staff)\//.test(l));
    expect(lines).toHaveLength(summary.submitted);
    const counted = await runVardnav(["db", "sql", "select count(*)::int as n from contacts"], { env });
    expect(JSON.parse(counted.stdout).rows[0].n).toBe(summary.submitted);
  });
});
