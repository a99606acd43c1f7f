import { Temporal } from "temporal-polyfill";
import { validationError } from "../../errors.ts";
import { STOCKHOLM, type Weekday } from "./types.ts";

const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const HOUR_MS = 3_600_000;
/** From 1900 Sweden's offsets (CET, CEST) are whole hours and change on whole UTC hours. */
const WHOLE_HOUR_OFFSETS_FROM_MS = Date.UTC(1900, 0, 1);
const PER_UTC_HOUR_LIMIT = 4096;

/**
 * `compute(instant)`, remembered per UTC hour in `cache`: valid for anything that depends on the instant
 * only through its Stockholm offset and date, because since 1900 Sweden's offset is a whole number of
 * hours and changes only on a whole UTC hour, so every instant of one UTC hour has the same offset and
 * the same Stockholm date. Earlier instants are computed each time. The cache is bounded (cleared when full).
 */
function perUtcHour<T>(cache: Map<number, T>, instant: Temporal.Instant, compute: () => T): T {
  const ms = instant.epochMilliseconds;
  if (ms < WHOLE_HOUR_OFFSETS_FROM_MS) return compute();
  const hour = Math.floor(ms / HOUR_MS);
  let value = cache.get(hour);
  if (value === undefined) {
    value = compute();
    if (cache.size >= PER_UTC_HOUR_LIMIT) cache.clear();
    cache.set(hour, value);
  }
  return value;
}

const dateByUtcHour = new Map<number, Temporal.PlainDate>();
const offsetByUtcHour = new Map<number, number>();

/**
 * The Stockholm calendar date of an instant. Hot (every intake, message and rollup asks, often many times
 * for one instant), and a time-zone conversion is costly, so dates are remembered per UTC hour.
 * PlainDate is immutable, so sharing one is safe.
 */
export function stockholmDateOf(instant: Temporal.Instant): Temporal.PlainDate {
  return perUtcHour(dateByUtcHour, instant, () => instant.toZonedDateTimeISO(STOCKHOLM).toPlainDate());
}

/** "HH:MM" on the Stockholm wall clock; seconds are truncated, never rounded up. */
export function formatStockholmTime(instant: Temporal.Instant): string {
  const ms = instant.epochMilliseconds;
  if (ms < WHOLE_HOUR_OFFSETS_FROM_MS) {
    return instant.toZonedDateTimeISO(STOCKHOLM).toPlainTime().toString({ smallestUnit: "minute" });
  }
  const offsetMs = perUtcHour(
    offsetByUtcHour,
    instant,
    () => instant.toZonedDateTimeISO(STOCKHOLM).offsetNanoseconds / 1_000_000,
  );
  const minuteOfDay = Math.floor(((((ms + offsetMs) % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

export function weekdayOf(date: Temporal.PlainDate): Weekday {
  // dayOfWeek is 1 (Monday) … 7 (Sunday) in the ISO calendar.
  const weekday = WEEKDAYS[date.dayOfWeek - 1];
  if (weekday === undefined) throw new RangeError(`unexpected dayOfWeek ${date.dayOfWeek}`);
  return weekday;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Strict "YYYY-MM-DD". Temporal alone would also accept date-times ("2026-03-29T10:00") and silently
 * drop the time, which would hide a mistake in a region file.
 */
export function parseIsoDate(s: string): Temporal.PlainDate {
  if (ISO_DATE.test(s)) {
    try {
      return Temporal.PlainDate.from(s);
    } catch {
      // fall through to the validation error below
    }
  }
  throw validationError(`Invalid date: ${JSON.stringify(s)}`, [
    { path: "(root)", message: "expected an ISO date YYYY-MM-DD" },
  ]);
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of an "HH:MM" wall time, or null when malformed. "24:00" gives 1440. */
export function parseWallTime(s: string): number | null {
  const match = HH_MM.exec(s);
  if (match === null) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return null;
  if (hours === 24 && minutes === 0) return 1440;
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

/**
 * A window as the region file may state it: both times well-formed, start before end, "24:00" only as
 * the end. Exported so that import validation uses the same rule as the calendar.
 */
export function isValidHoursWindow(window: readonly [string, string]): boolean {
  const start = parseWallTime(window[0]);
  const end = parseWallTime(window[1]);
  return start !== null && end !== null && start < 1440 && start < end;
}
