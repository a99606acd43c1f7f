// Staff actions on a contact: claim and release, call attempts, response, feedback, notes, assessment,
// transfer.

import { Temporal } from "temporal-polyfill";
import type { UnitRow } from "../../db/schema.ts";
import { MAX_CALL_ATTEMPTS } from "../../domain/contacts/intake-plan.ts";
import { isLicensedProfession, type ProfessionCode } from "../../domain/statistics/index.ts";
import { AppError, validationError } from "../../errors.ts";
import type { Actor } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit } from "../audit/audit.service.ts";
import {
  assertContactAccess,
  defaults,
  requireUnitByHsaId,
  type WorklistSettings,
} from "./contact-access.ts";
import { dateOf, notifyResident, runContactWork, toInstant } from "./contact-work.ts";
import {
  appendContactEvent,
  type ContactRow,
  type ContactWork,
  findContact,
  findUnitById,
  findUsersByIds,
  moveContactIndex,
  saveContactChange,
} from "./contacts.repository.ts";
import type { FeedbackInput, WorklistContact } from "./contacts.schemas.ts";
import { openPersonal } from "./personal-data.ts";
import { toWorklistContacts } from "./worklist.service.ts";

// ---------------------------------------------------------------------------------------------------
// Actions. Each one: access check, then one transaction that re-reads the row under a lock, changes it
// through saveContactChange, appends history, writes the audit row and queues resident messages.

type ActionFn = (work: ContactWork, contact: ContactRow, unit: UnitRow) => Promise<ContactRow>;

async function actOnContact(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  action: string,
  purpose: string,
  fn: ActionFn,
  settings: WorklistSettings = defaults,
  details: Record<string, unknown> = {},
): Promise<WorklistContact> {
  if (actor.role === "committee" || actor.role === "auditor") {
    throw new AppError("forbidden", `Your role (${actor.role}) does not work contacts.`);
  }
  const found = await findContact(ctx.db, contactId);
  if (!found) throw new AppError("not_found", `No contact ${contactId}.`);
  const foundUnit = await findUnitById(ctx.db, found.unit_id);
  if (!foundUnit) throw new AppError("not_found", `No contact ${contactId}.`);
  await assertContactAccess(ctx, actor, foundUnit, found);
  const updated = await runContactWork(ctx, async (work) => {
    const contact = await findContact(work.trx, contactId, { forUpdate: true });
    if (!contact) throw new AppError("not_found", `No contact ${contactId}.`);
    const unit = (await findUnitById(work.trx, contact.unit_id)) ?? foundUnit;
    if (contact.unit_id !== found.unit_id) await assertContactAccess(ctx, actor, unit, contact);
    const after = await fn(work, contact, unit);
    await recordAudit(work.trx, ctx, actor, {
      action,
      entityType: "contact",
      entityId: contactId,
      regionCode: contact.region_code,
      purpose,
      details: { unitHsaId: unit.hsa_id, ...details },
    });
    return after;
  });
  const [view] = await toWorklistContacts(ctx, [updated], settings);
  if (!view) throw new AppError("internal", "The contact could not be read back.");
  return view;
}

function requireOpen(contact: ContactRow): void {
  if (contact.status !== "open") {
    throw new AppError("conflict", "The contact is already closed.", { contactId: contact.id });
  }
}

function event(
  work: ContactWork,
  contact: ContactRow,
  actor: Actor,
  kind: Parameters<typeof appendContactEvent>[1]["kind"],
  data: Record<string, unknown> = {},
) {
  return appendContactEvent(work.trx, {
    regionCode: contact.region_code,
    contactId: contact.id,
    at: dateOf(work.clock.now()),
    kind,
    actor: actor.username,
    actorUserId: actor.userId,
    data,
  });
}

async function residentPhone(ctx: ServiceContext, contact: ContactRow): Promise<string | null> {
  if (!contact.phone_encrypted) return null;
  return openPersonal(ctx.keyring, "phone_encrypted", contact.id, contact.phone_encrypted);
}

