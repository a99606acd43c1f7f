// One month of Vårdval reimbursement computed from a model and a snapshot (FORMATS.md, "Reimbursement";
// DESIGN.md, "Money"). Everything is exact: decimal strings become rationals of bigints, each capitation and
// per-event line is rounded once to öre half to even, and pools and grants are split by largest remainder
// so that they add up to the öre. The result depends only on the two inputs, never on their order.
import { createHash } from "node:crypto";
import { AppError } from "../../errors.ts";
import { canonicalJson } from "../../lib/canonical-json.ts";
import { formatKronor } from "./format-table.ts";
import { splitAnnualIntoMonths, splitByLargestRemainder } from "./largest-remainder.ts";
import { monthInRange, monthOfYear } from "./months.ts";
import {
  add,
  compare,
  formatRational,
  gcd,
  kronorToOre,
  mul,
  parseDecimal,
  type Rational,
  rational,
  roundHalfEvenFraction,
  ZERO,
} from "./rational.ts";
import {
  type CapitationComponent,
  checkReimbursementInputs,
  type GrantComponent,
  MAX_AGE,
  type PerEventComponent,
  type PoolComponent,
  type ReimbursementComponent,
  type ReimbursementModel,
  type ReimbursementSnapshot,
  type SnapshotUnit,
  type UnknownSnapshotField,
} from "./schemas.ts";
import type {
  LineBasis,
  ReimbursementComponentResult,
  ReimbursementIssue,
  ReimbursementLine,
  ReimbursementResult,
  ReimbursementWarning,
} from "./types.ts";

/** A snapshot unit with its numbers parsed once. */
interface PreparedUnit {
  hsaId: string;
  raw: SnapshotUnit;
  listed: bigint;
  /** Listed count per age (index = age, 0 … MAX_AGE). */
  byAge: bigint[];
  indices: Map<string, Rational>;
  ruralPoints: Rational | undefined;
}

interface ComputedLine {
  amount: bigint;
  basis: LineBasis;
}

interface ComputedComponent {
  /** Lines in the order of `units` (sorted by HSA-id). */
  lines: ComputedLine[];
  unallocated: bigint;
  monthAmount?: bigint;
}

/**
 * SHA-256 (hex) of the canonical JSON (keys sorted at every level, no whitespace) of `{ model, snapshot }`,
 * with the snapshot's units ordered by HSA-id first: units are a set keyed by HSA-id, so their order in the
 * file is not part of the inputs, and the whole result (hash included) does not depend on it. The order of
 * the model's components does matter (it is the order of every unit's lines) and is kept.
 */
export function reimbursementInputsSha256(model: unknown, snapshot: unknown): string {
  return createHash("sha256")
    .update(canonicalJson({ model, snapshot: withUnitsByHsaId(snapshot) }), "utf8")
    .digest("hex");
}

function withUnitsByHsaId(snapshot: unknown): unknown {
  if (snapshot === null || typeof snapshot !== "object" || Array.isArray(snapshot)) return snapshot;
  const units = (snapshot as { units?: unknown }).units;
  if (!Array.isArray(units)) return snapshot;
  const hsaIdOf = (unit: unknown) =>
    unit !== null && typeof unit === "object" ? String((unit as { hsaId?: unknown }).hsaId) : "";
  const sorted = [...units].sort((a, b) => compareText(hsaIdOf(a), hsaIdOf(b)));
  return { ...(snapshot as object), units: sorted };
}

/** Code-unit order, the same on every machine and locale (HSA-ids are ASCII). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ruralPointsOf(value: SnapshotUnit["ruralPoints"]): Rational | undefined {
  if (value === undefined) return undefined;
  return typeof value === "number" ? rational(BigInt(value)) : parseDecimal(value);
}

function prepareUnit(raw: SnapshotUnit): PreparedUnit {
  const byAge: bigint[] = new Array(MAX_AGE + 1).fill(0n);
  let listed = 0n;
  for (const [ageText, count] of Object.entries(raw.listedByAge)) {
    const n = BigInt(count);
    byAge[Number(ageText)] = n;
    listed += n;
  }
  const indices = new Map<string, Rational>();
  for (const [name, value] of Object.entries(raw.indices ?? {})) indices.set(name, parseDecimal(value));
  return { hsaId: raw.hsaId, raw, listed, byAge, indices, ruralPoints: ruralPointsOf(raw.ruralPoints) };
}

function describeAges(ages: number[]): string {
  const ranges: string[] = [];
  let start = ages[0];
  let prev = ages[0];
  for (const age of [...ages.slice(1), undefined]) {
    if (age !== undefined && prev !== undefined && age === prev + 1) {
      prev = age;
      continue;
    }
    if (start !== undefined) ranges.push(start === prev ? String(start) : `${start}–${prev}`);
    start = age;
    prev = age;
  }
  return ranges.join(", ");
}

/**
 * annualPricePerPoint × Σ(listed at age a × weight of a) × Π indices ÷ 12, as one fraction, rounded once.
 * Ages outside every band count with weight 0 and raise a warning: the model, not the engine, must say what
 * such a person is worth, and refusing the whole run over one stray age would stop every payment.
 */
