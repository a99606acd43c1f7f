import { describe, expect, it } from "vitest";
import {
  monthsInEffect,
  oreToKronorText,
  type TransferStatus,
  type TransferTerms,
  transferGapLine,
  transferGapTotal,
} from "./gap.ts";

function terms(overrides: Partial<TransferTerms> = {}): TransferTerms {
  return {
    id: "t",
    status: "in_effect",
    from: "2025-04",
    to: null,
    expectedAnnualVolume: 1200,
    estimatedAnnualCostOre: 360_000_000n,
    annualCompensationOre: 180_000_000n,
    ...overrides,
  };
}

describe("monthsInEffect", () => {
  it.each<[string, number, TransferStatus, string, string | null, number]>([
    ["open-ended, whole year", 2026, "in_effect", "2025-04", null, 12],
    ["open-ended, starts in April", 2025, "in_effect", "2025-04", null, 9],
    ["starts after the year", 2024, "in_effect", "2025-04", null, 0],
    ["across a year boundary, first year", 2025, "in_effect", "2025-11", "2026-02", 2],
    ["across a year boundary, second year", 2026, "in_effect", "2025-11", "2026-02", 2],
    ["ended mid-year", 2025, "ended", "2023-03", "2025-06", 6],
    ["ended before the year", 2026, "ended", "2023-03", "2025-06", 0],
    ["ended, whole middle year", 2024, "ended", "2023-03", "2025-06", 12],
    ["decided, starts in September", 2026, "decided", "2026-09", null, 4],
    ["one month", 2026, "in_effect", "2026-05", "2026-05", 1],
    ["December only", 2026, "in_effect", "2026-12", null, 1],
    ["proposed is never in effect", 2026, "proposed", "2025-01", null, 0],
  ])("%s: %i → %i", (_name, year, status, from, to, expected) => {
    expect(monthsInEffect(year, { status, from, to })).toBe(expected);
  });
});

