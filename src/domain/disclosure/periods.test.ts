import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  isPublished,
  latestPublishedMonth,
  monthRange,
  parseMonth,
  periodLabel,
  publicationDate,
  wholePeriodsProblem,
} from "./periods.ts";

describe("parseMonth", () => {
  it.each([
    ["2026-03", "2026-03"],
    ["2026-12", "2026-12"],
    ["2026-00", null],
    ["2026-13", null],
    ["2026-3", null],
    ["2026-03-01", null],
    ["", null],
  ])("%s → %s", (text, expected) => {
    expect(parseMonth(text)?.toString() ?? null).toBe(expected);
  });
});

describe("publication from the 8th of the following month", () => {
  it.each([
    ["2026-03", "2026-04-07", false],
    ["2026-03", "2026-04-08", true],
    ["2026-03", "2026-05-01", true],
    ["2026-12", "2027-01-07", false],
    ["2026-12", "2027-01-08", true],
    ["2026-04", "2026-04-30", false],
  ])("%s on %s: published %s", (month, today, expected) => {
    const m = parseMonth(month);
    if (m === null) throw new Error("bad month");
    expect(isPublished(m, Temporal.PlainDate.from(today))).toBe(expected);
  });

  it("publishes December on 8 January", () => {
    expect(publicationDate(Temporal.PlainYearMonth.from("2026-12")).toString()).toBe("2027-01-08");
  });

  it.each([
    ["2026-04-07", "2026-02"],
    ["2026-04-08", "2026-03"],
    ["2027-01-01", "2026-11"],
    ["2027-01-08", "2026-12"],
  ])("latest published month on %s is %s", (today, expected) => {
    expect(latestPublishedMonth(Temporal.PlainDate.from(today)).toString()).toBe(expected);
  });

  it("gives a month's first and last day, February of a leap year too", () => {
    expect(monthRange(Temporal.PlainYearMonth.from("2028-02"))).toEqual({
      from: "2028-02-01",
      to: "2028-02-29",
    });
  });
});

describe("period labels", () => {
  it.each([
    ["2026-01", "month", "2026-01"],
    ["2026-03", "quarter", "2026Q1"],
    ["2026-04", "quarter", "2026Q2"],
    ["2026-12", "quarter", "2026Q4"],
    ["2026-07", "year", "2026"],
  ] as const)("%s as %s → %s", (month, kind, expected) => {
    expect(periodLabel(month, kind)).toBe(expected);
  });
});

describe("whole periods only", () => {
  it.each([
    ["2026-03-01", "2026-03-31", "month", null],
    ["2026-01-01", "2026-06-30", "month", null],
    ["2026-03-02", "2026-03-31", "month", "from 2026-03-02 is not the first day of a calendar month"],
    ["2026-03-01", "2026-03-30", "month", "to 2026-03-30 is not the last day of a calendar month"],
    ["2026-02-01", "2026-02-28", "month", null],
    ["2026-04-01", "2026-09-30", "quarter", null],
    ["2026-02-01", "2026-04-30", "quarter", "from 2026-02-01 is not the first day of a quarter"],
    ["2026-01-01", "2026-05-31", "quarter", "to 2026-05-31 is not the last day of a quarter"],
    ["2025-01-01", "2026-12-31", "year", null],
    ["2026-01-01", "2026-06-30", "year", "to 2026-06-30 is not the last day of a calendar year"],
    ["2026-04-01", "2026-03-31", "month", "from 2026-04-01 is after to 2026-03-31"],
  ] as const)("%s–%s by %s: %s", (from, to, kind, expected) => {
    expect(wholePeriodsProblem(from, to, kind)).toBe(expected);
  });
});
