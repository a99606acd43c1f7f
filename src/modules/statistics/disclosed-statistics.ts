import type { Kysely } from "kysely";
import type { Database, Ownership, UnitType } from "../../db/schema.ts";
import {
  MEASURE_GROUPS,
  type MeasureGroup,
  suppressionByGroup,
  type UnitMonthCounters,
} from "../../domain/disclosure/measure-groups.ts";
import { type DisclosurePeriodKind, periodLabel } from "../../domain/disclosure/periods.ts";
import {
  type AccessibilityCounters,
  type AccessibilityFigures,
  accessibilityFromCounters,
  addCounters,
  emptyCounters,
} from "../../domain/statistics/index.ts";
import { findAccessibilityCounters } from "./stats.repository.ts";

// The figures public and committee views may show: whole months, quarters or years, built from the months'
// rollups so that a quarter or a year knows which of its months withheld a unit. Every unit of the region
// except the backup teams is a candidate of the suppression rule; the region total counts every unit,
// backup teams included, and is never withheld (FORMATS.md, "Open data").

export interface RegionUnit {
  hsaId: string;
  name: string;
  kommunCode: string;
  type: UnitType;
  ownership: Ownership;
}

export interface DisclosedUnit {
  unit: RegionUnit;
  figures: AccessibilityFigures;
  /** Per measure group: withheld in this view. */
  suppressed: Record<MeasureGroup, boolean>;
}

export interface DisclosedPeriod {
  period: string;
  /** Every unit's contacts, backup teams included. */
  total: AccessibilityFigures;
  /** Every unit of the region but the backup teams, by HSA-id; a unit without contacts has zeros. */
  units: DisclosedUnit[];
}

export async function findRegionUnits(db: Kysely<Database>, regionCode: string): Promise<RegionUnit[]> {
  const rows = await db
    .selectFrom("units")
    .select(["hsa_id", "name", "kommun_code", "type", "ownership"])
    .where("region_code", "=", regionCode)
    .orderBy("hsa_id")
    .execute();
  return rows.map((r) => ({
    hsaId: r.hsa_id,
    name: r.name,
    kommunCode: r.kommun_code,
    type: r.type,
    ownership: r.ownership,
  }));
}

/**
 * The region's figures per whole period of `kind` between `from` and `to` (which the caller has checked to
 * be whole periods), with the suppression rule applied per period and measure group. Periods without any
 * contact in the region are left out.
 */
export async function disclosedStatistics(
  db: Kysely<Database>,
  query: { regionCode: string; from: string; to: string; kind: DisclosurePeriodKind },
): Promise<DisclosedPeriod[]> {
  const units = await findRegionUnits(db, query.regionCode);
  const listed = units.filter((u) => u.type !== "backup");
  const listedIds = new Set(listed.map((u) => u.hsaId));
  const rows = await findAccessibilityCounters(db, {
    regionCode: query.regionCode,
    from: query.from,
    to: query.to,
    by: "month",
  });

  // period → month → unit counters (listed units only), and period sums per unit and for the region.
  const monthsOf = new Map<string, Map<string, UnitMonthCounters[]>>();
  const unitSums = new Map<string, Map<string, AccessibilityCounters>>();
  const totals = new Map<string, AccessibilityCounters>();
  for (const row of rows) {
    const period = periodLabel(row.period, query.kind);
    totals.set(period, addCounters(totals.get(period) ?? emptyCounters(), row.counters));
    if (!listedIds.has(row.hsaId)) continue;
    const months = monthsOf.get(period) ?? new Map<string, UnitMonthCounters[]>();
    monthsOf.set(period, months);
    const month = months.get(row.period) ?? [];
    months.set(row.period, month);
    month.push({ hsaId: row.hsaId, counters: row.counters });
    const sums = unitSums.get(period) ?? new Map<string, AccessibilityCounters>();
    unitSums.set(period, sums);
    sums.set(row.hsaId, addCounters(sums.get(row.hsaId) ?? emptyCounters(), row.counters));
  }

  const out: DisclosedPeriod[] = [];
  for (const period of [...totals.keys()].sort()) {
    const total = totals.get(period) ?? emptyCounters();
    if (Object.values(total).every((v) => v === 0)) continue;
    const suppression = suppressionByGroup([...(monthsOf.get(period)?.values() ?? [])]);
    const sums = unitSums.get(period);
    out.push({
      period,
      total: accessibilityFromCounters(total),
      units: listed.map((unit) => ({
        unit,
        figures: accessibilityFromCounters(sums?.get(unit.hsaId) ?? emptyCounters()),
        suppressed: Object.fromEntries(
          MEASURE_GROUPS.map((group) => [group, suppression[group].has(unit.hsaId)]),
        ) as Record<MeasureGroup, boolean>,
      })),
    });
  }
  return out;
}