function computeCapitation(
  component: CapitationComponent,
  units: PreparedUnit[],
  warnings: ReimbursementWarning[],
): ComputedComponent {
  const price = parseDecimal(component.annualPricePerPoint);
  const weights = component.ageWeights.map((band) => parseDecimal(band.weight));
  // All weights over one common denominator, so the points of a unit are one integer sum.
  let weightDenominator = 1n;
  for (const w of weights) weightDenominator = (weightDenominator / gcd(weightDenominator, w.d)) * w.d;
  const weightByAge: (bigint | undefined)[] = new Array(MAX_AGE + 1).fill(undefined);
  component.ageWeights.forEach((band, k) => {
    const w = weights[k] as Rational;
    const scaled = w.n * (weightDenominator / w.d);
    for (let a = band.from; a <= (band.to ?? MAX_AGE); a++) weightByAge[a] = scaled;
  });
  const indexNames = component.indices ?? [];

  const lines = units.map((unit): ComputedLine => {
    let points = 0n;
    const uncoveredAges: number[] = [];
    let uncovered = 0n;
    for (let a = 0; a <= MAX_AGE; a++) {
      const count = unit.byAge[a] as bigint;
      if (count === 0n) continue;
      const w = weightByAge[a];
      if (w === undefined) {
        uncoveredAges.push(a);
        uncovered += count;
      } else points += count * w;
    }
    let numerator = price.n * points * 100n;
    let denominator = price.d * weightDenominator * 12n;
    const usedIndices: Record<string, string> = {};
    for (const name of indexNames) {
      // Presence is checked against the model before the run (checkSnapshotAgainstModel).
      const index = unit.indices.get(name) as Rational;
      numerator *= index.n;
      denominator *= index.d;
      usedIndices[name] = unit.raw.indices?.[name] ?? "";
    }
    if (uncovered > 0n) {
      warnings.push({
        code: "ages_without_weight",
        component: component.id,
        hsaId: unit.hsaId,
        message: `${uncovered} listed at ages ${describeAges(uncoveredAges)} have no weight band in "${component.id}" and count with weight 0`,
      });
    }
    const basis: LineBasis = {
      type: "capitation",
      listed: Number(unit.listed),
      weightedPoints: formatRational(rational(points, weightDenominator)),
      annualPricePerPoint: component.annualPricePerPoint,
      indices: usedIndices,
    };
    if (uncovered > 0n) basis.listedWithoutWeight = Number(uncovered);
    return { amount: roundHalfEvenFraction(numerator, denominator), basis };
  });
  return { lines, unallocated: 0n };
}

/** The unit's key for a pool, before eligibility. */
function poolKey(component: PoolComponent, unit: PreparedUnit): Rational {
  const raw = unit.raw;
  switch (component.key) {
    case "listed":
      return rational(unit.listed);
    case "ruralPointsTimesListed":
      return mul(unit.ruralPoints ?? ZERO, rational(unit.listed));
    case "multimorbidIdentified":
      return rational(BigInt(raw.multimorbidIdentified ?? 0));
    case "homeVisits":
      return rational(BigInt(raw.homeVisits ?? 0));
    case "sameDayGoalMetTimesListed":
      return rational(unit.listed);
  }
}

