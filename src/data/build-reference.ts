/**
 * Regenerates the reference data in this folder from the shared source files. A development tool, run by
 * hand when the sources change; the product itself never reads outside the repository at run time.
 *
 *   node src/data/build-reference.ts [SHARED_DATA_DIR]   (default ../shared/data)
 *
 * Sources and licences: see SOURCE.md beside this file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface SourceFeature {
  type: "Feature";
  geometry: unknown;
  properties: Record<string, unknown>;
}
interface SourceCollection {
  type: "FeatureCollection";
  features: SourceFeature[];
}

// Official names as the regions use them; the source file only carries the county (län) name.
const REGION_NAMES: Record<string, string> = {
  "01": "Region Stockholm",
  "03": "Region Uppsala",
  "04": "Region Sörmland",
  "05": "Region Östergötland",
  "06": "Region Jönköpings län",
  "07": "Region Kronoberg",
  "08": "Region Kalmar län",
  "09": "Region Gotland",
  "10": "Region Blekinge",
  "12": "Region Skåne",
  "13": "Region Halland",
  "14": "Västra Götalandsregionen",
  "17": "Region Värmland",
  "18": "Region Örebro län",
  "19": "Region Västmanland",
  "20": "Region Dalarna",
  "21": "Region Gävleborg",
  "22": "Region Västernorrland",
  "23": "Region Jämtland Härjedalen",
  "24": "Region Västerbotten",
  "25": "Region Norrbotten",
};

/** The regions whose kommun outlines are kept in the repository (the two demo regions). */
const GEO_REGIONS = ["22", "24"];

const sharedDir = process.argv[2] ?? join(import.meta.dirname, "../../../shared/data");
const outDir = import.meta.dirname;

const municipalities = JSON.parse(
  readFileSync(join(sharedDir, "geo/swedish_municipalities.geojson"), "utf8"),
) as SourceCollection;
const regionShapes = JSON.parse(
  readFileSync(join(sharedDir, "geo/swedish_regions.geojson"), "utf8"),
) as SourceCollection;

const population = new Map<string, number>();
const csv = readFileSync(join(sharedDir, "population/kommuner-22-24.csv"), "utf8").trim().split("\n");
for (const line of csv.slice(1)) {
  const [code, , , count] = line.split(",");
  if (code === undefined || count === undefined) throw new Error(`bad population line: ${line}`);
  population.set(code, Number(count));
}

const regions = regionShapes.features
  .map((f) => {
    const code = String(f.properties.l_id).padStart(2, "0");
    const name = REGION_NAMES[code];
    if (!name) throw new Error(`no official name for region ${code} (${String(f.properties.name)})`);
    return { code, name };
  })
  .sort((a, b) => a.code.localeCompare(b.code));
if (regions.length !== 21) throw new Error(`expected 21 regions, got ${regions.length}`);

const kommuner = municipalities.features
  .map((f) => {
    const p = f.properties;
    const point = p.geo_point_2d as [number, number];
    return {
      code: String(p.id),
      name: String(p.kom_namn),
      regionCode: String(p.lan_code),
      population: population.get(String(p.id)) ?? null,
      // The source's label point is [lat, lon], the reverse of GeoJSON coordinates.
      labelPoint: { lat: point[0], lon: point[1] },
    };
  })
  .sort((a, b) => a.code.localeCompare(b.code));
if (kommuner.length !== 290) throw new Error(`expected 290 kommuner, got ${kommuner.length}`);
for (const code of population.keys()) {
  if (!kommuner.some((k) => k.code === code)) throw new Error(`population for unknown kommun ${code}`);
}

const geoFeatures = municipalities.features
  .filter((f) => GEO_REGIONS.includes(String(f.properties.lan_code)))
  .sort((a, b) => String(a.properties.id).localeCompare(String(b.properties.id)))
  .map((f) => ({
    type: "Feature",
    geometry: f.geometry,
    properties: { id: f.properties.id, kom_namn: f.properties.kom_namn, lan_code: f.properties.lan_code },
  }));

/** One record per line: diffable, and much smaller than indented JSON. */
function linesJson(items: readonly unknown[]): string {
  return `[\n${items.map((i) => JSON.stringify(i)).join(",\n")}\n]\n`;
}

writeFileSync(join(outDir, "regions.json"), linesJson(regions));
writeFileSync(join(outDir, "kommuner.json"), linesJson(kommuner));
writeFileSync(
  join(outDir, "geo/kommuner-22-24.geojson"),
  `{"type":"FeatureCollection","features":${linesJson(geoFeatures).trimEnd()}}\n`,
);
process.stderr.write(
  `wrote ${regions.length} regions, ${kommuner.length} kommuner, ${geoFeatures.length} kommun outlines\n`,
);
