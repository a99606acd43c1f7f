import { AppError } from "../../errors.ts";
import { type Actor, assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit, recordAuditNow } from "../audit/audit.service.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { type AlertView, acknowledgeAlert, findAlertForUpdate, findAlerts } from "./alerts.repository.ts";
import type { StaffAlert } from "./alerts.schemas.ts";

export type { StaffAlert };

const ALERT_ROLES = ["unit_manager", "region_admin", "system_admin"] as const;
/** How far back the list reaches: alerts are about today's promises; older ones are history, not work. */
const LIST_DAYS = 7;

function toView(row: AlertView): StaffAlert {
  return {
    id: row.id,
    kind: row.kind,
    regionCode: row.region_code,
    unit: { hsaId: row.unit_hsa_id, name: row.unit_name },
    contactId: row.contact_id,
    deadline: row.deadline ? row.deadline.toISOString() : null,
    message: row.message,
    suggestedBackup:
      row.suggested_hsa_id && row.suggested_name
        ? { hsaId: row.suggested_hsa_id, name: row.suggested_name }
        : null,
    createdAt: row.created_at.toISOString(),
    acknowledgedAt: row.acknowledged_at ? row.acknowledged_at.toISOString() : null,
    acknowledgedBy: row.acknowledged_by_name,
  };
}

/**
 * The deadline sweep's alerts: a unit manager sees those of their units, a region admin those of the region
 * (optionally one unit), a system admin any region. Alerts name a contact (by id), so reading them is audited.
 */
export async function listAlerts(
  ctx: ServiceContext,
  actor: Actor,
  query: { region?: string | undefined; unit?: string | undefined; status: "open" | "all" },
  purpose: string,
): Promise<{ alerts: StaffAlert[] }> {
  assertRole(actor, ALERT_ROLES, "read deadline alerts");
  if (query.region) assertRegionAccess(actor, query.region);
  let unitIds: "all" | number[] = "all";
  if (actor.role === "unit_manager") unitIds = actor.unitIds;
  if (query.unit) {
    const unit = await findUnitByHsaId(ctx.db, query.unit);
    if (!unit) throw new AppError("not_found", `No unit has the HSA-id ${query.unit}.`);
    assertRegionAccess(actor, unit.region_code);
    if (unitIds !== "all" && !unitIds.includes(unit.id)) {
      throw new AppError("forbidden", `You have no access to the data of unit ${unit.hsa_id}.`, {
        unitHsaId: unit.hsa_id,
      });
    }
    unitIds = [unit.id];
  }
  const regionCodes: "all" | string[] =
    actor.role === "system_admin"
      ? query.region
        ? [query.region]
        : "all"
      : actor.regionCode
        ? [actor.regionCode]
        : [];
  const since = new Date(ctx.clock.now().epochMilliseconds - LIST_DAYS * 86_400_000);
  const rows = await findAlerts(ctx.db, {
    regionCodes,
    unitIds,
    openOnly: query.status === "open",
    since,
    limit: 500,
  });
  await recordAuditNow(ctx, actor, {
    action: "alerts.read",
    entityType: "staff_alert",
    regionCode: query.region ?? actor.regionCode,
    purpose,
    details: { rows: rows.length, unit: query.unit ?? null, status: query.status },
  });
  return { alerts: rows.map(toView) };
}

/** Marks an alert as seen by a manager of its unit (or a region admin); audited, idempotent. */
export async function acknowledgeStaffAlert(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  purpose: string,
): Promise<{ id: string; acknowledgedAt: string }> {
  assertRole(actor, ALERT_ROLES, "acknowledge deadline alerts");
  if (!/^\d{1,18}$/.test(id)) throw new AppError("not_found", `No alert has the id ${id}.`);
  return ctx.db.transaction().execute(async (trx) => {
    const alert = await findAlertForUpdate(trx, BigInt(id));
    if (!alert) throw new AppError("not_found", `No alert has the id ${id}.`);
    assertRegionAccess(actor, alert.region_code);
    if (actor.role === "unit_manager" && !actor.unitIds.includes(alert.unit_id)) {
      // Same answer as a missing alert: another unit's alerts are not even confirmed to exist.
      throw new AppError("not_found", `No alert has the id ${id}.`);
    }
    const at = alert.acknowledged_at ?? new Date(ctx.clock.now().epochMilliseconds);
    if (!alert.acknowledged_at) {
      await acknowledgeAlert(trx, alert.id, actor.userId, at);
      await recordAudit(trx, ctx, actor, {
        action: "alerts.acknowledge",
        entityType: "staff_alert",
        entityId: id,
        regionCode: alert.region_code,
        purpose,
        details: { contactId: alert.contact_id, kind: alert.kind, unit: alert.hsa_id },
      });
    }
    return { id, acknowledgedAt: at.toISOString() };
  });
}
