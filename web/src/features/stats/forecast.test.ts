import { describe, expect, it } from "vitest";
import { byRiskThenName } from "./forecast.ts";
import type { ForecastUnit, Risk } from "./types.ts";

function unit(name: string, risk: Risk): ForecastUnit {
  return {
    hsaId: name,
    name,
    expectedContacts: 1,
    byHour: [],
    handleMinutes: 4,
    nurseHoursNeeded: 0.1,
    capacityContacts: 10,
    risk,
  };
}

describe("byRiskThenName", () => {
  it.each([
    [
      "high before medium before low",
      [unit("A", "low"), unit("B", "high"), unit("C", "medium")],
      ["B", "C", "A"],
    ],
    [
      "the same risk in Swedish name order",
      [unit("Örnsköldsvik", "high"), unit("Ånge", "high"), unit("Kramfors", "high")],
      ["Kramfors", "Ånge", "Örnsköldsvik"],
    ],
    ["nothing to sort", [], []],
  ])("%s", (_label, units, expected) => {
    expect(byRiskThenName(units).map((u) => u.name)).toEqual(expected);
  });
});
