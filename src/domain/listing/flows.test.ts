import { describe, expect, it } from "vitest";
import { ageBandOf, listedByAgeBand } from "./age-bands.ts";
import { type FlowUnit, type ListingChange, listingFlows } from "./flows.ts";

const A: FlowUnit = { hsaId: "A", name: "A hc", type: "halsocentral", ownership: "regional" };
const B: FlowUnit = { hsaId: "B", name: "B hc", type: "halsocentral", ownership: "private" };
const C: FlowUnit = { hsaId: "C", name: "C sjukstuga", type: "sjukstuga", ownership: "regional" };

const changes: ListingChange[] = [
  { month: "2026-03", from: A, to: B, count: 37 },
  { month: "2026-03", from: B, to: A, count: 12 },
  { month: "2026-03", from: null, to: A, count: 21 },
  { month: "2026-03", from: C, to: null, count: 4 },
  { month: "2026-03", from: C, to: A, count: 5 },
  { month: "2026-04", from: A, to: B, count: 0 },
  { month: "2026-04", from: null, to: B, count: 3 },
];

describe("listingFlows", () => {
  it("by unit: inflow, outflow and net per unit and month, new and ended apart", () => {
    const { rows } = listingFlows(changes, "unit");
    // A: in 12 (from B) + 5 (from C) moved + 21 new = 38; out 37 moved → net +1.
    expect(rows).toEqual([
      {
        month: "2026-03",
        group: "A",
        newListings: 21,
        movedIn: 17,
        inflow: 38,
        endedListings: 0,
        movedOut: 37,
        outflow: 37,
        net: 1,
        withinGroup: 0,
      },
      {
        month: "2026-03",
        group: "B",
        newListings: 0,
        movedIn: 37,
        inflow: 37,
        endedListings: 0,
        movedOut: 12,
        outflow: 12,
        net: 25,
        withinGroup: 0,
      },
      {
        month: "2026-03",
        group: "C",
        newListings: 0,
        movedIn: 0,
        inflow: 0,
        endedListings: 4,
        movedOut: 5,
        outflow: 9,
        net: -9,
        withinGroup: 0,
      },
      {
        month: "2026-04",
        group: "B",
        newListings: 3,
        movedIn: 0,
        inflow: 3,
        endedListings: 0,
        movedOut: 0,
        outflow: 0,
        net: 3,
        withinGroup: 0,
      },
    ]);
  });

  it("by ownership: moves within a group change no total and are counted apart", () => {
    const { rows, matrix } = listingFlows(changes, "ownership");
    // regional = A and C: C → A (5) is within; A → B 37 out, B → A 12 in, 21 new, 4 ended.
    expect(rows.filter((r) => r.month === "2026-03")).toEqual([
      {
        month: "2026-03",
        group: "private",
        newListings: 0,
        movedIn: 37,
        inflow: 37,
        endedListings: 0,
        movedOut: 12,
        outflow: 12,
        net: 25,
        withinGroup: 0,
      },
      {
        month: "2026-03",
        group: "regional",
        newListings: 21,
        movedIn: 12,
        inflow: 33,
        endedListings: 4,
        movedOut: 37,
        outflow: 41,
        net: -8,
        withinGroup: 5,
      },
    ]);
    expect(matrix).toEqual([
      { from: "new", to: "private", count: 3 },
      { from: "new", to: "regional", count: 21 },
      { from: "private", to: "regional", count: 12 },
      { from: "regional", to: "ended", count: 4 },
      { from: "regional", to: "private", count: 37 },
      { from: "regional", to: "regional", count: 5 },
    ]);
    // The matrix holds every resident who changed: 37 + 12 + 21 + 4 + 5 + 3.
    expect(matrix.reduce((a, c) => a + c.count, 0)).toBe(82);
  });

  it("by type", () => {
    const { rows } = listingFlows(changes, "type");
    const sjukstuga = rows.find((r) => r.month === "2026-03" && r.group === "sjukstuga");
    expect(sjukstuga).toMatchObject({ inflow: 0, endedListings: 4, movedOut: 5, net: -9 });
    const hc = rows.find((r) => r.month === "2026-03" && r.group === "halsocentral");
    expect(hc).toMatchObject({ newListings: 21, movedIn: 5, movedOut: 0, net: 26, withinGroup: 49 });
  });

  it("ignores zero counts and gives nothing for no changes", () => {
    expect(listingFlows([], "unit")).toEqual({ rows: [], matrix: [] });
    expect(listingFlows([{ month: "2026-01", from: A, to: B, count: 0 }], "unit").rows).toEqual([]);
  });
});

describe("age bands", () => {
  it.each([
    [0, "0-6"],
    [6, "0-6"],
    [7, "7-19"],
    [49, "20-49"],
    [50, "50-64"],
    [79, "65-79"],
    [80, "80+"],
    [150, "80+"],
  ])("age %i is in band %s", (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });

  it("sums by band and sex with every band present", () => {
    const bands = listedByAgeBand([
      { age: 0, sex: "female", count: 41 },
      { age: 0, sex: "male", count: 44 },
      { age: 34, sex: "female", count: 118 },
      { age: 81, sex: "unknown", count: 2 },
    ]);
    expect(bands.map((b) => [b.band, b.female, b.male, b.unknown, b.total])).toEqual([
      ["0-6", 41, 44, 0, 85],
      ["7-19", 0, 0, 0, 0],
      ["20-49", 118, 0, 0, 118],
      ["50-64", 0, 0, 0, 0],
      ["65-79", 0, 0, 0, 0],
      ["80+", 0, 0, 2, 2],
    ]);
  });
});
