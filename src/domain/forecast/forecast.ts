import { Temporal } from "temporal-polyfill";

// Forecast of contacts per unit, weekday and hour (DESIGN.md capability 4), pure:
// - Base profile: for the target's day type, the mean contacts per Stockholm hour over the same day type
//   in the last `weeks` weeks before the target. The day type is the ISO weekday, except that a closed day
//   (holiday, unit closed date) is a Sunday: residents behave on a holiday as on a Sunday, and a holiday
//   in the history does not drag a weekday's mean down.
// - Season: the base comes from the last few weeks; the seasonal factor moves it to the target's month by
//   last year's ratio between the target month and the months the base window covered (1 when last year is
//   not in the history, clamped to [0.5, 2] so one odd month cannot explode it).
// - Nurse hours needed = expected contacts × handle minutes / 60 (all of them answered within phone hours).
// - Capacity = callback slots in the day's phone hours × calls per slot; risk = need against capacity.
// - Backtest: the same forecast made for each of the last weeks' open days with only the history before
//   that day, as mean absolute percentage error over days with contacts.

export const HOURS = 24;
export type HourlyCounts = readonly number[];

export interface ForecastHistory {
  /** Contacts per Stockholm hour (24 numbers) by ISO date; a date in [start, end] that is missing had none. */
  days: ReadonlyMap<string, HourlyCounts>;
  /** First and last date the history covers (data before `start` is unknown, not zero). */
  start: Temporal.PlainDate;
  end: Temporal.PlainDate;
}

export interface ForecastOptions {
  /** Weeks of history behind the base profile. Default 8. */
  weeks?: number;
  /** Closed (holiday or unit closed date): such a day is forecast, and counted in history, as a Sunday. */
  isClosed: (date: Temporal.PlainDate) => boolean;
}

export interface DayForecast {
  byHour: number[];
  total: number;
  dayType: number;
  seasonalFactor: number;
  /** Days of the same type the base profile averaged (0: no history, forecast 0). */
  basisDays: number;
}

export function dayType(date: Temporal.PlainDate, isClosed: (d: Temporal.PlainDate) => boolean): number {
  return isClosed(date) ? 7 : date.dayOfWeek;
}

function inHistory(history: ForecastHistory, date: Temporal.PlainDate): boolean {
  return (
    Temporal.PlainDate.compare(date, history.start) >= 0 && Temporal.PlainDate.compare(date, history.end) <= 0
  );
}

function dayTotal(history: ForecastHistory, date: Temporal.PlainDate): number {
  const hours = history.days.get(date.toString());
  return hours === undefined ? 0 : hours.reduce((a, b) => a + b, 0);
}

const meansCache = new WeakMap<ForecastHistory, WeakMap<ForecastOptions["isClosed"], Map<string, number>>>();

/** Mean contacts per open weekday of each year-month present in the history, e.g. "2025-11" (memoized). */
function monthlyMeans(history: ForecastHistory, isClosed: ForecastOptions["isClosed"]): Map<string, number> {
  let byClosed = meansCache.get(history);
  if (byClosed === undefined) {
    byClosed = new WeakMap();
    meansCache.set(history, byClosed);
  }
  const cached = byClosed.get(isClosed);
  if (cached !== undefined) return cached;
  const means = computeMonthlyMeans(history, isClosed);
  byClosed.set(isClosed, means);
  return means;
}

function computeMonthlyMeans(
  history: ForecastHistory,
  isClosed: ForecastOptions["isClosed"],
): Map<string, number> {
  const sums = new Map<string, { total: number; days: number }>();
  for (let d = history.start; Temporal.PlainDate.compare(d, history.end) <= 0; d = d.add({ days: 1 })) {
    if (isClosed(d) || d.dayOfWeek >= 6) continue;
    const key = d.toPlainYearMonth().toString();
    const entry = sums.get(key) ?? { total: 0, days: 0 };
    entry.total += dayTotal(history, d);
    entry.days += 1;
    sums.set(key, entry);
  }
  const means = new Map<string, number>();
  for (const [key, { total, days }] of sums) if (days > 0) means.set(key, total / days);
  return means;
}

export const SEASONAL_FACTOR_BOUNDS = [0.5, 2] as const;

/**
 * Last year's mean of the target's month over last year's mean of the months the base window covered.
 * 1 when either is unknown or zero.
 */
