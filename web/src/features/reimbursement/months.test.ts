import { describe, expect, it } from "vitest";
import {
  formatMonth,
  idParam,
  isMonth,
  previousMonth,
  validateFollowUpSearch,
  validateReimbursementSearch,
  validateReportingSearch,
  validateScenarioSearch,
  validityText,
} from "./months.ts";

describe("months", () => {
  it.each([
    ["2026-03", true],
    ["2026-12", true],
    ["2026-13", false],
    ["2026-00", false],
    ["2026-3", false],
    ["26-03", false],
    [202603, false],
  ])("isMonth(%j) → %s", (value, expected) => {
    expect(isMonth(value)).toBe(expected);
  });

  it("names a month in the UI language, without a time zone shift", () => {
    expect(formatMonth("2026-03", "sv")).toBe("mars 2026");
    expect(formatMonth("2026-01", "en")).toBe("January 2026");
    expect(formatMonth("not a month", "sv")).toBe("not a month");
  });

  it.each([
    [new Date(2026, 3, 2), "2026-03"],
    [new Date(2026, 0, 15), "2025-12"],
    [new Date(2026, 11, 31), "2026-11"],
  ])("the month before %s is %s", (today, expected) => {
    expect(previousMonth(today)).toBe(expected);
  });

  it("writes a validity span, open-ended in words", () => {
    expect(validityText("2026-01", "2026-12", (from) => `från ${from}`)).toBe("2026-01 – 2026-12");
    expect(validityText("2026-01", null, (from) => `från ${from}`)).toBe("från 2026-01");
  });
});

describe("address parameters", () => {
  it("keeps a two-digit region and drops anything else", () => {
    expect(validateReimbursementSearch({ region: "22" })).toEqual({ region: "22" });
    expect(validateReimbursementSearch({ region: "2" })).toEqual({});
    expect(validateReimbursementSearch({ region: 22 })).toEqual({});
  });

  it("keeps a plausible year", () => {
    expect(validateFollowUpSearch({ region: "22", year: 2026 })).toEqual({ region: "22", year: 2026 });
    expect(validateFollowUpSearch({ year: "2025" })).toEqual({ year: 2025 });
    expect(validateFollowUpSearch({ year: 1999 })).toEqual({});
    expect(validateFollowUpSearch({ year: "x" })).toEqual({});
  });

  it("keeps a scenario's month and model row ids", () => {
    expect(validateScenarioSearch({ region: "22", month: "2026-03", a: 1, b: "2" })).toEqual({
      region: "22",
      month: "2026-03",
      a: 1,
      b: 2,
    });
    expect(validateScenarioSearch({ month: "2026-3", a: 0, b: -1 })).toEqual({});
    expect(validateScenarioSearch({ a: 1.5 })).toEqual({});
  });

  it("keeps an HSA-id and a month for reporting", () => {
    expect(validateReportingSearch({ unit: "SE2321000222-D8201", month: "2026-04" })).toEqual({
      unit: "SE2321000222-D8201",
      month: "2026-04",
    });
    expect(validateReportingSearch({ unit: "../x", month: "april" })).toEqual({});
  });

  it.each([
    ["1", 1],
    ["42", 42],
    ["0", null],
    ["01", null],
    ["-1", null],
    ["abc", null],
    ["12345678901", null],
  ])("idParam(%j) → %s", (text, expected) => {
    expect(idParam(text)).toBe(expected);
  });
});
