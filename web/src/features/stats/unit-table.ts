import { rateOf } from "./format.ts";
import type { AccessibilityRow, ReferenceValue } from "./types.ts";

// The unit table shows each unit's whole chosen period. The API answers per unit and period (the page
// asks by year, so a period inside one year is one row per unit); the period's figures are the sums of
// the rows' counts, and each rate is recomputed from those sums (never an average of rates). A committee
// user gets null where a row's figure was withheld: then the period's figure is withheld too, because a
// sum of the remaining rows would be wrong.

/** A rate with the counts behind it. `denominator` null means withheld (fewer than 20 contacts). */
export interface Measure {
  count: number | null;
  denominator: number | null;
  rate: number | null;
}

export interface UnitRates {
  /** null for the whole region. */
  hsaId: string | null;
  name: string;
  phone: Measure;
  resident: Measure;
  feedback: Measure;
  assessment: Measure;
  /** Refused + overflowed contacts: the hidden queue. */
  hiddenQueue: number | null;
}

interface Totals {
  phone: [number | null, number | null];
  resident: [number | null, number | null];
  feedback: [number | null, number | null];
  assessment: [number | null, number | null];
  hiddenQueue: number | null;
}

/** Sum that stays null once any part is null (a withheld month withholds the total). */
function add(total: number | null, part: number | null | undefined): number | null {
  return total === null || part === null || part === undefined ? null : total + part;
}

function pair(total: [number | null, number | null], count: number | null, denominator: number | null) {
  return [add(total[0], count), add(total[1], denominator)] as [number | null, number | null];
}

function measure([count, denominator]: [number | null, number | null]): Measure {
  if (count === null || denominator === null) return { count: null, denominator: null, rate: null };
  return { count, denominator, rate: rateOf(count, denominator) };
}

function emptyTotals(): Totals {
  return { phone: [0, 0], resident: [0, 0], feedback: [0, 0], assessment: [0, 0], hiddenQueue: 0 };
}

function accumulate(totals: Totals, row: AccessibilityRow): Totals {
  const hidden =
    row.resident.refused === null || row.resident.overflowed === null
      ? null
      : row.resident.refused + row.resident.overflowed;
  return {
    phone: pair(totals.phone, row.phone.answeredSameDay, row.phone.offered),
    resident: pair(totals.resident, row.resident.respondedSameDay, row.resident.contacts),
    feedback: pair(totals.feedback, row.resident.feedbackSameDay, row.resident.contacts),
    assessment: pair(totals.assessment, row.assessment.within3, row.assessment.eligible),
    hiddenQueue: add(totals.hiddenQueue, hidden),
  };
}

/**
 * One entry per unit found in the rows (and, first, the region when its rows are present), each with the
 * period's figures. `names` maps HSA-id to the unit's name; unknown units show their HSA-id.
 */
export function periodTotals(
  rows: readonly AccessibilityRow[],
  names: ReadonlyMap<string, string>,
  regionName: string,
): UnitRates[] {
  const byUnit = new Map<string | null, Totals>();
  for (const row of rows) {
    byUnit.set(row.unitHsaId, accumulate(byUnit.get(row.unitHsaId) ?? emptyTotals(), row));
  }
  return [...byUnit.entries()].map(([hsaId, totals]) => ({
    hsaId,
    name: hsaId === null ? regionName : (names.get(hsaId) ?? hsaId),
    phone: measure(totals.phone),
    resident: measure(totals.resident),
    feedback: measure(totals.feedback),
    assessment: measure(totals.assessment),
    hiddenQueue: totals.hiddenQueue,
  }));
}

// --- Sorting ---------------------------------------------------------------------------------------

export const SORT_KEYS = ["name", "phone", "resident", "feedback", "assessment", "hiddenQueue"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "ascending" | "descending";
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { key: "name", direction: "ascending" };

const collator = new Intl.Collator("sv", { sensitivity: "base" });

function sortValue(row: UnitRates, key: Exclude<SortKey, "name">): number | null {
  return key === "hiddenQueue" ? row.hiddenQueue : row[key].rate;
}

/**
 * The rows in the chosen order. Names in Swedish order (å, ä, ö last); figures numerically, with missing
 * or withheld figures always last whatever the direction (they are not "lowest"); ties by name.
 */
export function sortUnitRates(rows: readonly UnitRates[], sort: SortState): UnitRates[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  const byName = (a: UnitRates, b: UnitRates) => collator.compare(a.name, b.name);
  const key = sort.key;
  if (key === "name") return [...rows].sort((a, b) => sign * byName(a, b));
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) {
      if (x === y) return byName(a, b);
      return x === null ? 1 : -1;
    }
    return x === y ? byName(a, b) : sign * (x - y);
  });
}

/** Clicking a header: the same column flips its direction; another column starts ascending. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key !== key) return { key, direction: "ascending" };
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

/** The header's aria-sort: only the sorted column carries a direction. */
export function ariaSortOf(current: SortState, key: SortKey): "ascending" | "descending" | "none" {
  return current.key === key ? current.direction : "none";
}

// --- Display of one figure -------------------------------------------------------------------------

/**
 * How a figure shows: a value, withheld for a committee user (fewer than 20 contacts: "–" with the
 * explanation), or no data (no contacts in the period: "–").
 */
export type FigureDisplay = "value" | "suppressed" | "empty";

export function figureDisplay(figure: Measure, suppressedAnswer: boolean): FigureDisplay {
  if (figure.denominator === null) return suppressedAnswer ? "suppressed" : "empty";
  if (figure.denominator === 0 || figure.rate === null) return "empty";
  return "value";
}

/** The reference of the period's last year, or of the latest year before it that has one. */
export function referenceFor(reference: readonly ReferenceValue[], lastMonth: string): ReferenceValue | null {
  const year = Number(lastMonth.slice(0, 4));
  return (
    [...reference]
      .filter((value) => value.year <= year && value.nationalPhoneRate !== null)
      .sort((a, b) => b.year - a.year)[0] ?? null
  );
}
