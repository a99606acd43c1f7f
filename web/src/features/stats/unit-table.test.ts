import { describe, expect, it } from "vitest";
import type { AccessibilityRow } from "./types.ts";
import {
  ariaSortOf,
  DEFAULT_SORT,
  figureDisplay,
  nextSort,
  periodTotals,
  referenceFor,
  type SortState,
  sortUnitRates,
  type UnitRates,
} from "./unit-table.ts";

function row(
  unitHsaId: string | null,
  period: string,
  over: Partial<AccessibilityRow> = {},
): AccessibilityRow {
  return {
    unitHsaId,
    period,
    phone: { offered: 100, answeredSameDay: 80, rate: 0.8 },
    resident: {
      contacts: 120,
      refused: 10,
      overflowed: 2,
      respondedSameDay: 90,
      rate: 0.75,
      feedbackSameDay: 84,
      feedbackRate: 0.7,
    },
    assessment: { eligible: 40, within0: 10, within3: 36, within7: 39, patientChosen: 1, rate: 0.9 },
    suppressed: false,
    ...over,
  };
}

const SUPPRESSED_PHONE = { offered: null, answeredSameDay: null, rate: null };

const names = new Map([
  ["SE-A", "Kramfors hälsocentral"],
  ["SE-B", "Ånge hälsocentral"],
  ["SE-C", "Bollstabruk hälsocentral"],
]);

describe("periodTotals", () => {
  it("sums a unit's months and recomputes each rate from the sums, not by averaging", () => {
    const rows = [
      row("SE-A", "2026-01"),
      row("SE-A", "2026-02", { phone: { offered: 300, answeredSameDay: 150, rate: 0.5 } }),
    ];
    const [unit] = periodTotals(rows, names, "Region Västernorrland");
    // (80 + 150) / (100 + 300) = 0.575, where the average of the monthly rates would be 0.65.
    expect(unit?.phone).toEqual({ count: 230, denominator: 400, rate: 0.575 });
    expect(unit?.resident).toEqual({ count: 180, denominator: 240, rate: 0.75 });
    expect(unit?.feedback).toEqual({ count: 168, denominator: 240, rate: 0.7 });
    expect(unit?.assessment).toEqual({ count: 72, denominator: 80, rate: 0.9 });
    expect(unit?.hiddenQueue).toBe(24);
    expect(unit?.name).toBe("Kramfors hälsocentral");
  });

  it("names the region row and unknown units by their HSA-id", () => {
    const totals = periodTotals(
      [row(null, "2026-01"), row("SE-X", "2026-01")],
      names,
      "Region Västernorrland",
    );
    expect(totals.map((t) => [t.hsaId, t.name])).toEqual([
      [null, "Region Västernorrland"],
      ["SE-X", "SE-X"],
    ]);
  });

  it("withholds a period figure when any month of it was withheld (a partial sum would mislead)", () => {
    const rows = [
      row("SE-A", "2026-01"),
      row("SE-A", "2026-02", { phone: SUPPRESSED_PHONE, suppressed: true }),
    ];
    const [unit] = periodTotals(rows, names, "R");
    expect(unit?.phone).toEqual({ count: null, denominator: null, rate: null });
    // The other measures of those months were not withheld and still add up.
    expect(unit?.resident.denominator).toBe(240);
  });

  it("gives no rate for a measure with no contacts", () => {
    const rows = [
      row("SE-A", "2026-01", { assessment: { ...row(null, "").assessment, eligible: 0, within3: 0 } }),
    ];
    expect(periodTotals(rows, names, "R")[0]?.assessment).toEqual({ count: 0, denominator: 0, rate: null });
  });

  it("withholds the hidden queue when refusals were withheld", () => {
    const withheld = { ...row(null, "").resident, refused: null };
    expect(
      periodTotals([row("SE-A", "2026-01", { resident: withheld })], names, "R")[0]?.hiddenQueue,
    ).toBeNull();
  });
});

