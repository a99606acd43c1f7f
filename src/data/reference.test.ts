import { describe, expect, it } from "vitest";
import { geometryContains, readKommunOutlines } from "./geo.ts";
import { KOMMUNER, kommunByCode, kommunerInRegion, REGIONS, regionByCode, regionName } from "./reference.ts";

describe("regions", () => {
  it("has the 21 regions with two-digit länskoder and official names", () => {
    expect(REGIONS).toHaveLength(21);
    for (const r of REGIONS) {
      expect(r.code).toMatch(/^\d{2}$/);
      expect(r.name).toMatch(/^Region |regionen$/);
    }
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(21);
  });

  it.each([
    ["01", "Region Stockholm"],
    ["09", "Region Gotland"],
    ["12", "Region Skåne"],
    ["14", "Västra Götalandsregionen"],
    ["22", "Region Västernorrland"],
    ["24", "Region Västerbotten"],
  ])("names %s %s", (code, name) => {
    expect(regionName(code)).toBe(name);
    expect(regionByCode(code)?.name).toBe(name);
  });

  it("knows no region 02 or 99", () => {
    expect(regionName("02")).toBeUndefined();
    expect(regionName("99")).toBeUndefined();
  });
});

describe("kommuner", () => {
  it("has all 290, each in an existing region that its code starts with", () => {
    expect(KOMMUNER).toHaveLength(290);
    expect(new Set(KOMMUNER.map((k) => k.code)).size).toBe(290);
    for (const k of KOMMUNER) {
      expect(k.code).toMatch(/^\d{4}$/);
      expect(k.code.slice(0, 2)).toBe(k.regionCode);
      expect(regionName(k.regionCode)).toBeDefined();
      expect(k.labelPoint.lat).toBeGreaterThan(55);
      expect(k.labelPoint.lat).toBeLessThan(69.1);
      expect(k.labelPoint.lon).toBeGreaterThan(10.9);
      expect(k.labelPoint.lon).toBeLessThan(24.2);
    }
  });

  it.each([
    ["0180", "Stockholm", "01"],
    ["0980", "Gotland", "09"],
    ["2282", "Kramfors", "22"],
    ["2283", "Sollefteå", "22"],
    ["2480", "Umeå", "24"],
  ])("finds %s %s in region %s", (code, name, region) => {
    expect(kommunByCode(code)).toMatchObject({ code, name, regionCode: region });
  });

  it("returns undefined for an unknown code", () => {
    expect(kommunByCode("2299")).toBeUndefined();
    expect(kommunByCode("")).toBeUndefined();
  });

  it.each([
    ["22", 7],
    ["24", 15],
    ["09", 1],
    ["99", 0],
  ])("region %s has %i kommuner", (region, count) => {
    expect(kommunerInRegion(region)).toHaveLength(count);
  });

  // Figures from ../shared/data/population/kommuner-22-24.csv (not read here: a clone has no ../shared).
  it.each([
    ["2260", 9_000],
    ["2281", 99_500],
    ["2282", 17_800],
    ["2283", 18_700],
    ["2422", 2_400],
    ["2480", 132_000],
    ["2482", 75_800],
  ])("kommun %s has about %i residents", (code, population) => {
    expect(kommunByCode(code)?.population).toBe(population);
  });

  it("has a population for exactly the kommuner of regions 22 and 24, adding up to the source's totals", () => {
    for (const k of KOMMUNER)
      expect(k.population !== null).toBe(k.regionCode === "22" || k.regionCode === "24");
    const total = (region: string) => kommunerInRegion(region).reduce((s, k) => s + (k.population ?? 0), 0);
    expect(total("22")).toBe(243_700);
    expect(total("24")).toBe(277_400);
  });
});

describe("kommun outlines of regions 22 and 24", () => {
  const outlines = readKommunOutlines();

  it("holds exactly the 22 kommuner of the two regions, with three properties each", () => {
    expect(outlines.type).toBe("FeatureCollection");
    const codes = outlines.features.map((f) => f.properties.id).sort();
    expect(codes).toEqual([...kommunerInRegion("22"), ...kommunerInRegion("24")].map((k) => k.code));
    for (const f of outlines.features) {
      expect(Object.keys(f.properties).sort()).toEqual(["id", "kom_namn", "lan_code"]);
      expect(f.properties.kom_namn).toBe(kommunByCode(f.properties.id)?.name);
      expect(f.properties.lan_code).toBe(f.properties.id.slice(0, 2));
    }
  });

  it("contains each kommun's label point in its own outline and in no other", () => {
    for (const k of [...kommunerInRegion("22"), ...kommunerInRegion("24")]) {
      const containing = outlines.features.filter((f) => geometryContains(f.geometry, k.labelPoint));
      expect(containing.map((f) => f.properties.id)).toEqual([k.code]);
    }
  });
});

describe("geometryContains", () => {
  const square = {
    type: "Polygon" as const,
    coordinates: [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ] as [number, number][],
      [
        [4, 4],
        [6, 4],
        [6, 6],
        [4, 6],
        [4, 4],
      ] as [number, number][],
    ],
  };
  it.each([
    [{ lat: 2, lon: 2 }, true],
    [{ lat: 5, lon: 5 }, false],
    [{ lat: 11, lon: 5 }, false],
    [{ lat: 5, lon: -1 }, false],
  ])("%o inside the square with a hole: %s", (point, expected) => {
    expect(geometryContains(square, point)).toBe(expected);
  });
});
