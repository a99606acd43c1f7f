import { randomUUID } from "node:crypto";
import { Temporal } from "temporal-polyfill";
import type { UnitRow } from "../../db/schema.ts";
import { type ContactChannel, stockholmDateOf, type TimeSpan } from "../../domain/calendar/index.ts";
import {
  type CallbackWindow,
  type ContactSchedule,
  normalizeSwedishPhone,
  planCallbackSlot,
} from "../../domain/contacts/intake-plan.ts";
import { promiseText, type SlotAssignment } from "../../domain/contacts/slot-assignment.ts";
import { parseIdentityNumber, type ValidIdentityNumber } from "../../domain/identity/index.ts";
import { promiseSentence } from "../../domain/notifications/messages.ts";
import { AppError, fromZodIssues, type ValidationIssue, validationError } from "../../errors.ts";
import { type Actor, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { pendingAuditEntry, recordAudit, scheduleAuditAppend, systemActor } from "../audit/audit.service.ts";
import { residentMessageText } from "../notifications/outbox.ts";
import { sealRecipient } from "../notifications/recipient-crypto.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import { rollupDeltaRows } from "../statistics/rollups.repository.ts";
import { publishContactChanges } from "./change-bus.ts";
import { assertContactAccess } from "./contact-access.ts";
import {
  dateOf,
  isoOrNull,
  notifyResident,
  residentLink,
  runContactWork,
  slotEndFor,
  statusPathOf,
  unitSchedule,
  unitSlotsOn,
} from "./contact-work.ts";
import {
  appendContactEvent,
  type ContactRow,
  type ContactWork,
  insertContactIndex,
  lockUnitSlots,
  saveContactChange,
  takenSlots,
} from "./contacts.repository.ts";
import {
  type ContactReceipt,
  type StaffContactInput,
  staffContactSchema,
  type WebContactInput,
  type WorklistContact,
  webContactSchema,
} from "./contacts.schemas.ts";
import { runIntakeStatement } from "./intake.repository.ts";
import { honeypotReceipt } from "./intake-abuse.service.ts";
import { emptyContactRow, intakeUnit, slotCandidates } from "./intake-support.ts";
import { newStatusToken, personalColumns } from "./personal-data.ts";
import { toWorklistContacts } from "./worklist.service.ts";

export type { ContactReceipt, WebContactInput } from "./contacts.schemas.ts";

/** Units a resident can choose in the web form. The backup team is not a unit residents contact. */
const RESIDENT_UNIT_TYPES: readonly UnitRow["type"][] = ["halsocentral", "sjukstuga", "filial"];

export function parseOrThrow<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fromZodIssues("The contact is not valid.", parsed.error.issues);
  return parsed.data;
}

function validIdentity(
  input: string,
  today: Temporal.PlainDate,
  issues: ValidationIssue[],
): ValidIdentityNumber | null {
  const result = parseIdentityNumber(input.trim(), today);
  if (result.ok) return result;
  issues.push({
    path: "identityNumber",
    message: `not a valid personnummer or samordningsnummer: ${result.reason}`,
  });
  return null;
}

export function scheduleOrThrow(
  at: Temporal.Instant,
  unit: UnitRow,
  channel: ContactChannel,
): ContactSchedule {
  const schedule = unitSchedule(unit, at, channel);
  if (!schedule) {
    throw new AppError("validation_failed", `The unit ${unit.hsa_id} has no opening or phone hours.`, {
      issues: [{ path: "unitHsaId", message: "the unit has no hours in the coming year" }],
    });
  }
  return schedule;
}

/**
 * Chooses the slot under the unit's slot lock: the lock is held until the transaction commits, so the
 * next intake of the unit counts this contact. Must be the last read before the insert.
 */
export async function chooseSlot(
  work: ContactWork,
  unit: UnitRow,
  schedule: ContactSchedule,
  preferredWindow: CallbackWindow,
): Promise<SlotAssignment> {
  await lockUnitSlots(work.trx, unit.id);
  const taken = await takenSlots(work.trx, unit.id, schedule.serviceDay.toString());
  return planCallbackSlot({
    slots: unitSlotsOn(unit, schedule.serviceDay),
    serviceDay: schedule.serviceDay,
    cal: unitCalendarOf(unit),
    slotMinutes: unit.callback_slot_minutes,
    callsPerSlot: unit.callback_calls_per_slot,
    takenPerSlot: taken,
    now: work.clock.now(),
    deadline: schedule.deadline,
    preferredWindow,
  });
}

export function scheduleColumns(schedule: ContactSchedule, assignment: SlotAssignment | null) {
  return {
    receipt_date: schedule.receiptDate.toString(),
    service_day: schedule.serviceDay.toString(),
    in_phone_hours: schedule.inHours,
    deadline: dateOf(schedule.deadline),
    slot_start: assignment?.kind === "slot" ? dateOf(assignment.slot.start) : null,
    overflowed: assignment?.kind === "overflow",
  };
}