/** "Jag ringer nu": one nurse at a time. Claiming one's own claim again is a no-op. */
export function claimContact(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  settings?: WorklistSettings,
) {
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.claim",
    "POST /api/contacts/:id/claim",
    async (work, contact) => {
      requireOpen(contact);
      if (contact.claimed_by === actor.userId) return contact;
      if (contact.claimed_by !== null) {
        const [holder] = await findUsersByIds(work.trx, [contact.claimed_by]);
        throw new AppError(
          "conflict",
          `${holder?.display_name ?? "Someone else"} is already calling this resident.`,
          {
            claimedBy: { userId: contact.claimed_by, displayName: holder?.display_name ?? null },
          },
        );
      }
      await event(work, contact, actor, "claimed");
      return saveContactChange(work, contact, {
        claimed_by: actor.userId,
        claimed_at: dateOf(work.clock.now()),
      });
    },
    settings,
  );
}

export function releaseContact(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  settings?: WorklistSettings,
) {
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.release",
    "POST /api/contacts/:id/release",
    async (work, contact) => {
      if (contact.claimed_by === null) return contact;
      const mayOverride = ["unit_manager", "region_admin", "system_admin"].includes(actor.role);
      if (contact.claimed_by !== actor.userId && !mayOverride) {
        throw new AppError(
          "conflict",
          "Another user holds this contact; only they or a manager can release it.",
        );
      }
      await event(work, contact, actor, "released", { claimedBy: contact.claimed_by });
      return saveContactChange(work, contact, { claimed_by: null, claimed_at: null });
    },
    settings,
  );
}

async function recordResponse(work: ContactWork, contact: ContactRow, actor: Actor): Promise<ContactRow> {
  if (contact.responded_at !== null) return contact;
  await event(work, contact, actor, "response");
  return saveContactChange(work, contact, { responded_at: dateOf(work.clock.now()) });
}

/**
 * A call attempt. Not reached: the attempt is counted and the contact stays for a new attempt; the third
 * failed attempt closes it as not reached and tells the resident. Reached: the response is recorded.
 */
export function recordAttempt(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  input: { reached: boolean },
  settings?: WorklistSettings,
) {
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.attempt",
    "POST /api/contacts/:id/attempts",
    async (work, contact, unit) => {
      requireOpen(contact);
      if (input.reached) return recordResponse(work, contact, actor);
      const attempts = contact.attempts + 1;
      await event(work, contact, actor, "attempt", { attempt: attempts, reached: false });
      if (attempts < MAX_CALL_ATTEMPTS) return saveContactChange(work, contact, { attempts });
      const closed = await saveContactChange(work, contact, {
        attempts,
        status: "closed",
        closed_reason: "not_reached",
        outcome: "not_reached",
        claimed_by: null,
        claimed_at: null,
      });
      await event(work, closed, actor, "not_reached", { attempts });
      await notifyResident(work, closed, unit, "not_reached", await residentPhone(ctx, closed));
      return closed;
    },
    settings,
    { reached: input.reached },
  );
}

export function recordResponseAction(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  settings?: WorklistSettings,
) {
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.response",
    "POST /api/contacts/:id/response",
    async (work, contact) => {
      requireOpen(contact);
      return recordResponse(work, contact, actor);
    },
    settings,
  );
}

/** The concrete next step: closes the contact (and records the response if it was not yet). */
export async function recordFeedback(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  input: FeedbackInput,
  settings?: WorklistSettings,
) {
  if (input.outcome === "booked_visit" && !input.visitAt) {
    throw validationError("The feedback is not valid.", [
      { path: "visitAt", message: "required for a booked visit" },
    ]);
  }
  let referredUnit: UnitRow | null = null;
  if (input.outcome === "referred_unit") {
    if (!input.referredUnitHsaId) {
      throw validationError("The feedback is not valid.", [
        { path: "referredUnitHsaId", message: "required when referring to another unit" },
      ]);
    }
    referredUnit = await requireUnitByHsaId(ctx, input.referredUnitHsaId);
  }
  const visitAt = input.visitAt ? Temporal.Instant.from(input.visitAt) : null;
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.feedback",
    "POST /api/contacts/:id/feedback",
    async (work, contact, unit) => {
      requireOpen(contact);
      const now = dateOf(work.clock.now());
      const details: Record<string, unknown> = {};
      if (visitAt) details.visitAt = visitAt.toString();
      if (referredUnit) details.referredUnitHsaId = referredUnit.hsa_id;
      if (referredUnit) details.referredUnitName = referredUnit.name;
      if (input.note) details.note = input.note;
      await event(work, contact, actor, "feedback", { outcome: input.outcome, ...details });
      const closed = await saveContactChange(work, contact, {
        status: "closed",
        closed_reason: "feedback",
        outcome: input.outcome,
        outcome_details: JSON.stringify(details),
        feedback_at: now,
        responded_at: contact.responded_at ?? now,
        claimed_by: null,
        claimed_at: null,
      });
      await notifyResident(work, closed, unit, "outcome", await residentPhone(ctx, closed), {
        outcome: input.outcome,
        visitAt,
      });
      return closed;
    },
    settings,
    { outcome: input.outcome },
  );
}

