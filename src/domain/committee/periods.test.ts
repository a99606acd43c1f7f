import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  isPeriodPreliminary,
  lastCompleteMonth,
  lastCompleteQuarter,
  monthState,
  monthsEndingWith,
  parseCommitteePeriod,
  quarterOf,
  quartersEndingWith,
} from "./periods.ts";

const day = (text: string) => Temporal.PlainDate.from(text);

describe("parseCommitteePeriod", () => {
  it.each([
    ["2026-03", "month", "2026-03-01", "2026-03-31", ["2026-03"]],
    ["2024-02", "month", "2024-02-01", "2024-02-29", ["2024-02"]],
    ["2026Q1", "quarter", "2026-01-01", "2026-03-31", ["2026-01", "2026-02", "2026-03"]],
    ["2026Q4", "quarter", "2026-10-01", "2026-12-31", ["2026-10", "2026-11", "2026-12"]],
  ])("%s is a %s from %s to %s", (key, kind, from, to, months) => {
    expect(parseCommitteePeriod(key)).toEqual({ kind, key, from, to, months });
  });

  it("a year has its twelve months", () => {
    const year = parseCommitteePeriod("2025");
    expect(year?.from).toBe("2025-01-01");
    expect(year?.to).toBe("2025-12-31");
    expect(year?.months).toHaveLength(12);
  });

  it.each(["2026-03-01", "2026-13", "2026Q5", "2026Q0", "2026-W10", "", "26"])(
    "%j is not a committee period",
    (text) => expect(parseCommitteePeriod(text)).toBeNull(),
  );
});

describe("month states (complete from the 8th of the following month)", () => {
  it.each([
    ["2026-03", "2026-02-28", "future"],
    ["2026-03", "2026-03-01", "preliminary"],
    ["2026-03", "2026-03-31", "preliminary"],
    ["2026-03", "2026-04-07", "preliminary"],
    ["2026-03", "2026-04-08", "complete"],
    ["2025-12", "2026-01-07", "preliminary"],
    ["2025-12", "2026-01-08", "complete"],
  ])("%s on %s is %s", (month, today, state) => {
    expect(monthState(month, day(today))).toBe(state);
  });

  it.each([
    ["2026-04-07", "2026-02", "2025Q4"],
    ["2026-04-08", "2026-03", "2026Q1"],
    ["2026-12-06", "2026-10", "2026Q3"],
    ["2026-01-08", "2025-12", "2025Q4"],
  ])("on %s the last complete month is %s and quarter %s", (today, month, quarter) => {
    expect(lastCompleteMonth(day(today))).toBe(month);
    expect(lastCompleteQuarter(day(today))).toBe(quarter);
  });

  it("a quarter is preliminary while one of its months is", () => {
    const q1 = parseCommitteePeriod("2026Q1");
    if (q1 === null) throw new Error("unparsed");
    expect(isPeriodPreliminary(q1, day("2026-04-07"))).toBe(true);
    expect(isPeriodPreliminary(q1, day("2026-04-08"))).toBe(false);
  });
});

describe("period arithmetic", () => {
  it.each([
    ["2026-01", "2026Q1"],
    ["2026-06", "2026Q2"],
    ["2026-07", "2026Q3"],
    ["2026-12", "2026Q4"],
  ])("%s lies in %s", (month, quarter) => expect(quarterOf(month)).toBe(quarter));

  it("counts quarters back over a year end", () => {
    expect(quartersEndingWith("2026Q2", 4)).toEqual(["2025Q3", "2025Q4", "2026Q1", "2026Q2"]);
  });

  it("counts months back over a year end", () => {
    expect(monthsEndingWith("2026-02", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
  });
});
