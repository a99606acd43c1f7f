import { randomUUID } from "node:crypto";
import { Temporal } from "temporal-polyfill";
import type { UnitRow } from "../../db/schema.ts";
import { stockholmDateOf } from "../../domain/calendar/index.ts";
import type { CallbackWindow, ContactSchedule } from "../../domain/contacts/intake-plan.ts";
import { planCallbackSlot } from "../../domain/contacts/intake-plan.ts";
import { promiseText } from "../../domain/contacts/slot-assignment.ts";
import { AppError } from "../../errors.ts";
import { type Actor, assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { countAbuse, findAbuseCounts } from "../notifications/intake-limits.repository.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import { dateOf, statusPathOf, unitSlotsOn } from "./contact-work.ts";
import { takenSlots } from "./contacts.repository.ts";
import type { ContactReceipt, IntakeAbuseReport } from "./contacts.schemas.ts";
import { newStatusToken } from "./personal-data.ts";

// Abuse of the public intake (issue 12, item 7). The web form carries a honeypot field that people never
// see or reach (off-screen, aria-hidden, out of the tab order) and form-filling robots do fill. A filled
// honeypot gets an answer that looks like any receipt, but nothing is stored and nothing is sent: only a
// count per region and day. Receipts the dispatcher held back (src/jobs/intake-message-limit.ts) are
// counted in the same table; region admins see both.

/** What a robot gets for a filled honeypot: a receipt like a real one (the slot it would have had). */
export async function honeypotReceipt(
  ctx: ServiceContext,
  unit: UnitRow,
  schedule: ContactSchedule,
  preferredWindow: CallbackWindow,
): Promise<ContactReceipt> {
  const now = ctx.clock.now();
  await countAbuse(ctx.db, stockholmDateOf(now).toString(), [
    { regionCode: unit.region_code, reason: "honeypot" },
  ]);
  // Read without the slot lock: nothing is booked, the answer only has to look plausible.
  const taken = await takenSlots(ctx.db, unit.id, schedule.serviceDay.toString());
  const assignment = planCallbackSlot({
    slots: unitSlotsOn(unit, schedule.serviceDay),
    serviceDay: schedule.serviceDay,
    cal: unitCalendarOf(unit),
    slotMinutes: unit.callback_slot_minutes,
    callsPerSlot: unit.callback_calls_per_slot,
    takenPerSlot: taken,
    now,
    deadline: schedule.deadline,
    preferredWindow,
  });
  const token = newStatusToken().token;
  return {
    contactId: randomUUID(),
    statusToken: token,
    statusPath: statusPathOf(token),
    unitName: unit.name,
    receivedAt: dateOf(now).toISOString(),
    serviceDay: schedule.serviceDay.toString(),
    slotStart: assignment.kind === "slot" ? dateOf(assignment.slot.start).toISOString() : null,
    slotEnd: assignment.kind === "slot" ? dateOf(assignment.slot.end).toISOString() : null,
    deadline: dateOf(schedule.deadline).toISOString(),
    overflowed: assignment.kind === "overflow",
    promise: promiseText(assignment, now),
  };
}

const DEFAULT_DAYS = 14;
const MAX_DAYS = 366;

/** `GET /api/contacts/intake-abuse`: per day, what the public intake held back, for a region's admins. */
export async function getIntakeAbuseReport(
  ctx: ServiceContext,
  actor: Actor,
  query: { region?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<IntakeAbuseReport> {
  assertRole(actor, ["region_admin", "system_admin"], "see what the public intake held back");
  const regionCode = query.region ?? actor.regionCode;
  if (!regionCode) throw new AppError("validation_failed", "Name the region (?region=22).");
  assertRegionAccess(actor, regionCode);
  const to = query.to ? Temporal.PlainDate.from(query.to) : stockholmDateOf(ctx.clock.now());
  const from = query.from ? Temporal.PlainDate.from(query.from) : to.subtract({ days: DEFAULT_DAYS - 1 });
  if (Temporal.PlainDate.compare(from, to) > 0 || from.until(to).days >= MAX_DAYS) {
    throw new AppError("validation_failed", `Choose a period of 1 to ${MAX_DAYS} days, from before to.`);
  }
  const rows = await findAbuseCounts(ctx.db, regionCode, from.toString(), to.toString());
  const byDay = new Map<string, IntakeAbuseReport["days"][number]>();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? { day: row.day, honeypot: 0, phoneLimit: 0, identityLimit: 0 };
    if (row.reason === "honeypot") day.honeypot += row.count;
    else if (row.reason === "phone_limit") day.phoneLimit += row.count;
    else day.identityLimit += row.count;
    byDay.set(row.day, day);
  }
  const days = [...byDay.values()];
  return {
    regionCode,
    from: from.toString(),
    to: to.toString(),
    days,
    totals: {
      honeypot: days.reduce((n, d) => n + d.honeypot, 0),
      phoneLimit: days.reduce((n, d) => n + d.phoneLimit, 0),
      identityLimit: days.reduce((n, d) => n + d.identityLimit, 0),
    },
  };
}
