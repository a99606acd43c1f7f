import type { Temporal } from "temporal-polyfill";
import { validationError } from "../../errors.ts";
import { windowsOn } from "./hours.ts";
import type { TimeSpan, UnitCalendar } from "./types.ts";

/**
 * The date's callback slots: consecutive slots of `slotMinutes` inside each phone window, aligned to the
 * window start, the last one cut at the window end. Lengths are real elapsed minutes, so a slot run that
 * crosses a daylight-saving change stays evenly spaced in time (01:45 is followed by 03:00 on 2026-03-29).
 */
export function callbackSlots(date: Temporal.PlainDate, cal: UnitCalendar, slotMinutes: number): TimeSpan[] {
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) {
    throw validationError(`Invalid slot length ${slotMinutes}`, [
      { path: "callbackCapacity.slotMinutes", message: "expected a positive whole number of minutes" },
    ]);
  }
  const slots: TimeSpan[] = [];
  for (const window of windowsOn(date, cal, "phone")) {
    let start = window.start;
    while (start.epochMilliseconds < window.end.epochMilliseconds) {
      const full = start.add({ minutes: slotMinutes });
      const end = full.epochMilliseconds < window.end.epochMilliseconds ? full : window.end;
      slots.push({ start, end });
      start = end;
    }
  }
  return slots;
}
