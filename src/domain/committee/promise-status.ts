import {
  compare,
  parseDecimal,
  type Rational,
  rational,
  roundHalfEvenFraction,
} from "../reimbursement/rational.ts";

// A promise's status from the region's own figures (DESIGN.md capability 8: "a record whose status Vårdnav
// computes"). Pure: the figures come in as FORMATS.md-shaped values, already rounded as the API publishes
// them, so the status shown is the one a reader can check against the published figure.

/** What the promise's figure must reach: at least (rates, money paid out) or at most (listed per GP, gaps). */
export type Comparison = "atLeast" | "atMost";

export interface PromiseTarget {
  comparison: Comparison;
  /** Decimal text in the measure's unit: a share ("0.875"), a ratio ("1100") or kronor ("54000000.00"). */
  value: string;
}

export type PromiseStatus = "met" | "not_met" | "no_data";
export type Trend = "improving" | "worsening" | "steady";

/** One period of a measure: its published value as decimal text (null when the denominator was 0). */
export interface MeasurePoint {
  period: string;
  value: string | null;
  preliminary: boolean;
}

export interface SeriesEvaluation {
  status: PromiseStatus;
  /** The point the status is judged on: the latest complete one with a value, else the latest preliminary. */
  judgedOn: MeasurePoint | null;
  /** Judged point against the complete point before it, in the promise's direction; null without one. */
  trend: Trend | null;
}

export function meetsTarget(value: Rational, target: PromiseTarget): boolean {
  const c = compare(value, parseDecimal(target.value));
  return target.comparison === "atLeast" ? c >= 0 : c <= 0;
}

function trendBetween(previous: Rational, latest: Rational, comparison: Comparison): Trend {
  const c = compare(latest, previous);
  if (c === 0) return "steady";
  return c > 0 === (comparison === "atLeast") ? "improving" : "worsening";
}

/**
 * Status and trend of a measure followed period by period. A preliminary period is used only when no
 * complete one has a value, and then never for the trend: an unfinished month is not a fall.
 */
export function evaluateSeries(points: readonly MeasurePoint[], target: PromiseTarget): SeriesEvaluation {
  const withValue = points.filter((p): p is MeasurePoint & { value: string } => p.value !== null);
  const complete = withValue.filter((p) => !p.preliminary);
  const judged = complete.at(-1) ?? withValue.at(-1);
  if (judged === undefined) return { status: "no_data", judgedOn: null, trend: null };
  const status = meetsTarget(parseDecimal(judged.value), target) ? "met" : "not_met";
  const previous = judged.preliminary ? undefined : complete.at(-2);
  const trend =
    previous === undefined
      ? null
      : trendBetween(parseDecimal(previous.value), parseDecimal(judged.value), target.comparison);
  return { status, judgedOn: judged, trend };
}

/** A single figure (a grant's effect, a year's gap) against the target. */
export function evaluateValue(value: string | null, target: PromiseTarget): PromiseStatus {
  if (value === null) return "no_data";
  return meetsTarget(parseDecimal(value), target) ? "met" : "not_met";
}

/**
 * The year's projection of money paid so far: year to date × 12 ÷ months paid, rounded once to whole öre
 * (half to even, DESIGN.md "Money"). Null before the first paid month.
 */
export function projectYearOre(yearToDateOre: bigint, monthsPaid: number): bigint | null {
  if (!Number.isInteger(monthsPaid) || monthsPaid < 0 || monthsPaid > 12) {
    throw new RangeError(`Months paid must be 0–12: ${monthsPaid}`);
  }
  if (monthsPaid === 0) return null;
  return roundHalfEvenFraction(yearToDateOre * 12n, BigInt(monthsPaid));
}

export interface BudgetEvaluation {
  status: PromiseStatus;
  projectedOre: bigint | null;
  /** Projection ÷ budget as decimal text with 4 decimals (half to even); null without both. */
  projectedShare: string | null;
}

/**
 * A money promise ("54 MSEK to glesbygd") is followed by the component's payments: the year's projection
 * against the target amount in kronor. Before the first approved month there is nothing to judge.
 */
export function evaluateBudget(
  input: { yearToDateOre: bigint; monthsPaid: number },
  target: PromiseTarget,
): BudgetEvaluation {
  const projectedOre = projectYearOre(input.yearToDateOre, input.monthsPaid);
  if (projectedOre === null) return { status: "no_data", projectedOre: null, projectedShare: null };
  const targetOre = parseDecimal(target.value);
  const projectedKronor = rational(projectedOre, 100n);
  const status = meetsTarget(projectedKronor, target) ? "met" : "not_met";
  const targetOreExact = rational(targetOre.n * 100n, targetOre.d);
  const projectedShare =
    targetOreExact.n === 0n
      ? null
      : shareText(roundHalfEvenFraction(projectedOre * targetOreExact.d * 10000n, targetOreExact.n));
  return { status, projectedOre, projectedShare };
}

function shareText(tenThousandths: bigint): string {
  const negative = tenThousandths < 0n;
  const abs = negative ? -tenThousandths : tenThousandths;
  const whole = abs / 10000n;
  const frac = (abs % 10000n).toString().padStart(4, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** Öre as a rational number of kronor, for comparing money with a target in kronor. */
export function oreAsKronor(ore: bigint): Rational {
  return rational(ore, 100n);
}
