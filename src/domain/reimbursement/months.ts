/** A calendar month as written in models and snapshots: "YYYY-MM". */
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_RE.test(text);
}

/** 1 for January … 12 for December. */
export function monthOfYear(month: string): number {
  return Number(month.slice(5, 7));
}

/** "YYYY-MM" strings order as the months they name, so plain string comparison is enough. */
export function monthInRange(month: string, from: string, to: string | null): boolean {
  return month >= from && (to === null || month <= to);
}
