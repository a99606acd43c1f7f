import { describe, expect, it } from "vitest";
import type { TransferView } from "./api.ts";
import { filterTransfers, registerYears, sortTransfers, touchesYear } from "./register.ts";

function view(id: string, overrides: Partial<TransferView> = {}): TransferView {
  return {
    id,
    region: "22",
    version: 1,
    title: id,
    fromClinic: "Klinik",
    decisionRef: null,
    decidedOn: null,
    status: "in_effect",
    from: "2025-01",
    to: null,
    expectedAnnualVolume: 1,
    volumeUnit: "besök",
    estimatedAnnualCost: "100.00",
    annualCompensation: "0.00",
    component: null,
    units: null,
    updatedAt: "2026-01-01T00:00:00.000Z",
    updatedBy: "x",
    ...overrides,
  };
}

describe("register filter and order", () => {
  const rows = [
    view("a", {
      title: "Ärende",
      from: "2023-04",
      to: "2024-06",
      status: "ended",
      estimatedAnnualCost: "900.5",
    }),
    view("b", { title: "Alfa", from: "2026-09", status: "proposed", estimatedAnnualCost: "1000.00" }),
    view("c", { title: "Beta", from: "2025-11", estimatedAnnualCost: "99.99" }),
  ];

  it.each([
    [2023, ["a"]],
    [2024, ["a"]],
    [2025, ["c"]],
    [2026, ["b", "c"]],
  ])("year %i selects %j", (year, ids) => {
    expect(filterTransfers(rows, { year }).map((t) => t.id)).toEqual(ids);
  });

  it("filters by status and by both", () => {
    expect(filterTransfers(rows, { status: "proposed" }).map((t) => t.id)).toEqual(["b"]);
    expect(filterTransfers(rows, { status: "proposed", year: 2025 })).toEqual([]);
  });

  it("sorts text the Swedish way (Ä after B), money exactly, status by its order", () => {
    expect(sortTransfers(rows, "title", "asc", "sv").map((t) => t.id)).toEqual(["b", "c", "a"]);
    expect(sortTransfers(rows, "cost", "desc", "sv").map((t) => t.id)).toEqual(["b", "a", "c"]);
    expect(sortTransfers(rows, "status", "asc", "sv").map((t) => t.id)).toEqual(["b", "c", "a"]);
  });

  it("offers the years from the first start to next year", () => {
    expect(registerYears(rows, 2026)).toEqual([2023, 2024, 2025, 2026, 2027]);
    expect(registerYears([], 2026)).toEqual([2026, 2027]);
    expect(touchesYear({ from: "2026-12", to: null }, 2026)).toBe(true);
  });
});
