import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors.ts";
import { splitAnnualIntoMonths } from "./largest-remainder.ts";
import { kronorToOre } from "./rational.ts";
import { runReimbursement, tryRunReimbursement } from "./run.ts";
import type {
  ReimbursementComponent,
  ReimbursementModel,
  ReimbursementSnapshot,
  SnapshotUnit,
} from "./schemas.ts";
import type { ReimbursementResult } from "./types.ts";

// ---------------------------------------------------------------------------------------------------------
// Small builders: a model valid for 2026 and snapshot units with every count present.

function model(components: ReimbursementComponent[]): ReimbursementModel {
  return { id: "test-2026", name: "Test", validFrom: "2026-01", validTo: "2026-12", components };
}

function unit(hsaId: string, fields: Partial<SnapshotUnit> = {}): SnapshotUnit {
  return {
    hsaId,
    listedByAge: {},
    indices: {},
    ruralPoints: 0,
    multimorbidIdentified: 0,
    homeVisits: 0,
    sameDayRate: "0",
    ...fields,
  };
}

function snapshot(units: SnapshotUnit[], month = "2026-03"): ReimbursementSnapshot {
  return { month, units };
}

function pool(
  annualAmount: string,
  key: Extract<ReimbursementComponent, { type: "pool" }>["key"],
  extra: object = {},
): ReimbursementComponent {
  return { id: "p", label: "Pool", type: "pool", annualAmount, key, ...extra };
}

/** The amount of one line, in öre, as the string the result carries. */
function amount(result: ReimbursementResult, hsaId: string, component: string): string {
  const line = result.units.find((u) => u.hsaId === hsaId)?.lines.find((l) => l.component === component);
  if (line === undefined) throw new Error(`no line ${hsaId}/${component}`);
  return line.amountOre;
}

function componentTotals(result: ReimbursementResult, id: string) {
  const c = result.components.find((x) => x.component === id);
  return { total: c?.totalOre, unallocated: c?.unallocatedOre };
}

// ---------------------------------------------------------------------------------------------------------

