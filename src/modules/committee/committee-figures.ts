import type { Kysely } from "kysely";
import type { Temporal } from "temporal-polyfill";
import type { Database } from "../../db/schema.ts";
import { monthState } from "../../domain/committee/index.ts";
import { type DisclosureCandidate, suppressedUnitsOverMonths } from "../../domain/disclosure/suppression.ts";
import {
  type AccessibilityCounters,
  addCounters,
  emptyCounters,
  roundedRate,
} from "../../domain/statistics/index.ts";
import { AppError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { findAccessibilityCounters } from "../statistics/stats.repository.ts";
import { type CommitteeUnit, findRegionName, findRegionUnits } from "./committee.repository.ts";
import type { AccessibilityMonth } from "./committee.schemas.ts";

// The contact figures every committee view is built from: region totals per month (never suppressed:
// FORMATS.md "Open data") and unit counters per month with the suppression rule applied to every unit and
// group figure. Read from the rollups only.

/** The committee and the region's administration read these views; staff and auditors do not. */
export function assertCommitteeReader(actor: AuditActor, regionCode: string): void {
  if (actor.kind === "system") return;
  assertRole(actor, ["committee", "region_admin", "system_admin"], "see the committee's views");
  assertRegionAccess(actor, regionCode);
}

export async function regionNameOf(db: Kysely<Database>, regionCode: string): Promise<string> {
  const name = await findRegionName(db, regionCode);
  if (name === undefined)
    throw new AppError("not_found", `Region ${regionCode} does not exist.`, { regionCode });
  return name;
}

const rate = (count: number, denominator: number) => ({
  count,
  denominator,
  rate: roundedRate(count, denominator),
});

export function accessibilityMonthOf(
  month: string,
  c: AccessibilityCounters,
  today: Temporal.PlainDate,
): AccessibilityMonth {
  return {
    month,
    preliminary: monthState(month, today) !== "complete",
    phone: rate(c.answeredSameDay, c.offered),
    resident: rate(c.respondedSameDay, c.contacts),
    feedback: rate(c.feedbackSameDay, c.contacts),
    assessment: rate(c.within3, c.eligible),
  };
}

/** Counters of each unit (by HSA-id) per month, over the period's months. */
export interface UnitMonthCounters {
  months: string[];
  units: CommitteeUnit[];
  byMonth: Map<string, Map<string, AccessibilityCounters>>;
}

export async function unitMonthCounters(
  db: Kysely<Database>,
  regionCode: string,
  period: { from: string; to: string; months: string[] },
): Promise<UnitMonthCounters> {
  const [rows, units] = await Promise.all([
    findAccessibilityCounters(db, { regionCode, from: period.from, to: period.to, by: "month" }),
    findRegionUnits(db, regionCode),
  ]);
  const byMonth = new Map<string, Map<string, AccessibilityCounters>>(
    period.months.map((m) => [m, new Map()]),
  );
  for (const row of rows) byMonth.get(row.period)?.set(row.hsaId, row.counters);
  return { months: period.months, units, byMonth };
}

/** The region's totals per month, backup teams included (FORMATS.md: the total is never suppressed). */
export function regionMonths(counters: UnitMonthCounters, today: Temporal.PlainDate): AccessibilityMonth[] {
  return counters.months.map((month) => {
    let total = emptyCounters();
    for (const c of counters.byMonth.get(month)?.values() ?? []) total = addCounters(total, c);
    return accessibilityMonthOf(month, total, today);
  });
}

export type MeasureGroup = "phone" | "resident";
const DENOMINATOR: Record<MeasureGroup, keyof AccessibilityCounters> = {
  phone: "offered",
  resident: "contacts",
};

/**
 * The units withheld for the whole period in one measure group: withheld in any of its months or in the
 * period's sums (suppressedUnitsOverMonths). Backup teams take no part in the rule.
 */
export function suppressedOverPeriod(counters: UnitMonthCounters, group: MeasureGroup): Set<string> {
  const candidatesUnits = counters.units.filter((u) => u.type !== "backup");
  const months: DisclosureCandidate[][] = counters.months.map((month) => {
    const ofMonth = counters.byMonth.get(month);
    return candidatesUnits.map((u) => ({
      hsaId: u.hsaId,
      denominator: ofMonth?.get(u.hsaId)?.[DENOMINATOR[group]] ?? 0,
    }));
  });
  return suppressedUnitsOverMonths(months);
}

/** A unit's (or group's) counters summed over the period. */
export function periodSum(counters: UnitMonthCounters, hsaIds: Iterable<string>): AccessibilityCounters {
  const wanted = new Set(hsaIds);
  let total = emptyCounters();
  for (const month of counters.months) {
    for (const [hsaId, c] of counters.byMonth.get(month) ?? [])
      if (wanted.has(hsaId)) total = addCounters(total, c);
  }
  return total;
}
