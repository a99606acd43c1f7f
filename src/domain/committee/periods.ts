import { Temporal } from "temporal-polyfill";

// The periods committee views offer (FORMATS.md "Open data": calendar months, quarters and years only) and
// when a month's figures are final. A month is complete from the 8th day of the following month: by then
// the three-day assessment window of its last contacts has closed and late callbacks are recorded. Until
// then its figures are preliminary and must be drawn as such — a half-counted month is not a collapse.

export type CommitteePeriodKind = "month" | "quarter" | "year";

export interface CommitteePeriod {
  kind: CommitteePeriodKind;
  /** "2026-03", "2026Q1" or "2026". */
  key: string;
  /** First and last Stockholm date, inclusive. */
  from: string;
  to: string;
  /** Its calendar months, "YYYY-MM", in order. */
  months: string[];
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})Q([1-4])$/;
const YEAR_RE = /^(\d{4})$/;

function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

function lastDayOf(month: string): string {
  return Temporal.PlainYearMonth.from(month)
    .toPlainDate({ day: 1 })
    .add({ months: 1 })
    .subtract({ days: 1 })
    .toString();
}

function periodOfMonths(kind: CommitteePeriodKind, key: string, months: string[]): CommitteePeriod {
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  return { kind, key, from: `${first}-01`, to: lastDayOf(last), months };
}

/** Parses a committee period; anything else (a date range, a week) is not offered and gives null. */
export function parseCommitteePeriod(text: string): CommitteePeriod | null {
  const month = MONTH_RE.exec(text);
  if (month) return periodOfMonths("month", text, [text]);
  const quarter = QUARTER_RE.exec(text);
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    const months = [1, 2, 3].map((i) => monthKey(year, (q - 1) * 3 + i));
    return periodOfMonths("quarter", text, months);
  }
  const year = YEAR_RE.exec(text);
  if (year) {
    const y = Number(year[1]);
    return periodOfMonths(
      "year",
      text,
      Array.from({ length: 12 }, (_, i) => monthKey(y, i + 1)),
    );
  }
  return null;
}

/** The quarter "YYYYQN" a month lies in. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The `count` quarters ending with `quarter`, oldest first ("2026Q2", 3 → 2025Q4, 2026Q1, 2026Q2). */
export function quartersEndingWith(quarter: string, count: number): string[] {
  const match = QUARTER_RE.exec(quarter);
  if (!match) throw new RangeError(`Not a quarter YYYYQN: ${quarter}`);
  const index = Number(match[1]) * 4 + Number(match[2]) - 1;
  return Array.from({ length: count }, (_, i) => {
    const k = index - (count - 1) + i;
    return `${Math.floor(k / 4)}Q${(k % 4) + 1}`;
  });
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  const end = Temporal.PlainYearMonth.from(month);
  return Array.from({ length: count }, (_, i) => end.subtract({ months: count - 1 - i }).toString());
}

export type MonthState = "complete" | "preliminary" | "future";

/**
 * A month is `complete` from the 8th of the following month, `preliminary` while it is running or its
 * three-day windows are still open, and `future` before it starts.
 */
export function monthState(month: string, today: Temporal.PlainDate): MonthState {
  const first = Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 });
  if (Temporal.PlainDate.compare(today, first) < 0) return "future";
  const publishedFrom = first.add({ months: 1 }).with({ day: 8 });
  return Temporal.PlainDate.compare(today, publishedFrom) >= 0 ? "complete" : "preliminary";
}

/** A period is preliminary while any of its months is not complete. */
export function isPeriodPreliminary(
  period: Pick<CommitteePeriod, "months">,
  today: Temporal.PlainDate,
): boolean {
  return period.months.some((m) => monthState(m, today) !== "complete");
}

/** The latest month that is complete on `today`. */
export function lastCompleteMonth(today: Temporal.PlainDate): string {
  const previous = today.toPlainYearMonth().subtract({ months: 1 });
  return today.day >= 8 ? previous.toString() : previous.subtract({ months: 1 }).toString();
}

/** The latest quarter whose three months are all complete on `today`. */
export function lastCompleteQuarter(today: Temporal.PlainDate): string {
  const month = lastCompleteMonth(today);
  const quarter = quarterOf(month);
  // The quarter is complete only if its last month is: otherwise the one before.
  const monthIndex = Number(month.slice(5, 7));
  return monthIndex % 3 === 0 ? quarter : (quartersEndingWith(quarter, 2)[0] as string);
}
