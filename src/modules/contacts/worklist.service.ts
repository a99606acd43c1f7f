import { Temporal } from "temporal-polyfill";
import { kommunByCode } from "../../data/reference.ts";
import type { UnitRow } from "../../db/schema.ts";
import { parseIsoDate, stockholmDateOf } from "../../domain/calendar/index.ts";
import {
  assessmentDeadlineOf,
  type ContactOutcomeCode,
  isAtRisk,
  isMissed,
  MAX_CALL_ATTEMPTS,
  outcomeTextSv,
  residentStateOf,
} from "../../domain/contacts/intake-plan.ts";
import { worklistDay } from "../../domain/contacts/worklist-day.ts";
import { ageOn, parseIdentityNumber } from "../../domain/identity/index.ts";
import { isLicensedProfession, type ProfessionCode } from "../../domain/statistics/index.ts";
import { AppError, validationError } from "../../errors.ts";
import { type Actor, assertUnitDataAccess } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit, recordAuditNow } from "../audit/audit.service.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import {
  dateOf,
  isoOrNull,
  notifyResident,
  promiseOf,
  runContactWork,
  slotEndFor,
  toInstant,
} from "./contact-work.ts";
import {
  appendContactEvent,
  type ContactRow,
  type ContactWork,
  findBackupUnitIds,
  findContact,
  findContactIdByStatusHash,
  findEventsOf,
  findRegionOverflowRows,
  findThreeDayRows,
  findUnitById,
  findUnitRowByHsaId,
  findUnitsByIds,
  findUsersByIds,
  findWorklistRows,
  moveContactIndex,
  saveContactChange,
} from "./contacts.repository.ts";
import type { ContactStatusView, FeedbackInput, WorklistContact } from "./contacts.schemas.ts";
import { decryptText, personalDataKeys, statusTokenHash } from "./personal-data.ts";

/** Config CONTACT_AT_RISK_MINUTES when the caller passes none. */
export const DEFAULT_AT_RISK_MINUTES = 60;

export interface WorklistSettings {
  atRiskMinutes: number;
}

const defaults: WorklistSettings = { atRiskMinutes: DEFAULT_AT_RISK_MINUTES };

function unitRef(unit: UnitRow) {
  return { id: unit.id, regionCode: unit.region_code, hsaId: unit.hsa_id };
}

/** Staff and unit managers of the region's backup unit: they take over any unit's overflow. */
export async function isBackupTeamMember(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
): Promise<boolean> {
  if (actor.role !== "staff" && actor.role !== "unit_manager") return false;
  if (actor.regionCode !== regionCode) return false;
  const backupIds = await findBackupUnitIds(ctx.db, regionCode);
  return backupIds.some((id) => actor.unitIds.includes(id));
}

/**
 * Who may see and work a contact: the unit's staff and manager, the region admin, the system admin, and
 * the region's backup team for contacts in overflow. Committee members and auditors never.
 */
export async function assertContactAccess(
  ctx: ServiceContext,
  actor: Actor,
  unit: UnitRow,
  contact: ContactRow | null,
): Promise<void> {
  try {
    assertUnitDataAccess(actor, unitRef(unit));
  } catch (error) {
    if (
      contact?.overflowed &&
      contact.status === "open" &&
      (await isBackupTeamMember(ctx, actor, contact.region_code))
    ) {
      return;
    }
    throw error;
  }
}

async function requireUnitByHsaId(ctx: ServiceContext, hsaId: string): Promise<UnitRow> {
  const unit = await findUnitRowByHsaId(ctx.db, hsaId);
  if (!unit) throw new AppError("not_found", `No unit with HSA-id ${hsaId}.`, { unitHsaId: hsaId });
  return unit;
}

function stockholmToday(ctx: ServiceContext): Temporal.PlainDate {
  return stockholmDateOf(ctx.clock.now());
}

