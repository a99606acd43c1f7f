import { Temporal } from "temporal-polyfill";
import type { UnitRow } from "../../db/schema.ts";
import {
  type ContactChannel,
  callbackSlots,
  hoursKindForChannel,
  stockholmDateOf,
  type TimeSpan,
  windowsOn,
} from "../../domain/calendar/index.ts";
import { type ContactSchedule, scheduleContact, slotEndOf } from "../../domain/contacts/intake-plan.ts";
import { promiseText } from "../../domain/contacts/slot-assignment.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  enqueueResidentNotification,
  type NotificationKind,
  residentMessageText,
} from "../notifications/outbox.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import { type ContactChange, publishContactChanges } from "./change-bus.ts";
import type { ContactRow, ContactWork } from "./contacts.repository.ts";

/**
 * Runs `fn` in one transaction whose contact changes are published to the live worklists after commit.
 * Everything a contact action writes (row, history, audit, rollups, outbox) commits or fails together.
 */
export async function runContactWork<T>(
  ctx: ServiceContext,
  fn: (work: ContactWork) => Promise<T>,
): Promise<T> {
  const changed: ContactChange[] = [];
  const result = await ctx.db
    .transaction()
    .execute((trx) =>
      fn({ trx, clock: ctx.clock, keyring: ctx.keyring, changed, publicBaseUrl: ctx.publicBaseUrl }),
    );
  // The change is committed; telling the live worklists must not delay the reply.
  void publishContactChanges(ctx, changed);
  return result;
}

export function toInstant(value: Date): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(value.getTime());
}

export function isoOrNull(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

export function dateOf(clockInstant: Temporal.Instant): Date {
  return new Date(clockInstant.epochMilliseconds);
}

// A unit's slots of a day depend only on its calendar and slot length, which change rarely; computing
// them takes a millisecond or more of Temporal arithmetic, so intake and worklists share a small memo
// keyed by the calendar itself (whoever changes a unit's hours, the key changes with them).
function calendarKey(unit: UnitRow): string {
  return JSON.stringify([unit.phone_hours, unit.opening_hours, unit.closed_dates, unit.open_dates]);
}
const SLOT_MEMO_LIMIT = 5000;
const slotMemo = new Map<string, readonly TimeSpan[]>();

export function unitSlotsOn(unit: UnitRow, serviceDay: Temporal.PlainDate): readonly TimeSpan[] {
  const key = `${calendarKey(unit)}|${unit.callback_slot_minutes}|${serviceDay.toString()}`;
  const cached = slotMemo.get(key);
  if (cached) return cached;
  const slots = callbackSlots(serviceDay, unitCalendarOf(unit), unit.callback_slot_minutes);
  if (slotMemo.size >= SLOT_MEMO_LIMIT) slotMemo.clear();
  slotMemo.set(key, slots);
  return slots;
}

interface DaySchedule {
  windows: readonly TimeSpan[];
  lastEnd: Temporal.Instant | null;
  sameDay?: ContactSchedule | null;
  nextDay?: ContactSchedule | null;
}
const scheduleMemo = new Map<string, DaySchedule>();

/**
 * `scheduleContact` for a unit, memoised per unit version, hours kind and receipt date: within a day the
 * service day and deadline only depend on whether the contact came before the end of the day's last
 * window, so two computations serve every contact of the day. `inHours` is computed per contact.
 */
export function unitSchedule(
  unit: UnitRow,
  at: Temporal.Instant,
  channel: ContactChannel,
): ContactSchedule | null {
  const kind = hoursKindForChannel(channel);
  const receiptDate = stockholmDateOf(at);
  const key = `${calendarKey(unit)}|${kind}|${receiptDate.toString()}`;
  let day = scheduleMemo.get(key);
  if (!day) {
    const windows = windowsOn(receiptDate, unitCalendarOf(unit), kind);
    let lastEnd: Temporal.Instant | null = null;
    for (const w of windows)
      if (lastEnd === null || Temporal.Instant.compare(w.end, lastEnd) > 0) lastEnd = w.end;
    day = { windows, lastEnd };
    if (scheduleMemo.size >= SLOT_MEMO_LIMIT) scheduleMemo.clear();
    scheduleMemo.set(key, day);
  }
  const sameDay = day.lastEnd !== null && Temporal.Instant.compare(at, day.lastEnd) < 0;
  const cached = sameDay ? day.sameDay : day.nextDay;
  const schedule = cached === undefined ? scheduleContact(at, unitCalendarOf(unit), channel) : cached;
  if (sameDay) day.sameDay = schedule;
  else day.nextDay = schedule;
  if (schedule === null) return null;
  const inHours = day.windows.some(
    (w) => Temporal.Instant.compare(w.start, at) <= 0 && Temporal.Instant.compare(at, w.end) < 0,
  );
  return { ...schedule, receiptDate, inHours };
}

/** The end of the contact's callback slot on its unit's grid, or null when it has none. */
export function slotEndFor(contact: ContactRow, unit: UnitRow): Date | null {
  if (contact.slot_start === null) return null;
  const serviceDay = Temporal.PlainDate.from(contact.service_day);
  const end = slotEndOf(
    toInstant(contact.slot_start),
    serviceDay,
    unitCalendarOf(unit),
    unit.callback_slot_minutes,
    unitSlotsOn(unit, serviceDay),
  );
  return new Date(end.epochMilliseconds);
}

/** The receipt's promise, as worded when the contact came in. */
export function promiseOf(contact: ContactRow, unit: UnitRow): string {
  const received = toInstant(contact.received_at);
  const slotEnd = slotEndFor(contact, unit);
  if (contact.slot_start !== null && slotEnd !== null) {
    return promiseText(
      { kind: "slot", slot: { start: toInstant(contact.slot_start), end: toInstant(slotEnd) } },
      received,
    );
  }
  const deadline = contact.deadline ? toInstant(contact.deadline) : received;
  return promiseText({ kind: "overflow", deadline }, received);
}

export function statusPathOf(token: string): string {
  return `/kontakt/status/${token}`;
}

/** An absolute link when the public address is configured (an SMS needs one), else the path. */
export function residentLink(publicBaseUrl: string | undefined, path: string): string {
  return publicBaseUrl ? new URL(path, publicBaseUrl).toString() : path;
}

/**
 * Queues a message to the resident in the contact's transaction (docs/ARCHITECTURE.md "Notifications and background jobs"). Contacts
 * without a phone number (phone-system calls, letters) have no address, so nothing is queued.
 */
export async function notifyResident(
  work: ContactWork,
  contact: ContactRow,
  unit: UnitRow,
  kind: NotificationKind,
  phone: string | null,
  extra: { statusPath?: string | null; outcome?: string | null; visitAt?: Temporal.Instant | null } = {},
): Promise<void> {
  if (!phone) return;
  const slotEnd = slotEndFor(contact, unit);
  const text = residentMessageText(kind, {
    unitName: unit.name,
    slotStart: contact.slot_start ? toInstant(contact.slot_start) : null,
    slotEnd: slotEnd ? toInstant(slotEnd) : null,
    deadline: contact.deadline ? toInstant(contact.deadline) : null,
    outcome: extra.outcome ?? null,
    statusUrl: extra.statusPath ? residentLink(work.publicBaseUrl, extra.statusPath) : null,
    visitAt: extra.visitAt ?? null,
    today: stockholmDateOf(work.clock.now()),
  });
  await enqueueResidentNotification(work.trx, work, {
    regionCode: contact.region_code,
    contactId: contact.id,
    kind,
    to: { phone },
    text,
  });
}
