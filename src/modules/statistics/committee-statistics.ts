import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type DisclosurePeriodKind, wholePeriodsProblem } from "../../domain/disclosure/periods.ts";
import type { AccessibilityFigures } from "../../domain/statistics/index.ts";
import { AppError } from "../../errors.ts";
import { type DisclosedUnit, disclosedStatistics } from "./disclosed-statistics.ts";
import { type StatsGranularity, unitIdOf } from "./stats.repository.ts";
import type { AccessibilityQuery, Nullable, ProtectedAccessibilityRow } from "./stats.service.ts";

// What a committee member may ask of the accessibility figures (FORMATS.md "Open data", last sentences):
// whole calendar months, quarters and years, every unit figure under the region's suppression rule.

/** Refuses days and ranges that are not whole periods of `by`. */
export function assertCommitteeQuestion(
  by: StatsGranularity,
  from: string,
  to: string,
): asserts by is DisclosurePeriodKind {
  if (by === "day") {
    throw new AppError(
      "forbidden",
      "Committee views offer calendar months, quarters and years only, never single days.",
      { by },
    );
  }
  const problem = wholePeriodsProblem(from, to, by);
  if (problem !== null) {
    throw new AppError(
      "forbidden",
      `Committee views offer whole calendar months, quarters and years only: ${problem}.`,
      { from, to, by },
    );
  }
}

function nulled<T extends object>(group: T): Nullable<T> {
  return Object.fromEntries(Object.keys(group).map((k) => [k, null])) as Nullable<T>;
}

function isEmpty(figures: AccessibilityFigures): boolean {
  return (
    figures.phone.offered === 0 &&
    Object.values(figures.resident).every((v) => v === 0 || v === null) &&
    Object.values(figures.assessment).every((v) => v === 0 || v === null)
  );
}

function protectedRow(
  period: string,
  { unit, figures, suppressed }: DisclosedUnit,
): ProtectedAccessibilityRow {
  return {
    unitHsaId: unit.hsaId,
    period,
    phone: suppressed.phone ? nulled(figures.phone) : figures.phone,
    resident: suppressed.resident ? nulled(figures.resident) : figures.resident,
    assessment: suppressed.assessment ? nulled(figures.assessment) : figures.assessment,
    suppressed: suppressed.phone || suppressed.resident || suppressed.assessment,
  };
}

/**
 * The committee's rows: per period the region total (never withheld; backup teams included), then every
 * unit with contacts by HSA-id (backup teams not listed), withheld per measure group as the rule says. With
 * a unit asked for, the rule is still judged over the whole region and the region row stays the region's.
 */
export async function committeeAccessibilityRows(
  db: Kysely<Database>,
  query: AccessibilityQuery,
): Promise<ProtectedAccessibilityRow[]> {
  assertCommitteeQuestion(query.by, query.from, query.to);
  if (query.unitHsaId !== undefined) await unitIdOf(db, query.regionCode, query.unitHsaId);
  const periods = await disclosedStatistics(db, {
    regionCode: query.regionCode,
    from: query.from,
    to: query.to,
    kind: query.by,
  });
  const rows: ProtectedAccessibilityRow[] = [];
  for (const period of periods) {
    rows.push({ unitHsaId: null, period: period.period, ...period.total, suppressed: false });
    for (const unit of period.units) {
      if (query.unitHsaId !== undefined && unit.unit.hsaId !== query.unitHsaId) continue;
      if (isEmpty(unit.figures)) continue;
      rows.push(protectedRow(period.period, unit));
    }
  }
  return rows;
}