function receiptOf(
  contact: ContactRow,
  unit: UnitRow,
  token: string,
  assignment: SlotAssignment,
): ContactReceipt {
  const slotEnd = slotEndFor(contact, unit);
  return {
    contactId: contact.id,
    statusToken: token,
    statusPath: statusPathOf(token),
    unitName: unit.name,
    receivedAt: contact.received_at.toISOString(),
    serviceDay: contact.service_day,
    slotStart: isoOrNull(contact.slot_start),
    slotEnd: isoOrNull(slotEnd),
    deadline: (contact.deadline ?? contact.received_at).toISOString(),
    overflowed: contact.overflowed,
    promise: promiseText(assignment, Temporal.Instant.fromEpochMilliseconds(contact.received_at.getTime())),
  };
}

/**
 * `POST /api/contacts`: the resident's web form. Never refused for lack of capacity: when the service
 * day's slots are full the contact is accepted as overflow, promised feedback by the closing time. The
 * contact, its history, the rollups, the receipt message and the audit entry are committed by one
 * statement (intake_contact, migration 0034) before this returns.
 */
const PUBLIC_INTAKE_ACTOR = systemActor("public-intake");

export async function acceptWebContact(ctx: ServiceContext, input: WebContactInput): Promise<ContactReceipt> {
  const body = parseOrThrow(webContactSchema, input);
  const now = ctx.clock.now();
  const today = stockholmDateOf(now);
  const issues: ValidationIssue[] = [];
  const identity = validIdentity(body.identityNumber, today, issues);
  const phone = normalizeSwedishPhone(body.phone);
  if (!phone) issues.push({ path: "phone", message: "not a Swedish phone number" });
  if (!identity || !phone) throw validationError("The contact is not valid.", issues);

  let fresh = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await intakeUnit(ctx, body.unitHsaId, fresh);
    if (!found || !RESIDENT_UNIT_TYPES.includes(found.unit.type)) {
      throw new AppError("not_found", `No care unit with HSA-id ${body.unitHsaId} takes contacts.`, {
        unitHsaId: body.unitHsaId,
      });
    }
    const { unit } = found;
    const schedule = scheduleOrThrow(now, unit, "digital");
    // A robot filled the hidden field: the same-looking receipt, nothing stored or sent (counted).
    if (body.website) return honeypotReceipt(ctx, unit, schedule, body.preferredWindow);
    // The id is made here, not by the database: the sealed columns are bound to it (associated data).
    const id = randomUUID();
    const personal = personalColumns(ctx.keyring, id, { identity: identity.normalized, phone });
    const status = newStatusToken();
    const receivedAt = dateOf(now);
    const candidates = slotCandidates(unit, schedule, body.preferredWindow, now);
    const row = (slot: Date | null): ContactRow => ({
      ...emptyContactRow,
      id,
      region_code: unit.region_code,
      unit_id: unit.id,
      received_at: receivedAt,
      source: "web",
      channel: "digital",
      result: "registered",
      ...scheduleColumns(schedule, null),
      slot_start: slot,
      overflowed: slot === null,
      new_problem: body.newProblem,
      ...personal,
      description: body.description,
      callback_window: body.preferredWindow,
      created_at: receivedAt,
      updated_at: receivedAt,
    });
    const statusUrl = residentLink(ctx.publicBaseUrl, statusPathOf(status.token));
    const message = (slot: TimeSpan | null, deadline: Temporal.Instant | null) =>
      residentMessageText("receipt", {
        unitName: unit.name,
        slotStart: slot?.start ?? null,
        slotEnd: slot?.end ?? null,
        deadline,
        statusUrl,
        today,
      });
    const unsetPromise = promiseSentence({ unitName: unit.name });
    const outcome = await runIntakeStatement(ctx.db, {
      unitId: unit.id,
      unitVersion: found.version,
      id,
      regionCode: unit.region_code,
      receivedAt,
      source: "web",
      channel: "digital",
      receiptDate: schedule.receiptDate.toString(),
      serviceDay: schedule.serviceDay.toString(),
      inPhoneHours: schedule.inHours,
      deadline: dateOf(schedule.deadline),
      newProblem: body.newProblem,
      identityEncrypted: personal.identity_encrypted,
      identityHash: personal.identity_hash,
      phoneEncrypted: personal.phone_encrypted,
      description: body.description,
      callbackWindow: body.preferredWindow,
      statusTokenHash: status.hash,
      eventActor: "resident",
      eventActorUserId: null,
      eventData: { source: "web" },
      slotStarts: candidates.map((c) => c.startDate),
      slotKeys: candidates.map((c) => c.key),
      slotTexts: candidates.map((c) => c.promise(today)),
      callsPerSlot: unit.callback_calls_per_slot,
      // A new contact's contributions depend on whether it overflowed, not on which slot it got.
      rollupIfSlot: rollupDeltaRows(null, row(receivedAt)),
      rollupIfOverflow: rollupDeltaRows(null, row(null)),
      outboxRecipient: sealRecipient(ctx.keyring, id, { phone }),
      outboxBody: message(null, null).replace(unsetPromise, "{{promise}}"),
      outboxOverflowBody: message(null, schedule.deadline),
      // A resident is no account: the public intake writes personal data as a system action of its own.
      audit: pendingAuditEntry(
        PUBLIC_INTAKE_ACTOR,
        {
          action: "contact.create",
          entityType: "contact",
          entityId: id,
          regionCode: unit.region_code,
          purpose: "POST /api/contacts (resident web form)",
          details: { unitHsaId: unit.hsa_id, source: "web" },
        },
        receivedAt,
      ),
    });
    if (outcome.outcome === "stale_unit") {
      fresh = true;
      continue;
    }
    const chosen = outcome.slotIndex === null ? null : candidates[outcome.slotIndex - 1];
    if (outcome.slotIndex !== null && !chosen) throw new AppError("internal", "intake chose an unknown slot");
    scheduleAuditAppend(ctx);
    void publishContactChanges(ctx, [{ regionCode: unit.region_code, unitId: unit.id, contactId: id }]);
    const assignment: SlotAssignment = chosen
      ? { kind: "slot", slot: chosen.slot }
      : { kind: "overflow", deadline: schedule.deadline };
    return receiptOf(row(chosen ? chosen.startDate : null), unit, status.token, assignment);
  }
  throw new AppError("internal", `The unit ${body.unitHsaId} kept changing during intake.`);
}

