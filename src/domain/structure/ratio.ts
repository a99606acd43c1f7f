// Listed per specialist (DESIGN.md "Physician ratio"), the one figure of the staffing contract the unit
// structure view shows: listed ÷ specialist FTE, exact, rounded once to one decimal half away from zero
// (FORMATS.md "Physician staffing"); null when there is no specialist FTE.
import { parseDecimal, type Rational } from "../reimbursement/rational.ts";

/** n/d rounded to `places` decimals, half away from zero, as decimal text with exactly that many decimals. */
export function roundHalfAwayText(value: Rational, places: number): string {
  let { n, d } = value;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const scale = 10n ** BigInt(places);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const scaled = abs * scale;
  let q = scaled / d;
  if (2n * (scaled - q * d) >= d) q += 1n;
  const digits = q.toString().padStart(places + 1, "0");
  const whole = places === 0 ? digits : digits.slice(0, -places);
  const text = places === 0 ? whole : `${whole}.${digits.slice(-places)}`;
  return negative && q !== 0n ? `-${text}` : text;
}

/** listed ÷ FTE to one decimal; null when the FTE is 0. `fte` is decimal text ("8.50"). */
export function listedPerSpecialist(listed: number, fte: string): string | null {
  const f = parseDecimal(fte);
  if (f.n === 0n) return null;
  return roundHalfAwayText({ n: BigInt(listed) * f.d, d: f.n }, 1);
}
