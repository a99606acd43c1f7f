// The unit structure side by side (interpellation question 3: how do small units, sjukstugor and private
// providers fare?): each unit's figures and the same figures for groups of units by type, ownership,
// provider and kommun. Group figures are computed from sums over their units (listed ÷ summed FTE,
// summed payment ÷ summed listed, answered ÷ offered), never as averages of the units' ratios.
import { add, parseDecimal, type Rational, roundHalfEvenFraction, ZERO } from "../reimbursement/rational.ts";
import { toFixedHalfAwayFromZero } from "../staffing/rounding.ts";
import { listedPerSpecialist } from "./ratio.ts";

export const STRUCTURE_DIMENSIONS = ["type", "ownership", "provider", "kommun"] as const;
export type StructureDimension = (typeof STRUCTURE_DIMENSIONS)[number];

export interface UnitFigures {
  hsaId: string;
  type: string;
  ownership: string;
  provider: string;
  kommunCode: string;
  listed: number;
  /** Specialist FTE as decimal text; null when the unit has no staffing row for the month. */
  specialistFte: string | null;
  /** The month's Vårdval payment in öre (approved run); null when there is no approved run. */
  paymentOre: bigint | null;
  /** Payment per component id, öre. */
  componentsOre: Record<string, bigint>;
  phone: { offered: number; answeredSameDay: number };
  resident: { contacts: number; respondedSameDay: number };
}

export interface RatioFigures {
  listedPerSpecialist: string | null;
  /** Öre per listed person for the month, rounded once half to even (as money is); null without payment or listed. */
  paymentPerListedOre: string | null;
  phoneRate: number | null;
  residentRate: number | null;
}

export interface GroupFigures extends RatioFigures {
  dimension: StructureDimension;
  key: string;
  units: number;
  listed: number;
  specialistFte: string | null;
  paymentOre: string | null;
  componentsOre: Record<string, string>;
  phone: { offered: number; answeredSameDay: number };
  resident: { contacts: number; respondedSameDay: number };
}

/** count ÷ denominator to 4 decimals half away from zero; null when the denominator is 0. */
export function rate(count: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Number(toFixedHalfAwayFromZero({ n: BigInt(count), d: BigInt(denominator) }, 4));
}

export function paymentPerListed(paymentOre: bigint | null, listed: number): string | null {
  if (paymentOre === null || listed === 0) return null;
  return roundHalfEvenFraction(paymentOre, BigInt(listed)).toString();
}

function fteText(sum: Rational): string {
  return toFixedHalfAwayFromZero(sum, 2);
}

export function ratiosOf(
  f: Pick<UnitFigures, "listed" | "specialistFte" | "paymentOre" | "phone" | "resident">,
): RatioFigures {
  return {
    listedPerSpecialist: f.specialistFte === null ? null : listedPerSpecialist(f.listed, f.specialistFte),
    paymentPerListedOre: paymentPerListed(f.paymentOre, f.listed),
    phoneRate: rate(f.phone.answeredSameDay, f.phone.offered),
    residentRate: rate(f.resident.respondedSameDay, f.resident.contacts),
  };
}

function keyOf(unit: UnitFigures, dimension: StructureDimension): string {
  switch (dimension) {
    case "type":
      return unit.type;
    case "ownership":
      return unit.ownership;
    case "provider":
      return unit.provider;
    case "kommun":
      return unit.kommunCode;
  }
}

/** One row per (dimension, key), in dimension order then key order. */
export function groupUnits(units: readonly UnitFigures[]): GroupFigures[] {
  const out: GroupFigures[] = [];
  for (const dimension of STRUCTURE_DIMENSIONS) {
    const byKey = new Map<string, UnitFigures[]>();
    for (const u of units) byKey.set(keyOf(u, dimension), [...(byKey.get(keyOf(u, dimension)) ?? []), u]);
    for (const [key, members] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const listed = members.reduce((a, u) => a + u.listed, 0);
      const withFte = members.filter((u) => u.specialistFte !== null);
      const fteSum = withFte.reduce((a, u) => add(a, parseDecimal(u.specialistFte as string)), ZERO);
      // A group's FTE is only whole when every unit reported: otherwise listed ÷ FTE would flatter it.
      const specialistFte = withFte.length === members.length && members.length > 0 ? fteText(fteSum) : null;
      const paid = members.every((u) => u.paymentOre !== null);
      const paymentOre = paid ? members.reduce((a, u) => a + (u.paymentOre as bigint), 0n) : null;
      const componentsOre: Record<string, bigint> = {};
      for (const u of members)
        for (const [c, amount] of Object.entries(u.componentsOre))
          componentsOre[c] = (componentsOre[c] ?? 0n) + amount;
      const phone = {
        offered: members.reduce((a, u) => a + u.phone.offered, 0),
        answeredSameDay: members.reduce((a, u) => a + u.phone.answeredSameDay, 0),
      };
      const resident = {
        contacts: members.reduce((a, u) => a + u.resident.contacts, 0),
        respondedSameDay: members.reduce((a, u) => a + u.resident.respondedSameDay, 0),
      };
      const ratios = ratiosOf({
        listed,
        specialistFte: specialistFte === null ? null : fteText(fteSum),
        paymentOre,
        phone,
        resident,
      });
      // listed ÷ FTE from the exact sum, not from the rounded text.
      const exactRatio =
        specialistFte === null || fteSum.n === 0n
          ? null
          : toFixedHalfAwayFromZero({ n: BigInt(listed) * fteSum.d, d: fteSum.n }, 1);
      out.push({
        dimension,
        key,
        units: members.length,
        listed,
        specialistFte,
        paymentOre: paymentOre === null ? null : paymentOre.toString(),
        componentsOre: Object.fromEntries(Object.entries(componentsOre).map(([c, a]) => [c, a.toString()])),
        phone,
        resident,
        ...ratios,
        listedPerSpecialist: exactRatio,
      });
    }
  }
  return out;
}
