import { describe, expect, it } from "vitest";
import { flowTotals, listedSplitBy, monthsBefore, orePerListedText, sankeyData } from "./listing-view.ts";

const row = (month: string, group: string, inflow: number, outflow: number) => ({
  month,
  group,
  name: group.toUpperCase(),
  newListings: 1,
  movedIn: inflow - 1,
  inflow,
  endedListings: 0,
  movedOut: outflow,
  outflow,
  net: inflow - outflow,
  withinGroup: 0,
});

describe("listing view helpers", () => {
  it("sums each group's flows over the months, largest inflow first", () => {
    const totals = flowTotals([
      row("2026-01", "a", 5, 2),
      row("2026-02", "a", 7, 1),
      row("2026-01", "b", 20, 30),
    ]);
    expect(totals.map((t) => [t.group, t.inflow, t.outflow, t.net, t.newListings])).toEqual([
      ["b", 20, 30, -10, 1],
      ["a", 12, 3, 9, 2],
    ]);
  });

  it("makes a loop-free Sankey: one node per side, moves within a group left out", () => {
    const data = sankeyData(
      [
        { from: "regional", to: "private", count: 37 },
        { from: "private", to: "regional", count: 12 },
        { from: "regional", to: "regional", count: 5 },
        { from: "new", to: "private", count: 3 },
      ],
      (g) => ({ regional: "Regional", private: "Privat", new: "Nya" })[g] ?? g,
      { from: "(från)", to: "(till)" },
    );
    expect(data.links).toEqual([
      { source: "Regional (från)", target: "Privat (till)", value: 37 },
      { source: "Privat (från)", target: "Regional (till)", value: 12 },
      { source: "Nya (från)", target: "Privat (till)", value: 3 },
    ]);
    expect(data.nodes.map((n) => n.name)).toEqual([
      "Regional (från)",
      "Privat (till)",
      "Privat (från)",
      "Regional (till)",
      "Nya (från)",
    ]);
  });

  it.each([
    ["2026-03", 2, "2026-01"],
    ["2026-01", 1, "2025-12"],
    ["2026-12", 23, "2025-01"],
    ["2025-12", -1, "2026-01"],
  ])("monthsBefore(%s, %i) = %s", (month, count, expected) => {
    expect(monthsBefore(month, count)).toBe(expected);
  });

  it("formats öre per listed as kronor", () => {
    expect(orePerListedText("2671", "sv")).toBe("26,71 kr");
    expect(orePerListedText(null, "sv")).toBe("–");
  });
});

describe("listedSplitBy", () => {
  const rows = [
    { month: "2026-02", type: "halsocentral", ownership: "regional", listed: 100 },
    { month: "2026-02", type: "sjukstuga", ownership: "regional", listed: 10 },
    { month: "2026-01", type: "halsocentral", ownership: "private", listed: 50 },
    { month: "2026-02", type: "halsocentral", ownership: "private", listed: 55 },
  ];
  it("sums per ownership and month, 0 where a group listed nobody", () => {
    expect(listedSplitBy(rows, "ownership")).toEqual({
      months: ["2026-01", "2026-02"],
      series: [
        { key: "private", values: [50, 55] },
        { key: "regional", values: [0, 110] },
      ],
    });
  });
  it("sums per type", () => {
    expect(listedSplitBy(rows, "type").series).toEqual([
      { key: "halsocentral", values: [50, 155] },
      { key: "sjukstuga", values: [0, 10] },
    ]);
  });
});
