import { describe, expect, it } from "vitest";
import {
  compareOre,
  divideHalfEven,
  formatDecimalText,
  formatKronorText,
  formatOre,
  formatOreDiff,
  formatRateText,
  formatShare,
  kronorTextToOre,
  parseOre,
  progressValue,
  sharePerMille,
  sumOre,
} from "./money.ts";

// Written with visible markers so a wrong space kind fails: "_" is a no-break space, "−" the minus sign.
const sv = (text: string) => text.replaceAll("_", "\u00a0");

describe("formatOre", () => {
  it.each([
    ["0", "0,00_kr"],
    ["1", "0,01_kr"],
    ["99", "0,99_kr"],
    ["100", "1,00_kr"],
    ["123456789", "1_234_567,89_kr"],
    ["100000000", "1_000_000,00_kr"],
    ["-1", "−0,01_kr"],
    ["-123456789", "−1_234_567,89_kr"],
    ["-100", "−1,00_kr"],
  ])("%s öre → %s", (ore, expected) => {
    expect(formatOre(ore)).toBe(sv(expected));
  });

  it("formats amounts far beyond 2^53 öre digit for digit", () => {
    // 2^53 + 1 öre cannot be held by a double; the last digit proves no float was involved.
    expect(formatOre("9007199254740993")).toBe(sv("90_071_992_547_409,93_kr"));
    expect(formatOre(123456789012345678901234567n)).toBe(sv("1_234_567_890_123_456_789_012_345,67_kr"));
    expect(formatOre("-9007199254740993")).toBe(sv("−90_071_992_547_409,93_kr"));
  });

  it("formats English with comma groups and a decimal point", () => {
    expect(formatOre("123456789", { language: "en" })).toBe("SEK\u00a01,234,567.89");
    expect(formatOre("-5", { language: "en" })).toBe("−SEK\u00a00.05");
  });

  it.each([
    // Whole kronor round half to even, in bigint: .50 goes to the even krona, .51 up, .49 down.
    ["150", "2_kr"],
    ["250", "2_kr"],
    ["251", "3_kr"],
    ["249", "2_kr"],
    ["-150", "−2_kr"],
    ["-250", "−2_kr"],
    ["-251", "−3_kr"],
    ["49", "0_kr"],
    ["900719925474099350", "9_007_199_254_740_994_kr"],
    ["900719925474099250", "9_007_199_254_740_992_kr"],
  ])("%s öre in whole kronor → %s", (ore, expected) => {
    expect(formatOre(ore, { wholeKronor: true })).toBe(sv(expected));
  });

  it.each(["", "1.5", "1e3", "12 000", "abc", "--1"])("rejects %j", (text) => {
    expect(() => formatOre(text)).toThrow();
  });
});

describe("formatOreDiff", () => {
  it.each([
    ["120000", "+1_200,00_kr"],
    ["-120000", "−1_200,00_kr"],
    ["0", "0,00_kr"],
  ])("%s → %s", (ore, expected) => {
    expect(formatOreDiff(ore)).toBe(sv(expected));
  });
});

describe("divideHalfEven", () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [5n, -2n, -2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [10n, 5n, 2n],
  ])("%s / %s → %s", (a, b, expected) => {
    expect(divideHalfEven(a, b)).toBe(expected);
  });

  it("refuses to divide by zero", () => {
    expect(() => divideHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe("kronor and decimal text from models", () => {
  it.each([
    ["54000000.00", "54_000_000,00_kr"],
    ["2000", "2_000,00_kr"],
    ["3250.5", "3_250,50_kr"],
    ["0.125", "0,125_kr"],
    ["007.10", "7,10_kr"],
  ])("kronor %s → %s", (text, expected) => {
    expect(formatKronorText(text)).toBe(sv(expected));
  });

  it.each([
    ["54000000.00", 5400000000n],
    ["2000", 200000n],
    ["0.5", 50n],
    ["12.340", 1234n],
    ["-1.01", -101n],
    ["90071992547409.93", 9007199254740993n],
  ])("kronor %s → %s öre", (text, expected) => {
    expect(kronorTextToOre(text)).toBe(expected);
  });

  it("refuses kronor finer than öre rather than rounding them", () => {
    expect(() => kronorTextToOre("0.125")).toThrow();
  });

  it.each([
    ["1.30", "1,30"],
    ["12.5", "12,5"],
    ["14", "14"],
    ["12000.25", "12_000,25"],
  ])("decimal %s → %s", (text, expected) => {
    expect(formatDecimalText(text)).toBe(sv(expected));
  });

  it.each([
    ["0.90", "90_%"],
    ["0.875", "87,5_%"],
    ["1", "100_%"],
    ["0", "0_%"],
    ["0.05", "5_%"],
    ["0.0125", "1,25_%"],
  ])("rate %s → %s", (text, expected) => {
    expect(formatRateText(text)).toBe(sv(expected));
  });
});

describe("shares of a budget", () => {
  it.each([
    [450000000n, 5400000000n, "8,3_%"],
    [1n, 3n, "33,3_%"],
    [2n, 3n, "66,7_%"],
    [1n, 2000n, "0,0_%"], // 0.05 % rounds half to even: 0.0
    [3n, 2000n, "0,2_%"], // 0.15 % → 0.2
    [6000n, 5000n, "120,0_%"],
    [-1000n, 4000n, "−25,0_%"],
  ])("%s of %s → %s", (part, whole, expected) => {
    expect(formatShare(part, whole)).toBe(sv(expected));
  });

  it("has no share of nothing", () => {
    expect(sharePerMille(5n, 0n)).toBeNull();
    expect(formatShare(5n, 0n)).toBe("–");
    expect(progressValue(5n, 0n)).toBe(0);
  });

  it("clamps the progress bar to 0–100 however large the amounts", () => {
    expect(progressValue(12000000000000000000001n, 10000000000000000000000n)).toBe(100);
    expect(progressValue(-1n, 100n)).toBe(0);
    expect(progressValue(1234n, 10000n)).toBe(12.3);
  });
});

describe("comparing and adding öre", () => {
  it("orders amounts beyond 2^53 correctly", () => {
    expect(compareOre("9007199254740993", "9007199254740992")).toBe(1);
    expect(compareOre("-1", "0")).toBe(-1);
    expect(compareOre(5n, "5")).toBe(0);
  });

  it("adds exactly", () => {
    expect(sumOre(["9007199254740993", "1", "-2"])).toBe(9007199254740992n);
    expect(parseOre(" 12 ")).toBe(12n);
  });
});
