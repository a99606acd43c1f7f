import type { Temporal } from "temporal-polyfill";

/**
 * Age in whole years on `date`. Someone born on 29 February becomes a year older on 1 March in a year
 * without a leap day (the project's rule for age limits and statistics). Comparing month and day rather
 * than adding years with Temporal matters here: `birthDate.add({ years })` constrains 29 February to
 * 28 February and would age them a day early.
 *
 * Note: lag (1930:173) om beräkning av lagstadgad tid § 1 ends a period counted in years on the last
 * day of the month when the matching day is missing, which would point to 28 February; revisit this if
 * an age computed here ever decides a legal right rather than a report or a triage hint.
 */
export function ageOn(birthDate: Temporal.PlainDate, date: Temporal.PlainDate): number {
  const monthDay = (d: Temporal.PlainDate) => d.month * 100 + d.day;
  const years = date.year - birthDate.year - (monthDay(date) < monthDay(birthDate) ? 1 : 0);
  if (years < 0) {
    throw new RangeError(`ageOn: ${date.toString()} is before the birth date ${birthDate.toString()}`);
  }
  return years;
}
