// Money and exact decimals for display. The API sends whole öre as decimal strings and model parameters as
// decimal strings; everything here stays in bigint or string arithmetic, so no amount ever passes through
// a floating-point number (a float cannot hold every öre of a regional budget exactly).

export type MoneyLanguage = "sv" | "en";

/** No-break space: groups thousands and keeps "kr" on the same line as its amount. */
const NBSP = "\u00a0";
/** The minus sign Swedish typography (and Intl's sv-SE) uses, read as "minus" by screen readers. */
const MINUS = "\u2212";

const INTEGER_RE = /^-?\d+$/;
const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Whole öre from the wire ("123456789", "-5") or a bigint; throws on anything else. */
export function parseOre(value: string | bigint): bigint {
  if (typeof value === "bigint") return value;
  const text = value.trim();
  if (!INTEGER_RE.test(text)) throw new Error(`not a whole number of öre: "${value}"`);
  return BigInt(text);
}

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function separators(language: MoneyLanguage): { group: string; decimal: string } {
  return language === "sv" ? { group: NBSP, decimal: "," } : { group: ",", decimal: "." };
}

function withCurrency(sign: string, amount: string, language: MoneyLanguage): string {
  return language === "sv" ? `${sign}${amount}${NBSP}kr` : `${sign}SEK${NBSP}${amount}`;
}

/**
 * Rounds a / b to the nearest integer, ties to the even neighbour (the rule DESIGN.md uses for money),
 * exactly in bigint. b must not be 0.
 */
export function divideHalfEven(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError("division by zero");
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  let quotient = absA / absB;
  const twiceRemainder = (absA % absB) * 2n;
  if (twiceRemainder > absB || (twiceRemainder === absB && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

export interface FormatOreOptions {
  language?: MoneyLanguage;
  /** Rounds to whole kronor (half to even) and leaves out the öre, for overviews. */
  wholeKronor?: boolean;
}

/**
 * Öre as kronor for people: "1 234 567,89 kr" in Swedish (no-break spaces, decimal comma, "−" for
 * negative amounts), "SEK 1,234,567.89" in English.
 */
export function formatOre(value: string | bigint, options: FormatOreOptions = {}): string {
  const language = options.language ?? "sv";
  const ore = parseOre(value);
  const { group, decimal } = separators(language);
  if (options.wholeKronor === true) {
    const kronor = divideHalfEven(ore, 100n);
    const sign = kronor < 0n ? MINUS : "";
    const digits = (kronor < 0n ? -kronor : kronor).toString();
    return withCurrency(sign, groupDigits(digits, group), language);
  }
  const sign = ore < 0n ? MINUS : "";
  const abs = ore < 0n ? -ore : ore;
  const kronor = groupDigits((abs / 100n).toString(), group);
  const rest = (abs % 100n).toString().padStart(2, "0");
  return withCurrency(sign, `${kronor}${decimal}${rest}`, language);
}

/** A difference with an explicit sign, so that "more" and "less" do not rest on colour: "+1 200,00 kr". */
export function formatOreDiff(value: string | bigint, options: FormatOreOptions = {}): string {
  const ore = parseOre(value);
  const text = formatOre(ore, options);
  return ore > 0n ? `+${text}` : text;
}

interface ParsedDecimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

function parseDecimalText(text: string): ParsedDecimal {
  const match = DECIMAL_RE.exec(text.trim());
  if (!match) throw new Error(`not a decimal number: "${text}"`);
  const integer = (match[2] ?? "0").replace(/^0+(?=\d)/, "");
  return { negative: match[1] === "-", integer, fraction: match[3] ?? "" };
}

/**
 * A kronor amount from a model ("54000000.00", "2000", "0.125") as text with at least two decimals and
 * every decimal it has (prices may be finer than öre and are shown as they are): "54 000 000,00 kr".
 */
export function formatKronorText(text: string, language: MoneyLanguage = "sv"): string {
  const { negative, integer, fraction } = parseDecimalText(text);
  const { group, decimal } = separators(language);
  const isZero = /^0*$/.test(integer + fraction);
  const sign = negative && !isZero ? MINUS : "";
  return withCurrency(sign, `${groupDigits(integer, group)}${decimal}${fraction.padEnd(2, "0")}`, language);
}

/** Kronor as decimal text to whole öre, exactly; throws when the text has finer parts than öre. */
export function kronorTextToOre(text: string): bigint {
  const { negative, integer, fraction } = parseDecimalText(text);
  if (fraction.replace(/0+$/, "").length > 2) throw new Error(`finer than whole öre: "${text}"`);
  const ore = BigInt(integer) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  return negative ? -ore : ore;
}

/** A plain decimal from a model ("1.30", "12.5") with the language's decimal mark: "1,30". */
export function formatDecimalText(text: string, language: MoneyLanguage = "sv"): string {
  const { negative, integer, fraction } = parseDecimalText(text);
  const { group, decimal } = separators(language);
  const sign = negative ? MINUS : "";
  return `${sign}${groupDigits(integer, group)}${fraction === "" ? "" : `${decimal}${fraction}`}`;
}

/** A rate as a decimal string ("0.90", "0.875") as a percentage, exactly: "90 %", "87,5 %". */
export function formatRateText(text: string, language: MoneyLanguage = "sv"): string {
  const { negative, integer, fraction } = parseDecimalText(text);
  // × 100 is moving the decimal point two places to the right.
  const padded = fraction.padEnd(2, "0");
  const whole = `${integer}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = padded.slice(2).replace(/0+$/, "");
  const { decimal } = separators(language);
  const sign = negative ? MINUS : "";
  const number = rest === "" ? whole : `${whole}${decimal}${rest}`;
  return language === "sv" ? `${sign}${number}${NBSP}%` : `${sign}${number}%`;
}

/** part / whole in tenths of a percent, rounded half to even; null when whole is 0 (no share exists). */
export function sharePerMille(part: bigint, whole: bigint): bigint | null {
  if (whole === 0n) return null;
  return divideHalfEven(part * 1000n, whole);
}

/** part / whole as "12,3 %" (one decimal); "–" when whole is 0. */
export function formatShare(part: bigint, whole: bigint, language: MoneyLanguage = "sv"): string {
  const perMille = sharePerMille(part, whole);
  if (perMille === null) return "–";
  const negative = perMille < 0n;
  const abs = negative ? -perMille : perMille;
  const { decimal } = separators(language);
  const number = `${negative ? MINUS : ""}${abs / 10n}${decimal}${abs % 10n}`;
  return language === "sv" ? `${number}${NBSP}%` : `${number}%`;
}

/**
 * The value for a progress bar, 0–100. Only the bar's length uses a number; every figure the user reads
 * comes from formatShare, which stays exact.
 */
export function progressValue(part: bigint, whole: bigint): number {
  const perMille = sharePerMille(part, whole);
  if (perMille === null || perMille <= 0n) return 0;
  if (perMille >= 1000n) return 100;
  return Number(perMille) / 10;
}

/** Compares öre amounts for sorting, without converting them to numbers. */
export function compareOre(a: string | bigint, b: string | bigint): number {
  const x = parseOre(a);
  const y = parseOre(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Adds öre amounts exactly. */
export function sumOre(values: Iterable<string | bigint>): bigint {
  let total = 0n;
  for (const value of values) total += parseOre(value);
  return total;
}