describe("capitation", () => {
  const capitation: ReimbursementComponent = {
    id: "cap",
    label: "Vårdpeng",
    type: "capitation",
    annualPricePerPoint: "1000.00",
    ageWeights: [
      { from: 0, to: 9, weight: "1.5" },
      { from: 10, to: 64, weight: "1.0" },
      { from: 65, to: null, weight: "2.0" },
    ],
    indices: ["acg", "cni"],
  };

  it("prices weighted points × indices ÷ 12, exactly", () => {
    const result = runReimbursement(
      model([capitation]),
      snapshot([
        // points = 10 × 1.5 + 20 × 1.0 + 5 × 2.0 = 45;
        // 1000 kr × 45 × 1.1 × 0.9 ÷ 12 = 44 550 ÷ 12 = 3 712.50 kr = 371 250 öre (exact).
        unit("SE-A", { listedByAge: { "5": 10, "30": 20, "70": 5 }, indices: { acg: "1.1", cni: "0.9" } }),
        // points = 1; 1000 ÷ 12 = 83.333… kr = 8 333.33… öre → 8 333.
        unit("SE-B", { listedByAge: { "40": 1 }, indices: { acg: "1", cni: "1.000" } }),
        // 200 persons at age 100 (open-ended band): 400 points; 1000 × 400 × 1.0001 × 0.5 ÷ 12
        // = 200 020 ÷ 12 = 16 668.333… kr = 1 666 833.33… öre → 1 666 833.
        unit("SE-C", { listedByAge: { "100": 200 }, indices: { acg: "1.0001", cni: "0.5" } }),
      ]),
    );
    expect(amount(result, "SE-A", "cap")).toBe("371250");
    expect(amount(result, "SE-B", "cap")).toBe("8333");
    expect(amount(result, "SE-C", "cap")).toBe("1666833");
    expect(result.units[0]?.lines[0]?.basis).toEqual({
      type: "capitation",
      listed: 35,
      weightedPoints: "45",
      annualPricePerPoint: "1000.00",
      indices: { acg: "1.1", cni: "0.9" },
    });
    expect(componentTotals(result, "cap")).toEqual({
      total: String(371250 + 8333 + 1666833),
      unallocated: "0",
    });
  });

  it.each([
    // price 0.06 kr, weight 1: n persons → n × 0.06 ÷ 12 kr = n × 0.5 öre, rounded half to even.
    [1, "0"], // 0.5 öre → 0
    [3, "2"], // 1.5 öre → 2
    [5, "2"], // 2.5 öre → 2
    [7, "4"], // 3.5 öre → 4
    [2, "1"], // 1.0 öre, no rounding
  ])("rounds once, half to even: %i listed → %s öre", (listed, expected) => {
    const result = runReimbursement(
      model([
        {
          id: "cap",
          label: "C",
          type: "capitation",
          annualPricePerPoint: "0.06",
          ageWeights: [{ from: 0, to: null, weight: "1" }],
        },
      ]),
      snapshot([unit("SE-A", { listedByAge: { "0": listed } })]),
    );
    expect(amount(result, "SE-A", "cap")).toBe(expected);
  });

  it("counts ages without a weight band with weight 0 and warns", () => {
    const result = runReimbursement(
      model([
        {
          id: "cap",
          label: "C",
          type: "capitation",
          annualPricePerPoint: "1200",
          ageWeights: [{ from: 0, to: 64, weight: "1" }],
        },
      ]),
      // Only the two 30-year-olds count: 2 × 1200 ÷ 12 = 200 kr = 20 000 öre.
      snapshot([unit("SE-A", { listedByAge: { "30": 2, "70": 3, "71": 1, "90": 1 } })]),
    );
    expect(amount(result, "SE-A", "cap")).toBe("20000");
    expect(result.units[0]?.lines[0]?.basis).toMatchObject({ listed: 7, listedWithoutWeight: 5 });
    expect(result.warnings).toEqual([
      {
        code: "ages_without_weight",
        component: "cap",
        hsaId: "SE-A",
        message: '5 listed at ages 70–71, 90 have no weight band in "cap" and count with weight 0',
      },
    ]);
  });
});

