import { Temporal } from "temporal-polyfill";
import {
  hoursKindForChannel,
  nextOpenDay,
  STOCKHOLM,
  type UnitCalendar,
  windowsOn,
} from "../../domain/calendar/index.ts";

// Imports place millions of contacts on a few hundred unit-days: the calendar work (windows, next open
// day) is done once per unit, date and hours kind and then reused, so a row costs a few comparisons.

interface DayPlan {
  /** [start, end) windows in epoch milliseconds. */
  windows: [number, number][];
  lastEnd: number | null;
  nextOpen: string | null;
}

export interface PlacedContact {
  receiptDate: string;
  /** Null when the unit has no open day within the search horizon. */
  serviceDay: string | null;
  inHours: boolean;
  /** Stockholm hour of the receipt (0–23). */
  hour: number;
}

const dateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: STOCKHOLM,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  hourCycle: "h23",
});

/** Stockholm date ("YYYY-MM-DD") and hour of an epoch-millisecond instant. */
export function stockholmDateHour(epochMs: number): { date: string; hour: number } {
  let year = "";
  let month = "";
  let day = "";
  let hour = 0;
  for (const part of dateFormat.formatToParts(epochMs)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
    else if (part.type === "hour") hour = Number(part.value);
  }
  return { date: `${year}-${month}-${day}`, hour };
}

const HOUR_MS = 3_600_000;
// Since 1980 Stockholm's offset changes only on whole UTC hours (01:00 UTC on the last Sundays of March
// and October), so every instant of one UTC hour has the same Stockholm date and hour. Before that (the
// file format allows any year), each instant is converted on its own.
const WHOLE_HOUR_RULES_FROM = Date.UTC(1980, 0, 1);

export class UnitCalendarCache {
  readonly #calendars = new Map<number, UnitCalendar>();
  readonly #plans = new Map<string, DayPlan>();
  /** Stockholm date and hour per UTC hour: Intl's conversion once per hour of the file, not per row. */
  readonly #hours = new Map<number, { date: string; hour: number }>();

  constructor(calendars: Iterable<[number, UnitCalendar]>) {
    for (const [unitId, calendar] of calendars) this.#calendars.set(unitId, calendar);
  }

  #plan(unitId: number, kind: "phone" | "opening", date: string): DayPlan {
    const key = `${unitId}|${kind}|${date}`;
    let plan = this.#plans.get(key);
    if (plan !== undefined) return plan;
    const calendar = this.#calendars.get(unitId);
    if (calendar === undefined) throw new RangeError(`No calendar for unit ${unitId}.`);
    const plain = Temporal.PlainDate.from(date);
    const windows = windowsOn(plain, calendar, kind).map(
      (s) => [s.start.epochMilliseconds, s.end.epochMilliseconds] as [number, number],
    );
    const lastEnd = windows.reduce<number | null>(
      (max, [, end]) => (max === null || end > max ? end : max),
      null,
    );
    const next = nextOpenDay(plain, calendar, kind, { includeDate: false });
    plan = { windows, lastEnd, nextOpen: next === null ? null : next.toString() };
    // Bounded: at most units × days × 2 entries; clear on growth so memory stays constant on huge files.
    if (this.#plans.size > 200_000) this.#plans.clear();
    this.#plans.set(key, plan);
    return plan;
  }

  #stockholm(epochMs: number): { date: string; hour: number } {
    if (epochMs < WHOLE_HOUR_RULES_FROM) return stockholmDateHour(epochMs);
    const utcHour = Math.floor(epochMs / HOUR_MS);
    let local = this.#hours.get(utcHour);
    if (local === undefined) {
      local = stockholmDateHour(utcHour * HOUR_MS);
      if (this.#hours.size > 200_000) this.#hours.clear();
      this.#hours.set(utcHour, local);
    }
    return local;
  }

  /** DESIGN.md "In hours" and "Service day" for a contact of `channel` received at `epochMs`. */
  place(unitId: number, channel: "phone" | "digital" | "visit" | "letter", epochMs: number): PlacedContact {
    const { date, hour } = this.#stockholm(epochMs);
    const plan = this.#plan(unitId, hoursKindForChannel(channel), date);
    const inHours = plan.windows.some(([start, end]) => epochMs >= start && epochMs < end);
    const serviceDay = plan.lastEnd !== null && epochMs < plan.lastEnd ? date : plan.nextOpen;
    return { receiptDate: date, serviceDay, inHours, hour };
  }
}
