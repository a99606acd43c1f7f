// Who may do what with the transfers register (issue 9, "Roles"): region admins keep the register; unit
// managers report volumes for their own units; committee members read the register and the gap (no
// personal data is in them); auditors read the change history. The CLI and the demo loader act as the
// system. Every check also scopes to the actor's region.
import { AppError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { AuditActor } from "../audit/audit.service.ts";

export function assertRegisterKeeper(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin"], "change the transfers register");
  assertRegionAccess(by, regionCode);
}

export function assertRegisterReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee", "auditor"], "read the transfers register");
  assertRegionAccess(by, regionCode);
}

export function assertGapReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee"], "read the transfers gap");
  assertRegionAccess(by, regionCode);
}

/** Volumes of one unit: its unit managers, and the region's administration. */
export function assertVolumeReporter(
  by: AuditActor,
  unit: { id: number; regionCode: string; hsaId: string },
): void {
  if (by.kind === "system") return;
  assertRole(by, ["unit_manager", "region_admin", "system_admin"], "report transfer volumes");
  assertRegionAccess(by, unit.regionCode);
  if (by.role === "unit_manager" && !by.unitIds.includes(unit.id)) {
    throw new AppError("forbidden", `You do not manage unit ${unit.hsaId}.`, { unitHsaId: unit.hsaId });
  }
}

export function actorName(by: AuditActor): string {
  return by.username;
}