describe("pool", () => {
  it("splits the month's amount by listed; equal keys and remainders go to the smaller HSA-id", () => {
    // 1 200 kr = 120 000 öre a year = 10 000 öre a month; 3 units with 1 listed each: 3 333 each and one öre
    // left, remainders all 1/3 and keys equal → the smallest HSA-id.
    const listedOne = { listedByAge: { "30": 1 } };
    const result = runReimbursement(
      model([pool("1200.00", "listed")]),
      snapshot([unit("SE-C", listedOne), unit("SE-A", listedOne), unit("SE-B", listedOne)]),
    );
    expect(result.units.map((u) => [u.hsaId, u.lines[0]?.amountOre])).toEqual([
      ["SE-A", "3334"],
      ["SE-B", "3333"],
      ["SE-C", "3333"],
    ]);
    expect(result.components[0]).toMatchObject({
      totalOre: "10000",
      unallocatedOre: "0",
      monthAmountOre: "10000",
    });
  });

  it("gives a tied öre to the larger key before the smaller HSA-id", () => {
    // 0.24 kr = 24 öre a year = 2 öre a month; keys 1 (SE-A) and 3 (SE-B): exact 0.5 and 1.5, equal
    // remainders → the larger key: SE-A 0, SE-B 2.
    const result = runReimbursement(
      model([pool("0.24", "listed")]),
      snapshot([
        unit("SE-A", { listedByAge: { "1": 1 } }),
        unit("SE-B", { listedByAge: { "1": 1, "2": 2 } }),
      ]),
    );
    expect(amount(result, "SE-A", "p")).toBe("0");
    expect(amount(result, "SE-B", "p")).toBe("2");
  });

  it("gives a tied öre of the year to the earlier month", () => {
    // 0.13 kr = 13 öre a year: 1 öre a month and one left over, which January gets.
    const run = (month: string) =>
      runReimbursement(
        model([pool("0.13", "listed")]),
        snapshot([unit("SE-A", { listedByAge: { "1": 1 } })], month),
      );
    expect(amount(run("2026-01"), "SE-A", "p")).toBe("2");
    expect(amount(run("2026-02"), "SE-A", "p")).toBe("1");
    expect(amount(run("2026-12"), "SE-A", "p")).toBe("1");
  });

  it("reports the month's amount as unallocated when every key is 0", () => {
    // 7 MSEK = 700 000 000 öre / 12 = 58 333 333 r 4 → March (month 3 ≤ 4) gets 58 333 334.
    const result = runReimbursement(
      model([pool("7000000.00", "multimorbidIdentified")]),
      snapshot([unit("SE-A", { multimorbidIdentified: 0 }), unit("SE-B", { multimorbidIdentified: 0 })]),
    );
    expect(result.units.map((u) => u.lines[0]?.amountOre)).toEqual(["0", "0"]);
    expect(componentTotals(result, "p")).toEqual({ total: "0", unallocated: "58333334" });
    expect(result.totalOre).toBe("0");
    expect(result.dueOre).toBe("58333334");
    expect(result.warnings.map((w) => w.code)).toEqual(["pool_unallocated"]);
  });

  it("reports a pool as unallocated when the snapshot has no units", () => {
    const result = runReimbursement(model([pool("1200.00", "listed")]), snapshot([]));
    expect(result.units).toEqual([]);
    expect(componentTotals(result, "p")).toEqual({ total: "0", unallocated: "10000" });
  });

  it("gives key 0 below minRuralPoints; exactly the minimum is eligible; fractional points count exactly", () => {
    // 2 700 kr = 270 000 öre / 12 = 22 500 öre a month. Keys: SE-A 9 < 10 → 0; SE-B 10 × 100 = 1 000;
    // SE-C 12.5 × 100 = 1 250. SE-B 22 500 × 1 000 / 2 250 = 10 000, SE-C 22 500 × 1 250 / 2 250 = 12 500.
    const hundred = { "40": 100 };
    const result = runReimbursement(
      model([pool("2700.00", "ruralPointsTimesListed", { minRuralPoints: 10 })]),
      snapshot([
        unit("SE-A", { listedByAge: hundred, ruralPoints: 9 }),
        unit("SE-B", { listedByAge: hundred, ruralPoints: 10 }),
        unit("SE-C", { listedByAge: hundred, ruralPoints: "12.5" }),
      ]),
    );
    expect([amount(result, "SE-A", "p"), amount(result, "SE-B", "p"), amount(result, "SE-C", "p")]).toEqual([
      "0",
      "10000",
      "12500",
    ]);
    expect(result.units.map((u) => u.lines[0]?.basis)).toEqual([
      { type: "pool", key: "0", keyTotal: "2250", monthAmountOre: "22500", eligible: false },
      { type: "pool", key: "1000", keyTotal: "2250", monthAmountOre: "22500", eligible: true },
      { type: "pool", key: "1250", keyTotal: "2250", monthAmountOre: "22500", eligible: true },
    ]);
  });

  it("sameDayGoalMetTimesListed: a rate equal to the threshold meets the goal", () => {
    // 1 440 kr = 144 000 öre / 12 = 12 000 öre a month. SE-A 0.90 ≥ 0.9 → key 10; SE-B 0.8999 < 0.9 → 0;
    // SE-C 1 → key 30. SE-A 12 000 × 10 / 40 = 3 000, SE-C 9 000.
    const result = runReimbursement(
      model([pool("1440.00", "sameDayGoalMetTimesListed", { sameDayThreshold: "0.9" })]),
      snapshot([
        unit("SE-A", { listedByAge: { "50": 10 }, sameDayRate: "0.90" }),
        unit("SE-B", { listedByAge: { "50": 10 }, sameDayRate: "0.8999" }),
        unit("SE-C", { listedByAge: { "50": 30 }, sameDayRate: "1" }),
      ]),
    );
    expect(result.units.map((u) => u.lines[0]?.amountOre)).toEqual(["3000", "0", "9000"]);
  });

  it("splits by home visits", () => {
    // 12 kr = 1 200 öre / 12 = 100 öre a month by 1:2 → exact 33.33 and 66.67 → 33 + 67.
    const result = runReimbursement(
      model([pool("12", "homeVisits")]),
      snapshot([unit("SE-A", { homeVisits: 1 }), unit("SE-B", { homeVisits: 2 })]),
    );
    expect(result.units.map((u) => u.lines[0]?.amountOre)).toEqual(["33", "67"]);
  });
});

