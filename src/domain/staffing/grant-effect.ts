// The effect of a targeted grant (FORMATS.md "Targeted grants"): the grant units against the region's
// other units, before the grant and during it, as a difference in differences. Rates come from summed
// counts over the group's units and the period's months (never an average of monthly rates, which would
// weigh a quiet month like a busy one). Exact until the one rounding, half away from zero.
import { add, compare, div, type Rational, rational, sub } from "../reimbursement/rational.ts";
import { roundedNumber } from "./rounding.ts";

export interface MonthSpan {
  from: string;
  to: string;
}

/** "YYYY-MM" plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Months from `from` to `to` inclusive (0 when `to` is before `from`). */
export function monthCount(span: MonthSpan): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return Math.max(0, index(span.to) - index(span.from) + 1);
}

export function monthsOf(span: MonthSpan): string[] {
  return Array.from({ length: monthCount(span) }, (_, i) => addMonths(span.from, i));
}

/** The last complete month on a Stockholm date: a month is complete from the 8th day of the next month. */
export function lastCompleteMonth(today: string): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) >= 8 ? addMonths(month, -1) : addMonths(month, -2);
}

/**
 * During: the earliest grant start to the earlier of the latest grant end and the last complete month.
 * Before: as many months, ending the month before the grant starts, but not before the region's first
 * month with contacts. Null spans when the grant has not yet had a complete month, or no data reach
 * before it.
 */
export function grantPeriods(
  grants: readonly { from: string; to: string }[],
  today: string,
  firstDataMonth: string | null,
): { before: MonthSpan | null; during: MonthSpan | null } {
  if (grants.length === 0) return { before: null, during: null };
  const start = grants.map((g) => g.from).sort()[0] as string;
  const end = grants
    .map((g) => g.to)
    .sort()
    .at(-1) as string;
  const complete = lastCompleteMonth(today);
  const duringTo = end < complete ? end : complete;
  if (duringTo < start) return { before: null, during: null };
  const during = { from: start, to: duringTo };
  const beforeTo = addMonths(start, -1);
  let beforeFrom = addMonths(start, -monthCount(during));
  if (firstDataMonth !== null && firstDataMonth > beforeFrom) beforeFrom = firstDataMonth;
  const before = firstDataMonth === null || beforeFrom > beforeTo ? null : { from: beforeFrom, to: beforeTo };
  return { before, during };
}

/** A numerator and a denominator summed over a group and a period. */
export interface Counts {
  numerator: Rational;
  denominator: Rational;
}

export interface MeasureCounts {
  grant: { before: Counts; during: Counts };
  comparison: { before: Counts; during: Counts };
}

function exactValue(c: Counts): Rational | null {
  return c.denominator.n === 0n ? null : div(c.numerator, c.denominator);
}

/** (grant during − grant before) − (comparison during − comparison before), exact; null where a value is. */
export function differenceInDifferences(m: MeasureCounts): Rational | null {
  const gb = exactValue(m.grant.before);
  const gd = exactValue(m.grant.during);
  const cb = exactValue(m.comparison.before);
  const cd = exactValue(m.comparison.during);
  if (gb === null || gd === null || cb === null || cd === null) return null;
  return sub(sub(gd, gb), sub(cd, cb));
}

export interface RoundedCell {
  numerator: number | string;
  denominator: number | string;
  value: number | null;
}

/**
 * One measure as FORMATS.md prints it. Counts of contacts are integers; FTE sums (the denominator of
 * listedPerGp) are decimal strings with two decimals, exactly as summed.
 */
export function measureResult(
  measure: string,
  counts: MeasureCounts,
  places: number,
  show: (r: Rational) => number | string,
  showNumerator: (r: Rational) => number | string = show,
): {
  measure: string;
  grant: { before: RoundedCell; during: RoundedCell };
  comparison: { before: RoundedCell; during: RoundedCell };
  did: number | null;
} {
  const cell = (c: Counts): RoundedCell => {
    const value = exactValue(c);
    return {
      numerator: showNumerator(c.numerator),
      denominator: show(c.denominator),
      value: value === null ? null : roundedNumber(value, places),
    };
  };
  const did = differenceInDifferences(counts);
  return {
    measure,
    grant: { before: cell(counts.grant.before), during: cell(counts.grant.during) },
    comparison: { before: cell(counts.comparison.before), during: cell(counts.comparison.during) },
    did: did === null ? null : roundedNumber(did, places),
  };
}

export const NO_COUNTS: Counts = { numerator: rational(0n), denominator: rational(0n) };

export function addCounts(a: Counts, b: Counts): Counts {
  return { numerator: add(a.numerator, b.numerator), denominator: add(a.denominator, b.denominator) };
}

export function isPositive(r: Rational): boolean {
  return compare(r, rational(0n)) > 0;
}
