import { Temporal } from "temporal-polyfill";
import type { UnitRow } from "../../db/schema.ts";
import { STOCKHOLM, type TimeSpan } from "../../domain/calendar/index.ts";
import type { CallbackWindow, ContactSchedule } from "../../domain/contacts/intake-plan.ts";
import { slotKey } from "../../domain/contacts/slot-assignment.ts";
import { promiseSentence } from "../../domain/notifications/messages.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { unitSlotsOn } from "./contact-work.ts";
import type { ContactRow } from "./contacts.repository.ts";
import { findUnitWithVersion, type VersionedUnit } from "./intake.repository.ts";

// What the one-statement intake (intake.service.ts, migration 0034) needs from the app before the
// statement, kept off the database: the unit (cached with its row version, which the statement checks)
// and the service day's candidate slots in the order they are tried, with their receipt sentences.

const UNIT_CACHE_LIMIT = 10_000;
const unitCache = new WeakMap<object, Map<string, VersionedUnit>>();

/**
 * The unit by HSA-id, from this process's cache unless `fresh`. A cached row may be stale (hours edited
 * since): intake_contact compares the row version and answers `stale_unit`, and the caller asks again
 * with `fresh`. So a stale cache costs one extra round trip, never a contact planned on old hours.
 */
export async function intakeUnit(
  ctx: ServiceContext,
  hsaId: string,
  fresh: boolean,
): Promise<VersionedUnit | undefined> {
  let perDb = unitCache.get(ctx.db);
  if (!perDb) {
    perDb = new Map();
    unitCache.set(ctx.db, perDb);
  }
  const cached = fresh ? undefined : perDb.get(hsaId);
  if (cached) return cached;
  const found = await findUnitWithVersion(ctx.db, hsaId);
  if (perDb.size >= UNIT_CACHE_LIMIT) perDb.clear();
  if (found) perDb.set(hsaId, found);
  else perDb.delete(hsaId);
  return found;
}

export interface SlotCandidate {
  slot: TimeSpan;
  startDate: Date;
  key: string;
  /** The receipt's promise sentence for this slot, written on `today`. */
  promise(today: Temporal.PlainDate): string;
}

interface MemoCandidate extends SlotCandidate {
  endMs: number;
}

const NOON_MINUTES = 12 * 60;
const candidateMemo = new WeakMap<readonly TimeSpan[], Map<CallbackWindow, MemoCandidate[]>>();

function candidateOf(slot: TimeSpan): MemoCandidate {
  const promises = new Map<string, string>();
  return {
    slot,
    startDate: new Date(slot.start.epochMilliseconds),
    endMs: slot.end.epochMilliseconds,
    key: slotKey(slot),
    promise(today) {
      const key = today.toString();
      let text = promises.get(key);
      if (text === undefined) {
        text = promiseSentence({ unitName: "", slotStart: slot.start, slotEnd: slot.end, today });
        promises.set(key, text);
      }
      return text;
    },
  };
}

function inWindow(slot: TimeSpan, window: CallbackWindow): boolean {
  const local = slot.start.toZonedDateTimeISO(STOCKHOLM);
  const minutes = local.hour * 60 + local.minute;
  return window === "morning" ? minutes < NOON_MINUTES : minutes >= NOON_MINUTES;
}

/**
 * The order planCallbackSlot tries slots in: the preferred window's slots by start, then every slot by
 * start (assignCallbackSlot); slots already ended are left out. The statement takes the first with room.
 */
export function slotCandidates(
  unit: UnitRow,
  schedule: ContactSchedule,
  window: CallbackWindow,
  now: Temporal.Instant,
): SlotCandidate[] {
  const slots = unitSlotsOn(unit, schedule.serviceDay);
  let perSlots = candidateMemo.get(slots);
  if (!perSlots) {
    perSlots = new Map();
    candidateMemo.set(slots, perSlots);
  }
  let ordered = perSlots.get(window);
  if (!ordered) {
    const all = [...slots].sort((a, b) => Temporal.Instant.compare(a.start, b.start)).map(candidateOf);
    ordered = window === "any" ? all : [...all.filter((c) => inWindow(c.slot, window)), ...all];
    perSlots.set(window, ordered);
  }
  const nowMs = now.epochMilliseconds;
  return ordered.filter((c) => c.endMs > nowMs);
}

/** A new contact's columns that intake does not set (the table's defaults). */
export const emptyContactRow: Omit<
  ContactRow,
  | "id"
  | "region_code"
  | "unit_id"
  | "received_at"
  | "source"
  | "channel"
  | "result"
  | "receipt_date"
  | "service_day"
  | "in_phone_hours"
  | "deadline"
  | "slot_start"
  | "overflowed"
  | "new_problem"
  | "identity_encrypted"
  | "identity_hash"
  | "phone_encrypted"
  | "description"
  | "callback_window"
  | "created_at"
  | "updated_at"
> = {
  external_id: null,
  responded_at: null,
  feedback_at: null,
  assessed_at: null,
  assessed_by: null,
  patient_chosen_wait: false,
  status: "open",
  closed_reason: null,
  attempts: 0,
  claimed_by: null,
  claimed_at: null,
  outcome: null,
  outcome_details: null,
  at_risk_at: null,
  missed_at: null,
  transferred_from_unit_id: null,
};
