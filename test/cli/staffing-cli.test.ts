import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// `vardnav import staffing`, `vardnav stats staffing` and `vardnav grants effect` in their own process,
// on the example region (E1 in kommun 2282, E2 in 2283, E3 in 2281), with figures computed by hand.
const E1 = "SE2321000000-E0001";
const E2 = "SE2321000000-E0002";
const E3 = "SE5560001230-E0003";
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-staffing-cli-"));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** `total` listed persons of a unit in a month, spread over ages so the import sums several rows. */
function listingRows(unit: string, month: string, total: number): string[] {
  const a = Math.floor(total / 3);
  return [
    `${unit},${month},5,female,${a}`,
    `${unit},${month},40,male,${a}`,
    `${unit},${month},82,unknown,${total - 2 * a}`,
  ];
}

const STAFFING = `unit_hsa_id,month,profession,employment,fte,agency_cost_sek
${E1},2026-03,specialist_allmanmedicin,employed,7.00,
${E1},2026-03,specialist_allmanmedicin,agency,1.50,212500
${E1},2026-03,st_allmanmedicin,employed,2.00,
${E1},2026-03,distriktsskoterska,employed,6.50,
${E2},2026-03,specialist_allmanmedicin,agency,0.40,96000
${E3},2026-03,specialist_allmanmedicin,employed,2,
${E1},2026-04,specialist_allmanmedicin,employed,20.00,
${E2},2026-04,sjukskoterska,employed,3.00,
`;

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  const region = file("region.json", JSON.stringify(exampleRegionFile()));
  expect((await runVardnav(["region", "import", region], { env })).status).toBe(0);
  const listing = [
    "unit_hsa_id,month,age,sex,count",
    ...listingRows(E1, "2026-03", 11230),
    // E2 has no listing in March: listed 0
    ...listingRows(E3, "2026-03", 2200),
    ...listingRows(E1, "2026-04", 22053),
    ...listingRows(E2, "2026-04", 500),
  ];
  const result = await runVardnav(["import", "listing", file("listing.csv", `${listing.join("\n")}\n`)], {
    env,
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 300_000);
afterAll(async () => {
  await database.close();
}, 300_000);

describe("vardnav import staffing", () => {
  it("keeps the good rows of a file with broken rows, names each bad line on stderr, exits non-zero", async () => {
    const path = file(
      "staffing-bad.csv",
      `unit_hsa_id,month,profession,employment,fte,agency_cost_sek
${E1},2026-03,specialist_allmanmedicin,employed,6.00,
${E1},2026-13,specialist_allmanmedicin,employed,1.00,
${E1},2026-03,lakare,employed,1.00,
${E1},2026-03,st_allmanmedicin,hyrd,1.00,
${E1},2026-03,annan_lakare,employed,1.005,
${E1},2026-03,annan,employed,1.00,500
NOPE,2026-03,annan,employed,1.00,
${E1},2026-03,specialist_allmanmedicin,employed,6.50,
`,
    );
    const result = await runVardnav(["import", "staffing", path], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("read 8, imported 1, updated 0, rejected 7\n");
    const prefix = `vardnav import staffing: ${path}`;
    expect(result.stderr).toBe(
      [
        `${prefix}:3: rejected: month "2026-13" is not a month YYYY-MM`,
        `${prefix}:4: rejected: profession "lakare" is not one of specialist_allmanmedicin, st_allmanmedicin, annan_lakare, sjukskoterska, distriktsskoterska, annan`,
        `${prefix}:5: rejected: employment "hyrd" is not employed or agency`,
        `${prefix}:6: rejected: fte "1.005" is not a decimal ≥ 0 with at most two decimals`,
        `${prefix}:7: rejected: agency_cost_sek is given for an employed row (only agency rows have a cost)`,
        `${prefix}:8: rejected: unit_hsa_id "NOPE" is not a known unit`,
        `${prefix}:9: rejected: repeats the row of line 2`,
        "",
      ].join("\n"),
    );
  }, 300_000);

  it("replaces a row imported again and keeps the replaced value in the history", async () => {
    const result = await runVardnav(
      ["import", "staffing", file("staffing.csv", STAFFING), "--format", "json"],
      {
        env,
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    // E1's employed specialists of March (6.00 from the file above) are replaced by 7.00
    expect(JSON.parse(result.stdout)).toEqual({
      read: 8,
      imported: 7,
      updated: 1,
      rejected: 0,
      rejections: [],
    });
    const history = await runVardnav(
      ["db", "sql", "select fte::text as fte, change from staffing_history order by id"],
      { env },
    );
    expect(JSON.parse(history.stdout).rows).toEqual([{ fte: "6.00", change: "replaced" }]);
    const again = await runVardnav(["import", "staffing", file("staffing.csv", STAFFING)], { env });
    expect(again.stdout).toBe("read 8, imported 0, updated 8, rejected 0\n");
  }, 300_000);
});

describe("vardnav stats staffing", () => {
  it("prints the FORMATS.md rows with hand-computed figures (JSON)", async () => {
    const result = await runVardnav(
      ["stats", "staffing", "--region", "22", "--from", "2026-03", "--to", "2026-04", "--format", "json"],
      { env },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    const pick = (r: Record<string, unknown>) => ({
      unitHsaId: r.unitHsaId,
      kommunCode: r.kommunCode,
      month: r.month,
      listed: r.listed,
      gpFte: r.gpFte,
      gpAgencyFte: r.gpAgencyFte,
      listedPerGp: r.listedPerGp,
      neededGpFte: r.neededGpFte,
      gpGapFte: r.gpGapFte,
      shortfallFte: r.shortfallFte,
      meetsGoal: r.meetsGoal,
      units: r.units,
      unitsMeetingGoal: r.unitsMeetingGoal,
    });
    const row = (
      unitHsaId: string | null,
      kommunCode: string | null,
      month: string,
      listed: number,
      gpFte: string,
      gpAgencyFte: string,
      listedPerGp: string | null,
      neededGpFte: string,
      gpGapFte: string,
      shortfallFte: string,
      meetsGoal: boolean,
      units: number,
      unitsMeetingGoal: number,
    ) => ({
      unitHsaId,
      kommunCode,
      month,
      listed,
      gpFte,
      gpAgencyFte,
      listedPerGp,
      neededGpFte,
      gpGapFte,
      shortfallFte,
      meetsGoal,
      units,
      unitsMeetingGoal,
    });
    expect(rows.map(pick)).toEqual([
      // employed and agency specialists: 11230 / 8.5 = 1321.18; 11230/1100 = 10.209; gap 1.709
      row(E1, "2282", "2026-03", 11230, "8.50", "1.50", "1321.2", "10.21", "1.71", "1.71", false, 1, 0),
      // listed 0 with 0.40 agency specialists: ratio 0, surplus, goal met
      row(E2, "2283", "2026-03", 0, "0.40", "0.40", "0.0", "0.00", "-0.40", "0.00", true, 1, 1),
      // exactly at the goal: 2200 / 2 = 1100
      row(E3, "2281", "2026-03", 2200, "2.00", "0.00", "1100.0", "2.00", "0.00", "0.00", true, 1, 1),
      row(null, "2281", "2026-03", 2200, "2.00", "0.00", "1100.0", "2.00", "0.00", "0.00", true, 1, 1),
      row(null, "2282", "2026-03", 11230, "8.50", "1.50", "1321.2", "10.21", "1.71", "1.71", false, 1, 0),
      row(null, "2283", "2026-03", 0, "0.40", "0.40", "0.0", "0.00", "-0.40", "0.00", true, 1, 1),
      // region: 13430 / 10.9 = 1232.11; gap 12.209 − 10.9 = 1.309; shortfall only E1's 1.709
      row(null, null, "2026-03", 13430, "10.90", "1.90", "1232.1", "12.21", "1.31", "1.71", false, 3, 2),
      // a tie at the half: 22053 / 20 = 1102.65 → 1102.7 (half away from zero)
      row(E1, "2282", "2026-04", 22053, "20.00", "0.00", "1102.7", "20.05", "0.05", "0.05", false, 1, 0),
      // gpFte 0 (a nurse only): no ratio, the whole need is short
      row(E2, "2283", "2026-04", 500, "0.00", "0.00", null, "0.45", "0.45", "0.45", false, 1, 0),
      // no listing, no staff: 0 ≤ 0 meets the goal
      row(E3, "2281", "2026-04", 0, "0.00", "0.00", null, "0.00", "0.00", "0.00", true, 1, 1),
      row(null, "2281", "2026-04", 0, "0.00", "0.00", null, "0.00", "0.00", "0.00", true, 1, 1),
      row(null, "2282", "2026-04", 22053, "20.00", "0.00", "1102.7", "20.05", "0.05", "0.05", false, 1, 0),
      row(null, "2283", "2026-04", 500, "0.00", "0.00", null, "0.45", "0.45", "0.45", false, 1, 0),
      // 22553 / 20 = 1127.65 → 1127.7; shortfall 0.0482 + 0.4545 = 0.5027
      row(null, null, "2026-04", 22553, "20.00", "0.00", "1127.7", "20.50", "0.50", "0.50", false, 3, 1),
    ]);
    expect(rows[0]).toMatchObject({ stFte: "2.00", listedPerGpWithSt: "1182.1", agencyCostOre: "21250000" });
  }, 300_000);

  it("prints CSV with the JSON field names and an error for a bad month", async () => {
    const csv = await runVardnav(
      ["stats", "staffing", "--region", "22", "--from", "2026-03", "--to", "2026-03", "--format", "csv"],
      { env },
    );
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trimEnd().split("\n");
    expect(lines[0]?.startsWith("unitHsaId,kommunCode,month,listed,gpFte,gpAgencyFte,listedPerGp")).toBe(
      true,
    );
    expect(lines.at(-1)?.startsWith(",,2026-03,13430,10.90,1.90,1232.1,12.21,1.31,1.71,false,3,2")).toBe(
      true,
    );
    const bad = await runVardnav(
      ["stats", "staffing", "--region", "22", "--from", "2026-3", "--to", "2026-04"],
      {
        env,
      },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("--from YYYY-MM is required");
  }, 300_000);
});

describe("vardnav grants effect", () => {
  it("follows a grant component of the region's model: units, comparison group, periods and listed per GP", async () => {
    const model = {
      id: "test-2026",
      name: "Test model with a grant",
      validFrom: "2026-01",
      validTo: "2026-12",
      components: [
        {
          id: "riktad",
          label: "Riktat bemanningsstöd",
          type: "grant",
          grants: [{ unit: E1, annualAmount: "1200000.00", from: "2026-04", to: "2027-12" }],
        },
      ],
    };
    const stored = await runVardnav(
      ["reimbursement", "models", "import", file("model.json", JSON.stringify(model)), "--region", "22"],
      {
        env,
      },
    );
    expect(stored.stderr).toBe("");
    const result = await runVardnav(
      ["grants", "effect", "--region", "22", "--component", "riktad", "--format", "json"],
      { env },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const effect = JSON.parse(result.stdout);
    expect(effect).toMatchObject({ region: "22", component: "riktad", grantUnits: [E1], comparisonUnits: 2 });
    // No contacts in the region: no month before the grant has data.
    expect(effect.before).toBeNull();
    expect(effect.during.from).toBe("2026-04");
    const listed = effect.measures.find((m: { measure: string }) => m.measure === "listedPerGp");
    // Only April has staffing among the months during: 22053 / 20.00
    expect(listed.grant.during).toEqual({ numerator: 22053, denominator: "20.00", value: 1102.7 });
    // E2 and E3 during: 500 listed, no specialist FTE
    expect(listed.comparison.during).toEqual({ numerator: 500, denominator: "0.00", value: null });
    expect(listed.did).toBeNull();
    const unknown = await runVardnav(["grants", "effect", "--region", "22", "--component", "nope"], { env });
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("no grant component nope");
  }, 300_000);
});
