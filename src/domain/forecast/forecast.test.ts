import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { swedishClosedHolidays } from "../calendar/holidays.ts";
import {
  backtestErrors,
  dayType,
  type ForecastHistory,
  forecastDay,
  meanAbsolutePercentageError,
  nurseHoursNeeded,
  riskLevel,
  seasonalFactor,
} from "./forecast.ts";

const D = (s: string) => Temporal.PlainDate.from(s);
const holidays = (d: Temporal.PlainDate) => swedishClosedHolidays(d.year).has(d.toString());
const never = () => false;

/** A history where every day of a weekday type has `perType[type]` contacts at 09:00 and 14:00 (half each). */
function history(start: string, end: string, perDay: (d: Temporal.PlainDate) => number): ForecastHistory {
  const days = new Map<string, number[]>();
  for (let d = D(start); Temporal.PlainDate.compare(d, D(end)) <= 0; d = d.add({ days: 1 })) {
    const hours = new Array<number>(24).fill(0);
    const n = perDay(d);
    hours[9] = n / 2;
    hours[14] = n / 2;
    days.set(d.toString(), hours);
  }
  return { days, start: D(start), end: D(end) };
}

describe("dayType", () => {
  it.each([
    ["2026-03-02", 1, "an ordinary Monday"],
    ["2026-03-07", 6, "a Saturday"],
    ["2026-04-06", 7, "annandag påsk (Monday) behaves as a Sunday"],
    ["2026-12-24", 7, "julafton (Thursday) behaves as a Sunday"],
    ["2026-06-19", 7, "midsommarafton (Friday) behaves as a Sunday"],
    ["2026-05-14", 7, "Kristi himmelsfärdsdag (Thursday)"],
    ["2026-05-15", 5, "the day after (klämdag) is an ordinary Friday"],
  ])("%s is type %i (%s)", (date, type) => {
    expect(dayType(D(date), holidays)).toBe(type);
  });
});

describe("forecastDay", () => {
  // Mondays 40, other weekdays 20, weekends 4; the history ends the day before the target.
  const weekly = (d: Temporal.PlainDate) =>
    holidays(d) || d.dayOfWeek === 7 ? 4 : d.dayOfWeek === 6 ? 4 : d.dayOfWeek === 1 ? 40 : 20;

  it.each([
    ["a Monday gets the Mondays' mean", "2026-03-09", 40],
    ["a Tuesday the weekdays'", "2026-03-10", 20],
    ["a Sunday the Sundays'", "2026-03-08", 4],
    ["a holiday Monday (annandag påsk) the Sundays'", "2026-04-06", 4],
    ["the Tuesday after Easter the Tuesdays'", "2026-04-07", 20],
  ])("%s", (_name, target, expected) => {
    const h = history("2026-01-05", D(target).subtract({ days: 1 }).toString(), weekly);
    const f = forecastDay(h, D(target), { weeks: 8, isClosed: holidays });
    expect(f.total).toBeCloseTo(expected, 6);
    expect(f.byHour[9]).toBeCloseTo(expected / 2, 6);
    expect(f.byHour[3]).toBe(0);
    expect(f.seasonalFactor).toBe(1);
  });

  it("ignores a holiday in the history when averaging weekdays", () => {
    // Långfredagen 2026-04-03 is a Friday with only 4 contacts; the Friday mean stays 20.
    const h = history("2026-02-16", "2026-04-09", weekly);
    expect(forecastDay(h, D("2026-04-10"), { weeks: 8, isClosed: holidays }).total).toBeCloseTo(20, 6);
    // Without holiday awareness the holiday pulls the mean down.
    expect(forecastDay(h, D("2026-04-10"), { weeks: 8, isClosed: never }).total).toBeLessThan(20);
  });

  it("uses only the last N weeks", () => {
    // Tuesdays were 10 until February, 30 since: with 4 weeks only the recent level counts.
    const h = history("2025-11-01", "2026-03-09", (d) =>
      d.dayOfWeek === 2 ? (d.month >= 2 && d.year === 2026 ? 30 : 10) : 0,
    );
    expect(forecastDay(h, D("2026-03-10"), { weeks: 4, isClosed: never }).total).toBeCloseTo(30, 6);
    expect(forecastDay(h, D("2026-03-10"), { weeks: 4, isClosed: never }).basisDays).toBe(4);
  });

  it("gives zero without history", () => {
    const h = history("2026-03-01", "2026-03-01", () => 10);
    const f = forecastDay(h, D("2026-03-10"), { weeks: 8, isClosed: never });
    expect(f).toMatchObject({ total: 0, basisDays: 0 });
  });
});

