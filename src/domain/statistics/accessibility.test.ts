import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  accessibilityFromCounters,
  type PeriodGranularity,
  periodKey,
  roundedRate,
} from "./accessibility.ts";
import { emptyCounters } from "./counters.ts";

describe("roundedRate", () => {
  it.each([
    [2, 3, 0.6667],
    [1, 3, 0.3333],
    [0, 0, null],
    [0, 5, 0],
    [5, 5, 1],
    [1, 8, 0.125],
    [1, 16, 0.0625],
    // Exact halves round up; floating point (0.61725 * 10000 = 6172.499…) would round down.
    [12345, 20000, 0.6173],
    [1, 20000, 0.0001],
    [2, 40000, 0.0001],
    [1, 20001, 0],
    [3, 80000, 0],
    // FORMATS.md's example figures.
    [701, 812, 0.8633],
    [850, 1020, 0.8333],
    [820, 1020, 0.8039],
    [270, 300, 0.9],
    [24_999_999, 25_000_000, 1],
    [24_998_749, 25_000_000, 0.9999],
  ])("%i / %i → %s", (count, denominator, rate) => {
    expect(roundedRate(count, denominator)).toBe(rate);
  });

  it.each([
    [4, 3],
    [-1, 3],
    [1, -3],
    [0.5, 3],
    [1, Number.NaN],
  ])("refuses %s / %s", (count, denominator) => {
    expect(() => roundedRate(count, denominator)).toThrow(RangeError);
  });

  it("has at most 4 decimals and is within half a ten-thousandth of the exact ratio", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (d, share) => {
          const c = Math.floor(share * d);
          const rate = roundedRate(c, d) as number;
          expect(Number.isInteger(Math.round(rate * 10000))).toBe(true);
          expect(String(rate)).toMatch(/^(0|1)(\.\d{1,4})?$/);
          // |rate − c/d| ≤ 0.00005, compared in integers: |rate·10000·2d − 20000c| ≤ d.
          const scaled = BigInt(Math.round(rate * 10000));
          const diff = scaled * 2n * BigInt(d) - 20000n * BigInt(c);
          expect(diff <= BigInt(d) && diff > -BigInt(d)).toBe(true);
        },
      ),
    );
  });
});

describe("accessibilityFromCounters", () => {
  it("reproduces FORMATS.md's example object", () => {
    const counters = {
      offered: 812,
      answeredSameDay: 701,
      contacts: 1020,
      refused: 41,
      overflowed: 12,
      respondedSameDay: 850,
      feedbackSameDay: 820,
      eligible: 300,
      within0: 120,
      within3: 270,
      within7: 291,
      patientChosen: 9,
    };
    expect(accessibilityFromCounters(counters)).toEqual({
      phone: { offered: 812, answeredSameDay: 701, rate: 0.8633 },
      resident: {
        contacts: 1020,
        refused: 41,
        overflowed: 12,
        respondedSameDay: 850,
        rate: 0.8333,
        feedbackSameDay: 820,
        feedbackRate: 0.8039,
      },
      assessment: { eligible: 300, within0: 120, within3: 270, within7: 291, patientChosen: 9, rate: 0.9 },
    });
  });

  it("gives null rates for empty counters, and the JSON keeps the keys in FORMATS.md's order", () => {
    expect(JSON.stringify(accessibilityFromCounters(emptyCounters()))).toBe(
      '{"phone":{"offered":0,"answeredSameDay":0,"rate":null},' +
        '"resident":{"contacts":0,"refused":0,"overflowed":0,"respondedSameDay":0,"rate":null,"feedbackSameDay":0,"feedbackRate":null},' +
        '"assessment":{"eligible":0,"within0":0,"within3":0,"within7":0,"patientChosen":0,"rate":null}}',
    );
  });

  it("rates the assessment by within3, not within0 or within7", () => {
    const figures = accessibilityFromCounters({
      ...emptyCounters(),
      eligible: 3,
      within0: 1,
      within3: 2,
      within7: 3,
    });
    expect(figures.assessment.rate).toBe(0.6667);
  });
});

describe("periodKey", () => {
  it.each([
    ["2026-03-02", "day", "2026-03-02"],
    ["2026-03-02", "month", "2026-03"],
    ["2026-03-02", "year", "2026"],
    ["2026-12-31", "month", "2026-12"],
    ["2026-01-01", "year", "2026"],
    ["2026-10-25", "day", "2026-10-25"],
  ] satisfies [string, PeriodGranularity, string][])("%s by %s → %s", (date, by, key) => {
    expect(periodKey(Temporal.PlainDate.from(date), by)).toBe(key);
  });
});
