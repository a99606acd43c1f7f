import { describe, expect, it } from "vitest";
import { annualBudgetOre, budgetLine, rateText } from "./follow-up.ts";
import { scenarioCsv } from "./scenario-csv.ts";
import type { ReimbursementComponent } from "./schemas.ts";

describe("rateText", () => {
  it.each([
    [0n, 12n, "0.0000"],
    [3n, 12n, "0.2500"],
    [1n, 3n, "0.3333"], // 0.33333… down
    [2n, 3n, "0.6667"], // 0.66666… up
    [1n, 8n, "0.1250"],
    [1n, 20_000n, "0.0000"], // exactly 0.00005: half to even keeps 0
    [3n, 20_000n, "0.0002"], // exactly 0.00015: half to even goes to 2
    [12n, 12n, "1.0000"],
    [15n, 12n, "1.2500"],
  ])("%d / %d = %s", (count, denominator, expected) => {
    expect(rateText(count, denominator)).toBe(expected);
  });
});

const pool: ReimbursementComponent = {
  id: "pool",
  label: "Pool",
  type: "pool",
  annualAmount: "1200000.00",
  key: "listed",
};
const homeVisits: ReimbursementComponent = {
  id: "hembesok",
  label: "Hembesök",
  type: "perEvent",
  event: "homeVisits",
  price: "500.00",
  annualBudget: "120000.00",
};
const capitation: ReimbursementComponent = {
  id: "vardpeng",
  label: "Vårdpeng",
  type: "capitation",
  annualPricePerPoint: "2000.00",
  ageWeights: [{ from: 0, to: null, weight: "1.0" }],
};
// 10 000 kr a year from July 2026 to June 2027: 2026 holds six of its twelve months.
const grant: ReimbursementComponent = {
  id: "bidrag",
  label: "Bidrag",
  type: "grant",
  grants: [{ unit: "SE1-E1", annualAmount: "10000.00", from: "2026-07", to: "2027-06" }],
};

describe("annualBudgetOre", () => {
  it.each([
    ["capitation has no budget line", capitation, null],
    ["a pool's annual amount", pool, 120_000_000n],
    ["a per-event component's annualBudget", homeVisits, 12_000_000n],
    ["a per-event component without one", { ...homeVisits, annualBudget: undefined }, null],
    // 1 000 000 öre ÷ 12 = 83 333 rest 4: the four extra öre go to January–April (largest remainder, ties
    // in month order), so July–December are 6 × 83 333.
    ["the grant months that fall in the year (July–December)", grant, 499_998n],
  ] as [string, ReimbursementComponent, bigint | null][])("%s", (_name, component, expected) => {
    expect(annualBudgetOre(component, "2026")).toBe(expected);
  });
});

describe("budgetLine", () => {
  it("a pool paid 300 000 kr in 3 of 12 months: a quarter of the budget, on course", () => {
    const line = budgetLine(pool, "2026", { total: 30_000_000n, unallocated: 0n }, 3n);
    expect(line).toEqual({
      component: "pool",
      label: "Pool",
      type: "pool",
      annualOre: "120000000",
      yearToDateOre: "30000000",
      unallocatedOre: "0",
      share: "0.2500",
      monthsShare: "0.2500",
      overrun: false,
      projectedOverrun: false,
      warning: null,
    });
  });

  it("home-care visits at 40 000 kr after 3 months: on course to 160 000 kr > 120 000 kr, warned", () => {
    const line = budgetLine(homeVisits, "2026", { total: 4_000_000n, unallocated: 0n }, 3n);
    expect(line.share).toBe("0.3333");
    expect(line.overrun).toBe(false);
    expect(line.projectedOverrun).toBe(true);
    expect(line.warning).toBe("Hembesök: on course to exceed the budget line (year to date × 12 ÷ 3 months)");
  });

  it("a year to date above the annual amount is an overrun", () => {
    const line = budgetLine(homeVisits, "2026", { total: 12_000_001n, unallocated: 0n }, 11n);
    expect(line.overrun).toBe(true);
    expect(line.warning).toBe("Hembesök: year to date exceeds the budget line");
  });

  it("capitation has no share and never warns", () => {
    const line = budgetLine(capitation, "2026", { total: 99n, unallocated: 1n }, 1n);
    expect(line).toMatchObject({ annualOre: null, share: null, monthsShare: "0.0833", warning: null });
  });
});

describe("scenarioCsv", () => {
  it("one row per unit and component, names quoted when needed, then the totals, CRLF", () => {
    const csv = scenarioCsv({
      rows: [
        {
          hsaId: "SE1-E1",
          unitName: 'Hälsocentral "Norr", Kramfors',
          component: "pool",
          aOre: "100",
          bOre: "150",
          diffOre: "50",
        },
      ],
      totals: [{ component: "total", aOre: "100", bOre: "150", diffOre: "50" }],
    });
    expect(csv).toBe(
      'unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore\r\nSE1-E1,"Hälsocentral ""Norr"", Kramfors",pool,100,150,50\r\n,Total,total,100,150,50\r\n',
    );
  });
});
