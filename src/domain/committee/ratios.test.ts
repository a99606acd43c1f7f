import { describe, expect, it } from "vitest";
import { listedPerGpOver, paymentPerListedKronor, roundHalfAwayText } from "./ratios.ts";

describe("roundHalfAwayText", () => {
  it.each([
    [13212n, 10n, 1, "1321.2"],
    [25n, 2n, 0, "13"],
    [-25n, 2n, 0, "-13"],
    [1n, 20n, 1, "0.1"],
    [1n, 21n, 1, "0.0"],
    [-1n, 21n, 1, "0.0"],
  ])("%s/%s to %s decimals is %s", (n, d, places, text) => {
    expect(roundHalfAwayText(n, d, places)).toBe(text);
  });
});

describe("listedPerGpOver", () => {
  it.each([
    // FORMATS.md's example: 11 230 listed, 8.50 FTE → 1321.176… → 1321.2.
    [[{ listed: 11230, gpFte: "8.50" }], "1321.2"],
    // Two months: (11 000 + 11 000) ÷ (10.00 + 10.00) = 1100.0 exactly.
    [
      [
        { listed: 11000, gpFte: "10.00" },
        { listed: 11000, gpFte: "10.00" },
      ],
      "1100.0",
    ],
    // 2 201 ÷ 2 = 1100.5 → half away from zero 1100.5 (one decimal, exact); 1 ÷ 0.03 = 33.33… → 33.3.
    [[{ listed: 2201, gpFte: "2.00" }], "1100.5"],
    [[{ listed: 1, gpFte: "0.03" }], "33.3"],
    [[{ listed: 500, gpFte: "0.00" }], null],
    [[], null],
  ] as const)("%j → %s", (rows, expected) => {
    expect(listedPerGpOver(rows)).toBe(expected);
  });
});

describe("paymentPerListedKronor", () => {
  it.each([
    [100_000_00n, 10_000, "10.00"],
    // 1 öre ÷ 2 = 0.5 öre → 0 (half to even); 3 öre ÷ 2 = 1.5 → 2 öre.
    [1n, 2, "0.00"],
    [3n, 2, "0.02"],
    // 1 000 000 öre ÷ 3 = 333 333.33… öre → 333 333 öre = 3 333.33 kr.
    [1_000_000n, 3, "3333.33"],
    [5n, 0, null],
  ])("%s öre over %s listed-months → %s kr", (ore, listed, kronor) => {
    expect(paymentPerListedKronor(ore, listed)).toBe(kronor);
  });
});
