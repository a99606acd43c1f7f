// The phone-system side of intake: registering a phone system and its signed, idempotent webhook
// (FORMATS.md "HTTP API"). The signature is checked before anything else is read.

import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { Updateable } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { ContactsTable, UnitRow } from "../../db/schema.ts";
import type { ContactSchedule } from "../../domain/contacts/intake-plan.ts";
import { AppError, validationError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit, systemActor } from "../audit/audit.service.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { dateOf, runContactWork } from "./contact-work.ts";
import {
  appendContactEvent,
  type ContactRow,
  type ContactWork,
  claimIdempotencyKey,
  findContact,
  findContactIdByExternalId,
  insertContactIndex,
  lockPhoneCall,
  saveContactChange,
  storeIdempotentResponse,
} from "./contacts.repository.ts";
import { type TelephonyEvent, telephonyEventSchema } from "./contacts.schemas.ts";
import { chooseSlot, parseOrThrow, scheduleColumns, scheduleOrThrow } from "./intake.service.ts";
import { findActiveTelephonySystem, type TelephonySystem } from "./telephony-systems.repository.ts";

// ---------------------------------------------------------------------------------------------------
// Phone-system webhook

/** FORMATS.md "Phone-system webhook signature": how far a timestamp may be from the server's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `v1=<hex>`: HMAC-SHA256 with the system's secret over `TIMESTAMP.IDEMPOTENCY-KEY.RAW-BODY`. */
export function signTelephonyRequest(
  secret: string,
  timestamp: string,
  idempotencyKey: string,
  rawBody: string | Buffer,
): string {
  const hmac = createHmac("sha256", secret).update(`${timestamp}.${idempotencyKey}.`).update(rawBody);
  return `v1=${hmac.digest("hex")}`;
}

/** The older unversioned signature, `sha256=<hex>` of the raw body alone (deprecated: replayable). */
export function signTelephonyBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

function constantTimeEquals(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.trim(), "utf8");
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of the input.
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** The headers of a webhook request that the signature check reads. */
export interface TelephonyRequestHeaders {
  systemId: string | undefined;
  timestamp: string | undefined;
  idempotencyKey: string | undefined;
  signature: string | undefined;
}

/** A request whose headers passed `checkTelephonyHeaders`; the body is still to be verified. */
export interface TelephonyPreflight {
  system: TelephonySystem;
  scheme: "v1" | "unversioned";
}

export interface TelephonyResult {
  statusCode: 200 | 201;
  body: { contactId: string; result: ContactsTable["result"] };
}

const invalidSignature = (reason: string) =>
  new AppError("invalid_signature", `The request is not signed by a known phone system: ${reason}.`, {
    headers: ["X-Vardnav-System", "X-Vardnav-Timestamp", "X-Vardnav-Signature"],
  });

/**
 * Everything about the signature that does not need the body: a known, enabled system, the scheme, and a
 * timestamp within 300 s of the clock. Run before the body is read (the route's onRequest hook), so an
 * unsigned or stale request costs no upload.
 */
export async function checkTelephonyHeaders(
  ctx: ServiceContext,
  headers: TelephonyRequestHeaders,
): Promise<TelephonyPreflight> {
  const { systemId, timestamp, signature } = headers;
  if (!systemId || !signature) throw invalidSignature("a signature header is missing");
  const system = await findActiveTelephonySystem(ctx.db, ctx.keyring, systemId);
  if (!system) throw invalidSignature("unknown or disabled phone system");
  if (!signature.startsWith("v1=")) {
    if (!system.unversionedSignature) throw invalidSignature("only the v1 signature is accepted");
    return { system, scheme: "unversioned" };
  }
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) throw invalidSignature("X-Vardnav-Timestamp is missing");
  const nowSeconds = Math.floor(ctx.clock.now().epochMilliseconds / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    throw invalidSignature(
      `the timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s from the server's clock`,
    );
  }
  return { system, scheme: "v1" };
}

function verifyTelephonySignature(
  ctx: ServiceContext,
  preflight: TelephonyPreflight,
  headers: TelephonyRequestHeaders,
  rawBody: string | Buffer,
): void {
  const { system, scheme } = preflight;
  const given = headers.signature ?? "";
  const expected =
    scheme === "v1"
      ? signTelephonyRequest(system.secret, headers.timestamp ?? "", headers.idempotencyKey ?? "", rawBody)
      : signTelephonyBody(system.secret, rawBody);
  if (!constantTimeEquals(expected, given)) throw invalidSignature("the signature does not match");
  if (scheme === "unversioned") {
    ctx.logger.warn(
      { telephonySystem: system.id, regionCode: system.regionCode, deprecated: "unversioned-signature" },
      "phone system signed with the deprecated unversioned signature; switch it to v1",
    );
  }
}

/**
 * `POST /api/telephony/events` (FORMATS.md "HTTP API", docs/API.md). The signature is checked before anything else is read.
 * The idempotency key is claimed inside the transaction that applies the event, so a retry waits for the
 * first attempt and then gets its stored answer; the same key with another body is a conflict.
 */
export async function handleTelephonyEvent(
  ctx: ServiceContext,
  headers: TelephonyRequestHeaders,
  rawBody: string | Buffer,
  checked?: TelephonyPreflight,
): Promise<TelephonyResult> {
  const preflight = checked ?? (await checkTelephonyHeaders(ctx, headers));
  verifyTelephonySignature(ctx, preflight, headers, rawBody);
  const { system } = preflight;
  const idempotencyKey = headers.idempotencyKey;
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
  if (!unit || unit.region_code !== system.regionCode) {
    throw validationError("The event is not valid.", [
      { path: "unitHsaId", message: `no unit ${event.unitHsaId} in region ${system.regionCode}` },
    ]);
  }
  const bodySha256 = createHash("sha256").update(rawBody).digest("hex");

  return runContactWork(ctx, async (work) => {
    const previous = await claimIdempotencyKey(work.trx, {
      systemId: system.id,
      key: idempotencyKey,
      regionCode: system.regionCode,
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
