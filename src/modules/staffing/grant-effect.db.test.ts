import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedExampleRegion, seedUser, settableClock } from "../../../test/support/app.ts";
import type { Actor } from "../../lib/actor.ts";
import { systemActor } from "../audit/audit.service.ts";
import { findUserByUsername } from "../auth/auth.repository.ts";
import { createModel } from "../reimbursement/reimbursement.service.ts";
import { importReimbursementCsv } from "../reimbursement/reimbursement-imports.service.ts";
import { grantEffectFor, listGrants } from "./grant-effect.service.ts";
import { importStaffingCsv } from "./staffing-import.service.ts";

// The grant effect on the database with hand-computed figures: rates from summed rollup counts over the
// group and the period (rows outside the periods ignored), listed per specialist from monthly sums, the
// difference in differences from exact values, and the committee's suppression of a one-unit group.
const E1 = "SE2321000000-E0001";
const E2 = "SE2321000000-E0002";
const E3 = "SE5560001230-E0003";
// 10 May 2026: April is complete from 8 May, so "during" is 2026-03 … 2026-04 and "before" 2026-01 … 2026-02.
const clock = settableClock("2026-05-10T08:00:00Z");
let t: Awaited<ReturnType<typeof createTestContext>>;
const system = systemActor("test");

async function actorOf(username: string): Promise<Actor> {
  const user = await findUserByUsername(t.ctx.db, username);
  if (!user) throw new Error(username);
  return {
    kind: "user",
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    regionCode: user.region_code,
    unitIds: [],
    unitHsaIds: [],
  };
}

beforeAll(async () => {
  t = await createTestContext(clock);
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "utskott.22", role: "committee", regionCode: "22" });
  await createModel(
    t.ctx,
    system,
    "22",
    {
      id: "test-2026",
      name: "Test",
      validFrom: "2026-01",
      validTo: "2026-12",
      components: [
        {
          id: "riktad",
          label: "Riktat stöd",
          type: "grant",
          grants: [{ unit: E1, annualAmount: "1200000.00", from: "2026-03", to: "2026-12" }],
        },
      ],
    },
    "test",
  );
  const units = await t.ctx.db.selectFrom("units").select(["id", "hsa_id"]).execute();
  const id = (hsa: string) => units.find((u) => u.hsa_id === hsa)?.id as number;
  const day = (
    hsa: string,
    d: string,
    offered: number,
    answered: number,
    contacts: number,
    responded: number,
  ) => ({
    region_code: "22",
    unit_id: id(hsa),
    day: d,
    offered,
    answered_same_day: answered,
    contacts,
    responded_same_day: responded,
  });
  await t.ctx.db
    .insertInto("stats_unit_day")
    .values([
      // before the region's periods: the first month with contacts, not inside "before"
      day(E2, "2025-12-31", 100, 0, 100, 0),
      day(E1, "2026-01-15", 10, 5, 12, 6),
      day(E1, "2026-02-10", 9, 7, 10, 7),
      day(E1, "2026-03-05", 30, 24, 30, 27),
      day(E2, "2026-01-20", 50, 40, 60, 45),
      day(E3, "2026-02-03", 30, 20, 40, 30),
      day(E2, "2026-04-30", 40, 34, 50, 40),
      day(E3, "2026-03-31", 60, 48, 50, 41),
      // after "during" (May is not complete): ignored
      day(E1, "2026-05-02", 100, 0, 100, 0),
    ])
    .execute();
  const listing = ["unit_hsa_id,month,age,sex,count"];
  for (const month of ["2026-01", "2026-02", "2026-03", "2026-04"]) {
    listing.push(`${E1},${month},50,female,2200`, `${E2},${month},50,male,1000`);
  }
  await importReimbursementCsv(t.ctx, system, "listing", [`${listing.join("\n")}\n`], { purpose: "test" });
  await importStaffingCsv(
    t.ctx,
    system,
    [
      `unit_hsa_id,month,profession,employment,fte,agency_cost_sek
${E1},2026-01,specialist_allmanmedicin,employed,1.00,
${E1},2026-02,specialist_allmanmedicin,employed,0.50,
${E1},2026-02,specialist_allmanmedicin,agency,0.50,100000
${E1},2026-03,specialist_allmanmedicin,employed,2.00,
${E1},2026-04,specialist_allmanmedicin,employed,2.00,
${E2},2026-01,specialist_allmanmedicin,employed,1.00,
${E2},2026-02,specialist_allmanmedicin,employed,1.00,
${E2},2026-03,specialist_allmanmedicin,employed,1.00,
${E2},2026-04,specialist_allmanmedicin,employed,1.00,
`,
    ],
    { purpose: "test" },
  );
}, 300_000);
afterAll(async () => {
  await t?.database.close();
});

