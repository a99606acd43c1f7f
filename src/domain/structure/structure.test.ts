import { describe, expect, it } from "vitest";
import { toFixedHalfAwayFromZero } from "../staffing/rounding.ts";
import { haversineKm, nearest } from "./geo.ts";
import { listedPerSpecialist } from "./ratio.ts";
import {
  applyMoves,
  listedOf,
  meanMovedKm,
  planClosure,
  planOpening,
  type ScenarioUnit,
  takeByAge,
} from "./scenario.ts";

describe("haversineKm", () => {
  it.each([
    // One degree of latitude is 2πR/360 = 111.195 km with R = 6371.0088.
    [{ lat: 62, lon: 17 }, { lat: 63, lon: 17 }, 111.195],
    [{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }, 111.195],
    [{ lat: 62.39, lon: 17.31 }, { lat: 62.39, lon: 17.31 }, 0],
  ])("%o to %o is %f km", (a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 2);
  });

  it("nearest picks by distance, ties by HSA-id", () => {
    const from = { lat: 62, lon: 17 };
    const units = [
      { hsaId: "far", lat: 64, lon: 17 },
      { hsaId: "b", lat: 62.1, lon: 17 },
      { hsaId: "a", lat: 61.9, lon: 17 },
    ];
    expect(nearest(from, units, 2).map((u) => u.hsaId)).toEqual(["a", "b"]);
    expect(nearest(from, units, 0)).toEqual([]);
  });
});

describe("listed per specialist and rounding", () => {
  it.each([
    [{ n: 25n, d: 100n }, 1, "0.3"],
    [{ n: 24n, d: 100n }, 1, "0.2"],
    [{ n: -25n, d: 100n }, 1, "-0.3"],
    [{ n: 2n, d: 3n }, 2, "0.67"],
    [{ n: 0n, d: 1n }, 1, "0.0"],
    [{ n: 12345n, d: 1n }, 0, "12345"],
  ])("%o to %i decimals is %s (half away from zero)", (value, places, text) => {
    expect(toFixedHalfAwayFromZero(value, places)).toBe(text);
  });

  it.each([
    // 11230 / 8.5 = 1321.176… → 1321.2
    [11230, "8.50", "1321.2"],
    // 1100 / 1 exactly at the goal
    [1100, "1.00", "1100.0"],
    // 1 / 0.08 = 12.5 exactly: a tie at the half (one decimal: 12.5 stays)
    [1, "0.08", "12.5"],
    // 3 / 0.16 = 18.75 → 18.8 (half away from zero at the second decimal)
    [3, "0.16", "18.8"],
    [0, "2.00", "0.0"],
    [500, "0", null],
    [500, "0.00", null],
  ])("%i listed over %s FTE is %s", (listed, fte, expected) => {
    expect(listedPerSpecialist(listed, fte)).toBe(expected);
  });
});

const units: ScenarioUnit[] = [
  { hsaId: "X", lat: 63, lon: 17, listedByAge: { "10": 60, "70": 40 } },
  { hsaId: "N1", lat: 63.1, lon: 17, listedByAge: { "30": 300 } },
  { hsaId: "N2", lat: 63.2, lon: 17, listedByAge: { "30": 100 } },
  { hsaId: "FAR", lat: 65, lon: 17, listedByAge: { "30": 1000 } },
];

describe("close/open scenario", () => {
  it("takeByAge spreads a count over ages in proportion", () => {
    expect(takeByAge({ "10": 60, "70": 40 }, 10)).toEqual({ "10": 6, "70": 4 });
    // 5 of 60:40 = 3:2 exactly
    expect(takeByAge({ "10": 60, "70": 40 }, 5)).toEqual({ "10": 3, "70": 2 });
    expect(() => takeByAge({ "10": 1 }, 2)).toThrow();
  });

  it("a closed unit's listed go to the two nearest, split by their listed (300:100)", () => {
    const moves = planClosure(units, "X", { kind: "nearest", count: 2 });
    expect(moves.map((m) => [m.from, m.to, m.count, m.byAge])).toEqual([
      ["X", "N1", 75, { "10": 45, "70": 30 }],
      ["X", "N2", 25, { "10": 15, "70": 10 }],
    ]);
    expect(moves[0]?.km).toBeCloseTo(11.12, 1);
    // 75 persons 11.12 km, 25 persons 22.24 km → (75·11.12 + 25·22.24)/100 = 13.90 km
    expect(meanMovedKm(moves)).toBeCloseTo(13.9, 1);
    const after = applyMoves(new Map(units.map((u) => [u.hsaId, u.listedByAge])), moves);
    expect(listedOf({ listedByAge: after.get("X") ?? {} })).toBe(0);
    expect(after.get("N1")).toEqual({ "10": 45, "30": 300, "70": 30 });
    const total = [...after.values()].reduce((a, l) => a + listedOf({ listedByAge: l }), 0);
    expect(total).toBe(1500);
  });

  it("a closed unit's listed go to a named unit, all of them", () => {
    const moves = planClosure(units, "X", { kind: "named", hsaIds: ["FAR"] });
    expect(moves.map((m) => [m.to, m.count])).toEqual([["FAR", 100]]);
    expect(() => planClosure(units, "X", { kind: "named", hsaIds: ["NOPE"] })).toThrow();
  });

  it("a new unit takes N listed from named units", () => {
    const opened = { hsaId: "NEW", lat: 63.05, lon: 17 };
    const moves = planOpening(units, opened, [
      { fromHsaId: "N1", count: 30 },
      { fromHsaId: "X", count: 10 },
      { fromHsaId: "N2", count: 0 },
    ]);
    expect(moves.map((m) => [m.from, m.to, m.count])).toEqual([
      ["N1", "NEW", 30],
      ["X", "NEW", 10],
    ]);
    const after = applyMoves(new Map(units.map((u) => [u.hsaId, u.listedByAge])), moves);
    expect(after.get("NEW")).toEqual({ "10": 6, "30": 30, "70": 4 });
    expect(after.get("N1")).toEqual({ "30": 270 });
    expect(() => planOpening(units, opened, [{ fromHsaId: "N2", count: 101 }])).toThrow();
  });
});
