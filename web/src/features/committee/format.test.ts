import { describe, expect, it } from "vitest";
import { formatKronorText, formatOreAsKronor, formatPromiseValue } from "./format.ts";

describe("committee formatting", () => {
  it.each([
    ["5400000000", "sv", "54\u00a0000\u00a0000 kr"],
    ["5400000000", "en", "54,000,000 SEK"],
    ["99", "sv", "0 kr"],
    ["-180000000", "sv", "−1\u00a0800\u00a0000 kr"],
  ])("%s öre in %s → %s", (ore, language, text) => {
    expect(formatOreAsKronor(ore, language)).toBe(text);
  });

  it.each([
    ["54000000.00", "54\u00a0000\u00a0000 kr"],
    ["8616000", "8\u00a0616\u00a0000 kr"],
    ["583333.34", "583\u00a0333 kr"],
  ])("%s kronor → %s", (kronor, text) => {
    expect(formatKronorText(kronor, "sv")).toBe(text);
  });

  it("writes each unit of a promise its own way", () => {
    expect(formatPromiseValue("1321.2", "ratio", "sv")).toBe("1321,2");
    expect(formatPromiseValue(null, "share", "sv")).toBe("–");
    expect(formatPromiseValue("0.875", "share", "en")).toBe("87.5%");
  });
});
