import { Temporal } from "temporal-polyfill";

/**
 * The periods that public and committee views may show (FORMATS.md, "Open data"): whole calendar months,
 * quarters and years only. Any other range could be subtracted from a neighbouring one to give a day or a
 * week, and a withheld unit's figure back.
 */
export const DISCLOSURE_PERIOD_KINDS = ["month", "quarter", "year"] as const;
export type DisclosurePeriodKind = (typeof DISCLOSURE_PERIOD_KINDS)[number];

/** The day of the following month from which a month is published: its three-day windows have closed. */
export const PUBLICATION_DAY_OF_FOLLOWING_MONTH = 8;

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/** A calendar month "YYYY-MM", or null when the text is not one (month 00 or 13, another shape). */
export function parseMonth(text: string): Temporal.PlainYearMonth | null {
  const match = MONTH_PATTERN.exec(text);
  if (match === null) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return Temporal.PlainYearMonth.from({ year: Number(match[1]), month });
}

/** The first date on which the month's figures may be published. */
export function publicationDate(month: Temporal.PlainYearMonth): Temporal.PlainDate {
  return month.add({ months: 1 }).toPlainDate({ day: PUBLICATION_DAY_OF_FOLLOWING_MONTH });
}

export function isPublished(month: Temporal.PlainYearMonth, today: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(today, publicationDate(month)) >= 0;
}

/** The latest month published on `today`. */
export function latestPublishedMonth(today: Temporal.PlainDate): Temporal.PlainYearMonth {
  const previous = today.toPlainYearMonth().subtract({ months: 1 });
  return isPublished(previous, today) ? previous : previous.subtract({ months: 1 });
}

/** The first and last date of a month. */
export function monthRange(month: Temporal.PlainYearMonth): { from: string; to: string } {
  return {
    from: month.toPlainDate({ day: 1 }).toString(),
    to: month.toPlainDate({ day: month.daysInMonth }).toString(),
  };
}

/** The label of the period of `kind` that holds `month` ("YYYY-MM"): "2026-03", "2026Q1" or "2026". */
export function periodLabel(month: string, kind: DisclosurePeriodKind): string {
  const year = month.slice(0, 4);
  switch (kind) {
    case "month":
      return month.slice(0, 7);
    case "quarter":
      return `${year}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
    case "year":
      return year;
  }
}

const MONTHS_PER_PERIOD: Record<DisclosurePeriodKind, number> = { month: 1, quarter: 3, year: 12 };

function startsPeriod(date: Temporal.PlainDate, kind: DisclosurePeriodKind): boolean {
  return date.day === 1 && (date.month - 1) % MONTHS_PER_PERIOD[kind] === 0;
}

function endsPeriod(date: Temporal.PlainDate, kind: DisclosurePeriodKind): boolean {
  return startsPeriod(date.add({ days: 1 }), kind);
}

/**
 * Why `from`–`to` (inclusive ISO dates) is not a run of whole periods of `kind`, or null when it is. A
 * committee question must start on a period's first day and end on a period's last day.
 */
export function wholePeriodsProblem(from: string, to: string, kind: DisclosurePeriodKind): string | null {
  const start = Temporal.PlainDate.from(from);
  const end = Temporal.PlainDate.from(to);
  const names: Record<DisclosurePeriodKind, string> = {
    month: "a calendar month",
    quarter: "a quarter",
    year: "a calendar year",
  };
  if (!startsPeriod(start, kind)) return `from ${from} is not the first day of ${names[kind]}`;
  if (!endsPeriod(end, kind)) return `to ${to} is not the last day of ${names[kind]}`;
  if (Temporal.PlainDate.compare(start, end) > 0) return `from ${from} is after to ${to}`;
  return null;
}
