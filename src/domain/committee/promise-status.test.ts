import { describe, expect, it } from "vitest";
import {
  evaluateBudget,
  evaluateSeries,
  evaluateValue,
  type MeasurePoint,
  type PromiseTarget,
  projectYearOre,
} from "./promise-status.ts";

const skr: PromiseTarget = { comparison: "atLeast", value: "0.875" };
const gpRatio: PromiseTarget = { comparison: "atMost", value: "1100" };
const p = (period: string, value: string | null, preliminary = false): MeasurePoint => ({
  period,
  value,
  preliminary,
});

describe("evaluateSeries", () => {
  it.each([
    {
      name: "rate above the national figure, rising",
      points: [p("2026-01", "0.8600"), p("2026-02", "0.8812")],
      target: skr,
      status: "met",
      judged: "2026-02",
      trend: "improving",
    },
    {
      name: "exactly on the target counts as met",
      points: [p("2026-01", "0.8750")],
      target: skr,
      status: "met",
      judged: "2026-01",
      trend: null,
    },
    {
      name: "one ten-thousandth below is not met",
      points: [p("2026-01", "0.8760"), p("2026-02", "0.8749")],
      target: skr,
      status: "not_met",
      judged: "2026-02",
      trend: "worsening",
    },
    {
      name: "a preliminary month is not judged while a complete one exists (no false collapse)",
      points: [p("2026-01", "0.8700"), p("2026-02", "0.9000"), p("2026-03", "0.2000", true)],
      target: skr,
      status: "met",
      judged: "2026-02",
      trend: "improving",
    },
    {
      name: "only a preliminary month: judged on it, without a trend",
      points: [p("2026-03", "0.5000", true)],
      target: skr,
      status: "not_met",
      judged: "2026-03",
      trend: null,
    },
    {
      name: "months without a denominator are skipped",
      points: [p("2026-01", "0.9000"), p("2026-02", null), p("2026-03", "0.9000")],
      target: skr,
      status: "met",
      judged: "2026-03",
      trend: "steady",
    },
    {
      name: "listed per GP: lower is better",
      points: [p("2026-01", "1321.2"), p("2026-02", "1250.0")],
      target: gpRatio,
      status: "not_met",
      judged: "2026-02",
      trend: "improving",
    },
    {
      name: "listed per GP at 1 100 meets the goal",
      points: [p("2026-02", "1100.0")],
      target: gpRatio,
      status: "met",
      judged: "2026-02",
      trend: null,
    },
  ])("$name", ({ points, target, status, judged, trend }) => {
    const result = evaluateSeries(points, target);
    expect(result.status).toBe(status);
    expect(result.judgedOn?.period ?? null).toBe(judged);
    expect(result.trend).toBe(trend);
  });

  it("no figures at all: no data", () => {
    expect(evaluateSeries([p("2026-01", null)], skr)).toEqual({
      status: "no_data",
      judgedOn: null,
      trend: null,
    });
  });
});

describe("evaluateValue", () => {
  it.each([
    ["0.1012", { comparison: "atLeast", value: "0" }, "met"],
    ["-0.0001", { comparison: "atLeast", value: "0" }, "not_met"],
    ["0", { comparison: "atMost", value: "0" }, "met"],
    ["1800000.00", { comparison: "atMost", value: "0" }, "not_met"],
    [null, { comparison: "atMost", value: "0" }, "no_data"],
  ] as const)("%s against %j is %s", (value, target, status) => {
    expect(evaluateValue(value, target)).toBe(status);
  });
});

describe("projectYearOre", () => {
  it.each([
    [0n, 0, null],
    [450_000_000n, 1, 5_400_000_000n],
    // 3 months of 1 416 667 kr 67 öre: × 12 ÷ 3 exactly.
    [425_000_001n, 3, 1_700_000_004n],
    // 7 ÷ 7 × 12: exact; 1 öre × 12 ÷ 5 = 2.4 → 2; 3 öre × 12 ÷ 8 = 4.5 → 4 (half to even); 5 × 12 ÷ 8 = 7.5 → 8.
    [7n, 7, 12n],
    [1n, 5, 2n],
    [3n, 8, 4n],
    [5n, 8, 8n],
  ])("%s öre over %s months → %s", (ytd, months, projected) => {
    expect(projectYearOre(ytd, months)).toBe(projected);
  });

  it("refuses more than twelve months", () => {
    expect(() => projectYearOre(1n, 13)).toThrow(RangeError);
  });
});

describe("evaluateBudget (money promises against the year's projection)", () => {
  const glesbygd: PromiseTarget = { comparison: "atLeast", value: "54000000.00" };
  it.each([
    // Three months of 4 500 000 kr: projection 54 MSEK exactly, share 1.0000.
    { ytd: 1_350_000_000n, months: 3, status: "met", projected: 5_400_000_000n, share: "1.0000" },
    // 1 öre short over three months: projection 4 öre short.
    { ytd: 1_349_999_999n, months: 3, status: "not_met", projected: 5_399_999_996n, share: "1.0000" },
    // Half paid out: 27 of 54 MSEK projected.
    { ytd: 675_000_000n, months: 3, status: "not_met", projected: 2_700_000_000n, share: "0.5000" },
    { ytd: 0n, months: 0, status: "no_data", projected: null, share: null },
  ])("$ytd öre after $months months → $status", ({ ytd, months, status, projected, share }) => {
    expect(evaluateBudget({ yearToDateOre: ytd, monthsPaid: months }, glesbygd)).toEqual({
      status,
      projectedOre: projected,
      projectedShare: share,
    });
  });

  it("home-care visits: 8.5 MSEK budget, 4 months paid 3 000 000 kr → projected 9 MSEK, share 1.0588", () => {
    const result = evaluateBudget(
      { yearToDateOre: 300_000_000n, monthsPaid: 4 },
      { comparison: "atLeast", value: "8500000.00" },
    );
    // 9 000 000 ÷ 8 500 000 = 1.058823… → 1.0588.
    expect(result).toEqual({ status: "met", projectedOre: 900_000_000n, projectedShare: "1.0588" });
  });
});