describe("perEvent", () => {
  const perEvent = (price: string, annualBudget?: string): ReimbursementComponent => ({
    id: "hv",
    label: "Hemsjukvårdsbesök",
    type: "perEvent",
    event: "homeVisits",
    price,
    ...(annualBudget === undefined ? {} : { annualBudget }),
  });

  it("pays price × events", () => {
    // 2 000 kr × 3 = 6 000 kr = 600 000 öre.
    const result = runReimbursement(
      model([perEvent("2000.00")]),
      snapshot([unit("SE-A", { homeVisits: 3 }), unit("SE-B", { homeVisits: 0 })]),
    );
    expect(result.units.map((u) => u.lines[0]?.amountOre)).toEqual(["600000", "0"]);
    expect(result.units[0]?.lines[0]?.basis).toEqual({
      type: "perEvent",
      event: "homeVisits",
      events: 3,
      price: "2000.00",
    });
  });

  it("rounds each line once, half to even", () => {
    // 0.125 kr × 1 = 12.5 öre → 12; × 3 = 37.5 öre → 38.
    const result = runReimbursement(
      model([perEvent("0.125")]),
      snapshot([unit("SE-A", { homeVisits: 1 }), unit("SE-B", { homeVisits: 3 })]),
    );
    expect(result.units.map((u) => u.lines[0]?.amountOre)).toEqual(["12", "38"]);
  });

  it.each([
    // 3 visits × 2 000 kr = 600 000 öre a month; × 12 = 7 200 000 öre.
    ["70000.00", true], // budget 7 000 000 öre: overrun
    ["72000.00", false], // exactly the budget: no overrun
    ["80000.00", false],
  ])("warns when month × 12 exceeds the annual budget (%s kr → %s)", (budget, warns) => {
    const result = runReimbursement(
      model([perEvent("2000.00", budget)]),
      snapshot([unit("SE-A", { homeVisits: 3 })]),
    );
    expect(result.warnings.some((w) => w.code === "per_event_budget_overrun" && w.component === "hv")).toBe(
      warns,
    );
  });
});

