import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Updateable } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { ContactsTable, UnitRow } from "../../db/schema.ts";
import { type ContactChannel, stockholmDateOf } from "../../domain/calendar/index.ts";
import {
  type CallbackWindow,
  type ContactSchedule,
  normalizeSwedishPhone,
  planCallbackSlot,
} from "../../domain/contacts/intake-plan.ts";
import { promiseText, type SlotAssignment } from "../../domain/contacts/slot-assignment.ts";
import { parseIdentityNumber, type ValidIdentityNumber } from "../../domain/identity/index.ts";
import { AppError, fromZodIssues, type ValidationIssue, validationError } from "../../errors.ts";
import { type Actor, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import {
  dateOf,
  isoOrNull,
  notifyResident,
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
  claimIdempotencyKey,
  findContact,
  findContactIdByExternalId,
  findTelephonySystem,
  findUnitRowByHsaId,
  insertContactIndex,
  insertTelephonySystem,
  lockPhoneCall,
  lockUnitSlots,
  saveContactChange,
  storeIdempotentResponse,
  takenSlots,
} from "./contacts.repository.ts";
import {
  type ContactReceipt,
  type StaffContactInput,
  staffContactSchema,
  type TelephonyEvent,
  telephonyEventSchema,
  type WebContactInput,
  type WorklistContact,
  webContactSchema,
} from "./contacts.schemas.ts";
import { encryptText, identityHash, newStatusToken, personalDataKeys } from "./personal-data.ts";
import { assertContactAccess, toWorklistContacts } from "./worklist.service.ts";

export type { ContactReceipt, WebContactInput } from "./contacts.schemas.ts";

/** Units a resident can choose in the web form. The backup team is not a unit residents contact. */
const RESIDENT_UNIT_TYPES: readonly UnitRow["type"][] = ["halsocentral", "sjukstuga", "filial"];

function parseOrThrow<T>(
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

function scheduleOrThrow(at: Temporal.Instant, unit: UnitRow, channel: ContactChannel): ContactSchedule {
  const schedule = unitSchedule(unit, at, channel);
  if (!schedule) {
    throw new AppError("validation_failed", `The unit ${unit.hsa_id} has no opening or phone hours.`, {
      issues: [{ path: "unitHsaId", message: "the unit has no hours in the coming year" }],
    });
  }
  return schedule;
}

interface PersonalFields {
  identity: ValidIdentityNumber | null;
  phone: string | null;
}

async function personalColumns(ctx: ServiceContext, fields: PersonalFields) {
  const keys = await personalDataKeys(ctx);
  return {
    identity_encrypted: fields.identity ? encryptText(keys, fields.identity.normalized) : null,
    identity_hash: fields.identity ? identityHash(keys, fields.identity.normalized) : null,
    phone_encrypted: fields.phone ? encryptText(keys, fields.phone) : null,
  };
}

/**
 * Chooses the slot under the unit's slot lock: the lock is held until the transaction commits, so the
 * next intake of the unit counts this contact. Must be the last read before the insert.
 */
async function chooseSlot(
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

function scheduleColumns(schedule: ContactSchedule, assignment: SlotAssignment | null) {
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
 * contact, its history, the rollups and the receipt message are committed before this returns.
 */
export async function acceptWebContact(ctx: ServiceContext, input: WebContactInput): Promise<ContactReceipt> {
  const body = parseOrThrow(webContactSchema, input);
  const now = ctx.clock.now();
  const issues: ValidationIssue[] = [];
  const identity = validIdentity(body.identityNumber, stockholmDateOf(now), issues);
  const phone = normalizeSwedishPhone(body.phone);
  if (!phone) issues.push({ path: "phone", message: "not a Swedish phone number" });
  if (!identity || !phone) throw validationError("The contact is not valid.", issues);

  const unit = await findUnitRowByHsaId(ctx.db, body.unitHsaId);
  if (!unit || !RESIDENT_UNIT_TYPES.includes(unit.type)) {
    throw new AppError("not_found", `No care unit with HSA-id ${body.unitHsaId} takes contacts.`, {
      unitHsaId: body.unitHsaId,
    });
  }
  const schedule = scheduleOrThrow(now, unit, "digital");
  const personal = await personalColumns(ctx, { identity, phone });
  const status = newStatusToken();
  const id = randomUUID();

  return runContactWork(ctx, async (work) => {
    const assignment = await chooseSlot(work, unit, schedule, body.preferredWindow);
    const contact = await saveContactChange(
      work,
      null,
      {
        id,
        region_code: unit.region_code,
        unit_id: unit.id,
        received_at: dateOf(now),
        source: "web",
        external_id: null,
        channel: "digital",
        result: "registered",
        ...scheduleColumns(schedule, assignment),
        new_problem: body.newProblem,
        ...personal,
        description: body.description,
        callback_window: body.preferredWindow,
      },
      {
        index: {
          contactId: id,
          regionCode: unit.region_code,
          unitId: unit.id,
          receivedAt: dateOf(now),
          externalId: null,
          statusTokenHash: status.hash,
        },
        event: {
          regionCode: unit.region_code,
          contactId: id,
          at: dateOf(now),
          kind: "created",
          actor: "resident",
          data: {
            source: "web",
            slotStart: assignment.kind === "slot" ? assignment.slot.start.toString() : null,
            overflowed: assignment.kind === "overflow",
          },
        },
      },
    );
    await notifyResident(work, contact, unit, "receipt", phone, { statusPath: statusPathOf(status.token) });
    return receiptOf(contact, unit, status.token, assignment);
  });
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
  const unit = await findUnitRowByHsaId(ctx.db, body.unitHsaId);
  if (!unit) throw new AppError("not_found", `No unit with HSA-id ${body.unitHsaId}.`);
  await assertContactAccess(ctx, actor, unit, null);
  const now = ctx.clock.now();
  const issues: ValidationIssue[] = [];
  const identity = validIdentity(body.identityNumber, stockholmDateOf(now), issues);
  const phone = body.phone ? normalizeSwedishPhone(body.phone) : null;
  if (body.phone && !phone) issues.push({ path: "phone", message: "not a Swedish phone number" });
  if (!identity || issues.length > 0) throw validationError("The contact is not valid.", issues);
  const schedule = scheduleOrThrow(now, unit, body.channel);
  const personal = await personalColumns(ctx, { identity, phone });
  const id = randomUUID();

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
    await recordAudit(work.trx, ctx.clock, actor, {
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

// ---------------------------------------------------------------------------------------------------
// Phone-system webhook

export interface TelephonySystemCreated {
  id: string;
  regionCode: string;
  name: string;
  /** Shown once; the phone system signs every request with it. */
  secret: string;
}

/** Registers a phone system of a region and returns its signing secret (region admin, system admin). */
export async function registerTelephonySystem(
  ctx: ServiceContext,
  by: AuditActor,
  input: { id: string; regionCode: string; name: string; secret?: string },
  purpose: string,
): Promise<TelephonySystemCreated> {
  if (by.kind === "user") {
    assertRole(by, ["region_admin", "system_admin"], "register phone systems");
    if (by.role === "region_admin" && by.regionCode !== input.regionCode) {
      throw new AppError("forbidden", `You have no access to region ${input.regionCode}.`);
    }
  }
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(input.id)) {
    throw validationError("The phone system is not valid.", [
      { path: "id", message: "letters, digits, '.', '_' and '-' only, at most 64" },
    ]);
  }
  const secret = input.secret ?? randomBytes(32).toString("base64url");
  await ctx.db.transaction().execute(async (trx) => {
    await insertTelephonySystem(trx, {
      id: input.id,
      regionCode: input.regionCode,
      name: input.name,
      secret,
    });
    await recordAudit(trx, ctx.clock, by, {
      action: "telephony_system.create",
      entityType: "telephony_system",
      entityId: input.id,
      regionCode: input.regionCode,
      purpose,
    });
  });
  return { id: input.id, regionCode: input.regionCode, name: input.name, secret };
}

/** `sha256=<hex>` of the raw body with the system's secret. */
export function signTelephonyBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

function signatureMatches(secret: string, rawBody: string | Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signTelephonyBody(secret, rawBody), "utf8");
  const given = Buffer.from(signature.trim(), "utf8");
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of the input.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}

export interface TelephonyResult {
  statusCode: 200 | 201;
  body: { contactId: string; result: ContactsTable["result"] };
}

const invalidSignature = () =>
  new AppError("invalid_signature", "The request is not signed by a known phone system.", {
    headers: ["X-Vardnav-System", "X-Vardnav-Signature"],
  });

/**
 * `POST /api/telephony/events` (FORMATS.md "HTTP API", docs/API.md). The signature is checked before anything else is read.
 * The idempotency key is claimed inside the transaction that applies the event, so a retry waits for the
 * first attempt and then gets its stored answer; the same key with another body is a conflict.
 */
export async function handleTelephonyEvent(
  ctx: ServiceContext,
  systemId: string | undefined,
  idempotencyKey: string | undefined,
  rawBody: string | Buffer,
  signature: string | undefined,
): Promise<TelephonyResult> {
  const system = systemId ? await findTelephonySystem(ctx.db, systemId) : undefined;
  if (!system || !signatureMatches(system.secret, rawBody, signature)) throw invalidSignature();
  if (!idempotencyKey || idempotencyKey.length > 200) {
    throw new AppError("bad_request", "The Idempotency-Key header is required (at most 200 characters).");
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString("utf8") : rawBody);
  } catch {
    throw new AppError("bad_request", "The body is not JSON.");
  }
  const event = parseOrThrow(telephonyEventSchema, json);
  const unit = await findUnitRowByHsaId(ctx.db, event.unitHsaId);
  if (!unit || unit.region_code !== system.region_code) {
    throw validationError("The event is not valid.", [
      { path: "unitHsaId", message: `no unit ${event.unitHsaId} in region ${system.region_code}` },
    ]);
  }
  const bodySha256 = createHash("sha256").update(rawBody).digest("hex");

  return runContactWork(ctx, async (work) => {
    const previous = await claimIdempotencyKey(work.trx, {
      systemId: system.id,
      key: idempotencyKey,
      regionCode: system.region_code,
      bodySha256,
    });
    if (previous) {
      if (previous.body_sha256 !== bodySha256) {
        throw new AppError(
          "idempotency_conflict",
          "This Idempotency-Key was already used with another request body.",
          { idempotencyKey },
        );
      }
      return {
        statusCode: previous.status_code === 201 ? 201 : 200,
        body: previous.response as TelephonyResult["body"],
      };
    }
    const result = await applyTelephonyEvent(work, unit, system.id, event);
    await storeIdempotentResponse(work.trx, system.id, idempotencyKey, result.statusCode, result.body);
    return result;
  });
}

type PhoneResult = ContactsTable["result"];

/** What each phone-system event means for the contact row. */
function effectOf(event: TelephonyEvent["event"]): {
  result: PhoneResult;
  status: "open" | "closed";
  closedReason: ContactsTable["closed_reason"];
} {
  switch (event) {
    // A call in the queue: counted as abandoned until it is answered or gets a callback.
    case "offered":
      return { result: "abandoned", status: "open", closedReason: null };
    // Answered live: the response and the next step are given in the call.
    case "answered":
      return { result: "answered", status: "closed", closedReason: "feedback" };
    case "callback_booked":
      return { result: "callback", status: "open", closedReason: null };
    // The caller hung up; there is no number to call back, so nothing is left to work.
    case "abandoned":
      return { result: "abandoned", status: "closed", closedReason: "withdrawn" };
    // The phone system turned the caller away: stored so the hidden queue is counted.
    case "refused":
      return { result: "refused", status: "closed", closedReason: "withdrawn" };
  }
}

async function applyTelephonyEvent(
  work: ContactWork,
  unit: UnitRow,
  systemId: string,
  event: TelephonyEvent,
): Promise<TelephonyResult> {
  const at = Temporal.Instant.from(event.at);
  const effect = effectOf(event.event);
  await lockPhoneCall(work.trx, unit.id, event.callId);
  const existingId = await findContactIdByExternalId(work.trx, unit.id, event.callId);
  const existing = existingId ? await findContact(work.trx, existingId, { forUpdate: true }) : undefined;
  let contact: ContactRow;
  let created = false;
  if (!existing) {
    const schedule = scheduleOrThrow(at, unit, "phone");
    const assignment =
      event.event === "callback_booked" ? await chooseSlot(work, unit, schedule, "any") : null;
    const answeredAt = event.event === "answered" ? dateOf(at) : null;
    contact = await saveContactChange(work, null, {
      id: randomUUID(),
      region_code: unit.region_code,
      unit_id: unit.id,
      received_at: dateOf(at),
      source: "telephony",
      external_id: event.callId,
      channel: "phone",
      result: effect.result,
      ...scheduleColumns(schedule, assignment),
      status: effect.status,
      closed_reason: effect.closedReason,
      responded_at: answeredAt,
      feedback_at: answeredAt,
      callback_window: "any",
    });
    await insertContactIndex(work.trx, {
      contactId: contact.id,
      regionCode: unit.region_code,
      unitId: unit.id,
      receivedAt: contact.received_at,
      externalId: event.callId,
      statusTokenHash: null,
    });
    created = true;
  } else if (event.event === "offered" || existing.status === "closed" || existing.result === effect.result) {
    // A repeated offer, or an event after the call already ended: history only.
    contact = existing;
  } else {
    const eventAt = dateOf(at).getTime() < existing.received_at.getTime() ? existing.received_at : dateOf(at);
    const patch: Updateable<ContactsTable> = {
      result: effect.result,
      status: effect.status,
      closed_reason: effect.closedReason,
    };
    if (event.event === "answered") {
      patch.responded_at = existing.responded_at ?? eventAt;
      patch.feedback_at = existing.feedback_at ?? eventAt;
    }
    if (event.event === "callback_booked" && existing.slot_start === null) {
      const schedule: ContactSchedule = {
        receiptDate: Temporal.PlainDate.from(existing.receipt_date),
        serviceDay: Temporal.PlainDate.from(existing.service_day),
        inHours: existing.in_phone_hours,
        deadline: Temporal.Instant.fromEpochMilliseconds(
          (existing.deadline ?? existing.received_at).getTime(),
        ),
      };
      const assignment = await chooseSlot(work, unit, schedule, "any");
      patch.slot_start = assignment.kind === "slot" ? dateOf(assignment.slot.start) : null;
      patch.overflowed = assignment.kind === "overflow";
    }
    contact = await saveContactChange(work, existing, patch);
  }
  await appendContactEvent(work.trx, {
    regionCode: unit.region_code,
    contactId: contact.id,
    at: dateOf(work.clock.now()),
    kind: created ? "created" : "telephony",
    actor: `telephony:${systemId}`,
    data: { event: event.event, callId: event.callId, at: event.at },
  });
  return { statusCode: created ? 201 : 200, body: { contactId: contact.id, result: contact.result } };
}
