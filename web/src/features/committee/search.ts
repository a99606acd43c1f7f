import { MAP_MEASURE_KEYS, type MapMeasureKey } from "./chart-options.ts";

const REGION = /^\d{2}$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?$/;

export interface MapSearch {
  region?: string;
  period?: string;
  measure?: MapMeasureKey;
}

/** The map's address: region, a calendar month / quarter / year, a measure; anything else is dropped. */
export function parseMapSearch(search: Record<string, unknown>): MapSearch {
  const out: MapSearch = {};
  if (typeof search.region === "string" && REGION.test(search.region)) out.region = search.region;
  if (typeof search.period === "string" && PERIOD.test(search.period)) out.period = search.period;
  if (typeof search.measure === "string" && (MAP_MEASURE_KEYS as readonly string[]).includes(search.measure))
    out.measure = search.measure as MapMeasureKey;
  return out;
}
