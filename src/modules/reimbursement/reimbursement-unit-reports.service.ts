// Unit managers' monthly reports (multimorbid patients identified, home-care visits).

import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./reimbursement.repository.ts";
import type { UnitReportView } from "./reimbursement.schemas.ts";
import { actorName, assertMonth, assertReimbursementAdmin, nowDate } from "./reimbursement-access.ts";

export type { UnitReportView };

async function reportUnitFor(ctx: ServiceContext, by: AuditActor, hsaId: string) {
  const unit = await repo.findUnitByHsaIdForReimbursement(ctx.db, hsaId);
  if (unit === undefined) throw new AppError("not_found", `No unit ${hsaId}.`, { hsaId });
  if (by.kind === "user") {
    if (by.role === "unit_manager") {
      if (by.regionCode !== unit.regionCode || !by.unitIds.includes(unit.id)) {
        throw new AppError("forbidden", `You are not a manager of unit ${hsaId}.`, { hsaId });
      }
    } else assertReimbursementAdmin(by, unit.regionCode);
  }
  return unit;
}

export async function getUnitReport(
  ctx: ServiceContext,
  by: AuditActor,
  hsaId: string,
  month: string,
): Promise<UnitReportView> {
  assertMonth(month);
  const unit = await reportUnitFor(ctx, by, hsaId);
  const row = await repo.findUnitReport(ctx.db, unit.id, month);
  const approved = await repo.findApprovedRun(ctx.db, unit.regionCode, month);
  return {
    unit: { hsaId: unit.hsaId, name: unit.name },
    month,
    multimorbidIdentified: row?.multimorbid_identified ?? null,
    homeVisits: row?.home_visits ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
    updatedBy: row?.updated_by ?? null,
    locked: approved !== undefined,
  };
}

export async function putUnitReport(
  ctx: ServiceContext,
  by: AuditActor,
  hsaId: string,
  month: string,
  input: { multimorbidIdentified: number | null; homeVisits: number | null },
  purposeText: string,
): Promise<UnitReportView> {
  assertMonth(month);
  const unit = await reportUnitFor(ctx, by, hsaId);
  await ctx.db.transaction().execute(async (trx) => {
    const approved = await repo.findApprovedRun(trx, unit.regionCode, month);
    if (approved !== undefined) {
      throw new AppError(
        "conflict",
        `${month} is already approved for the region (run ${approved.id}); the report can no longer change.`,
        {
          approvedRunId: approved.id,
        },
      );
    }
    await repo.upsertUnitReports(trx, [
      {
        regionCode: unit.regionCode,
        unitId: unit.id,
        month,
        multimorbidIdentified: input.multimorbidIdentified,
        homeVisits: input.homeVisits,
        updatedBy: actorName(by),
        at: nowDate(ctx),
      },
    ]);
    await recordAudit(trx, ctx, by, {
      action: "reimbursement.unit_report.put",
      entityType: "unit",
      entityId: hsaId,
      regionCode: unit.regionCode,
      purpose: purposeText,
      details: { month, ...input },
    });
  });
  return getUnitReport(ctx, by, hsaId, month);
}
