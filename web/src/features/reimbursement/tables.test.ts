import { describe, expect, it } from "vitest";
import {
  ariaSort,
  changedLines,
  compareScenario,
  nextSort,
  runMatrix,
  type ScenarioRowInput,
  sortRows,
} from "./tables.ts";

interface Row {
  name: string;
  totalOre: string;
}

const rows: Row[] = [
  { name: "Örnsköldsvik hälsocentral", totalOre: "9007199254740993" },
  { name: "Ånge hälsocentral", totalOre: "9007199254740992" },
  { name: "Kramfors hälsocentral", totalOre: "-5" },
  { name: "Alnö hälsocentral", totalOre: "120" },
  { name: "Zinkgruvan", totalOre: "120" },
];

describe("sortRows", () => {
  it("sorts text in Swedish order (å, ä, ö after z)", () => {
    expect(sortRows(rows, (r) => r.name, "asc").map((r) => r.name)).toEqual([
      "Alnö hälsocentral",
      "Kramfors hälsocentral",
      "Zinkgruvan",
      "Ånge hälsocentral",
      "Örnsköldsvik hälsocentral",
    ]);
  });

  it("sorts amounts exactly, even where doubles could not tell them apart", () => {
    const byAmount = (direction: "asc" | "desc") =>
      sortRows(rows, (r) => BigInt(r.totalOre), direction).map((r) => r.totalOre);
    expect(byAmount("asc")).toEqual(["-5", "120", "120", "9007199254740992", "9007199254740993"]);
    expect(byAmount("desc")).toEqual(["9007199254740993", "9007199254740992", "120", "120", "-5"]);
  });

  it("keeps ties in their original order in both directions", () => {
    const ties = (direction: "asc" | "desc") =>
      sortRows(rows, (r) => BigInt(r.totalOre), direction)
        .filter((r) => r.totalOre === "120")
        .map((r) => r.name);
    expect(ties("asc")).toEqual(["Alnö hälsocentral", "Zinkgruvan"]);
    expect(ties("desc")).toEqual(["Alnö hälsocentral", "Zinkgruvan"]);
  });

  it("does not change the input", () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.name, "desc");
    expect(rows).toEqual(copy);
  });
});

describe("nextSort and ariaSort", () => {
  it("starts a new column ascending and flips the same column", () => {
    expect(nextSort({ column: "unit", direction: "asc" }, "total")).toEqual({
      column: "total",
      direction: "asc",
    });
    expect(nextSort({ column: "total", direction: "asc" }, "total")).toEqual({
      column: "total",
      direction: "desc",
    });
    expect(nextSort({ column: "total", direction: "desc" }, "total")).toEqual({
      column: "total",
      direction: "asc",
    });
  });

  it.each([
    ["unit", "asc", "unit", "ascending"],
    ["unit", "desc", "unit", "descending"],
    ["unit", "asc", "total", "none"],
  ] as const)("sorted by %s %s: header %s is %s", (column, direction, header, expected) => {
    expect(ariaSort({ column, direction }, header)).toBe(expected);
  });
});

