import { describe, expect, it } from "vitest";
import {
  defaultPeriod,
  firstDayOf,
  formatCount,
  formatMonth,
  formatPointsGap,
  formatRate,
  isDate,
  isMonth,
  lastDayOf,
  monthChoices,
  monthsBetween,
  nextDay,
  parsePercentInput,
  rateOf,
  ratePercent,
  shiftMonth,
} from "./format.ts";

// Swedish number formatting puts a no-break space (U+00A0) before the percent sign and between
// thousands; written out here so a change of separator fails the test.
const NBSP = "\u00a0";

describe("formatRate", () => {
  it.each([
    [0.875, "sv", `87,5${NBSP}%`],
    [0.665, "sv", `66,5${NBSP}%`],
    [0.8633, "sv", `86,3${NBSP}%`],
    [1, "sv", `100,0${NBSP}%`],
    [0, "sv", `0,0${NBSP}%`],
    [0.875, "en", "87.5%"],
    [null, "sv", "–"],
    [undefined, "sv", "–"],
    [Number.NaN, "sv", "–"],
  ])("%s in %s → %s", (rate, language, expected) => {
    expect(formatRate(rate, language)).toBe(expected);
  });
});

describe("formatCount", () => {
  it.each([
    [1020, "sv", `1${NBSP}020`],
    [812, "sv", "812"],
    [1020, "en", "1,020"],
    [0, "sv", "0"],
    [null, "sv", "–"],
  ])("%s in %s → %s", (count, language, expected) => {
    expect(formatCount(count, language)).toBe(expected);
  });
});

describe("rates", () => {
  it.each([
    [701, 812, 0.8633],
    [2, 3, 0.6667],
    [0, 5, 0],
    [5, 0, null],
  ])("rateOf(%i, %i) = %s, rounded to 4 decimals as FORMATS.md says", (count, denominator, expected) => {
    expect(rateOf(count, denominator)).toBe(expected);
  });

  it.each([
    [0.8633, 86.3],
    [0.875, 87.5],
    [1, 100],
    [null, null],
  ])("ratePercent(%s) = %s", (rate, expected) => {
    expect(ratePercent(rate)).toBe(expected);
  });

  it.each([
    [0.665, 0.875, "sv", "−21,0"],
    [0.9, 0.875, "sv", "+2,5"],
    [0.875, 0.875, "sv", "±0,0"],
    [0.9, 0.875, "en", "+2.5"],
    [null, 0.875, "sv", null],
    [0.9, null, "sv", null],
  ])("formatPointsGap(%s, %s, %s) = %s", (rate, reference, language, expected) => {
    expect(formatPointsGap(rate, reference, language)).toBe(expected);
  });

  it.each([
    [87.5, 0.875],
    ["87,5", 0.875],
    ["87,5 %", 0.875],
    ["100", 1],
    [0, 0],
    ["", null],
    ["abc", null],
    [101, null],
    [-1, null],
  ] as [number | string, number | null][])("parsePercentInput(%j) = %s", (input, expected) => {
    expect(parsePercentInput(input)).toBe(expected);
  });
});

describe("months", () => {
  it.each([
    ["2026-03", 1, "2026-04"],
    ["2026-12", 1, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["2026-03", -12, "2025-03"],
    ["2026-03", -27, "2023-12"],
  ])("shiftMonth(%s, %i) = %s", (month, count, expected) => {
    expect(shiftMonth(month, count)).toBe(expected);
  });

  it.each([
    ["2026-02", "2026-02-28"],
    ["2024-02", "2024-02-29"],
    ["2026-03", "2026-03-31"],
    ["2026-04", "2026-04-30"],
    ["2026-12", "2026-12-31"],
  ])("lastDayOf(%s) = %s", (month, expected) => {
    expect(lastDayOf(month)).toBe(expected);
    expect(firstDayOf(month)).toBe(`${month}-01`);
  });

  it("lists the months of a period inclusively, across a year end", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-03", "2026-03")).toEqual(["2026-03"]);
    expect(monthsBetween("2026-04", "2026-03")).toEqual([]);
  });

  it("defaults to thirteen months ending with the current one", () => {
    expect(defaultPeriod("2026-03-02")).toEqual({ from: "2025-03", to: "2026-03" });
    expect(monthsBetween("2025-03", "2026-03")).toHaveLength(13);
  });

  it("offers the current month first, then older ones", () => {
    expect(monthChoices("2026-03-02", 3)).toEqual(["2026-03", "2026-02", "2026-01"]);
  });

  it.each([
    ["2026-03", true],
    ["2026-13", false],
    ["2026-00", false],
    ["2026-3", false],
    [202603, false],
  ])("isMonth(%j) = %s", (value, expected) => {
    expect(isMonth(value)).toBe(expected);
  });

  it.each([
    ["2026-03-02", true],
    ["2026-02-30", false],
    ["2026-3-2", false],
    [null, false],
  ])("isDate(%j) = %s", (value, expected) => {
    expect(isDate(value)).toBe(expected);
  });

  it.each([
    ["2026-03-02", "2026-03-03"],
    ["2026-03-31", "2026-04-01"],
    ["2026-12-31", "2027-01-01"],
    // The day daylight saving starts in Sweden: calendar arithmetic must not lose or gain a day.
    ["2026-03-29", "2026-03-30"],
  ])("nextDay(%s) = %s", (date, expected) => {
    expect(nextDay(date)).toBe(expected);
  });

  it.each([
    ["2026-03", "sv", "long", "mars 2026"],
    ["2026-03", "en", "long", "March 2026"],
    ["2025-12", "sv", "long", "december 2025"],
  ] as const)("formatMonth(%s, %s, %s) = %s", (month, language, style, expected) => {
    expect(formatMonth(month, language, style)).toBe(expected);
  });
});
