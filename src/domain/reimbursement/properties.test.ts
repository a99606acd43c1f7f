// Properties the run must hold for any input that run.test.ts does not already cover: all-zero keys leave
// the whole month unallocated and say so, and öre tied between equal keys go to the smaller HSA-ids.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitAnnualIntoMonths } from "./largest-remainder.ts";
import { kronorToOre } from "./rational.ts";
import { runReimbursement } from "./run.ts";
import type { ReimbursementModel, SnapshotUnit } from "./schemas.ts";

const hsaIdsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: 1, maxLength: 20 })
  .map((ids) => ids.map((id) => `SE2321000000-E${String(id).padStart(4, "0")}`));
const amountArb = fc
  .bigInt({ min: 0n, max: 10n ** 11n })
  .map((ore) => `${ore / 100n}.${String(ore % 100n).padStart(2, "0")}`);
const monthArb = fc.integer({ min: 1, max: 12 });

function unitWith(hsaId: string, fields: Partial<SnapshotUnit>): SnapshotUnit {
  return {
    hsaId,
    listedByAge: {},
    ruralPoints: 0,
    multimorbidIdentified: 0,
    homeVisits: 0,
    sameDayRate: "0",
    ...fields,
  };
}

function poolModel(annualAmount: string): ReimbursementModel {
  return {
    id: "prop",
    name: "Property",
    validFrom: "2026-01",
    validTo: "2026-12",
    components: [{ id: "p", label: "Pool", type: "pool", annualAmount, key: "multimorbidIdentified" }],
  };
}

describe("properties of pools", () => {
  it("all-zero keys: every unit gets 0, the whole month is unallocated and reported", () => {
    fc.assert(
      fc.property(hsaIdsArb, amountArb, monthArb, (ids, annual, m) => {
        const month = `2026-${String(m).padStart(2, "0")}`;
        const result = runReimbursement(poolModel(annual), {
          month,
          units: ids.map((id) => unitWith(id, { listedByAge: { "40": 7 } })),
        });
        const monthAmount = splitAnnualIntoMonths(kronorToOre(annual))[m - 1] as bigint;
        for (const u of result.units) expect(u.lines[0]?.amountOre).toBe("0");
        expect(result.components[0]).toMatchObject({ totalOre: "0", unallocatedOre: monthAmount.toString() });
        expect(result.dueOre).toBe(monthAmount.toString());
        const reported = result.warnings.some((w) => w.code === "pool_unallocated" && w.component === "p");
        expect(reported).toBe(monthAmount > 0n);
      }),
    );
  });

  it("ties: units with equal keys differ by at most one öre, and the extra öre go to the smaller HSA-ids", () => {
    fc.assert(
      fc.property(hsaIdsArb, fc.integer({ min: 1, max: 50 }), amountArb, monthArb, (ids, key, annual, m) => {
        const month = `2026-${String(m).padStart(2, "0")}`;
        // Shuffle-independent: give the units in reverse order.
        const units = [...ids].reverse().map((id) => unitWith(id, { multimorbidIdentified: key }));
        const result = runReimbursement(poolModel(annual), { month, units });
        const sorted = [...ids].sort();
        const amounts = sorted.map((id) =>
          BigInt(result.units.find((u) => u.hsaId === id)?.lines[0]?.amountOre ?? "-1"),
        );
        const monthAmount = splitAnnualIntoMonths(kronorToOre(annual))[m - 1] as bigint;
        const base = monthAmount / BigInt(ids.length);
        const extra = Number(monthAmount % BigInt(ids.length));
        amounts.forEach((amount, i) => {
          expect(amount).toBe(i < extra ? base + 1n : base);
        });
      }),
    );
  });
});
