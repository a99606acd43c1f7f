import { Temporal } from "temporal-polyfill";
import { formatStockholmTime, stockholmDateOf, swedishDayText, type TimeSpan } from "../calendar/index.ts";

export type SlotAssignment =
  | { kind: "slot"; slot: TimeSpan }
  /** The day is full: the contact is still accepted, promised feedback by `deadline`, and goes to the unit's overflow. */
  | { kind: "overflow"; deadline: Temporal.Instant };

export interface SlotAssignmentInput {
  /** The service day's callback slots (see `callbackSlots`). */
  slots: readonly TimeSpan[];
  /** Contacts already placed per slot, keyed by `slotKey(slot)`; a missing key means none. */
  takenPerSlot: ReadonlyMap<string, number>;
  callsPerSlot: number;
  now: Temporal.Instant;
  /** The contact's deadline (`deadlineOf`), promised when no slot is free. */
  deadline: Temporal.Instant;
}

/** The key of a slot in `takenPerSlot`: the ISO instant of its start in UTC, e.g. "2026-03-30T06:00:00Z". */
export function slotKey(slot: TimeSpan): string {
  return slot.start.toString();
}

/**
 * The earliest slot that has not ended yet (the current slot is still usable) and has room. When every
 * slot is full or over, the contact overflows with the deadline as its promise: Vårdnav never refuses.
 */
export function assignCallbackSlot(input: SlotAssignmentInput): SlotAssignment {
  const candidates = [...input.slots].sort((a, b) => Temporal.Instant.compare(a.start, b.start));
  for (const slot of candidates) {
    if (Temporal.Instant.compare(slot.end, input.now) <= 0) continue;
    if ((input.takenPerSlot.get(slotKey(slot)) ?? 0) < input.callsPerSlot) return { kind: "slot", slot };
  }
  return { kind: "overflow", deadline: input.deadline };
}

/**
 * The promise shown on the receipt: "Vi ringer dig mellan kl 08:15 och 08:30" or "Återkoppling senast
 * kl 16:30". Given `now`, a promise for another day than today names that day ("Vi ringer dig måndag
 * 30 mars mellan kl 08:00 och 08:15"), so an evening contact is not misled into waiting that evening.
 */
export function promiseText(result: SlotAssignment, now?: Temporal.Instant): string {
  const at = result.kind === "slot" ? result.slot.start : result.deadline;
  const day =
    now !== undefined && !stockholmDateOf(at).equals(stockholmDateOf(now))
      ? ` ${swedishDayText(stockholmDateOf(at))}`
      : "";
  if (result.kind === "slot") {
    return `Vi ringer dig${day} mellan kl ${formatStockholmTime(result.slot.start)} och ${formatStockholmTime(result.slot.end)}`;
  }
  return `Återkoppling senast${day} kl ${formatStockholmTime(result.deadline)}`;
}
