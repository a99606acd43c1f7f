// Pure helpers of the staffing pages: the trend series, the units ranked by shortfall, the agency figures
// per month and the preliminary mark. The figures themselves come from the server, exact and rounded
// there; nothing here recomputes a ratio.
import type { StaffingRow } from "./api.ts";

export interface TrendSeries {
  key: string;
  name: string;
  /** listedPerGp per month, null where the month has no specialist FTE. */
  values: (number | null)[];
}

const decimal = (text: string | null): number | null => (text === null ? null : Number(text));

export function monthsOfRows(rows: readonly StaffingRow[]): string[] {
  return [...new Set(rows.map((r) => r.month))].sort();
}

/** The region's line first, then one per kommun (named), ordered by name. */
export function trendSeries(
  rows: readonly StaffingRow[],
  regionName: string,
  kommunName: (code: string) => string,
): { months: string[]; series: TrendSeries[] } {
  const months = monthsOfRows(rows);
  const index = new Map(months.map((m, i) => [m, i]));
  const region: TrendSeries = { key: "region", name: regionName, values: months.map(() => null) };
  const kommuner = new Map<string, TrendSeries>();
  for (const row of rows) {
    if (row.unitHsaId !== null) continue;
    const i = index.get(row.month) ?? 0;
    if (row.kommunCode === null) region.values[i] = decimal(row.listedPerGp);
    else {
      const series = kommuner.get(row.kommunCode) ?? {
        key: row.kommunCode,
        name: kommunName(row.kommunCode),
        values: months.map(() => null),
      };
      series.values[i] = decimal(row.listedPerGp);
      kommuner.set(row.kommunCode, series);
    }
  }
  const collator = new Intl.Collator("sv");
  return {
    months,
    series: [region, ...[...kommuner.values()].sort((a, b) => collator.compare(a.name, b.name))],
  };
}

/** The month's unit rows, largest shortfall first; ties by the higher ratio, then by name. */
export function unitsByShortfall(
  rows: readonly StaffingRow[],
  month: string,
  unitName: (hsaId: string) => string,
): StaffingRow[] {
  const collator = new Intl.Collator("sv");
  return rows
    .filter((r) => r.month === month && r.unitHsaId !== null)
    .sort(
      (a, b) =>
        Number(b.shortfallFte) - Number(a.shortfallFte) ||
        (decimal(b.listedPerGp) ?? Number.POSITIVE_INFINITY) -
          (decimal(a.listedPerGp) ?? Number.POSITIVE_INFINITY) ||
        collator.compare(unitName(a.unitHsaId ?? ""), unitName(b.unitHsaId ?? "")),
    );
}

/** The region rows, month by month. */
export function regionRows(rows: readonly StaffingRow[]): StaffingRow[] {
  return rows
    .filter((r) => r.unitHsaId === null && r.kommunCode === null)
    .sort((a, b) => (a.month < b.month ? -1 : 1));
}

/**
 * A month is preliminary until the 8th day of the next month (as for the accessibility figures):
 * reports may still come in.
 */
export function isPreliminary(month: string, today: string): boolean {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return today < `${next}-08`;
}