function rates(name: string, phone: number | null, hiddenQueue: number | null = 0): UnitRates {
  const measure = { count: phone === null ? null : 1, denominator: phone === null ? null : 1, rate: phone };
  return {
    hsaId: name,
    name,
    phone: measure,
    resident: measure,
    feedback: measure,
    assessment: measure,
    hiddenQueue,
  };
}

describe("sortUnitRates", () => {
  const rows = [
    rates("Örnsköldsvik", 0.7, 5),
    rates("Ånge", null, null),
    rates("Kramfors", 0.9, 12),
    rates("Bollstabruk", 0.7, 0),
  ];
  it.each([
    [{ key: "name", direction: "ascending" }, ["Bollstabruk", "Kramfors", "Ånge", "Örnsköldsvik"]],
    [{ key: "name", direction: "descending" }, ["Örnsköldsvik", "Ånge", "Kramfors", "Bollstabruk"]],
    // Ties by name; a withheld figure is last in both directions.
    [{ key: "phone", direction: "ascending" }, ["Bollstabruk", "Örnsköldsvik", "Kramfors", "Ånge"]],
    [{ key: "phone", direction: "descending" }, ["Kramfors", "Bollstabruk", "Örnsköldsvik", "Ånge"]],
    [{ key: "hiddenQueue", direction: "descending" }, ["Kramfors", "Örnsköldsvik", "Bollstabruk", "Ånge"]],
    [{ key: "hiddenQueue", direction: "ascending" }, ["Bollstabruk", "Örnsköldsvik", "Kramfors", "Ånge"]],
  ] as [SortState, string[]][])("%j", (sort, expected) => {
    expect(sortUnitRates(rows, sort).map((r) => r.name)).toEqual(expected);
  });

  it("does not reorder its input", () => {
    sortUnitRates(rows, { key: "phone", direction: "descending" });
    expect(rows[0]?.name).toBe("Örnsköldsvik");
  });
});

describe("sort state", () => {
  it.each([
    [DEFAULT_SORT, "name", { key: "name", direction: "descending" }],
    [{ key: "name", direction: "descending" }, "name", { key: "name", direction: "ascending" }],
    [DEFAULT_SORT, "phone", { key: "phone", direction: "ascending" }],
    [{ key: "phone", direction: "descending" }, "resident", { key: "resident", direction: "ascending" }],
  ] as [SortState, SortState["key"], SortState][])("%j then %s → %j", (current, key, expected) => {
    expect(nextSort(current, key)).toEqual(expected);
  });

  it.each([
    [{ key: "phone", direction: "descending" }, "phone", "descending"],
    [{ key: "phone", direction: "ascending" }, "phone", "ascending"],
    [{ key: "phone", direction: "ascending" }, "name", "none"],
  ] as [SortState, SortState["key"], string][])("aria-sort of %j on %s is %s", (current, key, expected) => {
    expect(ariaSortOf(current, key)).toBe(expected);
  });
});

describe("figureDisplay", () => {
  it.each([
    ["a value", { count: 8, denominator: 10, rate: 0.8 }, false, "value"],
    ["withheld for a committee user", { count: null, denominator: null, rate: null }, true, "suppressed"],
    ["missing without suppression", { count: null, denominator: null, rate: null }, false, "empty"],
    ["no contacts", { count: 0, denominator: 0, rate: null }, true, "empty"],
  ] as const)("%s → %s", (_label, figure, suppressed, expected) => {
    expect(figureDisplay(figure, suppressed)).toBe(expected);
  });
});

describe("referenceFor", () => {
  const values = [
    { year: 2024, nationalPhoneRate: 0.86, goal: 1 },
    { year: 2025, nationalPhoneRate: 0.875, goal: 1 },
    { year: 2026, nationalPhoneRate: null, goal: 1 },
  ];
  it.each([
    ["the period's last year", "2025-12", 2025],
    ["the latest published year when the last one has none yet", "2026-03", 2025],
    ["an earlier year", "2024-06", 2024],
    ["none before the period", "2023-12", null],
  ])("%s", (_label, lastMonth, expectedYear) => {
    expect(referenceFor(values, lastMonth)?.year ?? null).toBe(expectedYear);
  });
});
