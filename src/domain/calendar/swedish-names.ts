import type { Temporal } from "temporal-polyfill";

// Fixed Swedish names, so texts to residents and documents do not depend on the host's ICU data.
export const SWEDISH_WEEKDAY_NAMES = [
  "måndag",
  "tisdag",
  "onsdag",
  "torsdag",
  "fredag",
  "lördag",
  "söndag",
] as const;
export const SWEDISH_MONTH_NAMES = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
] as const;

/** "måndag 30 mars". */
export function swedishDayText(date: Temporal.PlainDate): string {
  return `${SWEDISH_WEEKDAY_NAMES[date.dayOfWeek - 1]} ${date.day} ${SWEDISH_MONTH_NAMES[date.month - 1]}`;
}

/** "mars 2026" for a "YYYY-MM" month; the text itself when it is not one. */
export function swedishMonthText(month: string): string {
  const name = SWEDISH_MONTH_NAMES[Number(month.slice(5, 7)) - 1];
  return name === undefined ? month : `${name} ${month.slice(0, 4)}`;
}