export function addNote(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  input: { text: string },
  settings?: WorklistSettings,
) {
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.note",
    "POST /api/contacts/:id/notes",
    async (work, contact) => {
      await event(work, contact, actor, "note", { text: input.text });
      // The row is unchanged, but the worklists must refetch to show the note.
      work.changed.push({ regionCode: contact.region_code, unitId: contact.unit_id, contactId: contact.id });
      return contact;
    },
    settings,
  );
}

/** The medical assessment (vårdgarantin): by whom (profession) and when, never before the receipt or in the future. */
export function recordAssessment(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  input: { profession: ProfessionCode; at?: string | undefined },
  settings?: WorklistSettings,
) {
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.assessment",
    "POST /api/contacts/:id/assessment",
    async (work, contact) => {
      const now = work.clock.now();
      const at = input.at ? Temporal.Instant.from(input.at) : now;
      if (
        Temporal.Instant.compare(at, toInstant(contact.received_at)) < 0 ||
        Temporal.Instant.compare(at, now) > 0
      ) {
        throw validationError("The assessment is not valid.", [
          { path: "at", message: "must lie between the contact's receipt and now" },
        ]);
      }
      await event(work, contact, actor, "assessment", {
        profession: input.profession,
        at: at.toString(),
        licensed: isLicensedProfession(input.profession),
      });
      return saveContactChange(work, contact, { assessed_at: dateOf(at), assessed_by: input.profession });
    },
    settings,
    { profession: input.profession },
  );
}

/**
 * Hands the contact to another unit of the region (typically the backup team). The row keeps its id,
 * receipt, service day, deadline and history; the old slot is given up, and a resident who was promised
 * a callback time is told the callback moved (the promise is now the deadline).
 */
export async function transferContact(
  ctx: ServiceContext,
  actor: Actor,
  contactId: string,
  input: { toUnitHsaId: string; reason: string },
  settings?: WorklistSettings,
) {
  const target = await requireUnitByHsaId(ctx, input.toUnitHsaId);
  return actOnContact(
    ctx,
    actor,
    contactId,
    "contact.transfer",
    "POST /api/contacts/:id/transfer",
    async (work, contact, unit) => {
      requireOpen(contact);
      if (target.region_code !== contact.region_code) {
        throw validationError("The transfer is not valid.", [
          { path: "toUnitHsaId", message: "the unit belongs to another region" },
        ]);
      }
      if (target.id === contact.unit_id) {
        throw validationError("The transfer is not valid.", [
          { path: "toUnitHsaId", message: "the contact is already at that unit" },
        ]);
      }
      await event(work, contact, actor, "transfer", {
        fromUnitHsaId: unit.hsa_id,
        toUnitHsaId: target.hsa_id,
        reason: input.reason,
      });
      const moved = await saveContactChange(work, contact, {
        unit_id: target.id,
        transferred_from_unit_id: contact.unit_id,
        slot_start: null,
        claimed_by: null,
        claimed_at: null,
      });
      await moveContactIndex(work.trx, contact.id, target.id);
      if (contact.slot_start !== null) {
        await notifyResident(work, moved, target, "callback_moved", await residentPhone(ctx, moved));
      }
      return moved;
    },
    settings,
    { toUnitHsaId: target.hsa_id },
  );
}
