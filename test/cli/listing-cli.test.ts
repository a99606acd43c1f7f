import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";
import { E1, E2, E3 } from "../support/reimbursement.ts";

// `vardnav import listing-changes` and `vardnav stats listing-flows` in their own process (FORMATS.md
// "Listing"): broken rows rejected with line and reason while the good rows are kept, a re-import of the
// same (month, from, to) replacing its count, and the flows hand-computed from the example file.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-listing-cli-"));
const EXAMPLE = new URL("../../../shared/examples/listing-changes-v1.csv", import.meta.url);
const BACKUP = "SE2321000000-E0099";

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

async function flows(by: string, format = "json", from = "2026-03", to = "2026-03") {
  return runVardnav(
    ["stats", "listing-flows", "--region", "22", "--from", from, "--to", to, "--by", by, "--format", format],
    {
      env,
    },
  );
}

describe("vardnav import listing-changes", () => {
  it("imports the FORMATS.md example", async () => {
    const file = join(work, "example.csv");
    writeFileSync(file, readFileSync(EXAMPLE, "utf8"));
    const result = await runVardnav(["import", "listing-changes", file], { env });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("read 4, imported 4, updated 0, rejected 0\n");
    expect(result.status).toBe(0);
  }, 300_000);

  it("rejects broken rows with line and reason, keeps the good ones, exits non-zero", async () => {
    const file = join(work, "broken.csv");
    writeFileSync(
      file,
      [
        "month,from_unit_hsa_id,to_unit_hsa_id,count",
        `2026-04,${E1},${E3},10`,
        "2026-04,,,5",
        `2026-04,${E1},${E1},3`,
        `2026-4,${E1},${E2},3`,
        `2026-04,${E2},NOPE,1`,
        `2026-04,${E2},${E3},-1`,
        `2026-04,${E2},${BACKUP},2`,
        `2026-04,${E1},${E3},11`,
        `2026-04,${E2},`,
        `2026-04,,${E2},6`,
        "",
      ].join("\n"),
    );
    const result = await runVardnav(["import", "listing-changes", file, "--format", "json"], { env });
    expect(result.status).toBe(1);
    const p = `vardnav import listing-changes: ${file}`;
    expect(result.stderr).toBe(
      [
        `${p}:3: rejected: from_unit_hsa_id and to_unit_hsa_id are both empty: a change needs a unit`,
        `${p}:4: rejected: from_unit_hsa_id and to_unit_hsa_id are the same unit ${E1}`,
        `${p}:5: rejected: month "2026-4" is not a month YYYY-MM`,
        `${p}:6: rejected: to_unit_hsa_id "NOPE" is not a known unit`,
        `${p}:7: rejected: count "-1" is not a whole number ≥ 0`,
        `${p}:8: rejected: unit ${BACKUP} is a backup team, which lists nobody`,
        `${p}:9: rejected: repeats the month, from and to of line 2`,
        `${p}:10: rejected: has 3 fields, the header 4`,
        "",
      ].join("\n"),
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 10, imported: 2, updated: 0, rejected: 8 });
    // The two good rows are there: E1 → E3 10 and a new listing of 6 at E2.
    const april = JSON.parse((await flows("unit", "json", "2026-04", "2026-04")).stdout);
    expect(april.rows.map((r: { group: string; net: number }) => [r.group, r.net])).toEqual([
      [E1, -10],
      [E2, 6],
      [E3, 10],
    ]);
  }, 300_000);

  it("a re-import of the same (month, from, to) replaces its count", async () => {
    const file = join(work, "again.csv");
    writeFileSync(file, `month,from_unit_hsa_id,to_unit_hsa_id,count\n2026-03,${E1},${E3},40\n`);
    const result = await runVardnav(["import", "listing-changes", file], { env });
    expect(result.stdout).toBe("read 1, imported 0, updated 1, rejected 0\n");
    expect(result.status).toBe(0);
    const march = JSON.parse((await flows("unit")).stdout);
    expect(march.matrix).toContainEqual({ from: E1, to: E3, count: 40 });
    // Put the example's 37 back for the flows below.
    writeFileSync(file, `month,from_unit_hsa_id,to_unit_hsa_id,count\n2026-03,${E1},${E3},37\n`);
    expect((await runVardnav(["import", "listing-changes", file], { env })).status).toBe(0);
  }, 300_000);
});

describe("vardnav stats listing-flows", () => {
  it("by unit, JSON: the example month hand-computed", async () => {
    const result = await flows("unit");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({
      region: "22",
      from: "2026-03",
      to: "2026-03",
      by: "unit",
      monthsWithoutData: [],
    });
    // E1: 21 new + 12 from E3 in; 37 to E3 out → −4. E2: 4 ended → −4. E3: 37 in, 12 out → +25.
    expect(body.rows).toEqual([
      {
        month: "2026-03",
        group: E1,
        name: "Kramfors hälsocentral (exempel)",
        newListings: 21,
        movedIn: 12,
        inflow: 33,
        endedListings: 0,
        movedOut: 37,
        outflow: 37,
        net: -4,
        withinGroup: 0,
      },
      {
        month: "2026-03",
        group: E2,
        name: "Ramsele sjukstuga (exempel)",
        newListings: 0,
        movedIn: 0,
        inflow: 0,
        endedListings: 4,
        movedOut: 0,
        outflow: 4,
        net: -4,
        withinGroup: 0,
      },
      {
        month: "2026-03",
        group: E3,
        name: "Hälsocentralen Norra Sundsvall (exempel, privat)",
        newListings: 0,
        movedIn: 37,
        inflow: 37,
        endedListings: 0,
        movedOut: 12,
        outflow: 12,
        net: 25,
        withinGroup: 0,
      },
    ]);
  }, 300_000);

  it("by ownership, CSV, and the months without data named", async () => {
    const result = await flows("ownership", "csv");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "month,group,name,new_listings,moved_in,inflow,ended_listings,moved_out,outflow,net,within_group\n" +
        "2026-03,private,private,0,37,37,0,12,12,25,0\n" +
        "2026-03,regional,regional,21,12,33,4,37,41,-8,0\n",
    );
    const json = JSON.parse((await flows("type", "json", "2026-02", "2026-03")).stdout);
    expect(json.monthsWithoutData).toEqual(["2026-02"]);
    // Every unit of the example is a hälsocentral or a sjukstuga: E1 → E3 and E3 → E1 stay within.
    expect(json.rows).toContainEqual(
      expect.objectContaining({
        month: "2026-03",
        group: "halsocentral",
        inflow: 21,
        outflow: 0,
        withinGroup: 49,
      }),
    );
  }, 300_000);

  it("as a table, and a clear error for a bad --by", async () => {
    const table = await flows("ownership", "table");
    expect(table.stdout.split("\n")[0]).toMatch(/^month\s+group\s+name\s+new_listings/);
    const bad = await flows("kommun");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe("vardnav: Unknown --by kommun; use one of unit, ownership, type.\n");
    expect(bad.stdout).toBe("");
  }, 300_000);
});
