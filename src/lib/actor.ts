import type { Role } from "../db/schema.ts";
import { AppError } from "../errors.ts";

/** A signed-in user as the services see them: role and the region and units they are scoped to. */
export interface Actor {
  kind: "user";
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** null only for system_admin, who spans every region. */
  regionCode: string | null;
  unitIds: number[];
  unitHsaIds: string[];
}

export { ROLES } from "../domain/access/value-sets.ts";

export function assertRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw new AppError("forbidden", `Your role (${actor.role}) may not ${what}.`, { allowedRoles: allowed });
  }
}

/** Region scoping: everyone but a system admin sees only their own region. */
export function assertRegionAccess(actor: Actor, regionCode: string): void {
  if (actor.role === "system_admin") return;
  if (actor.regionCode !== regionCode) {
    throw new AppError("forbidden", `You have no access to region ${regionCode}.`, { regionCode });
  }
}

export function regionsVisibleTo(actor: Actor): "all" | string[] {
  if (actor.role === "system_admin") return "all";
  return actor.regionCode ? [actor.regionCode] : [];
}

/**
 * Unit scoping for operational and personal data: staff and unit managers reach only their own units;
 * region admins every unit in their region. Committee and auditors never see a unit's personal data.
 */
export function assertUnitDataAccess(
  actor: Actor,
  unit: { id: number; regionCode: string; hsaId: string },
): void {
  switch (actor.role) {
    case "system_admin":
      return;
    case "region_admin":
      assertRegionAccess(actor, unit.regionCode);
      return;
    case "staff":
    case "unit_manager":
      if (actor.regionCode === unit.regionCode && actor.unitIds.includes(unit.id)) return;
      throw new AppError("forbidden", `You have no access to the data of unit ${unit.hsaId}.`, {
        unitHsaId: unit.hsaId,
      });
    default:
      throw new AppError(
        "forbidden",
        `Your role (${actor.role}) sees aggregates only, not a unit's records.`,
        {
          unitHsaId: unit.hsaId,
        },
      );
  }
}

export function isUnitManagerOf(actor: Actor, unitId: number): boolean {
  return actor.role === "unit_manager" && actor.unitIds.includes(unitId);
}
