import { describe, expect, it } from "vitest";
import { type AccessibilityCounters, emptyCounters } from "../statistics/index.ts";
import { suppressionByGroup, type UnitMonthCounters } from "./measure-groups.ts";

function unit(hsaId: string, c: Partial<AccessibilityCounters>): UnitMonthCounters {
  return { hsaId, counters: { ...emptyCounters(), ...c } };
}
const sorted = (set: Set<string>) => [...set].sort();

describe("suppressionByGroup", () => {
  it("judges each measure group on its own denominator", () => {
    const month = [
      unit("A", { offered: 5, contacts: 50, eligible: 30 }),
      unit("B", { offered: 40, contacts: 60, eligible: 3 }),
      unit("C", { offered: 30, contacts: 70, eligible: 25 }),
    ];
    const result = suppressionByGroup([month]);
    // phone: A (5) is small; the next smallest with ≥ 1 is C (30).
    expect(sorted(result.phone)).toEqual(["A", "C"]);
    expect(sorted(result.resident)).toEqual([]);
    // assessment: B (3) is small; then C (25) before A (30).
    expect(sorted(result.assessment)).toEqual(["B", "C"]);
  });

  it("withholds a unit's quarter when one of its months is withheld, though the quarter is large", () => {
    const jan = [unit("A", { contacts: 100 }), unit("B", { contacts: 100 }), unit("C", { contacts: 100 })];
    const feb = [unit("A", { contacts: 4 }), unit("B", { contacts: 100 }), unit("C", { contacts: 90 })];
    const mar = [unit("A", { contacts: 100 }), unit("B", { contacts: 100 }), unit("C", { contacts: 100 })];
    // February: A (4) primary, C (90) secondary; the quarter must withhold both or Q1 − Jan − Mar gives Feb.
    expect(sorted(suppressionByGroup([jan, feb, mar]).resident)).toEqual(["A", "C"]);
    expect(sorted(suppressionByGroup([jan]).resident)).toEqual([]);
  });

  it("leaves a unit with denominator 0 shown", () => {
    const result = suppressionByGroup([[unit("A", { offered: 0 }), unit("B", { offered: 25 })]]);
    expect(sorted(result.phone)).toEqual([]);
  });
});
