import type { AccessibilityCounters } from "../statistics/index.ts";
import { suppressedUnitsOverMonths } from "./suppression.ts";

/**
 * The three measure groups of FORMATS.md "Open data", each suppressed on its own denominator: `phone` by
 * `offered`, `resident` by `contacts`, `assessment` by `eligible`.
 */
export const MEASURE_GROUPS = ["phone", "resident", "assessment"] as const;
export type MeasureGroup = (typeof MEASURE_GROUPS)[number];

export function denominatorOf(group: MeasureGroup, counters: AccessibilityCounters): number {
  switch (group) {
    case "phone":
      return counters.offered;
    case "resident":
      return counters.contacts;
    case "assessment":
      return counters.eligible;
  }
}

export interface UnitMonthCounters {
  hsaId: string;
  counters: AccessibilityCounters;
}

export type SuppressionByGroup = Record<MeasureGroup, Set<string>>;

/**
 * The units withheld per measure group for one period, from the counters of each of its months (one list
 * per month; one list for a month itself). Backup teams must be left out by the caller. A unit is withheld
 * for a quarter or a year when it is withheld in one of its months or in the period's sums.
 */
export function suppressionByGroup(months: readonly (readonly UnitMonthCounters[])[]): SuppressionByGroup {
  const result = {} as SuppressionByGroup;
  for (const group of MEASURE_GROUPS) {
    result[group] = suppressedUnitsOverMonths(
      months.map((month) =>
        month.map((unit) => ({ hsaId: unit.hsaId, denominator: denominatorOf(group, unit.counters) })),
      ),
    );
  }
  return result;
}
