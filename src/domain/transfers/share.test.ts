import { describe, expect, it } from "vitest";
import { expectedShareTenths, tenthsText } from "./share.ts";

describe("expectedShareTenths", () => {
  it.each([
    // expected, months, weight, total → tenths
    [1200, 12, 3000, 9000, 4000n], // a third of 1 200 = 400.0
    [5200, 4, 1, 3, 5778n], // 5 200 × 4/12 / 3 = 577.77… → 577.8
    [1, 12, 1, 4, 2n], // 0.25 → tenths 2.5 → 2 (even)
    [1, 12, 3, 4, 8n], // 0.75 → tenths 7.5 → 8 (even)
    [1200, 0, 1, 1, 0n], // not in effect
    [0, 12, 1, 1, 0n], // nothing expected
    [1200, 12, 1, 0, 0n], // no carrying unit weight
  ])("%i a year, %i months, weight %i of %i → %i tenths", (expected, months, weight, total, tenths) => {
    expect(
      expectedShareTenths({
        expectedAnnualVolume: expected,
        monthsInEffect: months,
        unitWeight: weight,
        totalWeight: total,
      }),
    ).toBe(tenths);
  });

  it("formats tenths", () => {
    expect([tenthsText(4000n), tenthsText(5778n), tenthsText(2n), tenthsText(0n)]).toEqual([
      "400.0",
      "577.8",
      "0.2",
      "0.0",
    ]);
  });
});
