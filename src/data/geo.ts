import { readFileSync } from "node:fs";

// The kommun outlines of the demo regions (22 and 24), for maps. Read from disk rather than imported as a
// JSON module: the file is large, has a .geojson extension (not a JSON module to Node), and only the
// server and tests need it. Node-only; the web app fetches it over HTTP instead.

export const KOMMUN_OUTLINES_URL = new URL("./geo/kommuner-22-24.geojson", import.meta.url);

type Ring = [lon: number, lat: number][];
export type KommunGeometry =
  | { type: "Polygon"; coordinates: Ring[] }
  | { type: "MultiPolygon"; coordinates: Ring[][] };

export interface KommunFeature {
  type: "Feature";
  geometry: KommunGeometry;
  properties: { id: string; kom_namn: string; lan_code: string };
}

export interface KommunOutlines {
  type: "FeatureCollection";
  features: KommunFeature[];
}

export function readKommunOutlines(): KommunOutlines {
  return JSON.parse(readFileSync(KOMMUN_OUTLINES_URL, "utf8")) as KommunOutlines;
}

/** Even-odd ray casting over every ring, so holes (enclaves) count as outside. Coordinates are [lon, lat]. */
export function geometryContains(geometry: KommunGeometry, point: { lat: number; lon: number }): boolean {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (
          yi > point.lat !== yj > point.lat &&
          point.lon < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi
        ) {
          inside = !inside;
        }
      }
    }
  }
  return inside;
}
