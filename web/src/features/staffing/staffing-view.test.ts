import { describe, expect, it } from "vitest";
import type { StaffingRow } from "./api.ts";
import { isPreliminary, regionRows, trendSeries, unitsByShortfall } from "./staffing-view.ts";

function row(
  unitHsaId: string | null,
  kommunCode: string | null,
  month: string,
  listedPerGp: string | null,
  shortfallFte = "0.00",
): StaffingRow {
  return {
    unitHsaId,
    kommunCode,
    month,
    listed: 0,
    gpFte: "0.00",
    gpAgencyFte: "0.00",
    listedPerGp,
    neededGpFte: "0.00",
    gpGapFte: "0.00",
    shortfallFte,
    meetsGoal: false,
    units: 1,
    unitsMeetingGoal: 0,
    stFte: "0.00",
    listedPerGpWithSt: null,
    needWeightedListedPerGp: null,
    physicianFte: "0.00",
    physicianAgencyFte: "0.00",
    agencyShare: null,
    agencyCostOre: "0",
  };
}

describe("staffing view", () => {
  const rows = [
    row("A", "2282", "2023-01", "2500.0", "3.10"),
    row("B", "2283", "2023-01", null, "0.45"),
    row("C", "2283", "2023-01", "1900.0", "3.10"),
    row(null, "2283", "2023-01", "2100.0"),
    row(null, "2282", "2023-01", "2500.0"),
    row(null, null, "2023-01", "2300.0"),
    row(null, null, "2023-02", null),
  ];
  const names: Record<string, string> = {
    "2282": "Kramfors",
    "2283": "Sollefteå",
    A: "Alfa",
    B: "Beta",
    C: "Gamma",
  };

  it("puts the region first and the kommuner by name, null where there is no ratio", () => {
    const { months, series } = trendSeries(rows, "Regionen", (c) => names[c] ?? c);
    expect(months).toEqual(["2023-01", "2023-02"]);
    expect(series.map((s) => [s.name, s.values])).toEqual([
      ["Regionen", [2300, null]],
      ["Kramfors", [2500, null]],
      ["Sollefteå", [2100, null]],
    ]);
  });

  it("ranks units by shortfall, then by the higher ratio (no ratio counts as highest)", () => {
    expect(unitsByShortfall(rows, "2023-01", (h) => names[h] ?? h).map((r) => r.unitHsaId)).toEqual([
      "A",
      "C",
      "B",
    ]);
  });

  it("lists region rows by month", () => {
    expect(regionRows(rows).map((r) => r.month)).toEqual(["2023-01", "2023-02"]);
  });

  it.each([
    ["2026-11", "2026-12-07", true],
    ["2026-11", "2026-12-08", false],
    ["2026-12", "2026-12-20", true],
    ["2026-12", "2027-01-08", false],
  ])("%s on %s preliminary: %s", (month, today, expected) => {
    expect(isPreliminary(month, today)).toBe(expected);
  });
});
