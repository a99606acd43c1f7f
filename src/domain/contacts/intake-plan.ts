import { Temporal } from "temporal-polyfill";
import {
  type ContactChannel,
  callbackSlots,
  deadlineOf,
  hoursKindForChannel,
  isInHours,
  STOCKHOLM,
  serviceDayOf,
  stockholmDateOf,
  type TimeSpan,
  type UnitCalendar,
} from "../calendar/index.ts";
import { assignCallbackSlot, type SlotAssignment } from "./slot-assignment.ts";

export type CallbackWindow = "morning" | "afternoon" | "any";

/** When a contact is served and what it is promised, fixed at intake from the unit's calendar. */
export interface ContactSchedule {
  receiptDate: Temporal.PlainDate;
  serviceDay: Temporal.PlainDate;
  inHours: boolean;
  /** The unit's closing time on the service day. */
  deadline: Temporal.Instant;
}

/**
 * Service day and deadline (DESIGN.md "Definitions") for a contact on `channel` received at `at`. Null
 * when the unit has no hours at all within the search horizon, which the caller reports as a unit setup
 * error rather than refusing the resident silently.
 */
export function scheduleContact(
  at: Temporal.Instant,
  cal: UnitCalendar,
  channel: ContactChannel,
): ContactSchedule | null {
  const kind = hoursKindForChannel(channel);
  const serviceDay = serviceDayOf(at, cal, kind);
  const deadline = deadlineOf(at, cal, kind);
  if (serviceDay === null || deadline === null) return null;
  return { receiptDate: stockholmDateOf(at), serviceDay, inHours: isInHours(at, cal, kind), deadline };
}

const NOON_MINUTES = 12 * 60;

function startsInWindow(slot: TimeSpan, window: CallbackWindow): boolean {
  if (window === "any") return true;
  const local = slot.start.toZonedDateTimeISO(STOCKHOLM);
  const minutes = local.hour * 60 + local.minute;
  return window === "morning" ? minutes < NOON_MINUTES : minutes >= NOON_MINUTES;
}

export interface SlotPlanInput {
  serviceDay: Temporal.PlainDate;
  cal: UnitCalendar;
  slotMinutes: number;
  callsPerSlot: number;
  takenPerSlot: ReadonlyMap<string, number>;
  now: Temporal.Instant;
  deadline: Temporal.Instant;
  /** The resident's preference: honoured when a slot in it is free, otherwise the earliest free slot. */
  preferredWindow: CallbackWindow;
  /** The service day's slots when the caller already has them (`callbackSlots` of the same inputs). */
  slots?: readonly TimeSpan[];
}

/** The callback slot for a new contact on its service day, or overflow with the closing time as the promise. */
export function planCallbackSlot(input: SlotPlanInput): SlotAssignment {
  const slots = input.slots ?? callbackSlots(input.serviceDay, input.cal, input.slotMinutes);
  const base = {
    takenPerSlot: input.takenPerSlot,
    callsPerSlot: input.callsPerSlot,
    now: input.now,
    deadline: input.deadline,
  };
  if (input.preferredWindow !== "any") {
    const preferred = slots.filter((slot) => startsInWindow(slot, input.preferredWindow));
    const inPreferred = assignCallbackSlot({ ...base, slots: preferred });
    if (inPreferred.kind === "slot") return inPreferred;
  }
  return assignCallbackSlot({ ...base, slots });
}

/** The end of a slot that starts at `start` on the unit's slot grid (slots are cut at the window end). */
export function slotEndOf(
  start: Temporal.Instant,
  serviceDay: Temporal.PlainDate,
  cal: UnitCalendar,
  slotMinutes: number,
  slots: readonly TimeSpan[] = callbackSlots(serviceDay, cal, slotMinutes),
): Temporal.Instant {
  const slot = slots.find((s) => s.start.equals(start));
  return slot?.end ?? start.add({ minutes: slotMinutes });
}

/** Vårdgarantin: a new or worsened problem is assessed within three calendar days of the receipt date. */
export const ASSESSMENT_DAYS = 3;

