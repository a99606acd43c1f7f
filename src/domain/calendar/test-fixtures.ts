// Calendars shared by the calendar and contacts tests. Not part of the module's API (not in index.ts).
import { Temporal } from "temporal-polyfill";
import type { HoursWindow, UnitCalendar, WeeklyHours } from "./types.ts";

export const instant = (s: string): Temporal.Instant => Temporal.Instant.from(s);
export const date = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s);

const weekdays = (windows: readonly HoursWindow[]): WeeklyHours => ({
  mon: windows,
  tue: windows,
  wed: windows,
  thu: windows,
  fri: windows,
  sat: [],
  sun: [],
});

/** A typical hälsocentral: split phone hours, opening hours until 17:00, closed at weekends. */
export const healthCentre: UnitCalendar = {
  phoneHours: weekdays([
    ["08:00", "12:00"],
    ["13:00", "16:30"],
  ]),
  openingHours: weekdays([["08:00", "17:00"]]),
  closedDates: [],
  openDates: [],
};

/**
 * A unit with Sunday night and day phone hours, for the daylight-saving Sundays 2026-03-29 (02:00 CET →
 * 03:00 CEST) and 2026-10-25 (03:00 CEST → 02:00 CET).
 */
export const sundayNightLine: UnitCalendar = {
  phoneHours: {
    sun: [
      ["01:00", "04:00"],
      ["08:00", "16:00"],
    ],
  },
  openingHours: { sun: [["00:00", "18:00"]] },
  closedDates: [],
  openDates: [],
};

/** Sunday phone hours starting at 02:00, a wall time that does not exist on 2026-03-29. */
export const sundayFromTwo: UnitCalendar = {
  phoneHours: { sun: [["02:00", "04:00"]] },
  openingHours: {},
  closedDates: [],
  openDates: [],
};

export const neverOpen: UnitCalendar = { phoneHours: {}, openingHours: {}, closedDates: [], openDates: [] };
