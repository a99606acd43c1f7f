// Who may see and work a contact: the unit, the region's backup team, the region admin.

import type { Temporal } from "temporal-polyfill";
import type { UnitRow } from "../../db/schema.ts";
import { stockholmDateOf } from "../../domain/calendar/index.ts";
import { AppError } from "../../errors.ts";
import { type Actor, assertUnitDataAccess } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { type ContactRow, findBackupUnitIds } from "./contacts.repository.ts";

/** Config CONTACT_AT_RISK_MINUTES when the caller passes none. */
export const DEFAULT_AT_RISK_MINUTES = 60;

export interface WorklistSettings {
  atRiskMinutes: number;
}

export const defaults: WorklistSettings = { atRiskMinutes: DEFAULT_AT_RISK_MINUTES };

export function unitRef(unit: UnitRow) {
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

export async function requireUnitByHsaId(ctx: ServiceContext, hsaId: string): Promise<UnitRow> {
  const unit = await findUnitByHsaId(ctx.db, hsaId);
  if (!unit) throw new AppError("not_found", `No unit with HSA-id ${hsaId}.`, { unitHsaId: hsaId });
  return unit;
}

export function stockholmToday(ctx: ServiceContext): Temporal.PlainDate {
  return stockholmDateOf(ctx.clock.now());
}

/** Rows as the worklist shows them: personal data decrypted, claimer's name, notes, flags. */