describe("runMatrix", () => {
  const result = {
    units: [
      {
        hsaId: "SE-A",
        lines: [
          { component: "vardpeng", amountOre: "100" },
          { component: "glesbygd", amountOre: "0" },
        ],
        totalOre: "100",
      },
      // A unit without a glesbygd line still gets a cell ("0") so the table has no holes.
      { hsaId: "SE-B", lines: [{ component: "vardpeng", amountOre: "250" }], totalOre: "250" },
    ],
    components: [
      { component: "vardpeng", label: "Vårdpeng", totalOre: "350", unallocatedOre: "0" },
      { component: "glesbygd", totalOre: "0", unallocatedOre: "4500" },
    ],
    totalOre: "350",
  };

  it("puts units in rows and components in columns, with names and totals", () => {
    const matrix = runMatrix(result, new Map([["SE-A", "Kramfors hälsocentral"]]));
    expect(matrix.columns).toEqual([
      { component: "vardpeng", label: "Vårdpeng" },
      { component: "glesbygd", label: "glesbygd" },
    ]);
    expect(matrix.rows).toEqual([
      {
        hsaId: "SE-A",
        unitName: "Kramfors hälsocentral",
        amounts: { vardpeng: "100", glesbygd: "0" },
        totalOre: "100",
      },
      { hsaId: "SE-B", unitName: "SE-B", amounts: { vardpeng: "250", glesbygd: "0" }, totalOre: "250" },
    ]);
    expect(matrix.componentTotals).toEqual({ vardpeng: "350", glesbygd: "0" });
    expect(matrix.unallocated).toEqual({ vardpeng: "0", glesbygd: "4500" });
    expect(matrix.totalOre).toBe("350");
    expect(matrix.unallocatedTotalOre).toBe("4500");
  });
});

describe("compareScenario", () => {
  const input: ScenarioRowInput[] = [
    { hsaId: "SE-A", unitName: "Kramfors hälsocentral", component: "vardpeng", aOre: "1000", bOre: "1200" },
    { hsaId: "SE-A", unitName: "Kramfors hälsocentral", component: "glesbygd", aOre: "500", bOre: "500" },
    { hsaId: "SE-B", unitName: "Sollefteå hälsocentral", component: "vardpeng", aOre: "800", bOre: "700" },
    // A component only model B has: 0 under A.
    {
      hsaId: "SE-B",
      unitName: "Sollefteå hälsocentral",
      component: "hemsjukvard",
      aOre: "0",
      bOre: "400000",
    },
    {
      hsaId: "SE-B",
      unitName: "Sollefteå hälsocentral",
      component: "glesbygd",
      aOre: "9007199254740993",
      bOre: "9007199254740992",
    },
  ];

  it("computes B − A per line, per unit, per component and overall, exactly", () => {
    const comparison = compareScenario(input);
    expect(comparison.units.map((u) => [u.hsaId, u.aOre, u.bOre, u.diffOre])).toEqual([
      ["SE-A", 1500n, 1700n, 200n],
      ["SE-B", 9007199254741793n, 9007199255141692n, 399899n],
    ]);
    expect(comparison.units[1]?.lines.map((l) => [l.component, l.diffOre])).toEqual([
      ["vardpeng", -100n],
      ["hemsjukvard", 400000n],
      ["glesbygd", -1n],
    ]);
    expect(comparison.components.map((c) => [c.component, c.aOre, c.bOre, c.diffOre])).toEqual([
      ["vardpeng", 1800n, 1900n, 100n],
      ["glesbygd", 9007199254741493n, 9007199254741492n, -1n],
      ["hemsjukvard", 0n, 400000n, 400000n],
    ]);
    expect([comparison.aOre, comparison.bOre, comparison.diffOre]).toEqual([
      9007199254743293n,
      9007199255143392n,
      400099n,
    ]);
  });

  it("adds duplicate rows for the same unit and component instead of dropping one", () => {
    const comparison = compareScenario([
      { hsaId: "SE-A", unitName: "A", component: "x", aOre: "1", bOre: "2" },
      { hsaId: "SE-A", unitName: "A", component: "x", aOre: "10", bOre: "20" },
    ]);
    expect(comparison.units[0]?.lines).toEqual([{ component: "x", aOre: 11n, bOre: 22n, diffOre: 11n }]);
  });

  it("lists the changed lines only", () => {
    expect(
      changedLines(compareScenario(input)).map(({ unit, line }) => `${unit.hsaId}/${line.component}`),
    ).toEqual(["SE-A/vardpeng", "SE-B/vardpeng", "SE-B/hemsjukvard", "SE-B/glesbygd"]);
  });

  it("is empty without rows", () => {
    expect(compareScenario([])).toEqual({ units: [], components: [], aOre: 0n, bOre: 0n, diffOre: 0n });
  });
});
