// Who may do what with staffing (issue 8, item 7). Staffing and listing per unit are not personal data,
// so the committee sees unit rows too; accessibility figures of a single unit in the grant effect follow
// the suppression rule (grant-effect.service.ts). Unit managers report and see their own units.
import { type Actor, assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { AuditActor } from "../audit/audit.service.ts";

/** Imports and the region's goal: the Vårdval administration (and the CLI's system actor). */
export function assertStaffingAdmin(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin"], "administer staffing");
  assertRegionAccess(by, regionCode);
}

/** The ratio, the what-if and the grant effect: the administration, the committee and unit managers. */
export function assertStaffingReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee", "unit_manager"], "see staffing figures");
  assertRegionAccess(by, regionCode);
}

/** A unit manager's unit rows are their own units'; everyone else who may read sees every unit. */
export function visibleUnitIds(by: AuditActor): readonly number[] | "all" {
  if (by.kind === "system") return "all";
  return (by as Actor).role === "unit_manager" ? (by as Actor).unitIds : "all";
}
