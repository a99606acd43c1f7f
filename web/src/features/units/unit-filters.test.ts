import { describe, expect, it } from "vitest";
import type { Unit } from "../../api/types.ts";
import { formatWindows } from "./phone-hours.ts";
import { filterUnits, hasFilters, kommunerOf, NO_FILTERS, type UnitFilters } from "./unit-filters.ts";

function unit(name: string, over: Partial<Unit> = {}): Unit {
  return {
    hsaId: `SE-${name}`,
    name,
    type: "halsocentral",
    ownership: "regional",
    provider: { name: "Region Västernorrland", orgNr: "232100-0218" },
    kommun: { code: "2282", name: "Kramfors" },
    location: { lat: 62.93, lon: 17.78 },
    today: { date: "2026-03-02", open: true, phoneHours: [["08:00", "12:00"]], closedReason: null },
    callbackCapacity: { slotMinutes: 15, callsPerSlot: 3 },
    ...over,
  };
}

const units = [
  unit("Örnsköldsvik hälsocentral", { kommun: { code: "2284", name: "Örnsköldsvik" } }),
  unit("Kramfors hälsocentral"),
  unit("Ådalens vårdcentral", {
    ownership: "private",
    provider: { name: "Capio Närsjukvård AB", orgNr: "1" },
  }),
  unit("Junsele sjukstuga", { type: "sjukstuga", kommun: { code: "2283", name: "Sollefteå" } }),
];

const names = (filters: Partial<UnitFilters>) =>
  filterUnits(units, { ...NO_FILTERS, ...filters }).map((u) => u.name);

describe("filterUnits", () => {
  it.each([
    [
      "no filters: all, in Swedish order",
      {},
      ["Junsele sjukstuga", "Kramfors hälsocentral", "Ådalens vårdcentral", "Örnsköldsvik hälsocentral"],
    ],
    ["text in the name, any case", { text: "  KRAMFORS " }, ["Kramfors hälsocentral", "Ådalens vårdcentral"]],
    ["text in the kommun", { text: "sollefteå" }, ["Junsele sjukstuga"]],
    ["text in the provider", { text: "capio" }, ["Ådalens vårdcentral"]],
    ["type", { type: "sjukstuga" }, ["Junsele sjukstuga"]],
    ["ownership", { ownership: "private" }, ["Ådalens vårdcentral"]],
    ["kommun code", { kommun: "2284" }, ["Örnsköldsvik hälsocentral"]],
    ["filters combine", { kommun: "2282", ownership: "regional" }, ["Kramfors hälsocentral"]],
    ["nothing matches", { text: "xyz" }, []],
  ] as const)("%s", (_label, filters, expected) => {
    expect(names(filters)).toEqual(expected);
  });
});

describe("hasFilters", () => {
  it.each([
    [NO_FILTERS, false],
    [{ ...NO_FILTERS, text: "   " }, false],
    [{ ...NO_FILTERS, text: "a" }, true],
    [{ ...NO_FILTERS, type: "filial" as const }, true],
  ])("%o → %s", (filters, expected) => {
    expect(hasFilters(filters)).toBe(expected);
  });
});

describe("kommunerOf", () => {
  it("lists each kommun once, sorted by Swedish name", () => {
    expect(kommunerOf(units).map((k) => k.name)).toEqual(["Kramfors", "Sollefteå", "Örnsköldsvik"]);
  });
});

describe("formatWindows", () => {
  it.each([
    [[], ""],
    [[["08:00", "12:00"]], "08:00–12:00"],
    [
      [
        ["08:00", "12:00"],
        ["13:00", "16:30"],
      ],
      "08:00–12:00, 13:00–16:30",
    ],
  ] as [[string, string][], string][])("%j → %s", (windows, expected) => {
    expect(formatWindows(windows)).toBe(expected);
  });
});
