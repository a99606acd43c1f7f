// Exact arithmetic for the money path. Every amount, weight, index and rate in a reimbursement model or
// snapshot is a decimal string; it becomes a rational of bigints here and stays exact until the single
// rounding to whole öre that DESIGN.md ("Money") allows. No `number` ever carries money.

/** A rational number n/d with d > 0, always reduced (so equal values have equal fields). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

/** Plain decimal notation: optional minus, digits, optional fraction. No exponent, no "+", no "1." or ".5". */
const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** n/d reduced, with the sign on the numerator. Throws on a zero denominator. */
export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError("rational: zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return ZERO;
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

export function isDecimalString(text: string): boolean {
  return DECIMAL_RE.test(text);
}

/** Parses a plain decimal string ("3250.00", "-0.5", "7") exactly; returns undefined for anything else. */
export function tryParseDecimal(text: string): Rational | undefined {
  const m = DECIMAL_RE.exec(text);
  if (m === null) return undefined;
  const fraction = m[3] ?? "";
  const digits = BigInt((m[2] ?? "0") + fraction);
  return rational(m[1] === "-" ? -digits : digits, 10n ** BigInt(fraction.length));
}

/** As `tryParseDecimal`, throwing a RangeError on text that is not a plain decimal. */
export function parseDecimal(text: string): Rational {
  const r = tryParseDecimal(text);
  if (r === undefined) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  return r;
}

/** Number of digits after the decimal point as written ("3250.00" → 2, "7" → 0). */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Kronor as written ("54000000.00") to whole öre. Only amounts with at most two decimals are whole öre;
 * anything finer is refused rather than rounded, because amounts that are split (pools, grants) must be
 * split exactly as written.
 */
export function kronorToOre(text: string): bigint {
  const m = DECIMAL_RE.exec(text);
  if (m === null || (m[3] ?? "").length > 2) throw new RangeError(`not an amount in whole öre: ${text}`);
  const ore = BigInt((m[2] ?? "0") + (m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -ore : ore;
}

export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rational(a.n + b.n, a.d);
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError("rational: division by zero");
  return rational(a.n * b.d, a.d * b.n);
}

export function fromBigInt(x: bigint): Rational {
  return { n: x, d: 1n };
}

export function compare(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Floor division for bigints (bigint `/` truncates toward zero). */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

/**
 * n/d rounded to an integer, half to even (banker's rounding): 2.5 → 2, 3.5 → 4, −2.5 → −2. Half to even
 * is the rule of DESIGN.md because, unlike half up, it does not bias a sum of many rounded lines upward.
 */
export function roundHalfEvenFraction(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("rational: zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = floorDiv(n, d);
  const twiceRemainder = 2n * (n - q * d); // in [0, 2d)
  if (twiceRemainder < d) return q;
  if (twiceRemainder > d) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

export function roundHalfEven(r: Rational): bigint {
  return roundHalfEvenFraction(r.n, r.d);
}

/** A rational amount in kronor rounded once to whole öre, half to even. */
export function kronorToOreHalfEven(kronor: Rational): bigint {
  return roundHalfEvenFraction(kronor.n * 100n, kronor.d);
}

/** True when the value has a finite decimal expansion (its reduced denominator is 2^a·5^b). */
export function isTerminating(r: Rational): boolean {
  let d = r.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/**
 * Exact decimal text of a rational ("1234.55"); a value without a finite expansion is written as the
 * reduced fraction "n/d" rather than rounded, so that what is shown is always exact.
 */
export function formatRational(r: Rational): string {
  if (r.d === 1n) return r.n.toString();
  if (!isTerminating(r)) return `${r.n}/${r.d}`;
  let places = 0;
  let scale = 1n;
  while ((r.n * scale) % r.d !== 0n) {
    scale *= 10n;
    places += 1;
  }
  const scaled = abs((r.n * scale) / r.d)
    .toString()
    .padStart(places + 1, "0");
  const sign = r.n < 0n ? "-" : "";
  return `${sign}${scaled.slice(0, -places)}.${scaled.slice(-places)}`;
}
