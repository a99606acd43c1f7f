import type { Temporal } from "temporal-polyfill";

/** Every date and time in Vårdnav is Stockholm time (DESIGN.md, "Definitions"). */
export const STOCKHOLM = "Europe/Stockholm";

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** `["HH:MM", "HH:MM"]`, start inclusive, end exclusive. The end may be "24:00" (midnight at the end of the day). */
export type HoursWindow = readonly [string, string];

/** A weekday missing from the record, or with an empty list, has no hours. */
export type WeeklyHours = Partial<Record<Weekday, readonly HoursWindow[]>>;

export interface UnitCalendar {
  phoneHours: WeeklyHours;
  openingHours: WeeklyHours;
  /** ISO dates the unit is closed although its weekly hours say otherwise; wins over everything. */
  closedDates: readonly string[];
  /** ISO dates the unit keeps its weekly hours although the holiday calendar closes the date. */
  openDates: readonly string[];
}

/** Phone hours for phone contacts, opening hours for every other channel. */
export type HoursKind = "phone" | "opening";

export type ContactChannel = "phone" | "digital" | "visit" | "letter";

/** Half-open interval [start, end). */
export interface TimeSpan {
  start: Temporal.Instant;
  end: Temporal.Instant;
}
