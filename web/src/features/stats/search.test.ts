import { describe, expect, it } from "vitest";
import type { Role, Unit } from "../../api/types.ts";
import {
  chosenUnit,
  unitChoices,
  validateAccessibilitySearch,
  validateForecastSearch,
  validateRegionSearch,
} from "./search.ts";

function unit(hsaId: string, name: string): Unit {
  return {
    hsaId,
    name,
    type: "halsocentral",
    ownership: "regional",
    provider: { name: "Region", orgNr: "1" },
    kommun: { code: "2282", name: "Kramfors" },
    location: { lat: 0, lon: 0 },
    today: { date: "2026-03-02", open: true, phoneHours: [], closedReason: null },
    callbackCapacity: { slotMinutes: 15, callsPerSlot: 2 },
  };
}

const units = [unit("SE-O", "Örnsköldsvik"), unit("SE-K", "Kramfors"), unit("SE-A", "Ånge")];

describe("validateAccessibilitySearch", () => {
  it.each([
    [{}, {}],
    [
      { region: "22", from: "2025-03", to: "2026-03", unit: "SE2321000000-D8201", heat: "unanswered" },
      { region: "22", from: "2025-03", to: "2026-03", unit: "SE2321000000-D8201", heat: "unanswered" },
    ],
    // Malformed parts are dropped one by one; the page then uses its defaults for them.
    [{ region: "2", from: "2025-13", to: "2026-3", unit: "<script>", heat: "all" }, {}],
    [{ region: 22, from: "2025-03" }, { from: "2025-03" }],
  ])("%j → %j", (search, expected) => {
    expect(validateAccessibilitySearch(search)).toEqual(expected);
  });
});

describe("validateForecastSearch", () => {
  it.each([
    [
      { date: "2026-03-03", handle: 6 },
      { date: "2026-03-03", handle: 6 },
    ],
    [{ handle: "8" }, { handle: 8 }],
    [{ date: "2026-02-30", handle: 0 }, {}],
    [{ handle: 61 }, {}],
    [{ handle: 2.5 }, {}],
  ])("%j → %j", (search, expected) => {
    expect(validateForecastSearch(search)).toEqual(expected);
  });

  it("keeps only a two-digit region code", () => {
    expect(validateRegionSearch({ region: "24" })).toEqual({ region: "24" });
    expect(validateRegionSearch({ region: "x" })).toEqual({});
  });
});

describe("unit scoping", () => {
  it.each([
    ["region_admin", [], ["Kramfors", "Ånge", "Örnsköldsvik"]],
    ["committee", [], ["Kramfors", "Ånge", "Örnsköldsvik"]],
    ["staff", ["SE-A"], ["Ånge"]],
    ["unit_manager", ["SE-O", "SE-K"], ["Kramfors", "Örnsköldsvik"]],
  ] as [Role, string[], string[]][])("%s with units %j may choose %j", (role, own, expected) => {
    expect(unitChoices(units, { role, unitHsaIds: own }).map((u) => u.name)).toEqual(expected);
  });

  it.each([
    ["a region admin without a choice sees the region", undefined, "region_admin", null],
    ["a region admin's choice", "SE-K", "region_admin", "SE-K"],
    ["a unit not among the choices is ignored", "SE-X", "committee", null],
    ["staff without a choice see their first unit", undefined, "staff", "SE-K"],
    ["staff may not fall back to the region", "SE-X", "staff", "SE-K"],
  ] as [string, string | undefined, Role, string | null][])("%s", (_label, requested, role, expected) => {
    const choices = unitChoices(units, { role, unitHsaIds: role === "staff" ? ["SE-K", "SE-O"] : [] });
    expect(chosenUnit(requested, choices, role)).toBe(expected);
  });
});