describe("grant effect", () => {
  it("sums counts over the group and the months, and takes the difference in differences exactly", async () => {
    const effect = await grantEffectFor(t.ctx, system, { regionCode: "22", componentId: "riktad" });
    expect(effect).toMatchObject({
      region: "22",
      component: "riktad",
      grantUnits: [E1],
      comparisonUnits: 2,
      before: { from: "2026-01", to: "2026-02" },
      during: { from: "2026-03", to: "2026-04" },
      monthsBefore: 2,
      monthsDuring: 2,
      comparisonUnitHsaIds: [E2, E3],
    });
    const measure = (name: string) => effect.measures.find((m) => m.measure === name);
    // grant: before 12/19 = 0.63158, during 24/30 = 0.8; comparison: before 60/80 = 0.75, during 82/100
    // did = (0.8 − 12/19) − (0.82 − 0.75) = 0.098421… → 0.0984
    expect(measure("skrPhoneRate")).toEqual({
      measure: "skrPhoneRate",
      grant: {
        before: { numerator: 12, denominator: 19, value: 0.6316 },
        during: { numerator: 24, denominator: 30, value: 0.8 },
      },
      comparison: {
        before: { numerator: 60, denominator: 80, value: 0.75 },
        during: { numerator: 82, denominator: 100, value: 0.82 },
      },
      did: 0.0984,
    });
    // (0.9 − 13/22) − (0.81 − 0.75) = 0.249090… → 0.2491
    expect(measure("residentRate")).toMatchObject({
      grant: {
        before: { numerator: 13, denominator: 22, value: 0.5909 },
        during: { numerator: 27, denominator: 30, value: 0.9 },
      },
      comparison: {
        before: { numerator: 75, denominator: 100, value: 0.75 },
        during: { numerator: 81, denominator: 100, value: 0.81 },
      },
      did: 0.2491,
    });
    // grant: 4400 / 2.00 = 2200 before, 4400 / 4.00 = 1100 during; comparison 2000 / 2.00 = 1000 both
    expect(measure("listedPerGp")).toEqual({
      measure: "listedPerGp",
      grant: {
        before: { numerator: 4400, denominator: "2.00", value: 2200 },
        during: { numerator: 4400, denominator: "4.00", value: 1100 },
      },
      comparison: {
        before: { numerator: 2000, denominator: "2.00", value: 1000 },
        during: { numerator: 2000, denominator: "2.00", value: 1000 },
      },
      did: -1100,
    });
    // agency part of the specialists: 0.50 / 2.00 before, none during
    expect(measure("gpAgencyShare")).toMatchObject({
      grant: { before: { value: 0.25 }, during: { value: 0 } },
      did: -0.25,
    });
  });

  it("withholds a one-unit group's contact counts under 20 from the committee", async () => {
    const effect = await grantEffectFor(t.ctx, await actorOf("utskott.22"), {
      regionCode: "22",
      componentId: "riktad",
    });
    const skr = effect.measures.find((m) => m.measure === "skrPhoneRate");
    expect(skr?.grant.before).toEqual({ numerator: null, denominator: null, value: null });
    expect(skr?.grant.during).toEqual({ numerator: 24, denominator: 30, value: 0.8 });
    expect(skr?.did).toBeNull();
    // 22 contacts: shown
    expect(effect.measures.find((m) => m.measure === "residentRate")?.did).toBe(0.2491);
  });

  it("lists the region's grants and names an unknown component", async () => {
    const grants = await listGrants(t.ctx, system, "22");
    expect(grants).toEqual([
      {
        componentId: "riktad",
        label: "Riktat stöd",
        modelId: "test-2026",
        modelVersion: 1,
        grants: [
          {
            unit: E1,
            annualAmount: "1200000.00",
            from: "2026-03",
            to: "2026-12",
            unitName: expect.any(String),
            paidToDateOre: "0",
          },
        ],
        paidToDateOre: "0",
      },
    ]);
    await expect(grantEffectFor(t.ctx, system, { regionCode: "22", componentId: "nope" })).rejects.toThrow(
      "no grant component nope",
    );
  });
});
