// The physician ratio of DESIGN.md ("listed persons ÷ specialist FTE; need = listed ÷ 1 100") exactly as
// FORMATS.md "Physician staffing" defines the rows of `vardnav stats staffing`: one per unit, one per
// kommun and one for the region, each month. Aggregates sum listed and FTE over their units and compute
// the ratios from the sums, except the shortfall, which sums the units' own shortfalls: one unit's surplus
// of specialists does not fill another unit's gap. Everything is exact (bigint rationals) and rounded
// once at the end, half away from zero.
//
// Beside the contract's fields: Socialstyrelsen's guide value (2022) counts an ST physician as half a
// specialist (550 residents per ST physician against 1 100 per specialist), so `listedPerGpWithSt` uses
// gpFte + stFte ÷ 2; `needWeightedListedPerGp` weighs each unit's listed by its ACG or CNI index (1 where
// none is imported); the agency share is of all physician FTE (specialists, ST and other physicians).
import {
  add,
  compare,
  div,
  fromBigInt,
  mul,
  type Rational,
  rational,
  sub,
  ZERO,
} from "../reimbursement/rational.ts";
import { roundedNumber, toFixedHalfAwayFromZero } from "./rounding.ts";

export const DEFAULT_GOAL_LISTED_PER_GP = 1100n;

export const PROFESSIONS = [
  "specialist_allmanmedicin",
  "st_allmanmedicin",
  "annan_lakare",
  "sjukskoterska",
  "distriktsskoterska",
  "annan",
] as const;
export type Profession = (typeof PROFESSIONS)[number];
export const EMPLOYMENTS = ["employed", "agency"] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

const PHYSICIANS: readonly Profession[] = ["specialist_allmanmedicin", "st_allmanmedicin", "annan_lakare"];

/** One stored staffing row as the ratio needs it. */
export interface StaffingLine {
  profession: Profession;
  employment: Employment;
  fte: Rational;
  agencyCostOre: bigint;
}

/** A unit's inputs for one month. */
export interface UnitMonthInput {
  unitHsaId: string;
  kommunCode: string;
  month: string;
  listed: bigint;
  lines: readonly StaffingLine[];
  /** The unit's ACG or CNI index in force that month; null where none is imported. */
  needIndex: Rational | null;
}

/** Exact sums of a unit or a group of units for one month: what every figure of a row is computed from. */
export interface StaffingSums {
  listed: bigint;
  needWeightedListed: Rational;
  gpFte: Rational;
  gpAgencyFte: Rational;
  stFte: Rational;
  physicianFte: Rational;
  physicianAgencyFte: Rational;
  agencyCostOre: bigint;
  /** Σ max(0, unit gap) over the units summed. */
  shortfall: Rational;
  units: number;
  unitsMeetingGoal: number;
}

/** One row of `vardnav stats staffing` (FORMATS.md), with the extra fields after the contract's. */
export interface StaffingRow {
  unitHsaId: string | null;
  kommunCode: string | null;
  month: string;
  listed: number;
  gpFte: string;
  gpAgencyFte: string;
  listedPerGp: string | null;
  neededGpFte: string;
  gpGapFte: string;
  shortfallFte: string;
  meetsGoal: boolean;
  units: number;
  unitsMeetingGoal: number;
  stFte: string;
  listedPerGpWithSt: string | null;
  needWeightedListedPerGp: string | null;
  physicianFte: string;
  physicianAgencyFte: string;
  /** Agency share of physician FTE, 4 decimals; null without physicians. */
  agencyShare: number | null;
  /** Kronor paid to staffing companies, as whole öre. */
  agencyCostOre: string;
}

const HALF: Rational = rational(1n, 2n);

/** gap = listed ÷ G − gpFte (negative: more specialists than the goal needs). */
export function gpGap(listed: bigint, gpFte: Rational, goal: Rational): Rational {
  return sub(div(fromBigInt(listed), goal), gpFte);
}

/** listed ≤ G × gpFte. */
export function meetsGoal(listed: bigint, gpFte: Rational, goal: Rational): boolean {
  return compare(fromBigInt(listed), mul(goal, gpFte)) <= 0;
}

/** Sums one unit's month: FTE by profession and employment, its own shortfall and whether it meets the goal. */
export function unitSums(input: UnitMonthInput, goal: Rational): StaffingSums {
  let gpFte = ZERO;
  let gpAgencyFte = ZERO;
  let stFte = ZERO;
  let physicianFte = ZERO;
  let physicianAgencyFte = ZERO;
  let agencyCostOre = 0n;
  for (const line of input.lines) {
    if (line.employment === "agency") agencyCostOre += line.agencyCostOre;
    if (line.profession === "specialist_allmanmedicin") {
      gpFte = add(gpFte, line.fte);
      if (line.employment === "agency") gpAgencyFte = add(gpAgencyFte, line.fte);
    }
    if (line.profession === "st_allmanmedicin") stFte = add(stFte, line.fte);
    if (PHYSICIANS.includes(line.profession)) {
      physicianFte = add(physicianFte, line.fte);
      if (line.employment === "agency") physicianAgencyFte = add(physicianAgencyFte, line.fte);
    }
  }
  const gap = gpGap(input.listed, gpFte, goal);
  const meets = meetsGoal(input.listed, gpFte, goal);
  return {
    listed: input.listed,
    needWeightedListed: mul(fromBigInt(input.listed), input.needIndex ?? rational(1n)),
    gpFte,
    gpAgencyFte,
    stFte,
    physicianFte,
    physicianAgencyFte,
    agencyCostOre,
    shortfall: compare(gap, ZERO) > 0 ? gap : ZERO,
    units: 1,
    unitsMeetingGoal: meets ? 1 : 0,
  };
}