describe("grant", () => {
  const grant = (
    grants: { unit: string; annualAmount: string; from: string; to: string }[],
  ): ReimbursementComponent => ({
    id: "g",
    label: "Riktad",
    type: "grant",
    grants,
  });

  it.each([
    // 1 200 kr = 120 000 öre a year = 10 000 öre a month, paid in months inside [from, to].
    ["2026-03", "2026-03", "2026-03", "10000"], // a one-month period
    ["2026-03", "2026-03", "2026-02", "0"], // before from
    ["2026-03", "2026-03", "2026-04", "0"], // after to
    ["2024-01", "2027-12", "2026-03", "10000"],
    ["2026-04", "2027-12", "2026-03", "0"],
    ["2024-01", "2026-03", "2026-03", "10000"], // to is inclusive
  ])("period %s … %s, month %s → %s öre", (from, to, month, expected) => {
    const result = runReimbursement(
      model([grant([{ unit: "SE-A", annualAmount: "1200.00", from, to }])]),
      snapshot([unit("SE-A")], month),
    );
    expect(amount(result, "SE-A", "g")).toBe(expected);
  });

  it("splits the annual amount by largest remainder: 13 öre → 2 in January, 1 after", () => {
    const run = (month: string) =>
      runReimbursement(
        model([grant([{ unit: "SE-A", annualAmount: "0.13", from: "2026-01", to: "2026-12" }])]),
        snapshot([unit("SE-A")], month),
      );
    expect(amount(run("2026-01"), "SE-A", "g")).toBe("2");
    expect(amount(run("2026-02"), "SE-A", "g")).toBe("1");
  });

  it("adds grants to the same unit, and reports a grant to a unit not in the snapshot as unallocated", () => {
    const result = runReimbursement(
      model([
        grant([
          { unit: "SE-A", annualAmount: "1200.00", from: "2026-01", to: "2026-12" }, // 10 000 öre
          { unit: "SE-A", annualAmount: "12.00", from: "2026-01", to: "2026-12" }, // 100 öre
          { unit: "SE-X", annualAmount: "2400.00", from: "2026-01", to: "2026-12" }, // 20 000 öre
        ]),
      ]),
      snapshot([unit("SE-A"), unit("SE-B")]),
    );
    expect(amount(result, "SE-A", "g")).toBe("10100");
    expect(amount(result, "SE-B", "g")).toBe("0");
    expect(result.components[0]).toMatchObject({
      totalOre: "10100",
      unallocatedOre: "20000",
      monthAmountOre: "30100",
    });
    expect(result.warnings.map((w) => [w.code, w.hsaId])).toEqual([["grant_unit_missing", "SE-X"]]);
  });
});

