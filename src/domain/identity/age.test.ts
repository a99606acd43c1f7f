import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { ageOn } from "./index.ts";

const date = (s: string) => Temporal.PlainDate.from(s);

describe("ageOn", () => {
  it.each([
    // [birth date, on, age]
    ["1990-06-15", "1990-06-15", 0],
    ["1990-06-15", "2026-06-14", 35],
    ["1990-06-15", "2026-06-15", 36],
    ["1990-06-15", "2026-06-16", 36],
    ["1990-12-31", "2026-01-01", 35],
    ["1926-03-16", "2026-03-15", 99],
    ["1926-03-16", "2026-03-16", 100],
    // Born on 29 February: a year older on 1 March when the year has no 29 February, on 29 February when it has.
    ["2000-02-29", "2001-02-28", 0],
    ["2000-02-29", "2001-03-01", 1],
    ["2000-02-29", "2023-02-28", 22],
    ["2000-02-29", "2023-03-01", 23],
    ["2000-02-29", "2024-02-28", 23],
    ["2000-02-29", "2024-02-29", 24],
    ["2000-02-29", "2100-02-28", 99],
    ["2000-02-29", "2100-03-01", 100],
    // Born on 28 February or 1 March: nothing special in a leap year.
    ["2001-02-28", "2004-02-28", 3],
    ["2001-03-01", "2004-02-29", 2],
    ["2001-03-01", "2004-03-01", 3],
  ])("born %s, on %s: %i", (birth, on, age) => {
    expect(ageOn(date(birth), date(on))).toBe(age);
  });

  it("refuses a date before the birth date", () => {
    expect(() => ageOn(date("2000-02-29"), date("2000-02-28"))).toThrow(RangeError);
  });

  it("grows by exactly one on each birthday and never otherwise", () => {
    const dayArb = fc.integer({ min: 0, max: 60_000 }).map((n) => date("1900-01-01").add({ days: n }));
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40_000 }), (birth, days) => {
        const on = birth.add({ days });
        const step = ageOn(birth, on) - ageOn(birth, on.subtract({ days: 1 }));
        const birthdayToday =
          (on.month === birth.month && on.day === birth.day) ||
          (birth.month === 2 && birth.day === 29 && !on.inLeapYear && on.month === 3 && on.day === 1);
        expect(step).toBe(birthdayToday ? 1 : 0);
      }),
    );
  });
});
