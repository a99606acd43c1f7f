import { add, parseDecimal, type Rational, ZERO } from "../reimbursement/rational.ts";

// The kommun map's ratios over a period, exact and rounded once (FORMATS.md "Physician staffing": listed
// per GP to one decimal, half away from zero; money: whole öre, half to even).

/** n/d (d > 0) rounded half away from zero to `places` decimals, as decimal text. */
export function roundHalfAwayText(n: bigint, d: bigint, places: number): string {
  if (d <= 0n) throw new RangeError("denominator must be positive");
  const scale = 10n ** BigInt(places);
  const negative = n < 0n;
  const absN = negative ? -n : n;
  const scaled = (absN * scale * 2n + d) / (2n * d);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(places, "0");
  const text = places === 0 ? whole.toString() : `${whole}.${fraction}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/**
 * Listed per specialist FTE over several months: Σ monthly listed ÷ Σ monthly gpFte (as the grant effect
 * measures it), one decimal; null when no FTE was worked.
 */
export function listedPerGpOver(rows: readonly { listed: number; gpFte: string }[]): string | null {
  let listed = 0n;
  let fte: Rational = ZERO;
  for (const row of rows) {
    listed += BigInt(row.listed);
    fte = add(fte, parseDecimal(row.gpFte));
  }
  if (fte.n === 0n) return null;
  // listed ÷ (fte.n / fte.d) = listed × fte.d ÷ fte.n
  return roundHalfAwayText(listed * fte.d, fte.n, 1);
}

/**
 * Payments per listed person and month: paid öre ÷ listed persons summed over the paid months, in kronor
 * with two decimals (whole öre, half to even); null without listed persons.
 */
export function paymentPerListedKronor(paidOre: bigint, listedMonths: number): string | null {
  if (listedMonths <= 0) return null;
  const d = BigInt(listedMonths);
  // Öre per listed person, half to even.
  const q = paidOre / d;
  const r2 = 2n * (paidOre - q * d);
  const ore = r2 < d ? q : r2 > d ? q + 1n : q % 2n === 0n ? q : q + 1n;
  const negative = ore < 0n;
  const abs = negative ? -ore : ore;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