export function assessmentDeadlineOf(receiptDate: Temporal.PlainDate): Temporal.PlainDate {
  return receiptDate.add({ days: ASSESSMENT_DAYS });
}

/** After this many failed call attempts the contact closes as not reached and the resident is told. */
export const MAX_CALL_ATTEMPTS = 3;

export interface DeadlineState {
  deadline: Temporal.Instant | null;
  respondedAt: Temporal.Instant | null;
  open: boolean;
  missedAt: Temporal.Instant | null;
}

/** Open, unanswered and the deadline within `atRiskMinutes` from now (and not yet passed). */
export function isAtRisk(state: DeadlineState, now: Temporal.Instant, atRiskMinutes: number): boolean {
  if (!state.open || state.respondedAt !== null || state.deadline === null) return false;
  if (Temporal.Instant.compare(state.deadline, now) <= 0) return false;
  return Temporal.Instant.compare(state.deadline, now.add({ minutes: atRiskMinutes })) <= 0;
}

/** A same-day promise is missed when the deadline passed without a response (or the sweep recorded so). */
export function isMissed(state: DeadlineState, now: Temporal.Instant): boolean {
  if (state.missedAt !== null) return true;
  if (state.respondedAt !== null || state.deadline === null) return false;
  return Temporal.Instant.compare(state.deadline, now) <= 0;
}

export type ContactOutcomeCode =
  | "advice"
  | "booked_visit"
  | "digital_visit"
  | "referred_unit"
  | "referred_1177"
  | "referred_emergency"
  | "not_reached";

/** The outcome in Swedish for the resident (status page and outcome message). */
export function outcomeTextSv(
  outcome: ContactOutcomeCode,
  details: { visitAt?: Temporal.Instant | null; referredUnitName?: string | null } = {},
): string {
  switch (outcome) {
    case "advice":
      return "Du har fått råd av vården.";
    case "booked_visit": {
      if (!details.visitAt) return "Du har fått en bokad tid på mottagningen.";
      const local = details.visitAt.toZonedDateTimeISO(STOCKHOLM);
      const time = local.toPlainTime().toString({ smallestUnit: "minute" });
      return `Du har fått en bokad tid ${local.toPlainDate().toString()} kl ${time}.`;
    }
    case "digital_visit":
      return "Du har fått ett digitalt vårdmöte.";
    case "referred_unit":
      return details.referredUnitName
        ? `Du har hänvisats till ${details.referredUnitName}.`
        : "Du har hänvisats till en annan mottagning.";
    case "referred_1177":
      return "Du har hänvisats till 1177 Vårdguiden (ring 1177).";
    case "referred_emergency":
      return "Du har hänvisats till akutmottagningen. Vid livshotande tillstånd, ring 112.";
    case "not_reached":
      return "Vi har försökt ringa dig tre gånger utan att nå dig. Kontakta oss igen om du fortfarande behöver hjälp.";
  }
}

/** "waiting" until staff claim it, "claimed" while someone is calling, "responded" once reached, "closed" after feedback. */
export type ResidentState = "waiting" | "claimed" | "responded" | "closed";

export function residentStateOf(c: {
  open: boolean;
  claimed: boolean;
  respondedAt: Temporal.Instant | null;
}): ResidentState {
  if (!c.open) return "closed";
  if (c.respondedAt !== null) return "responded";
  return c.claimed ? "claimed" : "waiting";
}

const PHONE_FORMS = /^(?:\+46|0046|0)(\d{6,12})$/;

/**
 * A Swedish phone number as "+46…", or null when it is not one. Spaces, hyphens and parentheses are
 * ignored, so "070-123 45 67" and "+46 70 123 45 67" are the same number.
 */
export function normalizeSwedishPhone(input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, "");
  const match = PHONE_FORMS.exec(compact);
  if (!match?.[1] || match[1].startsWith("0")) return null;
  return `+46${match[1]}`;
}

export type { SlotAssignment };
