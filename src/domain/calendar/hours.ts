import { Temporal } from "temporal-polyfill";
import { validationError } from "../../errors.ts";
import { parseWallTime, stockholmDateOf, weekdayOf } from "./dates.ts";
import { swedishClosedHolidays } from "./holidays.ts";
import {
  type ContactChannel,
  type HoursKind,
  type HoursWindow,
  STOCKHOLM,
  type TimeSpan,
  type UnitCalendar,
  type WeeklyHours,
} from "./types.ts";

/** How far ahead the next open day is looked for: more than a year, so a unit closed for a whole year is still found. */
export const OPEN_DAY_SEARCH_DAYS = 400;

/** The unit's own `closedDates` win, then its `openDates`, then the Swedish holiday calendar. */
export function isCalendarClosed(date: Temporal.PlainDate, cal: UnitCalendar): boolean {
  const iso = date.toString();
  if (cal.closedDates.includes(iso)) return true;
  if (cal.openDates.includes(iso)) return false;
  return swedishClosedHolidays(date.year).has(iso);
}

export function hoursKindForChannel(channel: ContactChannel): HoursKind {
  return channel === "phone" ? "phone" : "opening";
}

function weeklyHours(cal: UnitCalendar, kind: HoursKind): WeeklyHours {
  return kind === "phone" ? cal.phoneHours : cal.openingHours;
}

/**
 * A wall-clock time on `date` as an instant. Nonexistent times (the spring-forward hour 02:00–02:59)
 * move forward by the gap and ambiguous ones (the repeated fall-back hour) take the earlier instant:
 * Temporal's "compatible" disambiguation, the same as RFC 5545 and most calendars.
 */
function wallTimeToInstant(date: Temporal.PlainDate, minutes: number): Temporal.Instant {
  const day = minutes === 1440 ? date.add({ days: 1 }) : date;
  const minuteOfDay = minutes % 1440;
  return day
    .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
    .toZonedDateTime(STOCKHOLM, { disambiguation: "compatible" })
    .toInstant();
}

function parseWindow(window: HoursWindow): [number, number] {
  const start = parseWallTime(window[0]);
  const end = parseWallTime(window[1]);
  if (start === null || end === null || start === 1440) {
    throw validationError(`Invalid hours window ${JSON.stringify(window)}`, [
      { path: "(root)", message: 'expected ["HH:MM", "HH:MM"]' },
    ]);
  }
  return [start, end];
}

/**
 * The date's windows of the given kind as instants, sorted by start; empty when the calendar closes the
 * date. Instants are computed from the wall-clock times, so a window that spans a daylight-saving change
 * has its real elapsed length (01:00–04:00 is 2 h on 2026-03-29 and 4 h on 2026-10-25). A window that is
 * empty in real time (02:00–03:00 on a spring-forward day, or an end not after its start) is dropped.
 */
export function windowsOn(date: Temporal.PlainDate, cal: UnitCalendar, kind: HoursKind): TimeSpan[] {
  const windows = weeklyHours(cal, kind)[weekdayOf(date)] ?? [];
  if (windows.length === 0 || isCalendarClosed(date, cal)) return [];
  const spans: TimeSpan[] = [];
  for (const window of windows) {
    const [startMinutes, endMinutes] = parseWindow(window);
    const start = wallTimeToInstant(date, startMinutes);
    const end = wallTimeToInstant(date, endMinutes);
    if (Temporal.Instant.compare(start, end) < 0) spans.push({ start, end });
  }
  return spans.sort((a, b) => Temporal.Instant.compare(a.start, b.start));
}

export function isOpenDay(date: Temporal.PlainDate, cal: UnitCalendar, kind: HoursKind): boolean {
  return windowsOn(date, cal, kind).length > 0;
}

function contains(span: TimeSpan, instant: Temporal.Instant): boolean {
  return (
    Temporal.Instant.compare(span.start, instant) <= 0 && Temporal.Instant.compare(instant, span.end) < 0
  );
}

export function isInHours(instant: Temporal.Instant, cal: UnitCalendar, kind: HoursKind): boolean {
  return windowsOn(stockholmDateOf(instant), cal, kind).some((span) => contains(span, instant));
}

/** The first open day from `date` (or from the day after, without `includeDate`); null if none within 400 days. */
export function nextOpenDay(
  date: Temporal.PlainDate,
  cal: UnitCalendar,
  kind: HoursKind,
  options: { includeDate: boolean },
): Temporal.PlainDate | null {
  for (let offset = options.includeDate ? 0 : 1; offset <= OPEN_DAY_SEARCH_DAYS; offset++) {
    const candidate = date.add({ days: offset });
    if (isOpenDay(candidate, cal, kind)) return candidate;
  }
  return null;
}

function latestEnd(spans: readonly TimeSpan[]): Temporal.Instant | null {
  let latest: Temporal.Instant | null = null;
  for (const span of spans) {
    if (latest === null || Temporal.Instant.compare(span.end, latest) > 0) latest = span.end;
  }
  return latest;
}

/**
 * DESIGN.md "Service day": the receipt date if it is an open day and the contact arrives before the end
 * of that day's last window (so arrivals before the first window and in a lunch break are served the
 * same day); otherwise the next open day. Null when the unit is never open.
 */
export function serviceDayOf(
  instant: Temporal.Instant,
  cal: UnitCalendar,
  kind: HoursKind,
): Temporal.PlainDate | null {
  const receiptDate = stockholmDateOf(instant);
  const lastEnd = latestEnd(windowsOn(receiptDate, cal, kind));
  if (lastEnd !== null && Temporal.Instant.compare(instant, lastEnd) < 0) return receiptDate;
  return nextOpenDay(receiptDate, cal, kind, { includeDate: false });
}

/**
 * The operational deadline: the unit's closing time on the service day, i.e. the latest window end among
 * that day's opening hours and the `kind` hours. Callbacks go on until the unit closes even when phone
 * hours end earlier; a phone window later than the opening hours (an evening phone line) extends it.
 */
export function deadlineOf(
  instant: Temporal.Instant,
  cal: UnitCalendar,
  kind: HoursKind,
): Temporal.Instant | null {
  const serviceDay = serviceDayOf(instant, cal, kind);
  if (serviceDay === null) return null;
  return latestEnd([...windowsOn(serviceDay, cal, "opening"), ...windowsOn(serviceDay, cal, kind)]);
}

/** The instant itself when in hours, else the start of the next window; null when the unit is never open. */
export function nextOpenMoment(
  instant: Temporal.Instant,
  cal: UnitCalendar,
  kind: HoursKind,
): Temporal.Instant | null {
  const date = stockholmDateOf(instant);
  for (const span of windowsOn(date, cal, kind)) {
    if (contains(span, instant)) return instant;
    if (Temporal.Instant.compare(span.start, instant) > 0) return span.start;
  }
  const next = nextOpenDay(date, cal, kind, { includeDate: false });
  if (next === null) return null;
  const [first] = windowsOn(next, cal, kind);
  return first === undefined ? null : first.start;
}
