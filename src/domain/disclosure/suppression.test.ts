import { describe, expect, it } from "vitest";
import { isGroupSuppressed, suppressedUnits, suppressedUnitsOverMonths } from "./suppression.ts";

const units = (...pairs: [string, number][]) => pairs.map(([hsaId, denominator]) => ({ hsaId, denominator }));
const sorted = (set: Set<string>) => [...set].sort();

describe("suppressedUnits (FORMATS.md, Open data)", () => {
  it.each([
    {
      name: "no unit under 20: nothing withheld",
      input: units(["A", 20], ["B", 35], ["C", 100]),
      expected: [],
    },
    { name: "no units at all", input: units(), expected: [] },
    {
      name: "one small unit: the next smallest is withheld with it",
      input: units(["A", 5], ["B", 40], ["C", 30], ["D", 100]),
      expected: ["A", "C"],
    },
    {
      name: "two small units summing to 20 or more: only they",
      input: units(["A", 12], ["B", 8], ["C", 30]),
      expected: ["A", "B"],
    },
    {
      name: "two small units summing under 20: a third is withheld",
      input: units(["A", 6], ["B", 7], ["C", 25], ["D", 21]),
      expected: ["A", "B", "D"],
    },
    {
      name: "three small units summing under 20: the smallest others until 20",
      input: units(["A", 1], ["B", 2], ["C", 3], ["D", 14], ["E", 50]),
      expected: ["A", "B", "C", "D"],
    },
    {
      name: "denominator 0 is shown and never taken as the secondary",
      input: units(["A", 4], ["Z", 0], ["B", 60], ["C", 45]),
      expected: ["A", "C"],
    },
    { name: "only zeros: nothing withheld", input: units(["A", 0], ["B", 0]), expected: [] },
    {
      name: "ties in the secondary go to the smaller HSA-id",
      input: units(["A", 3], ["SE3", 30], ["SE1", 30], ["SE2", 30]),
      expected: ["A", "SE1"],
    },
    {
      name: "a lone small unit with nobody to hide behind is still withheld",
      input: units(["A", 9], ["Z", 0]),
      expected: ["A"],
    },
    {
      name: "a unit at exactly 19 is small, at exactly 20 it is not",
      input: units(["A", 19], ["B", 20], ["C", 21]),
      expected: ["A", "B"],
    },
  ])("$name", ({ input, expected }) => {
    expect(sorted(suppressedUnits(input))).toEqual(expected);
  });

  it("suppresses the same set whatever the input order", () => {
    const input = units(["C", 30], ["A", 5], ["D", 30], ["B", 40]);
    expect(sorted(suppressedUnits(input))).toEqual(sorted(suppressedUnits([...input].reverse())));
    expect(sorted(suppressedUnits(input))).toEqual(["A", "C"]);
  });

  it("rejects a denominator that is not a whole number ≥ 0", () => {
    expect(() => suppressedUnits(units(["A", -1]))).toThrow(RangeError);
    expect(() => suppressedUnits(units(["A", 1.5]))).toThrow(RangeError);
  });
});

describe("suppressedUnitsOverMonths: quarters and years", () => {
  it("withholds a unit's quarter when one of its months is withheld, though the quarter sums past 20", () => {
    const january = units(["A", 30], ["B", 40], ["C", 50]);
    const february = units(["A", 5], ["B", 40], ["C", 50]);
    const march = units(["A", 30], ["B", 40], ["C", 50]);
    // A's quarter is 65, B's 120: neither is small in the quarter's totals, yet February withheld A and B.
    expect(sorted(suppressedUnitsOverMonths([january, february, march]))).toEqual(["A", "B"]);
  });

  it("withholds nothing when no month and no total is small", () => {
    const month = units(["A", 20], ["B", 25]);
    expect(sorted(suppressedUnitsOverMonths([month, month, month]))).toEqual([]);
  });

  it("applies the rule to the totals too (a unit present in one month only)", () => {
    // C has 0 in two months and 10 in one: the month with 10 already withholds it and a partner.
    const withC = units(["A", 50], ["B", 60], ["C", 10]);
    const withoutC = units(["A", 50], ["B", 60], ["C", 0]);
    expect(sorted(suppressedUnitsOverMonths([withoutC, withC, withoutC]))).toEqual(["A", "C"]);
  });
});

describe("isGroupSuppressed", () => {
  it("withholds a group's sum when any member is withheld", () => {
    const suppressed = new Set(["A", "C"]);
    expect(isGroupSuppressed(["A", "B"], suppressed)).toBe(true);
    expect(isGroupSuppressed(["B", "D"], suppressed)).toBe(false);
    expect(isGroupSuppressed([], suppressed)).toBe(false);
  });
});
