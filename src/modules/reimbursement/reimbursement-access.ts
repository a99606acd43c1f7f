// Who may do what with reimbursement data, and small shared checks.

import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { isMonth } from "../../domain/reimbursement/index.ts";
import { AppError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import * as repo from "./reimbursement.repository.ts";

/** Keeping models, importing inputs, running and approving: the region's Vårdval administration. */
export function assertReimbursementAdmin(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin"], "administer reimbursement");
  assertRegionAccess(by, regionCode);
}

/**
 * Per-unit payments, read only: the administration and the committee (payments to units are public
 * information; issue 11). Unit managers read their own units' specifications (see there).
 */
export function assertPerUnitReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee"], "see payments per unit");
  assertRegionAccess(by, regionCode);
}

/** Aggregates per component (runs list, budget, models): the administration and the committee. */
export function assertAggregateReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee"], "see reimbursement figures");
  assertRegionAccess(by, regionCode);
}

export function actorName(by: AuditActor): string {
  return by.username;
}

export function nowDate(ctx: ServiceContext): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}

export function assertMonth(month: string, what = "month"): void {
  if (!isMonth(month)) throw new AppError("bad_request", `${what} ${month} is not a month YYYY-MM.`);
}

export async function assertRegion(db: Kysely<Database>, regionCode: string): Promise<void> {
  if (!(await repo.regionExists(db, regionCode))) {
    throw new AppError("not_found", `No region ${regionCode}.`, { regionCode });
  }
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