/** False when the unit's key is forced to 0: below minRuralPoints, or under the same-day threshold. */
function isEligible(
  component: PoolComponent,
  unit: PreparedUnit,
  minRural: Rational | undefined,
  threshold: Rational | undefined,
): boolean {
  if (minRural !== undefined && compare(unit.ruralPoints ?? ZERO, minRural) < 0) return false;
  if (component.key === "sameDayGoalMetTimesListed") {
    // "Met" includes equality: a rate exactly at the threshold reaches the goal.
    const rate = unit.raw.sameDayRate === undefined ? ZERO : parseDecimal(unit.raw.sameDayRate);
    if (threshold === undefined || compare(rate, threshold) < 0) return false;
  }
  return true;
}

function computePool(
  component: PoolComponent,
  units: PreparedUnit[],
  month: string,
  warnings: ReimbursementWarning[],
): ComputedComponent {
  const monthAmount =
    splitAnnualIntoMonths(kronorToOre(component.annualAmount))[monthOfYear(month) - 1] ?? 0n;
  const minRural = ruralPointsOf(component.minRuralPoints);
  const threshold =
    component.sameDayThreshold === undefined ? undefined : parseDecimal(component.sameDayThreshold);
  const keys = units.map((unit) => {
    const eligible = isEligible(component, unit, minRural, threshold);
    return { eligible, key: eligible ? poolKey(component, unit) : ZERO };
  });
  const split = splitByLargestRemainder(
    monthAmount,
    units.map((unit, i) => ({ key: unit.hsaId, weight: (keys[i] as { key: Rational }).key })),
    "largerWeightThenSmallerKey",
  );
  let keyTotal = ZERO;
  for (const k of keys) keyTotal = add(keyTotal, k.key);
  const keyTotalText = formatRational(keyTotal);
  if (split.unallocated > 0n) {
    warnings.push({
      code: "pool_unallocated",
      component: component.id,
      message: `every unit's key for "${component.id}" is 0 in ${month}: ${formatKronor(split.unallocated)} kr unallocated`,
    });
  }
  const lines = units.map((_, i): ComputedLine => {
    const k = keys[i] as { eligible: boolean; key: Rational };
    return {
      amount: split.shares[i]?.share ?? 0n,
      basis: {
        type: "pool",
        key: formatRational(k.key),
        keyTotal: keyTotalText,
        monthAmountOre: monthAmount.toString(),
        eligible: k.eligible,
      },
    };
  });
  return { lines, unallocated: split.unallocated, monthAmount };
}

function computePerEvent(
  component: PerEventComponent,
  units: PreparedUnit[],
  month: string,
  warnings: ReimbursementWarning[],
): ComputedComponent {
  const price = parseDecimal(component.price);
  let total = 0n;
  const lines = units.map((unit): ComputedLine => {
    const events = unit.raw[component.event] ?? 0;
    const amount = roundHalfEvenFraction(price.n * BigInt(events) * 100n, price.d);
    total += amount;
    return { amount, basis: { type: "perEvent", event: component.event, events, price: component.price } };
  });
  if (component.annualBudget !== undefined) {
    const budget = kronorToOre(component.annualBudget);
    if (total * 12n > budget) {
      warnings.push({
        code: "per_event_budget_overrun",
        component: component.id,
        message: `"${component.id}" pays ${formatKronor(total)} kr in ${month}; × 12 = ${formatKronor(total * 12n)} kr exceeds the annual budget of ${formatKronor(budget)} kr`,
      });
    }
  }
  return { lines, unallocated: 0n };
}

function computeGrant(
  component: GrantComponent,
  units: PreparedUnit[],
  month: string,
  warnings: ReimbursementWarning[],
): ComputedComponent {
  const position = new Map(units.map((unit, i) => [unit.hsaId, i]));
  const lines: ComputedLine[] = units.map(() => ({ amount: 0n, basis: { type: "grant", grants: [] } }));
  let unallocated = 0n;
  let monthAmount = 0n;
  for (const grant of component.grants) {
    if (!monthInRange(month, grant.from, grant.to)) continue;
    const amount = splitAnnualIntoMonths(kronorToOre(grant.annualAmount))[monthOfYear(month) - 1] ?? 0n;
    monthAmount += amount;
    const i = position.get(grant.unit);
    const line = i === undefined ? undefined : lines[i];
    if (line === undefined || line.basis.type !== "grant") {
      unallocated += amount;
      warnings.push({
        code: "grant_unit_missing",
        component: component.id,
        hsaId: grant.unit,
        message: `"${component.id}" grants ${formatKronor(amount)} kr in ${month} to ${grant.unit}, which is not in the snapshot: unallocated`,
      });
      continue;
    }
    line.amount += amount;
    line.basis.grants.push({
      annualAmount: grant.annualAmount,
      from: grant.from,
      to: grant.to,
      monthAmountOre: amount.toString(),
    });
  }
  return { lines, unallocated, monthAmount };
}

