// Age bands of the listing page. Listing is imported by whole years of age (FORMATS.md "Listing"); the
// page shows it in the bands Vårdval's weights commonly use, so figures line up with the payment.

export interface AgeBand {
  /** "0-6", …, "80+". */
  label: string;
  from: number;
  /** Inclusive; null for the open top band. */
  to: number | null;
}

export const AGE_BANDS: readonly AgeBand[] = [
  { label: "0-6", from: 0, to: 6 },
  { label: "7-19", from: 7, to: 19 },
  { label: "20-49", from: 20, to: 49 },
  { label: "50-64", from: 50, to: 64 },
  { label: "65-79", from: 65, to: 79 },
  { label: "80+", from: 80, to: null },
];

export function ageBandOf(age: number): string {
  for (const band of AGE_BANDS)
    if (age >= band.from && (band.to === null || age <= band.to)) return band.label;
  throw new RangeError(`age ${age} is in no band`);
}

export type Sex = "female" | "male" | "unknown";

export interface ListedBySexRow {
  age: number;
  sex: Sex;
  count: number;
}

export interface AgeBandCounts {
  band: string;
  female: number;
  male: number;
  unknown: number;
  total: number;
}

/** Sums listing rows (whole years of age) into the bands, every band present in order even when 0. */
export function listedByAgeBand(rows: readonly ListedBySexRow[]): AgeBandCounts[] {
  const bands = new Map<string, AgeBandCounts>(
    AGE_BANDS.map((b) => [b.label, { band: b.label, female: 0, male: 0, unknown: 0, total: 0 }]),
  );
  for (const row of rows) {
    const counts = bands.get(ageBandOf(row.age)) as AgeBandCounts;
    counts[row.sex] += row.count;
    counts.total += row.count;
  }
  return [...bands.values()];
}