/** Rows as the worklist shows them: personal data decrypted, claimer's name, notes, flags. */
export async function toWorklistContacts(
  ctx: ServiceContext,
  rows: readonly ContactRow[],
  settings: WorklistSettings = defaults,
): Promise<WorklistContact[]> {
  if (rows.length === 0) return [];
  const keys = await personalDataKeys(ctx);
  const now = ctx.clock.now();
  const today = stockholmDateOf(now);
  const userIds = [...new Set(rows.flatMap((r) => (r.claimed_by === null ? [] : [r.claimed_by])))];
  const unitIds = [
    ...new Set(
      rows.flatMap((r) => [r.unit_id, ...(r.transferred_from_unit_id ? [r.transferred_from_unit_id] : [])]),
    ),
  ];
  const [users, units, notes] = await Promise.all([
    findUsersByIds(ctx.db, userIds),
    findUnitsByIds(ctx.db, unitIds),
    findEventsOf(
      ctx.db,
      rows.map((r) => r.id),
      ["note"],
    ),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  return rows.map((row) => {
    const identityNumber = row.identity_encrypted ? decryptText(keys, row.identity_encrypted) : null;
    const parsed = identityNumber ? parseIdentityNumber(identityNumber, today) : null;
    const birthDate = parsed?.ok ? parsed.birthDate : null;
    const state = {
      deadline: row.deadline ? toInstant(row.deadline) : null,
      respondedAt: row.responded_at ? toInstant(row.responded_at) : null,
      open: row.status === "open",
      missedAt: row.missed_at ? toInstant(row.missed_at) : null,
    };
    const unit = unitById.get(row.unit_id);
    const slotEnd = unit ? slotEndFor(row, unit) : null;
    return {
      id: row.id,
      source: row.source,
      channel: row.channel,
      receivedAt: row.received_at.toISOString(),
      serviceDay: row.service_day,
      slotStart: isoOrNull(row.slot_start),
      slotEnd: isoOrNull(slotEnd),
      deadline: isoOrNull(row.deadline),
      overflowed: row.overflowed,
      atRisk: isAtRisk(state, now, settings.atRiskMinutes),
      missed: isMissed(state, now),
      status: row.status,
      claimedBy:
        row.claimed_by === null
          ? null
          : { userId: row.claimed_by, displayName: userName.get(row.claimed_by) ?? String(row.claimed_by) },
      attempts: row.attempts,
      newProblem: row.new_problem,
      assessmentDeadline:
        row.new_problem && row.assessed_at === null
          ? assessmentDeadlineOf(Temporal.PlainDate.from(row.receipt_date)).toString()
          : null,
      assessedAt: isoOrNull(row.assessed_at),
      assessedBy: row.assessed_by,
      respondedAt: isoOrNull(row.responded_at),
      feedbackAt: isoOrNull(row.feedback_at),
      outcome: row.outcome,
      outcomeDetails: row.outcome_details,
      identityNumber,
      age: birthDate && Temporal.PlainDate.compare(birthDate, today) <= 0 ? ageOn(birthDate, today) : null,
      phone: row.phone_encrypted ? decryptText(keys, row.phone_encrypted) : null,
      description: row.description,
      callbackWindow: row.callback_window,
      transferredFrom: row.transferred_from_unit_id
        ? (unitById.get(row.transferred_from_unit_id)?.hsa_id ?? null)
        : null,
      notes: notes
        .filter((n) => n.contact_id === row.id)
        .map((n) => ({ at: n.at.toISOString(), author: n.actor, text: String(n.data.text ?? "") })),
      unitHsaId: unitById.get(row.unit_id)?.hsa_id ?? "",
      unitName: unitById.get(row.unit_id)?.name ?? "",
    };
  });
}

export interface WorklistView {
  unit: { hsaId: string; name: string };
  date: string;
  today: string;
  waitingForNextOpenDay: boolean;
  counters: {
    received: number;
    open: number;
    answered: number;
    overflow: number;
    atRisk: number;
    missed: number;
  };
  contacts: WorklistContact[];
}

/** `GET /api/worklist`: a unit's contacts of a service day, by slot then deadline. Reading it is audited. */
export async function getWorklist(
  ctx: ServiceContext,
  actor: Actor,
  query: { unitHsaId: string; date?: string | undefined },
  settings: WorklistSettings = defaults,
  purpose = "GET /api/worklist",
): Promise<WorklistView> {
  const unit = await requireUnitByHsaId(ctx, query.unitHsaId);
  assertUnitDataAccess(actor, unitRef(unit));
  const today = stockholmToday(ctx);
  // Without a date: today, or on a closed day the next open day, whose contacts are already waiting.
  const shown = query.date
    ? { date: parseIsoDate(query.date), waitingForNextOpenDay: false }
    : worklistDay(today, unitCalendarOf(unit));
  const date = shown.date;
  const rows = await findWorklistRows(
    ctx.db,
    unit.id,
    date.toString(),
    date.equals(today) || shown.waitingForNextOpenDay,
  );
  const contacts = await toWorklistContacts(ctx, rows, settings);
  const ofDay = contacts.filter((c) => c.serviceDay === date.toString());
  await recordAuditNow(ctx, actor, {
    action: "worklist.read",
    entityType: "unit",
    entityId: unit.hsa_id,
    regionCode: unit.region_code,
    purpose,
    details: { date: date.toString(), contactIds: contacts.map((c) => c.id) },
  });
  return {
    unit: { hsaId: unit.hsa_id, name: unit.name },
    date: date.toString(),
    today: today.toString(),
    waitingForNextOpenDay: shown.waitingForNextOpenDay,
    counters: {
      received: ofDay.length,
      open: contacts.filter((c) => c.status === "open").length,
      answered: ofDay.filter((c) => c.respondedAt !== null).length,
      overflow: ofDay.filter((c) => c.overflowed).length,
      atRisk: contacts.filter((c) => c.atRisk).length,
      missed: contacts.filter((c) => c.missed).length,
    },
    contacts,
  };
}

/** `GET /api/worklist/three-day`: new or worsened problems not yet assessed, across days. Audited. */
export async function getThreeDayList(
  ctx: ServiceContext,
  actor: Actor,
  unitHsaId: string,
  settings: WorklistSettings = defaults,
  purpose = "GET /api/worklist/three-day",
): Promise<{ contacts: WorklistContact[] }> {
  const unit = await requireUnitByHsaId(ctx, unitHsaId);
  assertUnitDataAccess(actor, unitRef(unit));
  const contacts = await toWorklistContacts(
    ctx,
    await findThreeDayRows(ctx.db, unit.id, stockholmToday(ctx).toString()),
    settings,
  );
  contacts.sort((a, b) => (a.assessmentDeadline ?? "").localeCompare(b.assessmentDeadline ?? ""));
  await recordAuditNow(ctx, actor, {
    action: "worklist.three_day.read",
    entityType: "unit",
    entityId: unit.hsa_id,
    regionCode: unit.region_code,
    purpose,
    details: { contactIds: contacts.map((c) => c.id) },
  });
  return { contacts };
}

/** The region's overflow (list and live stream) is for its backup team and its region admin. */
async function mayFollowRegionOverflow(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
): Promise<boolean> {
  return (
    actor.role === "system_admin" ||
    (actor.role === "region_admin" && actor.regionCode === regionCode) ||
    (await isBackupTeamMember(ctx, actor, regionCode))
  );
}

/** `GET /api/worklist/overflow`: the region's open overflow, for the backup team and the region admin. */
export async function getRegionOverflow(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  settings: WorklistSettings = defaults,
  purpose = "GET /api/worklist/overflow",
): Promise<{ contacts: WorklistContact[] }> {
  if (!(await mayFollowRegionOverflow(ctx, actor, regionCode))) {
    throw new AppError(
      "forbidden",
      "Only the region's backup team and region admins see the region's overflow.",
      {
        regionCode,
      },
    );
  }
  const rows = await findRegionOverflowRows(ctx.db, regionCode, stockholmToday(ctx).toString());
  const contacts = await toWorklistContacts(ctx, rows, settings);
  await recordAuditNow(ctx, actor, {
    action: "worklist.overflow.read",
    entityType: "region",
    entityId: regionCode,
    regionCode,
    purpose,
    details: { contactIds: contacts.map((c) => c.id) },
  });
  return { contacts };
}

/** Checks that the actor may follow the live stream of a unit or of a region's overflow. */
export async function authorizeStream(
  ctx: ServiceContext,
  actor: Actor,
  query: { unitHsaId?: string | undefined; regionCode?: string | undefined },
): Promise<{ unitId: number | null; regionCode: string }> {
  if (query.unitHsaId) {
    const unit = await requireUnitByHsaId(ctx, query.unitHsaId);
    assertUnitDataAccess(actor, unitRef(unit));
    return { unitId: unit.id, regionCode: unit.region_code };
  }
  if (query.regionCode) {
    if (!(await mayFollowRegionOverflow(ctx, actor, query.regionCode))) {
      throw new AppError("forbidden", "You do not follow this region's overflow.");
    }
    return { unitId: null, regionCode: query.regionCode };
  }
  throw validationError("Name a unit or a region.", [{ path: "unit", message: "required" }]);
}

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
    await recordAudit(work.trx, ctx.clock, actor, {
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
  return decryptText(await personalDataKeys(ctx), contact.phone_encrypted);
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

// ---------------------------------------------------------------------------------------------------
// Public

/** Kinds the resident sees on the status page (no notes, no staff names, no internal bookkeeping). */
const RESIDENT_EVENT_KINDS = new Set([
  "created",
  "claimed",
  "attempt",
  "response",
  "feedback",
  "assessment",
  "transfer",
  "not_reached",
  "callback_moved",
]);

/** `GET /api/contacts/status/:token`: the resident's own view through the unguessable link. */
export async function getContactStatus(ctx: ServiceContext, token: string): Promise<ContactStatusView> {
  const notFound = () => new AppError("not_found", "No contact has this status link.");
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound();
  const contactId = await findContactIdByStatusHash(ctx.db, statusTokenHash(token));
  const contact = contactId ? await findContact(ctx.db, contactId) : undefined;
  if (!contact) throw notFound();
  const unit = await findUnitById(ctx.db, contact.unit_id);
  if (!unit) throw notFound();
  const events = await findEventsOf(ctx.db, [contact.id]);
  const details = (contact.outcome_details ?? {}) as Record<string, unknown>;
  const visitAt = typeof details.visitAt === "string" ? details.visitAt : null;
  const slotEnd = slotEndFor(contact, unit);
  return {
    unitName: unit.name,
    receivedAt: contact.received_at.toISOString(),
    serviceDay: contact.service_day,
    slotStart: isoOrNull(contact.slot_start),
    slotEnd: isoOrNull(slotEnd),
    deadline: isoOrNull(contact.deadline),
    overflowed: contact.overflowed,
    promise: promiseOf(contact, unit),
    state: residentStateOf({
      open: contact.status === "open",
      claimed: contact.claimed_by !== null,
      respondedAt: contact.responded_at ? toInstant(contact.responded_at) : null,
    }),
    outcome: contact.outcome,
    outcomeText: contact.outcome
      ? outcomeTextSv(contact.outcome as ContactOutcomeCode, {
          visitAt: visitAt ? Temporal.Instant.from(visitAt) : null,
          referredUnitName: typeof details.referredUnitName === "string" ? details.referredUnitName : null,
        })
      : null,
    bookedVisitAt: visitAt ? Temporal.Instant.from(visitAt).toString() : null,
    events: events
      .filter((e) => RESIDENT_EVENT_KINDS.has(e.kind))
      .map((e) => ({ at: e.at.toISOString(), kind: e.kind })),
  };
}

export interface PublicUnit {
  hsaId: string;
  name: string;
  kommunName: string;
  regionCode: string;
}

/** `GET /api/public/units`: units a resident can contact, matched on unit or kommun name. */
export async function searchPublicUnits(
  ctx: ServiceContext,
  query: { q?: string | undefined; region?: string | undefined },
): Promise<{ units: PublicUnit[] }> {
  let select = ctx.db
    .selectFrom("units")
    .select(["hsa_id", "name", "kommun_code", "region_code"])
    .where("type", "in", ["halsocentral", "sjukstuga", "filial"]);
  if (query.region) select = select.where("region_code", "=", query.region);
  const rows = await select.orderBy("name").execute();
  const needle = query.q?.trim().toLocaleLowerCase("sv") ?? "";
  const units = rows
    .map((r) => ({
      hsaId: r.hsa_id,
      name: r.name,
      kommunName: kommunByCode(r.kommun_code)?.name ?? r.kommun_code,
      regionCode: r.region_code,
    }))
    .filter(
      (u) =>
        needle === "" ||
        u.name.toLocaleLowerCase("sv").includes(needle) ||
        u.kommunName.toLocaleLowerCase("sv").includes(needle),
    )
    .slice(0, 50);
  return { units };
}