describe("transferGapLine", () => {
  it("reproduces the FORMATS.md example (12 months, 1 350 reported of 1 200 expected)", () => {
    expect(transferGapLine(2026, terms({ id: "hjartsvikt-uppfoljning" }), 1350)).toEqual({
      id: "hjartsvikt-uppfoljning",
      status: "in_effect",
      monthsInEffect: 12,
      estimatedCostOre: 360_000_000n,
      compensationOre: 180_000_000n,
      gapOre: 180_000_000n,
      reportedVolume: 1350,
      costAtReportedVolumeOre: 405_000_000n,
      gapAtReportedVolumeOre: 225_000_000n,
    });
  });

  // The shared example's AK-mottagning: 2 340 000 kr a year, 1 500 000 kr compensation, from 2025-09.
  const ak = terms({
    id: "ak-mottagning",
    from: "2025-09",
    expectedAnnualVolume: 5200,
    estimatedAnnualCostOre: 234_000_000n,
    annualCompensationOre: 150_000_000n,
  });

  it("prorates the first year by its months (4 of 12)", () => {
    const line = transferGapLine(2025, ak, 0);
    // 234 000 000 × 4 / 12 = 78 000 000; 150 000 000 × 4 / 12 = 50 000 000.
    expect([line.monthsInEffect, line.estimatedCostOre, line.compensationOre, line.gapOre]).toEqual([
      4,
      78_000_000n,
      50_000_000n,
      28_000_000n,
    ]);
    expect([line.costAtReportedVolumeOre, line.gapAtReportedVolumeOre]).toEqual([0n, -50_000_000n]);
  });

  it("prices the reported volume at the estimate's unit cost (387 × 2 340 000 kr / 5 200)", () => {
    const line = transferGapLine(2026, ak, 387);
    // 387 × 45 000 öre = 17 415 000 öre; minus the year's compensation 150 000 000.
    expect(line.costAtReportedVolumeOre).toBe(17_415_000n);
    expect(line.gapAtReportedVolumeOre).toBe(-132_585_000n);
  });

  it("gives a proposed transfer 0 everywhere but keeps its reported volume", () => {
    const line = transferGapLine(2026, terms({ status: "proposed", from: "2026-01" }), 50);
    expect(line).toEqual({
      id: "t",
      status: "proposed",
      monthsInEffect: 0,
      estimatedCostOre: 0n,
      compensationOre: 0n,
      gapOre: 0n,
      reportedVolume: 50,
      costAtReportedVolumeOre: 0n,
      gapAtReportedVolumeOre: 0n,
    });
  });

  it("prices nothing at the reported volume when the expected volume is 0", () => {
    const line = transferGapLine(2026, terms({ expectedAnnualVolume: 0 }), 30);
    expect(line.costAtReportedVolumeOre).toBe(0n);
    expect(line.gapAtReportedVolumeOre).toBe(-180_000_000n);
    expect(line.estimatedCostOre).toBe(360_000_000n);
  });

  it("counts an ended transfer's months up to its end only", () => {
    const line = transferGapLine(2025, terms({ status: "ended", from: "2023-03", to: "2025-06" }), 0);
    // 360 000 000 × 6 / 12 and 180 000 000 × 6 / 12.
    expect([line.estimatedCostOre, line.compensationOre, line.gapOre]).toEqual([
      180_000_000n,
      90_000_000n,
      90_000_000n,
    ]);
  });

  it.each<[string, bigint, bigint, bigint]>([
    // cost öre × 1 / 12 lands exactly on a half öre: half to even.
    ["8 333 333.5 → 8 333 334 (up to even)", 100_000_002n, 8_333_334n, 0n],
    ["8 333 334.5 → 8 333 334 (down to even)", 100_000_014n, 8_333_334n, 0n],
    ["0.5 → 0", 6n, 0n, 0n],
    ["1.5 → 2", 18n, 2n, 0n],
  ])("rounds half-öre ties half to even: %s", (_name, costOre, expectedCost) => {
    const line = transferGapLine(
      2026,
      terms({ from: "2026-12", estimatedAnnualCostOre: costOre, annualCompensationOre: costOre }),
      0,
    );
    expect(line.monthsInEffect).toBe(1);
    expect(line.estimatedCostOre).toBe(expectedCost);
    expect(line.compensationOre).toBe(expectedCost);
    expect(line.gapOre).toBe(0n);
  });

  it.each<[number, bigint, number, bigint]>([
    [1, 3n, 2, 2n], // 1.5 → 2
    [1, 5n, 2, 2n], // 2.5 → 2
    [1, 100_000_001n, 2, 50_000_000n], // 50 000 000.5 → 50 000 000
    [3, 7n, 2, 10n], // 10.5 → 10
  ])(
    "rounds the cost at the reported volume half to even: %i × %i / %i → %i",
    (volume, cost, expected, ore) => {
      const line = transferGapLine(
        2026,
        terms({ estimatedAnnualCostOre: cost, annualCompensationOre: 0n, expectedAnnualVolume: expected }),
        volume,
      );
      expect(line.costAtReportedVolumeOre).toBe(ore);
      expect(line.gapAtReportedVolumeOre).toBe(ore);
    },
  );

  it("takes the gap between the rounded amounts", () => {
    // 6 öre and 18 öre for one month: 0.5 → 0 and 1.5 → 2, so the gap is 0 − 2, not round(−1) = −1.
    const line = transferGapLine(
      2026,
      terms({ from: "2026-12", estimatedAnnualCostOre: 6n, annualCompensationOre: 18n }),
      0,
    );
    expect(line.gapOre).toBe(-2n);
  });
});

describe("transferGapTotal", () => {
  it("sums the rounded amounts, proposed lines adding 0", () => {
    const lines = [
      transferGapLine(2026, terms({ id: "a" }), 1350),
      transferGapLine(2026, terms({ id: "b", status: "proposed" }), 10),
      transferGapLine(
        2026,
        terms({ id: "c", from: "2026-12", estimatedAnnualCostOre: 18n, annualCompensationOre: 6n }),
        0,
      ),
    ];
    expect(transferGapTotal(lines)).toEqual({
      estimatedCostOre: 360_000_002n,
      compensationOre: 180_000_000n,
      gapOre: 180_000_002n,
      costAtReportedVolumeOre: 405_000_000n,
      gapAtReportedVolumeOre: 225_000_000n,
    });
  });

  it("is 0 for no transfers", () => {
    expect(transferGapTotal([]).gapOre).toBe(0n);
  });
});

describe("oreToKronorText", () => {
  it.each([
    [0n, "0.00"],
    [5n, "0.05"],
    [360_000_000n, "3600000.00"],
    [123_456n, "1234.56"],
    [-150n, "-1.50"],
  ])("%i öre → %s", (ore, text) => {
    expect(oreToKronorText(ore)).toBe(text);
  });
});
