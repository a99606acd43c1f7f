// FORMATS.md "Physician staffing" and "Targeted grants": every figure is computed exactly and rounded once
// at the end, half away from zero (unlike the money path, which rounds half to even). The rounding lives
// here so that the staffing statistics and the grant effect round the same way.
import { floorDiv, type Rational } from "../reimbursement/rational.ts";

/** n/d rounded to an integer, half away from zero: 2.5 → 3, −2.5 → −3, 2.4999 → 2. */
export function roundHalfAwayFromZeroFraction(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("rational: zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const q = floorDiv(magnitude, d);
  const rounded = 2n * (magnitude - q * d) >= d ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** The value rounded half away from zero to `places` decimals, written with exactly that many ("8.50"). */
export function toFixedHalfAwayFromZero(value: Rational, places: number): string {
  const scale = 10n ** BigInt(places);
  const scaled = roundHalfAwayFromZeroFraction(value.n * scale, value.d);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
  const whole = places === 0 ? digits : digits.slice(0, -places);
  const fraction = places === 0 ? "" : `.${digits.slice(-places)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** As `toFixedHalfAwayFromZero`, as a JSON number (for rates and the grant effect, where FORMATS.md has numbers). */
export function roundedNumber(value: Rational, places: number): number {
  return Number(toFixedHalfAwayFromZero(value, places));
}
