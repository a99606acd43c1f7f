import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { UnitCalendar, WeeklyHours } from "../calendar/types.ts";
import { worklistDay } from "./worklist-day.ts";

const weekdays: WeeklyHours = {
  mon: [["08:00", "16:30"]],
  tue: [["08:00", "16:30"]],
  wed: [["08:00", "16:30"]],
  thu: [["08:00", "16:30"]],
  fri: [["08:00", "16:30"]],
};
const calendar = (overrides: Partial<UnitCalendar> = {}): UnitCalendar => ({
  phoneHours: weekdays,
  openingHours: weekdays,
  closedDates: [],
  openDates: [],
  ...overrides,
});

describe("worklistDay", () => {
  it.each([
    ["an open Tuesday: today", "2026-04-14", calendar(), "2026-04-14", false],
    ["a Saturday: Monday", "2026-04-11", calendar(), "2026-04-13", true],
    ["a Sunday: Monday", "2026-04-12", calendar(), "2026-04-13", true],
    // Långfredag 3 April 2026, then the weekend and annandag påsk (6 April): Tuesday.
    ["långfredag: the Tuesday after Easter", "2026-04-03", calendar(), "2026-04-07", true],
    ["midsommarafton (a Friday): Monday", "2026-06-19", calendar(), "2026-06-22", true],
    [
      "a unit's own closed Wednesday: Thursday",
      "2026-04-15",
      calendar({ closedDates: ["2026-04-15"] }),
      "2026-04-16",
      true,
    ],
    [
      "a Saturday with opening hours (a sjukstuga): today",
      "2026-04-11",
      calendar({ openingHours: { ...weekdays, sat: [["10:00", "14:00"]] } }),
      "2026-04-11",
      false,
    ],
    [
      "a holiday the unit keeps open: today",
      "2026-04-06",
      calendar({ openDates: ["2026-04-06"] }),
      "2026-04-06",
      false,
    ],
  ])("%s", (_name, today, cal, expected, waiting) => {
    const result = worklistDay(Temporal.PlainDate.from(today), cal);
    expect(result.date.toString()).toBe(expected);
    expect(result.waitingForNextOpenDay).toBe(waiting);
  });

  it("stays on today for a unit that is never open", () => {
    const result = worklistDay(
      Temporal.PlainDate.from("2026-04-11"),
      calendar({ phoneHours: {}, openingHours: {} }),
    );
    expect(result).toEqual({ date: Temporal.PlainDate.from("2026-04-11"), waitingForNextOpenDay: false });
  });
});
