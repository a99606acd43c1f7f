import { type KommunOutlines, readKommunOutlines } from "../../data/geo.ts";
import { kommunByCode } from "../../data/reference.ts";
import { AppError } from "../../errors.ts";
import type { KommunOutlinesResponse } from "./committee.schemas.ts";

// The shipped kommun outlines (src/data/geo) for the web map: public reference data, read once.
let cached: KommunOutlines | null = null;

export function kommunOutlinesFor(regionCode: string): KommunOutlinesResponse {
  cached ??= readKommunOutlines();
  const features = cached.features.filter((f) => f.properties.lan_code === regionCode);
  if (features.length === 0)
    throw new AppError("not_found", `No kommun outlines for region ${regionCode}.`, { regionCode });
  return {
    type: "FeatureCollection",
    features: features.map((f) => ({
      type: "Feature",
      properties: { id: f.properties.id, name: kommunByCode(f.properties.id)?.name ?? f.properties.kom_namn },
      geometry: f.geometry,
    })),
  };
}
