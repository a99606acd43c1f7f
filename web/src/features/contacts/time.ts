// Every time the app shows or asks for is Stockholm time (DESIGN.md), whatever the browser's own zone:
// a nurse on a laptop set to UTC and a resident abroad must both see the unit's clock.

export const STOCKHOLM = "Europe/Stockholm";

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: STOCKHOLM,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function cached(cache: Map<string, Intl.DateTimeFormat>, key: string, make: () => Intl.DateTimeFormat) {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/** "10:15": the clock time in Stockholm of an ISO instant, 24-hour in every language. */
export function formatTime(instant: string, language: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return cached(timeFormats, language, () =>
    Intl.DateTimeFormat(language, {
      timeZone: STOCKHOLM,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }),
  ).format(date);
}

/** "tisdag 3 mars" from a calendar date "2026-03-03" (no time zone shift: it is a date, not an instant). */
export function formatDay(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(dateFormats, language, () =>
    Intl.DateTimeFormat(language, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
  ).format(date);
}

const shortDayFormats = new Map<string, Intl.DateTimeFormat>();

/** "5 mars" from "2026-03-05": a date in a badge or a table cell. */
export function formatShortDay(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(shortDayFormats, language, () =>
    Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" }),
  ).format(date);
}

/** The Stockholm calendar date (YYYY-MM-DD) of an ISO instant. */
export function stockholmDate(instant: string): string {
  const parts = stockholmParts(new Date(instant).getTime());
  return `${parts.year}-${parts.month}-${parts.day}`;
}

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function stockholmParts(epochMs: number): WallClock {
  const out: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(new Date(epochMs))) out[part.type] = part.value;
  return {
    year: out.year ?? "",
    month: out.month ?? "",
    day: out.day ?? "",
    hour: out.hour ?? "",
    minute: out.minute ?? "",
    second: out.second ?? "",
  };
}

/** How far Stockholm's wall clock is ahead of UTC at the given instant (3 600 000 or 7 200 000 ms). */
function stockholmOffsetMs(epochMs: number): number {
  const p = stockholmParts(epochMs);
  const wallAsUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The ISO instant ("…Z") of a Stockholm wall-clock date and time, e.g. a booked visit the nurse types in.
 * Returns null for input that is not a date and a time. A time that does not exist (the hour skipped when
 * summer time starts) lands an hour later, as a clock that was not moved forward would read.
 */
export function stockholmInstant(isoDate: string, time: string): string | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch || !timeMatch) return null;
  const wallAsUtc = Date.UTC(
    Number(dateMatch[1]),
    Number(dateMatch[2]) - 1,
    Number(dateMatch[3]),
    Number(timeMatch[1]),
    Number(timeMatch[2]),
  );
  if (Number.isNaN(wallAsUtc)) return null;
  // The offset depends on the instant we are looking for; two rounds settle it, also next to a change.
  let guess = wallAsUtc - stockholmOffsetMs(wallAsUtc);
  guess = wallAsUtc - stockholmOffsetMs(guess);
  return new Date(guess).toISOString();
}
