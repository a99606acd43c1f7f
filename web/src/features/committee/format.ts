import { formatCount, formatMonth, formatRate } from "../stats/format.ts";
import type { PromiseView } from "./api.ts";

// How the committee pages write their figures: shares as percentages, ratios with one decimal, money in
// kronor from exact öre or decimal text (never through floating point arithmetic on the amount).

/** Öre as text → "54 000 000 kr" (whole kronor, the öre dropped only for display, truncated toward zero). */
export function formatOreAsKronor(ore: string | null, language: string): string {
  if (ore === null) return "–";
  const kronor = BigInt(ore) / 100n;
  const grouped = kronor
    .toString()
    .replace(/^-/, "")
    .replace(/\B(?=(\d{3})+(?!\d))/g, language === "en" ? "," : "\u00a0");
  return `${kronor < 0n ? "−" : ""}${grouped} ${language === "en" ? "SEK" : "kr"}`;
}

/** Decimal kronor text ("54000000.00") → "54 000 000 kr". */
export function formatKronorText(kronor: string | null, language: string): string {
  if (kronor === null) return "–";
  const [whole = "0", fraction = ""] = kronor.split(".");
  return formatOreAsKronor(`${whole}${fraction.padEnd(2, "0").slice(0, 2)}`, language);
}

export function formatDecimalText(value: string | null, language: string): string {
  if (value === null) return "–";
  return language === "en" ? value : value.replace(".", ",");
}

/** A promise figure in its unit. */
export function formatPromiseValue(
  value: string | null,
  unit: PromiseView["unit"],
  language: string,
): string {
  if (value === null) return "–";
  switch (unit) {
    case "share":
      return formatRate(Number(value), language);
    case "ratio":
      return formatDecimalText(value, language);
    case "kronor":
      return formatKronorText(value, language);
  }
}

/** "2026-03" as a month name; quarters, years and ranges as they are. */
export function formatPeriod(period: string, language: string): string {
  return /^\d{4}-\d{2}$/.test(period) ? formatMonth(period, language) : period;
}

export { formatCount };