export function emptySums(): StaffingSums {
  return {
    listed: 0n,
    needWeightedListed: ZERO,
    gpFte: ZERO,
    gpAgencyFte: ZERO,
    stFte: ZERO,
    physicianFte: ZERO,
    physicianAgencyFte: ZERO,
    agencyCostOre: 0n,
    shortfall: ZERO,
    units: 0,
    unitsMeetingGoal: 0,
  };
}

export function addSums(a: StaffingSums, b: StaffingSums): StaffingSums {
  return {
    listed: a.listed + b.listed,
    needWeightedListed: add(a.needWeightedListed, b.needWeightedListed),
    gpFte: add(a.gpFte, b.gpFte),
    gpAgencyFte: add(a.gpAgencyFte, b.gpAgencyFte),
    stFte: add(a.stFte, b.stFte),
    physicianFte: add(a.physicianFte, b.physicianFte),
    physicianAgencyFte: add(a.physicianAgencyFte, b.physicianAgencyFte),
    agencyCostOre: a.agencyCostOre + b.agencyCostOre,
    shortfall: add(a.shortfall, b.shortfall),
    units: a.units + b.units,
    unitsMeetingGoal: a.unitsMeetingGoal + b.unitsMeetingGoal,
  };
}

function ratioOrNull(numerator: Rational, denominator: Rational, places: number): string | null {
  return denominator.n === 0n ? null : toFixedHalfAwayFromZero(div(numerator, denominator), places);
}

/** The row of a unit, kommun or region from its exact sums: the one place where figures are rounded. */
export function staffingRow(
  key: { unitHsaId: string | null; kommunCode: string | null; month: string },
  sums: StaffingSums,
  goal: Rational,
): StaffingRow {
  const listed = fromBigInt(sums.listed);
  const fte2 = (r: Rational) => toFixedHalfAwayFromZero(r, 2);
  return {
    unitHsaId: key.unitHsaId,
    kommunCode: key.kommunCode,
    month: key.month,
    listed: Number(sums.listed),
    gpFte: fte2(sums.gpFte),
    gpAgencyFte: fte2(sums.gpAgencyFte),
    listedPerGp: ratioOrNull(listed, sums.gpFte, 1),
    neededGpFte: fte2(div(listed, goal)),
    gpGapFte: fte2(gpGap(sums.listed, sums.gpFte, goal)),
    shortfallFte: fte2(sums.shortfall),
    meetsGoal: meetsGoal(sums.listed, sums.gpFte, goal),
    units: sums.units,
    unitsMeetingGoal: sums.unitsMeetingGoal,
    stFte: fte2(sums.stFte),
    listedPerGpWithSt: ratioOrNull(listed, add(sums.gpFte, mul(sums.stFte, HALF)), 1),
    needWeightedListedPerGp: ratioOrNull(sums.needWeightedListed, sums.gpFte, 1),
    physicianFte: fte2(sums.physicianFte),
    physicianAgencyFte: fte2(sums.physicianAgencyFte),
    agencyShare:
      sums.physicianFte.n === 0n ? null : roundedNumber(div(sums.physicianAgencyFte, sums.physicianFte), 4),
    agencyCostOre: sums.agencyCostOre.toString(),
  };
}

/**
 * Every row of one period, in the contract's order: per month, the units (by HSA-id), then the kommuner
 * (by kommunkod), then the region.
 */
export function staffingRows(inputs: readonly UnitMonthInput[], goal: Rational): StaffingRow[] {
  const months = [...new Set(inputs.map((i) => i.month))].sort();
  const rows: StaffingRow[] = [];
  for (const month of months) {
    const units = inputs
      .filter((i) => i.month === month)
      .sort((a, b) => (a.unitHsaId < b.unitHsaId ? -1 : a.unitHsaId > b.unitHsaId ? 1 : 0));
    const byKommun = new Map<string, StaffingSums>();
    let region = emptySums();
    for (const unit of units) {
      const sums = unitSums(unit, goal);
      rows.push(staffingRow({ unitHsaId: unit.unitHsaId, kommunCode: unit.kommunCode, month }, sums, goal));
      byKommun.set(unit.kommunCode, addSums(byKommun.get(unit.kommunCode) ?? emptySums(), sums));
      region = addSums(region, sums);
    }
    for (const [kommunCode, sums] of [...byKommun].sort(([a], [b]) => (a < b ? -1 : 1))) {
      rows.push(staffingRow({ unitHsaId: null, kommunCode, month }, sums, goal));
    }
    rows.push(staffingRow({ unitHsaId: null, kommunCode: null, month }, region, goal));
  }
  return rows;
}

/**
 * What-if: the month's inputs with `additionalGpFte` more employed specialists in one unit (negative: fewer,
 * never below 0 in total). Returns the inputs to recompute the rows from.
 */
export function withAdditionalSpecialists(
  inputs: readonly UnitMonthInput[],
  unitHsaId: string,
  additionalGpFte: Rational,
): UnitMonthInput[] {
  return inputs.map((input) => {
    if (input.unitHsaId !== unitHsaId) return input;
    const current = input.lines
      .filter((l) => l.profession === "specialist_allmanmedicin")
      .reduce((sum, l) => add(sum, l.fte), ZERO);
    const delta = compare(add(current, additionalGpFte), ZERO) < 0 ? sub(ZERO, current) : additionalGpFte;
    return {
      ...input,
      lines: [
        ...input.lines,
        { profession: "specialist_allmanmedicin", employment: "employed", fte: delta, agencyCostOre: 0n },
      ],
    };
  });
}
