// The contact file's date-times parsed by hand. FORMATS.md allows one fixed shape (see contact-row.ts):
//   YYYY-MM-DDTHH:MM[:SS[.f{1,9}]](Z|±HH:MM)
// Building a Temporal.Instant per field cost more than the rest of an import row's parsing together; this
// reads the digits by position and does the calendar arithmetic itself, with Temporal's answers (tested
// against Temporal.Instant.from with fast-check): the same epoch milliseconds (fractions truncated
// towards the past), the same rejections of impossible dates and times, and a leap second (:60) read as
// :59 as Temporal does.

export type IsoInstantResult = { ok: true; epochMs: number } | { ok: false; reason: "shape" | "value" };

const SHAPE: IsoInstantResult = { ok: false, reason: "shape" };
const VALUE: IsoInstantResult = { ok: false, reason: "value" };

/** The digit at `i` (0–9), or -1 when it is not a digit. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to the proleptic Gregorian date (Hinnant's days_from_civil; any year ≥ 0). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Epoch milliseconds of an ISO 8601 date-time in the contact file's shape, or why not: "shape" when the
 * text is not of that shape at all, "value" when it is but names no real instant (month 13, 30 February,
 * 24:00, offset +24:00).
 */
export function parseIsoInstantToEpochMs(s: string): IsoInstantResult {
  const n = s.length;
  // Shortest: 2026-03-02T08:00Z (17); longest: seconds, 9 fraction digits and an offset (35).
  if (n < 17 || n > 35) return SHAPE;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0) return SHAPE;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58)
    return SHAPE;
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  if (month < 0 || day < 0 || hour < 0 || minute < 0) return SHAPE;
  let i = 16;
  let second = 0;
  let fractionMs = 0;
  if (s.charCodeAt(i) === 58) {
    second = two(s, i + 1);
    if (second < 0) return SHAPE;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      i += 1;
      const start = i;
      let ms = 0;
      while (i < n) {
        const d = digit(s, i);
        if (d < 0) break;
        if (i - start < 3) ms = ms * 10 + d;
        i += 1;
      }
      const digits = i - start;
      if (digits < 1 || digits > 9) return SHAPE;
      fractionMs = digits === 1 ? ms * 100 : digits === 2 ? ms * 10 : ms;
    }
  }
  let offsetMinutes = 0;
  const sign = s.charCodeAt(i);
  if (sign === 90 /* Z */) {
    if (i + 1 !== n) return SHAPE;
  } else if (sign === 43 /* + */ || sign === 45 /* - */) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return SHAPE;
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh < 0 || om < 0) return SHAPE;
    if (oh > 23 || om > 59) return VALUE;
    offsetMinutes = (sign === 43 ? 1 : -1) * (oh * 60 + om);
  } else return SHAPE;

  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  if (month < 1 || month > 12 || day < 1) return VALUE;
  const monthDays = month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] as number);
  if (day > monthDays || hour > 23 || minute > 59 || second > 60) return VALUE;
  if (second === 60) second = 59;
  const days = daysFromCivil(year, month, day);
  const epochMs = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + fractionMs;
  return { ok: true, epochMs };
}