function computeComponent(
  component: ReimbursementComponent,
  units: PreparedUnit[],
  month: string,
  warnings: ReimbursementWarning[],
): ComputedComponent {
  switch (component.type) {
    case "capitation":
      return computeCapitation(component, units, warnings);
    case "pool":
      return computePool(component, units, month, warnings);
    case "perEvent":
      return computePerEvent(component, units, month, warnings);
    case "grant":
      return computeGrant(component, units, month, warnings);
  }
}

/** Runs a month on inputs already validated by `checkReimbursementInputs`. */
function compute(
  model: ReimbursementModel,
  snapshot: ReimbursementSnapshot,
  inputsSha256: string,
  unknownFields: UnknownSnapshotField[],
): ReimbursementResult {
  const warnings: ReimbursementWarning[] = unknownFields.map(({ hsaId, field }) =>
    hsaId === undefined
      ? { code: "unknown_snapshot_field", message: `unknown snapshot field "${field}", ignored` }
      : {
          code: "unknown_snapshot_field",
          hsaId,
          message: `unknown field "${field}" in snapshot unit ${hsaId}, ignored`,
        },
  );
  const units = [...snapshot.units].sort((a, b) => compareText(a.hsaId, b.hsaId)).map(prepareUnit);
  const month = snapshot.month;

  const computed = model.components.map((component) => computeComponent(component, units, month, warnings));

  let grandTotal = 0n;
  const unitResults = units.map((unit, u) => {
    let unitTotal = 0n;
    const lines = model.components.map((component, c): ReimbursementLine => {
      const line = computed[c]?.lines[u] as ComputedLine;
      unitTotal += line.amount;
      return { component: component.id, amountOre: line.amount.toString(), basis: line.basis };
    });
    grandTotal += unitTotal;
    return { hsaId: unit.hsaId, lines, totalOre: unitTotal.toString() };
  });

  let unallocatedTotal = 0n;
  const components = model.components.map((component, c): ReimbursementComponentResult => {
    const result = computed[c] as ComputedComponent;
    let total = 0n;
    for (const line of result.lines) total += line.amount;
    unallocatedTotal += result.unallocated;
    const out: ReimbursementComponentResult = {
      component: component.id,
      totalOre: total.toString(),
      unallocatedOre: result.unallocated.toString(),
      type: component.type,
      label: component.label,
    };
    if (result.monthAmount !== undefined) out.monthAmountOre = result.monthAmount.toString();
    return out;
  });

  return {
    model: model.id,
    month,
    inputsSha256,
    units: unitResults,
    components,
    totalOre: grandTotal.toString(),
    dueOre: (grandTotal + unallocatedTotal).toString(),
    warnings,
  };
}

export type RunOutcome =
  | { ok: true; result: ReimbursementResult }
  | { ok: false; issues: ReimbursementIssue[] };

/**
 * Validates both inputs (every problem with its JSON path) and, when they are valid, computes the month.
 * Takes the inputs as parsed JSON: `inputsSha256` is computed over exactly what is given.
 */
export function tryRunReimbursement(model: unknown, snapshot: unknown): RunOutcome {
  const checked = checkReimbursementInputs(model, snapshot);
  if (!checked.ok) return checked;
  const sha = reimbursementInputsSha256(model, snapshot);
  return { ok: true, result: compute(checked.model, checked.snapshot, sha, checked.unknownFields) };
}

/**
 * As `tryRunReimbursement`, throwing `AppError("validation_failed")` with `details.issues` (each with
 * `input`, `path`, `message`) on invalid input.
 */
export function runReimbursement(
  model: ReimbursementModel,
  snapshot: ReimbursementSnapshot,
): ReimbursementResult {
  const outcome = tryRunReimbursement(model, snapshot);
  if (!outcome.ok) {
    throw new AppError("validation_failed", "invalid reimbursement model or snapshot", {
      issues: outcome.issues,
    });
  }
  return outcome.result;
}
