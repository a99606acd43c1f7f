import { describe, expect, it } from "vitest";
import { reportedOfExpected, tenthsOf } from "./unit-share.ts";

describe("reportedOfExpected", () => {
  it.each([
    [34, "196.2", "sv", "17,3\u00a0%"], // 340 / 1962 = 0.17329… → 17.3 %
    [300, "288.9", "en", "103.8%"], // 3000 / 2889 = 1.03842… → 103.8 %
    [5, "0.0", "sv", "–"],
    [0, "10.0", "sv", "0,0\u00a0%"],
  ] as const)("%i of %s → %s", (reported, expected, language, text) => {
    expect(reportedOfExpected(reported, expected, language)).toBe(text);
  });

  it("reads tenths exactly", () => {
    expect([tenthsOf("1733.3"), tenthsOf("0.0"), tenthsOf("12")]).toEqual([17333n, 0n, 120n]);
  });
});