describe("the result", () => {
  const components: ReimbursementComponent[] = [
    {
      id: "g",
      label: "G",
      type: "grant",
      grants: [{ unit: "SE-B", annualAmount: "120", from: "2026-01", to: "2026-12" }],
    },
    { id: "hv", label: "H", type: "perEvent", event: "homeVisits", price: "10" },
  ];

  it("has every unit sorted by HSA-id with one line per component in model order", () => {
    const result = runReimbursement(
      model(components),
      snapshot([unit("SE-C", { homeVisits: 1 }), unit("SE-A"), unit("SE-B")]),
    );
    expect(
      result.units.map((u) => [u.hsaId, u.lines.map((l) => `${l.component}=${l.amountOre}`), u.totalOre]),
    ).toEqual([
      ["SE-A", ["g=0", "hv=0"], "0"],
      ["SE-B", ["g=1000", "hv=0"], "1000"],
      ["SE-C", ["g=0", "hv=1000"], "1000"],
    ]);
    expect(result.totalOre).toBe("2000");
    expect(Object.keys(result).slice(0, 3)).toEqual(["model", "month", "inputsSha256"]);
    expect(result.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects invalid input with AppError validation_failed and JSON paths", () => {
    const bad = model([{ ...components[1], price: 10 } as unknown as ReimbursementComponent]);
    let caught: unknown;
    try {
      runReimbursement(bad, snapshot([unit("SE-A")]));
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe("validation_failed");
    expect(isAppError(caught) && caught.details).toEqual({
      issues: [
        {
          input: "model",
          path: "components[0].price",
          message: 'not a decimal amount (kronor as a string such as "2000.00")',
        },
      ],
    });
  });

  it("the hash changes with any input and not with the order of units or keys", () => {
    const base = tryRunReimbursement(model(components), snapshot([unit("SE-A"), unit("SE-B")]));
    const reordered = tryRunReimbursement(model(components), {
      units: [unit("SE-B"), { ...unit("SE-A") }],
      month: "2026-03",
    });
    const changed = tryRunReimbursement(
      model(components),
      snapshot([unit("SE-A"), unit("SE-B", { homeVisits: 1 })]),
    );
    if (!base.ok || !reordered.ok || !changed.ok) throw new Error("invalid");
    expect(reordered.result.inputsSha256).toBe(base.result.inputsSha256);
    expect(changed.result.inputsSha256).not.toBe(base.result.inputsSha256);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

/** A non-negative decimal string with up to `maxPlaces` decimals. */
const decimalArb = (maxInt: bigint, maxPlaces: number, min = 0n) =>
  fc.tuple(fc.bigInt({ min, max: maxInt }), fc.integer({ min: 0, max: maxPlaces })).map(([n, places]) => {
    if (places === 0) return n.toString();
    const digits = n.toString().padStart(places + 1, "0");
    return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  });

const listedArb = fc.dictionary(
  fc.integer({ min: 0, max: 110 }).map(String),
  fc.integer({ min: 0, max: 5000 }),
  { maxKeys: 30 },
);

const unitArb = fc.record({
  listedByAge: listedArb,
  ruralPoints: fc.oneof(fc.integer({ min: 0, max: 40 }), decimalArb(4000n, 1)),
  multimorbidIdentified: fc.integer({ min: 0, max: 500 }),
  homeVisits: fc.integer({ min: 0, max: 100 }),
  sameDayRate: decimalArb(100n, 0).map((n) => (n === "100" ? "1" : `0.${n.padStart(2, "0")}`)),
  indices: fc.record({ acg: decimalArb(20000n, 4, 1n) }),
});

const unitsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 25 })
  .chain((ids) =>
    fc
      .array(unitArb, { minLength: ids.length, maxLength: ids.length })
      .map((units) =>
        units.map((u, i) => ({ hsaId: `SE2321000000-E${String(ids[i]).padStart(4, "0")}`, ...u })),
      ),
  );

const monthArb = fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, "0")}`);
const poolKeyArb = fc.constantFrom(
  "listed",
  "ruralPointsTimesListed",
  "multimorbidIdentified",
  "homeVisits",
  "sameDayGoalMetTimesListed",
) as fc.Arbitrary<Extract<ReimbursementComponent, { type: "pool" }>["key"]>;

const poolArb = fc
  .record({
    annualAmount: decimalArb(10n ** 12n, 2),
    key: poolKeyArb,
    minRuralPoints: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    threshold: decimalArb(100n, 0).map((n) => (n === "100" ? "1" : `0.${n.padStart(2, "0")}`)),
  })
  .map(
    ({ annualAmount, key, minRuralPoints, threshold }): ReimbursementComponent => ({
      id: "p",
      label: "P",
      type: "pool",
      annualAmount,
      key,
      ...(minRuralPoints === undefined ? {} : { minRuralPoints }),
      ...(key === "sameDayGoalMetTimesListed" ? { sameDayThreshold: threshold } : {}),
    }),
  );

describe("properties", () => {
  it("every pool adds up exactly: units + unallocated = the month's amount, the 12 months = the year", () => {
    fc.assert(
      fc.property(poolArb, unitsArb, (component, units) => {
        const m = model([component]);
        let year = 0n;
        for (let month = 1; month <= 12; month++) {
          const result = runReimbursement(m, snapshot(units, `2026-${String(month).padStart(2, "0")}`));
          const c = result.components[0];
          const lines = result.units.reduce((sum, u) => sum + BigInt(u.lines[0]?.amountOre ?? "x"), 0n);
          expect(BigInt(c?.totalOre ?? "x")).toBe(lines);
          expect(lines + BigInt(c?.unallocatedOre ?? "x")).toBe(BigInt(c?.monthAmountOre ?? "x"));
          year += BigInt(c?.monthAmountOre ?? "x");
        }
        expect(year).toBe(kronorToOre((component as { annualAmount: string }).annualAmount));
      }),
      { numRuns: 40 },
    );
  });

  it("every grant adds up exactly over its period", () => {
    const grantArb = fc.record({
      annualAmount: decimalArb(10n ** 11n, 2),
      fromMonth: fc.integer({ min: 1, max: 12 }),
      length: fc.integer({ min: 0, max: 12 }),
      toUnit: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(grantArb, { minLength: 1, maxLength: 5 }), (specs) => {
        const grants = specs.map((g) => {
          const toMonth = g.fromMonth + g.length;
          const to =
            toMonth > 12
              ? `2027-${String(toMonth - 12).padStart(2, "0")}`
              : `2026-${String(toMonth).padStart(2, "0")}`;
          return {
            unit: g.toUnit ? "SE-A" : "SE-GONE",
            annualAmount: g.annualAmount,
            from: `2026-${String(g.fromMonth).padStart(2, "0")}`,
            to,
          };
        });
        const m = model([{ id: "g", label: "G", type: "grant", grants }]);
        let paid = 0n;
        let unallocated = 0n;
        for (let month = 1; month <= 12; month++) {
          const result = runReimbursement(
            m,
            snapshot([unit("SE-A")], `2026-${String(month).padStart(2, "0")}`),
          );
          paid += BigInt(result.components[0]?.totalOre ?? "x");
          unallocated += BigInt(result.components[0]?.unallocatedOre ?? "x");
        }
        // Expected, computed per grant: the months of 2026 inside its period, from the 12-way split.
        let expectedPaid = 0n;
        let expectedUnallocated = 0n;
        for (const g of grants) {
          const months = splitAnnualIntoMonths(kronorToOre(g.annualAmount));
          let due = 0n;
          months.forEach((amountOfMonth, i) => {
            const month = `2026-${String(i + 1).padStart(2, "0")}`;
            if (month >= g.from && month <= g.to) due += amountOfMonth;
          });
          if (g.unit === "SE-A") expectedPaid += due;
          else expectedUnallocated += due;
        }
        expect([paid, unallocated]).toEqual([expectedPaid, expectedUnallocated]);
      }),
      { numRuns: 60 },
    );
  });

  it("a grant covering the whole year pays exactly its annual amount", () => {
    fc.assert(
      fc.property(decimalArb(10n ** 13n, 2), (annualAmount) => {
        const m = model([
          {
            id: "g",
            label: "G",
            type: "grant",
            grants: [{ unit: "SE-A", annualAmount, from: "2026-01", to: "2026-12" }],
          },
        ]);
        let paid = 0n;
        for (let month = 1; month <= 12; month++) {
          const result = runReimbursement(
            m,
            snapshot([unit("SE-A")], `2026-${String(month).padStart(2, "0")}`),
          );
          paid += BigInt(result.totalOre);
        }
        expect(paid).toBe(kronorToOre(annualAmount));
      }),
      { numRuns: 50 },
    );
  });

  it("the whole result (hash included) does not depend on the order of the units", () => {
    const everyType: ReimbursementComponent[] = [
      {
        id: "cap",
        label: "C",
        type: "capitation",
        annualPricePerPoint: "3250.00",
        ageWeights: [
          { from: 0, to: 19, weight: "0.9" },
          { from: 20, to: 79, weight: "1.05" },
          { from: 80, to: null, weight: "2.2" },
        ],
        indices: ["acg"],
      },
      {
        id: "rural",
        label: "R",
        type: "pool",
        annualAmount: "54000000.00",
        key: "ruralPointsTimesListed",
        minRuralPoints: 10,
      },
      {
        id: "sd",
        label: "S",
        type: "pool",
        annualAmount: "10000000.00",
        key: "sameDayGoalMetTimesListed",
        sameDayThreshold: "0.5",
      },
      { id: "mm", label: "M", type: "pool", annualAmount: "7000000.01", key: "multimorbidIdentified" },
      {
        id: "hv",
        label: "H",
        type: "perEvent",
        event: "homeVisits",
        price: "2000.00",
        annualBudget: "8500000.00",
      },
    ];
    fc.assert(
      fc.property(unitsArb, monthArb, fc.integer(), (units, month, seed) => {
        const grants = units.slice(0, 3).map((u, i) => ({
          unit: u.hsaId,
          annualAmount: `${1000 + i}.0${i}`,
          from: "2026-01",
          to: "2026-12",
        }));
        const m = model([...everyType, { id: "g", label: "G", type: "grant", grants }]);
        const shuffled = [...units].sort((a, b) => mix(a.hsaId, seed) - mix(b.hsaId, seed));
        const a = JSON.stringify(runReimbursement(m, snapshot(units, month)));
        const b = JSON.stringify(runReimbursement(m, snapshot(shuffled, month)));
        expect(b).toBe(a);
      }),
      { numRuns: 60 },
    );
  });

  it("capitation equals an independent rational computation", () => {
    const bandsArb = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 6 }).chain((cuts) => {
      const starts = [0, ...cuts.sort((x, y) => x - y)];
      return fc
        .tuple(
          fc.array(decimalArb(5000n, 3), { minLength: starts.length, maxLength: starts.length }),
          fc.boolean(),
        )
        .map(([weights, openEnded]) =>
          starts.map((from, i) => ({
            from,
            to: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : openEnded ? null : 100,
            weight: weights[i] as string,
          })),
        );
    });
    fc.assert(
      fc.property(
        decimalArb(10n ** 8n, 4),
        bandsArb,
        fc.array(decimalArb(30000n, 4, 1n), { maxLength: 3 }),
        fc.array(listedArb, { minLength: 1, maxLength: 5 }),
        (price, bands, indexValues, listings) => {
          const indexNames = indexValues.map((_, i) => `i${i}`);
          const units = listings.map((listedByAge, u) =>
            unit(`SE-${u}`, {
              listedByAge,
              indices: Object.fromEntries(indexNames.map((n, i) => [n, indexValues[i] as string])),
            }),
          );
          const result = runReimbursement(
            model([
              {
                id: "cap",
                label: "C",
                type: "capitation",
                annualPricePerPoint: price,
                ageWeights: bands,
                indices: indexNames,
              },
            ]),
            snapshot(units),
          );
          for (const u of units) {
            expect(amount(result, u.hsaId, "cap")).toBe(
              independentCapitationOre(price, bands, u.listedByAge, indexValues).toString(),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * Capitation written another way: every decimal as an integer over a power of ten (no gcd, no rational
 * type), bands looked up linearly per person-age, and half-to-even done on a doubled numerator.
 */
function independentCapitationOre(
  price: string,
  bands: { from: number; to: number | null; weight: string }[],
  listedByAge: Record<string, number>,
  indices: string[],
): bigint {
  const scaled = (text: string) => {
    const [whole, fraction = ""] = text.split(".");
    return { int: BigInt(`${whole}${fraction}`), pow: 10n ** BigInt(fraction.length) };
  };
  const p = scaled(price);
  const weightScale = 10n ** 10n; // every weight here has at most 3 decimals
  let points = 0n; // Σ count × weight × 10^10
  for (const [ageText, count] of Object.entries(listedByAge)) {
    const age = Number(ageText);
    const band = bands.find((b) => age >= b.from && (b.to === null || age <= b.to));
    if (band === undefined) continue;
    const w = scaled(band.weight);
    points += BigInt(count) * ((w.int * weightScale) / w.pow);
  }
  let numerator = p.int * points * 100n;
  let denominator = p.pow * weightScale * 12n;
  for (const text of indices) {
    const i = scaled(text);
    numerator *= i.int;
    denominator *= i.pow;
  }
  // Round half to even: compare 2·numerator with (2q + 1)·denominator.
  const q = numerator / denominator;
  const twice = 2n * numerator;
  const mid = (2n * q + 1n) * denominator;
  if (twice < mid) return q;
  if (twice > mid) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

function mix(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 2654435761);
  return h;
}
