import { describe, expect, it } from "vitest";
import { percentText } from "./report.pdf.ts";

// The PDF writes the API's 4-decimal shares as percentages with two decimals, exactly.
describe("percentText", () => {
  it.each([
    [0.8107, "sv", "81,07 %"],
    [0.8107, "en", "81.07 %"],
    [1, "sv", "100,00 %"],
    [0, "sv", "0,00 %"],
    [0.0001, "sv", "0,01 %"],
    [0.875, "sv", "87,50 %"],
    [-0.0123, "sv", "−1,23 %"],
    [null, "sv", "–"],
  ] as const)("%s in %s → %s", (rate, lang, text) => {
    expect(percentText(rate, lang)).toBe(text);
  });
});