export function seasonalFactor(
  history: ForecastHistory,
  target: Temporal.PlainDate,
  windowDates: readonly Temporal.PlainDate[],
  isClosed: ForecastOptions["isClosed"],
): number {
  if (windowDates.length === 0) return 1;
  const means = monthlyMeans(history, isClosed);
  const lastYear = (d: Temporal.PlainDate) => d.subtract({ years: 1 }).toPlainYearMonth().toString();
  const targetMean = means.get(lastYear(target));
  const windowMeans = windowDates.map((d) => means.get(lastYear(d)));
  if (targetMean === undefined || windowMeans.some((m) => m === undefined)) return 1;
  const base = (windowMeans as number[]).reduce((a, b) => a + b, 0) / windowMeans.length;
  if (base <= 0 || targetMean <= 0) return 1;
  const [low, high] = SEASONAL_FACTOR_BOUNDS;
  return Math.min(high, Math.max(low, targetMean / base));
}

/** The expected contacts of `target` per hour from the history strictly before it. */
export function forecastDay(
  history: ForecastHistory,
  target: Temporal.PlainDate,
  options: ForecastOptions,
): DayForecast {
  const weeks = options.weeks ?? 8;
  const type = dayType(target, options.isClosed);
  const sums = new Array<number>(HOURS).fill(0);
  const basis: Temporal.PlainDate[] = [];
  for (let offset = 1; offset <= weeks * 7; offset++) {
    const date = target.subtract({ days: offset });
    if (!inHistory(history, date) || dayType(date, options.isClosed) !== type) continue;
    basis.push(date);
    const hours = history.days.get(date.toString());
    if (hours !== undefined) for (let h = 0; h < HOURS; h++) sums[h] = (sums[h] ?? 0) + (hours[h] ?? 0);
  }
  const factor = seasonalFactor(history, target, basis, options.isClosed);
  const byHour = sums.map((s) => (basis.length === 0 ? 0 : (s / basis.length) * factor));
  return {
    byHour,
    total: byHour.reduce((a, b) => a + b, 0),
    dayType: type,
    seasonalFactor: factor,
    basisDays: basis.length,
  };
}

export function nurseHoursNeeded(expectedContacts: number, handleMinutes: number): number {
  if (!(handleMinutes > 0)) throw new RangeError(`Handle time must be positive, got ${handleMinutes}.`);
  return (expectedContacts * handleMinutes) / 60;
}

export type Risk = "low" | "medium" | "high";

/** Thresholds of need over capacity: up to 80 % is low, up to 100 % medium, above high. */
export const RISK_THRESHOLDS = { medium: 0.8, high: 1.0 } as const;

export function riskLevel(expectedContacts: number, capacityContacts: number): Risk {
  if (capacityContacts <= 0) return expectedContacts < 1 ? "low" : "high";
  const load = expectedContacts / capacityContacts;
  if (load > RISK_THRESHOLDS.high) return "high";
  if (load > RISK_THRESHOLDS.medium) return "medium";
  return "low";
}

export interface Backtest {
  /** Mean absolute percentage error of daily totals (0.12 = 12 %), or null without days to test. */
  mape: number | null;
  /** Days tested (open days with at least one contact). */
  days: number;
}

/** Each open day of the `weeks` weeks before `target` that had contacts, forecast from its own past. */
export function backtestErrors(
  history: ForecastHistory,
  target: Temporal.PlainDate,
  options: ForecastOptions & { backtestWeeks?: number },
): number[] {
  const errors: number[] = [];
  const weeks = options.backtestWeeks ?? 4;
  for (let offset = weeks * 7; offset >= 1; offset--) {
    const date = target.subtract({ days: offset });
    if (!inHistory(history, date) || options.isClosed(date)) continue;
    const actual = dayTotal(history, date);
    if (actual <= 0) continue;
    // Only days whose own base window is inside the history are a fair test.
    const forecast = forecastDay(history, date, options);
    if (forecast.basisDays === 0) continue;
    errors.push(Math.abs(actual - forecast.total) / actual);
  }
  return errors;
}

export function meanAbsolutePercentageError(errors: readonly number[]): Backtest {
  if (errors.length === 0) return { mape: null, days: 0 };
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  return { mape: Math.round(mean * 10000) / 10000, days: errors.length };
}

/** Callback capacity of a day: slots × calls per slot. */
export function capacityContacts(slots: number, callsPerSlot: number): number {
  return slots * callsPerSlot;
}
