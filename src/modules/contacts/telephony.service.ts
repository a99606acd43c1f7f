// The phone-system side of intake: registering a phone system and its signed, idempotent webhook
// (FORMATS.md "HTTP API"). The signature is checked before anything else is read.

import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Updateable } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { ContactsTable, UnitRow } from "../../db/schema.ts";
import type { ContactSchedule } from "../../domain/contacts/intake-plan.ts";
import { AppError, validationError } from "../../errors.ts";
import { assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit, systemActor } from "../audit/audit.service.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { dateOf, runContactWork } from "./contact-work.ts";
import {
  appendContactEvent,
  type ContactRow,
  type ContactWork,
  claimIdempotencyKey,
  findContact,
  findContactIdByExternalId,
  findTelephonySystem,
  insertContactIndex,
  insertTelephonySystem,
  lockPhoneCall,
  saveContactChange,
  storeIdempotentResponse,
} from "./contacts.repository.ts";
import { type TelephonyEvent, telephonyEventSchema } from "./contacts.schemas.ts";
import { chooseSlot, parseOrThrow, scheduleColumns, scheduleOrThrow } from "./intake.service.ts";

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
    await recordAudit(trx, ctx, by, {
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
  const unit = await findUnitByHsaId(ctx.db, event.unitHsaId);
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
    // The phone system writes personal data (the caller's number) as a system action named after it.
    await recordAudit(work.trx, ctx, systemActor(`telephony:${system.id}`), {
      action: "contact.telephony_event",
      entityType: "contact",
      entityId: result.body.contactId,
      regionCode: unit.region_code,
      purpose: "POST /api/telephony/events",
      details: { unitHsaId: unit.hsa_id, event: event.event, callId: event.callId },
    });
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
