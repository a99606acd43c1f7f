// Number, month and period helpers for the statistics pages: pure, so the Swedish formatting (87,5 %,
// 1 020) and the period arithmetic are tested without a browser.

/** What the pages show for a figure that is missing: an en dash, as Swedish tables do. */
export const NO_FIGURE = "–";

const percentFormats = new Map<string, Intl.NumberFormat>();
const countFormats = new Map<string, Intl.NumberFormat>();

function cached(
  store: Map<string, Intl.NumberFormat>,
  language: string,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  let format = store.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, options);
    store.set(language, format);
  }
  return format;
}

/** A share 0..1 as a percentage with one decimal: "87,5 %" in Swedish, "87.5%" in English; null → "–". */
export function formatRate(rate: number | null | undefined, language: string): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NO_FIGURE;
  return cached(percentFormats, language, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
}

/** A whole count with the language's grouping: "1 020" in Swedish; null → "–". */
export function formatCount(count: number | null | undefined, language: string): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return NO_FIGURE;
  return cached(countFormats, language, { maximumFractionDigits: 0 }).format(count);
}

/** A decimal with up to `digits` decimals ("3,5" hours in Swedish). */
export function formatDecimal(value: number | null | undefined, language: string, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_FIGURE;
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A rate as a chart value: percent with one decimal (0.8633 → 86.3); null stays null (a gap). */
export function ratePercent(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  return Math.round(rate * 1000) / 10;
}

/** count ÷ denominator rounded to 4 decimals, as FORMATS.md rounds rates; null when the denominator is 0. */
export function rateOf(count: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((count / denominator) * 10_000) / 10_000;
}

// --- Months (YYYY-MM) ------------------------------------------------------------------------------

export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isMonth(value: unknown): value is Month {
  if (typeof value !== "string") return false;
  const match = MONTH.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function isDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function monthParts(month: Month): [number, number] {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  return [Number(match[1]), Number(match[2])];
}

/** The month `count` months after (or before, when negative) the given one. */
export function shiftMonth(month: Month, count: number): Month {
  const [year, monthNumber] = monthParts(month);
  const index = year * 12 + (monthNumber - 1) + count;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
}

export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

/** The first day of a month, for the API's inclusive `from`. */
export function firstDayOf(month: Month): string {
  return `${month}-01`;
}

/** The last day of a month, for the API's inclusive `to`. */
export function lastDayOf(month: Month): string {
  const [year, monthNumber] = monthParts(month);
  const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, inclusive, in order (empty when `to` is before `from`). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = shiftMonth(month, 1)) months.push(month);
  return months;
}

/** The default period: the twelve months before the current one and the current one (13 months). */
export function defaultPeriod(today: string): { from: Month; to: Month } {
  const current = monthOf(today);
  return { from: shiftMonth(current, -12), to: current };
}

/** The choices of the period pickers: the current month and the `count` − 1 before it, newest first. */
export function monthChoices(today: string, count = 37): Month[] {
  const current = monthOf(today);
  return Array.from({ length: count }, (_, index) => shiftMonth(current, -index));
}

/** "mars 2026" / "March 2026". */
export function formatMonth(month: Month, language: string, style: "long" | "short" = "long"): string {
  if (!isMonth(month)) return month;
  const [year, monthNumber] = monthParts(month);
  return new Intl.DateTimeFormat(language, { month: style, year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, monthNumber - 1, 15)),
  );
}

/** The day after a calendar date (no time zone involved). */
export function nextDay(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** "tisdag 3 mars 2026" from "2026-03-03", read as a calendar date. */
export function formatLongDate(date: string, language: string): string {
  if (!isDate(date)) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/**
 * A percentage typed by a user (87.5, "87,5", "87,5 %") as a share rounded to 4 decimals (0.875); null
 * when it is not a number from 0 to 100.
 */
export function parsePercentInput(value: number | string): number | null {
  const number = typeof value === "number" ? value : Number(value.replace("%", "").replace(",", ".").trim());
  if (typeof value === "string" && value.trim() === "") return null;
  if (!Number.isFinite(number) || number < 0 || number > 100) return null;
  return Math.round(number * 100) / 10_000;
}

/**
 * The gap between a rate and its reference in percentage points, signed with a true minus sign:
 * "+3,2" / "−21,0" / "±0,0" (Swedish); null when either is missing.
 */
export function formatPointsGap(
  rate: number | null,
  reference: number | null,
  language: string,
): string | null {
  if (rate === null || reference === null) return null;
  const points = Math.round((rate - reference) * 1000) / 10;
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  return `${sign}${new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(points))}`;
}
