import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  type AccessibilityCounters,
  type AccessibilityFigures,
  accessibilityFromCounters,
  addCounters,
  emptyCounters,
} from "../../domain/statistics/index.ts";
import { findAccessibilityCounters } from "../statistics/stats.repository.ts";
import { findRegionUnits } from "./committee.repository.ts";

// `vardnav stats accessibility --by kommun`: the FORMATS.md accessibility figures summed per kommun and
// month over the kommun's units (backup teams serve the whole region and are only in the region row). The
// operator's command, like the per-unit rows: the committee's views apply the suppression rule on top.

export interface KommunAccessibilityRow extends AccessibilityFigures {
  unitHsaId: null;
  /** null for the region row. */
  kommunCode: string | null;
  period: string;
}

export async function accessibilityByKommun(
  db: Kysely<Database>,
  query: { regionCode: string; from: string; to: string },
): Promise<KommunAccessibilityRow[]> {
  const [rows, units] = await Promise.all([
    findAccessibilityCounters(db, { ...query, by: "month" }),
    findRegionUnits(db, query.regionCode),
  ]);
  const unitByHsaId = new Map(units.map((u) => [u.hsaId, u]));
  const byPeriod = new Map<
    string,
    { region: AccessibilityCounters; kommuner: Map<string, AccessibilityCounters> }
  >();
  for (const row of rows) {
    const entry = byPeriod.get(row.period) ?? { region: emptyCounters(), kommuner: new Map() };
    entry.region = addCounters(entry.region, row.counters);
    const unit = unitByHsaId.get(row.hsaId);
    if (unit !== undefined && unit.type !== "backup") {
      entry.kommuner.set(
        unit.kommunCode,
        addCounters(entry.kommuner.get(unit.kommunCode) ?? emptyCounters(), row.counters),
      );
    }
    byPeriod.set(row.period, entry);
  }
  const out: KommunAccessibilityRow[] = [];
  for (const period of [...byPeriod.keys()].sort()) {
    const entry = byPeriod.get(period);
    if (entry === undefined) continue;
    out.push({ unitHsaId: null, kommunCode: null, period, ...accessibilityFromCounters(entry.region) });
    for (const code of [...entry.kommuner.keys()].sort()) {
      out.push({
        unitHsaId: null,
        kommunCode: code,
        period,
        ...accessibilityFromCounters(entry.kommuner.get(code) ?? emptyCounters()),
      });
    }
  }
  return out;
}
