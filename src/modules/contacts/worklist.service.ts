// The staff worklists: a unit's service day, the three-day list, the region's overflow, the live stream
// scope.

import { Temporal } from "temporal-polyfill";
import { parseIsoDate, stockholmDateOf } from "../../domain/calendar/index.ts";
import { assessmentDeadlineOf, isAtRisk, isMissed } from "../../domain/contacts/intake-plan.ts";
import { worklistDay } from "../../domain/contacts/worklist-day.ts";
import { ageOn, parseIdentityNumber } from "../../domain/identity/index.ts";
import { AppError, validationError } from "../../errors.ts";
import { type Actor, assertUnitDataAccess } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAuditNow } from "../audit/audit.service.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import {
  defaults,
  isBackupTeamMember,
  requireUnitByHsaId,
  stockholmToday,
  unitRef,
  type WorklistSettings,
} from "./contact-access.ts";
import { isoOrNull, slotEndFor, toInstant } from "./contact-work.ts";
import {
  type ContactRow,
  findEventsOf,
  findRegionOverflowRows,
  findThreeDayRows,
  findUnitsByIds,
  findUsersByIds,
  findWorklistRows,
} from "./contacts.repository.ts";
import type { Worklist, WorklistContact } from "./contacts.schemas.ts";
import { openPersonal } from "./personal-data.ts";

export async function toWorklistContacts(
  ctx: ServiceContext,
  rows: readonly ContactRow[],
  settings: WorklistSettings = defaults,
): Promise<WorklistContact[]> {
  if (rows.length === 0) return [];
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
    const identityNumber = row.identity_encrypted
      ? openPersonal(ctx.keyring, "identity_encrypted", row.id, row.identity_encrypted)
      : null;
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
      phone: row.phone_encrypted
        ? openPersonal(ctx.keyring, "phone_encrypted", row.id, row.phone_encrypted)
        : null,
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

export type WorklistView = Worklist;

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