describe("seasonalFactor", () => {
  // Last year: January weekdays 30 contacts, February and March 20 (a winter peak in January).
  const seasonal = (d: Temporal.PlainDate) => (d.month === 1 ? 30 : 20);
  const h = history("2024-12-01", "2026-01-05", seasonal);
  const window = [D("2025-12-15"), D("2025-12-22")];

  it.each([
    ["target month last year over the window months last year", "2026-01-12", window, 1.5],
    ["no window: 1", "2026-01-12", [], 1],
  ])("%s", (_name, target, dates, expected) => {
    expect(seasonalFactor(h, D(target), dates, never)).toBeCloseTo(expected, 6);
  });

  it("is 1 when last year is not in the history", () => {
    const short = history("2025-11-01", "2026-01-05", seasonal);
    expect(seasonalFactor(short, D("2026-01-12"), window, never)).toBe(1);
  });

  it("is clamped to [0.5, 2]", () => {
    const extreme = history("2024-12-01", "2026-01-05", (d) => (d.month === 1 ? 100 : 10));
    expect(seasonalFactor(extreme, D("2026-01-12"), window, never)).toBe(2);
  });

  it("scales the forecast", () => {
    const f = forecastDay(h, D("2026-01-07"), { weeks: 2, isClosed: never });
    // Base: the two previous Wednesdays (2025-12-31 at 20 and 2025-12-24 at 20) = 20; Dec→Jan factor 1.5.
    expect(f.seasonalFactor).toBeCloseTo(1.5, 6);
    expect(f.total).toBeCloseTo(30, 6);
  });
});

describe("need, risk and backtest", () => {
  it.each([
    [60, 6, 6],
    [45, 4, 3],
    [0, 6, 0],
  ])("%f contacts at %f min need %f nurse hours", (contacts, minutes, hours) => {
    expect(nurseHoursNeeded(contacts, minutes)).toBeCloseTo(hours, 9);
  });

  it("refuses a zero handle time", () => {
    expect(() => nurseHoursNeeded(10, 0)).toThrow(RangeError);
  });

  it.each([
    [50, 100, "low"],
    [80, 100, "low"],
    [81, 100, "medium"],
    [100, 100, "medium"],
    [101, 100, "high"],
    [0.4, 0, "low"],
    [3, 0, "high"],
  ] as const)("%f expected against capacity %f is %s", (expected, capacity, risk) => {
    expect(riskLevel(expected, capacity)).toBe(risk);
  });

  it("backtests a perfectly regular history with zero error", () => {
    const h = history("2026-01-05", "2026-03-08", (d) => (d.dayOfWeek <= 5 ? 20 : 0));
    const errors = backtestErrors(h, D("2026-03-09"), { weeks: 4, isClosed: never, backtestWeeks: 2 });
    expect(errors).toHaveLength(10);
    expect(meanAbsolutePercentageError(errors)).toEqual({ mape: 0, days: 10 });
  });

  it("measures the error of a changed level", () => {
    // Weekdays 20 until 2026-02-27, then 25: the forecast (mean 20) misses the first new days by 20 %.
    const h = history("2026-01-05", "2026-03-06", (d) =>
      d.dayOfWeek > 5 ? 0 : Temporal.PlainDate.compare(d, D("2026-03-02")) >= 0 ? 25 : 20,
    );
    const errors = backtestErrors(h, D("2026-03-09"), { weeks: 4, isClosed: never, backtestWeeks: 1 });
    expect(errors).toHaveLength(5);
    for (const e of errors) expect(e).toBeCloseTo(0.2, 6);
    expect(meanAbsolutePercentageError([])).toEqual({ mape: null, days: 0 });
  });
});
