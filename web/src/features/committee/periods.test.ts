import { describe, expect, it } from "vitest";
import { lastCompleteMonth, lastCompleteQuarter, periodChoices, quartersBack } from "./periods.ts";

describe("committee periods in the browser", () => {
  it.each([
    ["2026-04-07", "2026-02", "2025Q4"],
    ["2026-04-08", "2026-03", "2026Q1"],
    ["2026-12-06", "2026-10", "2026Q3"],
    ["2026-01-08", "2025-12", "2025Q4"],
    ["2026-02-01", "2025-12", "2025Q4"],
  ])("on %s the last complete month is %s and quarter %s", (today, month, quarter) => {
    expect(lastCompleteMonth(today)).toBe(month);
    expect(lastCompleteQuarter(today)).toBe(quarter);
  });

  it("counts quarters back over a year end, newest first", () => {
    expect(quartersBack("2026Q2", 3)).toEqual(["2026Q2", "2026Q1", "2025Q4"]);
  });

  it("offers months, quarters and years only", () => {
    const choices = periodChoices("2026-03-15");
    expect(choices.months[0]).toBe("2026-03");
    expect(choices.months.at(-1)).toBe("2025-03");
    expect(choices.quarters.slice(0, 2)).toEqual(["2026Q1", "2025Q4"]);
    expect(choices.years).toEqual(["2026", "2025", "2024"]);
  });
});
