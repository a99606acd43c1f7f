import { describe, expect, it } from "vitest";
import { rational } from "../reimbursement/rational.ts";
import { differenceInDifferences, grantPeriods, lastCompleteMonth, measureResult } from "./grant-effect.ts";

const c = (numerator: number, denominator: number) => ({
  numerator: rational(BigInt(numerator)),
  denominator: rational(BigInt(denominator)),
});

describe("last complete month (complete from the 8th day of the next month)", () => {
  it.each([
    ["2026-12-07", "2026-10"],
    ["2026-12-08", "2026-11"],
    ["2026-01-08", "2025-12"],
    ["2026-01-01", "2025-11"],
  ])("on %s: %s", (today, expected) => {
    expect(lastCompleteMonth(today)).toBe(expected);
  });
});

describe("grant periods", () => {
  const grants = [
    { from: "2024-01", to: "2027-12" },
    { from: "2024-03", to: "2026-06" },
  ];
  it.each([
    {
      name: "during ends at the last complete month; before has as many months, cut at the first data",
      today: "2026-12-06",
      first: "2023-01",
      // during 2024-01 … 2026-10 = 34 months; before would start 2021-03, cut to 2023-01
      expected: { during: { from: "2024-01", to: "2026-10" }, before: { from: "2023-01", to: "2023-12" } },
    },
    {
      name: "a short during gives an equally short before",
      today: "2024-04-10",
      first: "2020-01",
      expected: { during: { from: "2024-01", to: "2024-03" }, before: { from: "2023-10", to: "2023-12" } },
    },
    {
      name: "no complete month yet",
      today: "2024-02-07",
      first: "2023-01",
      expected: { during: null, before: null },
    },
    {
      name: "no data before the grant",
      today: "2025-01-10",
      first: "2024-02",
      expected: { during: { from: "2024-01", to: "2024-12" }, before: null },
    },
  ])("$name", ({ today, first, expected }) => {
    expect(grantPeriods(grants, today, first)).toEqual(expected);
  });

  it("ends at the latest grant end when that comes first", () => {
    expect(grantPeriods([{ from: "2024-01", to: "2024-06" }], "2026-12-06", "2023-01")).toEqual({
      during: { from: "2024-01", to: "2024-06" },
      before: { from: "2023-07", to: "2023-12" },
    });
  });
});

describe("difference in differences", () => {
  it("is computed from exact values, then rounded once (the contract's example)", () => {
    const counts = {
      grant: { before: c(4100, 6900), during: c(11200, 15400) },
      comparison: { before: c(70000, 100000), during: c(75000, 100000) },
    };
    // 11200/15400 − 4100/6900 − (0.75 − 0.70) = 0.727272… − 0.594202… − 0.05 = 0.083070…
    const result = measureResult("skrPhoneRate", counts, 4, (r) => Number(r.n));
    expect(result).toEqual({
      measure: "skrPhoneRate",
      grant: {
        before: { numerator: 4100, denominator: 6900, value: 0.5942 },
        during: { numerator: 11200, denominator: 15400, value: 0.7273 },
      },
      comparison: {
        before: { numerator: 70000, denominator: 100000, value: 0.7 },
        during: { numerator: 75000, denominator: 100000, value: 0.75 },
      },
      did: 0.0831,
    });
  });

  it("is null when any denominator is 0", () => {
    expect(
      differenceInDifferences({
        grant: { before: c(0, 0), during: c(1, 2) },
        comparison: { before: c(1, 2), during: c(1, 2) },
      }),
    ).toBeNull();
  });

  it("rounds a tie half away from zero (−0.00005 → −0.0001)", () => {
    const counts = {
      grant: { before: c(1, 2), during: c(1, 2) },
      comparison: { before: c(0, 1), during: c(1, 20000) },
    };
    expect(measureResult("x", counts, 4, (r) => Number(r.n)).did).toBe(-0.0001);
  });
});
