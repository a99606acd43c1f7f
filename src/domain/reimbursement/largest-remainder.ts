import { gcd, type Rational } from "./rational.ts";

/** A weight in a split: a whole number or an exact rational (e.g. rural points 12.5 × listed). */
export type SplitWeight = Rational | bigint;

export interface SplitItem {
  readonly key: string;
  readonly weight: SplitWeight;
}

/**
 * Who gets an öre when two remainders are equal (DESIGN.md, "Money"):
 * - `earlierFirst`: the item that comes first in the input (months: the earlier month);
 * - `largerWeightThenSmallerKey`: the larger weight, then the smaller key (units: the smaller HSA-id).
 */
export type TieBreak = "earlierFirst" | "largerWeightThenSmallerKey";

export interface SplitShare {
  readonly key: string;
  readonly share: bigint;
}

export interface SplitResult {
  /** One share per input item, in input order; they add up to `total − unallocated`. */
  readonly shares: SplitShare[];
  /** The whole total when every weight is 0 (nobody to give it to), otherwise 0. */
  readonly unallocated: bigint;
}

function toWeightFraction(weight: SplitWeight): Rational {
  return typeof weight === "bigint" ? { n: weight, d: 1n } : weight;
}

/**
 * Splits `total` öre in proportion to the weights by the largest-remainder method (Hamilton): each exact
 * share total·w/W is floored, then the öre left over go one at a time to the largest fractional
 * remainders, ties broken by `tieBreak`. The shares add up to `total` exactly; an item with weight 0
 * never gets an öre (the leftover is always smaller than the number of non-zero remainders).
 */
export function splitByLargestRemainder(
  total: bigint,
  weights: readonly SplitItem[],
  tieBreak: TieBreak,
): SplitResult {
  if (total < 0n) throw new RangeError("splitByLargestRemainder: negative total");
  const seen = new Set<string>();
  for (const item of weights) {
    if (seen.has(item.key)) throw new RangeError(`splitByLargestRemainder: duplicate key ${item.key}`);
    seen.add(item.key);
  }

  // Bring every weight to one common denominator so that all comparisons are between integers.
  const fractions = weights.map((item) => toWeightFraction(item.weight));
  let common = 1n;
  for (const f of fractions) {
    if (f.d <= 0n) throw new RangeError("splitByLargestRemainder: weight with a non-positive denominator");
    if (f.n < 0n) throw new RangeError("splitByLargestRemainder: negative weight");
    if (common % f.d !== 0n) common = (common / gcd(common, f.d)) * f.d;
  }
  const ints = fractions.map((f) => f.n * (common / f.d));
  let weightTotal = 0n;
  for (const w of ints) weightTotal += w;

  if (weightTotal === 0n) {
    return { shares: weights.map((item) => ({ key: item.key, share: 0n })), unallocated: total };
  }

  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let handedOut = 0n;
  for (const w of ints) {
    const exact = total * w;
    const q = exact / weightTotal;
    floors.push(q);
    remainders.push(exact - q * weightTotal);
    handedOut += q;
  }
  let leftover = total - handedOut;

  if (leftover > 0n) {
    const order = weights.map((_, i) => i);
    order.sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      if (ra !== rb) return ra > rb ? -1 : 1;
      if (tieBreak === "largerWeightThenSmallerKey") {
        const wa = ints[a] as bigint;
        const wb = ints[b] as bigint;
        if (wa !== wb) return wa > wb ? -1 : 1;
        const ka = (weights[a] as SplitItem).key;
        const kb = (weights[b] as SplitItem).key;
        if (ka !== kb) return ka < kb ? -1 : 1;
      }
      return a - b;
    });
    for (const i of order) {
      if (leftover === 0n) break;
      floors[i] = (floors[i] as bigint) + 1n;
      leftover -= 1n;
    }
  }

  return {
    shares: weights.map((item, i) => ({ key: item.key, share: floors[i] as bigint })),
    unallocated: 0n,
  };
}

/**
 * An annual amount in öre split into 12 monthly amounts (index 0 = January) by the largest-remainder
 * rule; all remainders are equal, so the leftover öre go to the earliest months.
 */
export function splitAnnualIntoMonths(annualOre: bigint): bigint[] {
  const months = Array.from({ length: 12 }, (_, i) => ({ key: String(i + 1), weight: 1n }));
  return splitByLargestRemainder(annualOre, months, "earlierFirst").shares.map((s) => s.share);
}
