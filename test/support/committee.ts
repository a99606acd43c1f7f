import type { ServiceContext } from "../../src/lib/context.ts";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { approveRun, createRun } from "../../src/modules/reimbursement/reimbursement.service.ts";

// Hand-made rollups for the committee's tests: four hälsocentraler of region 22 with counts chosen so
// every figure can be computed by hand, written straight into stats_unit_day (what every committee view
// reads), one row per unit on the 15th of each month of 2026Q1.
//
//            offered / answered same day (resident: contacts = offered, responded = answered,
//            feedback = answered − 1 where answered > 0; assessment eligible = offered ÷ 2, within3 = ÷ 4)
//   unit A   jan 50/40   feb 10/5    mar 50/40      (February is small: primary suppression)
//   unit B   jan 30/20   feb 30/20   mar 30/20      (the secondary pick in February: next smallest)
//   unit C   jan 200/180 feb 200/180 mar 200/180
//   unit D   jan 200/150 feb 200/150 mar 200/150    (C and D share a kommun apart from A's and B's)
//
// Region, 2026Q1 (hand-computed): offered 1 400, answered 1 135 → SKR and resident rate 0.8107; feedback
// 1 135 − 12 = 1 123 → 0.8021; assessment eligible 55 + 45 + 300 + 300 = 700, within3 26 + 21 + 150 + 150
// = 347 → 0.4957. Kommun of C and D: 990 / 1 200 = 0.825. In February A (10) is withheld and B (30) with
// it, so A's and B's kommuner are withheld for the quarter although January and March alone are shown.
export interface FixtureUnits {
  a: { id: number; hsaId: string; kommunCode: string };
  b: { id: number; hsaId: string; kommunCode: string };
  c: { id: number; hsaId: string; kommunCode: string };
  d: { id: number; hsaId: string; kommunCode: string };
}

const PLAN: Record<keyof FixtureUnits, [offered: number, answered: number][]> = {
  a: [
    [50, 40],
    [10, 5],
    [50, 40],
  ],
  b: [
    [30, 20],
    [30, 20],
    [30, 20],
  ],
  c: [
    [200, 180],
    [200, 180],
    [200, 180],
  ],
  d: [
    [200, 150],
    [200, 150],
    [200, 150],
  ],
};

export const FIXTURE_MONTHS = ["2026-01", "2026-02", "2026-03"] as const;

/** Picks the four units: A and B in two kommuner of their own, C and D together in a third. */
export async function pickFixtureUnits(ctx: ServiceContext): Promise<FixtureUnits> {
  const units = await ctx.db
    .selectFrom("units")
    .select(["id", "hsa_id", "kommun_code"])
    .where("region_code", "=", "22")
    .where("type", "=", "halsocentral")
    .orderBy("hsa_id")
    .execute();
  const byKommun = new Map<string, typeof units>();
  for (const u of units) byKommun.set(u.kommun_code, [...(byKommun.get(u.kommun_code) ?? []), u]);
  const pair = [...byKommun.values()].find((list) => list.length >= 2);
  if (pair === undefined) throw new Error("no kommun with two hälsocentraler in the demo region");
  const others = units.filter((u) => u.kommun_code !== pair[0]?.kommun_code);
  const a = others[0];
  const b = others.find((u) => u.kommun_code !== a?.kommun_code);
  const [c, d] = pair;
  if (!a || !b || !c || !d) throw new Error("not enough units for the fixture");
  const pick = (u: (typeof units)[number]) => ({ id: u.id, hsaId: u.hsa_id, kommunCode: u.kommun_code });
  return { a: pick(a), b: pick(b), c: pick(c), d: pick(d) };
}

export async function seedCommitteeRollups(ctx: ServiceContext): Promise<FixtureUnits> {
  const units = await pickFixtureUnits(ctx);
  const rows = [];
  for (const key of Object.keys(PLAN) as (keyof FixtureUnits)[]) {
    for (const [i, [offered, answered]] of PLAN[key].entries()) {
      rows.push({
        region_code: "22",
        unit_id: units[key].id,
        day: `${FIXTURE_MONTHS[i]}-15`,
        offered,
        answered_same_day: answered,
        contacts: offered,
        responded_same_day: answered,
        feedback_same_day: Math.max(0, answered - 1),
        eligible: Math.floor(offered / 2),
        within3: Math.floor(offered / 4),
      });
    }
  }
  await ctx.db.insertInto("stats_unit_day").values(rows).execute();
  return units;
}

/** Runs and approves March 2026 (the demo's showcase month) so the money figures have an approved month. */
export async function approveMarch(ctx: ServiceContext): Promise<number> {
  const actor = systemActor("test");
  const run = await createRun(ctx, actor, { region: "22", month: "2026-03" }, "test");
  await approveRun(ctx, actor, run.id, "test");
  return run.id;
}
