import kommunerJson from "./kommuner.json" with { type: "json" };
import regionsJson from "./regions.json" with { type: "json" };

// Reference data copied into the repository (see SOURCE.md and build-reference.ts). Imported as JSON
// modules, not read with fs, so the same module works in Node, in Vitest and in the browser bundle.

export interface Kommun {
  /** Four-digit kommunkod; its first two digits are the länskod. */
  code: string;
  name: string;
  /** Two-digit länskod of the region the kommun lies in. */
  regionCode: string;
  /** Approximate population (about 2024) for sizing demo data; only known for regions 22 and 24. */
  population: number | null;
  /** A label point inside the kommun, for placing markers on a map. */
  labelPoint: { lat: number; lon: number };
}

export interface RegionRef {
  /** Two-digit länskod as text, e.g. "22". */
  code: string;
  /** The region's official name, e.g. "Region Västernorrland". */
  name: string;
}

export const KOMMUNER: readonly Kommun[] = kommunerJson satisfies readonly Kommun[];
export const REGIONS: readonly RegionRef[] = regionsJson satisfies readonly RegionRef[];

const kommunIndex = new Map(KOMMUNER.map((k) => [k.code, k]));
const regionIndex = new Map(REGIONS.map((r) => [r.code, r]));

export function kommunByCode(code: string): Kommun | undefined {
  return kommunIndex.get(code);
}

/** The kommuner of a region, in kommunkod order; empty for an unknown region. */
export function kommunerInRegion(regionCode: string): Kommun[] {
  return KOMMUNER.filter((k) => k.regionCode === regionCode);
}

export function regionByCode(code: string): RegionRef | undefined {
  return regionIndex.get(code);
}

/** The official name of the region with this länskod, or undefined for an unknown code. */
export function regionName(code: string): string | undefined {
  return regionIndex.get(code)?.name;
}
