// Distances between units for the close/open scenario: great-circle distance (haversine) between the
// coordinates of the region file. A mean Earth radius is plenty for "how far to the next unit".

export interface LatLon {
  lat: number;
  lon: number;
}

export const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The `k` candidates nearest to `from`, nearest first; equal distances by key, so the choice is stable. */
export function nearest<T extends LatLon & { hsaId: string }>(
  from: LatLon,
  candidates: readonly T[],
  k: number,
): T[] {
  return candidates
    .map((c) => ({ c, km: haversineKm(from, c) }))
    .sort((a, b) => a.km - b.km || (a.c.hsaId < b.c.hsaId ? -1 : a.c.hsaId > b.c.hsaId ? 1 : 0))
    .slice(0, Math.max(0, k))
    .map((x) => x.c);
}