/**
 * `POST /api/worklist/contacts`: staff register a walk-in or a letter for their unit. It gets a slot like
 * any other contact (the callback), and is audited as a change of personal data by that staff member.
 */
export async function registerStaffContact(
  ctx: ServiceContext,
  actor: Actor,
  input: StaffContactInput,
  purpose = "POST /api/worklist/contacts",
): Promise<WorklistContact> {
  const body = parseOrThrow(staffContactSchema, input);
  assertRole(actor, ["staff", "unit_manager", "region_admin", "system_admin"], "register contacts");
  const unit = await findUnitByHsaId(ctx.db, body.unitHsaId);
  if (!unit) throw new AppError("not_found", `No unit with HSA-id ${body.unitHsaId}.`);
  await assertContactAccess(ctx, actor, unit, null);
  const now = ctx.clock.now();
  const issues: ValidationIssue[] = [];
  const identity = validIdentity(body.identityNumber, stockholmDateOf(now), issues);
  const phone = body.phone ? normalizeSwedishPhone(body.phone) : null;
  if (body.phone && !phone) issues.push({ path: "phone", message: "not a Swedish phone number" });
  if (!identity || issues.length > 0) throw validationError("The contact is not valid.", issues);
  const schedule = scheduleOrThrow(now, unit, body.channel);
  const id = randomUUID();
  const personal = personalColumns(ctx.keyring, id, { identity: identity.normalized, phone });

  const contact = await runContactWork(ctx, async (work) => {
    const assignment = await chooseSlot(work, unit, schedule, "any");
    const row = await saveContactChange(work, null, {
      id,
      region_code: unit.region_code,
      unit_id: unit.id,
      received_at: dateOf(now),
      source: "staff",
      external_id: null,
      channel: body.channel,
      result: "registered",
      ...scheduleColumns(schedule, assignment),
      new_problem: body.newProblem,
      ...personal,
      description: body.description,
      callback_window: "any",
    });
    await insertContactIndex(work.trx, {
      contactId: id,
      regionCode: unit.region_code,
      unitId: unit.id,
      receivedAt: row.received_at,
      externalId: null,
      statusTokenHash: null,
    });
    await appendContactEvent(work.trx, {
      regionCode: unit.region_code,
      contactId: id,
      at: dateOf(now),
      kind: "created",
      actor: actor.username,
      actorUserId: actor.userId,
      data: { source: "staff", channel: body.channel },
    });
    await recordAudit(work.trx, ctx, actor, {
      action: "contact.create",
      entityType: "contact",
      entityId: id,
      regionCode: unit.region_code,
      purpose,
      details: { unitHsaId: unit.hsa_id, channel: body.channel },
    });
    await notifyResident(work, row, unit, "receipt", phone);
    return row;
  });
  const [view] = await toWorklistContacts(ctx, [contact]);
  if (!view) throw new AppError("internal", "The registered contact could not be read back.");
  return view;
}
