// A unit's payment specification (utbetalningsspecifikation) and the data of the run exports.

import {
  type CapitationBand,
  capitationBands,
  type ReimbursementModel,
  type ReimbursementResult,
  type ReimbursementSnapshot,
} from "../../domain/reimbursement/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import { findRegion } from "../regions/regions.repository.ts";
import * as repo from "./reimbursement.repository.ts";
import { assertPerUnitReader } from "./reimbursement-access.ts";
import { loadModelRow } from "./reimbursement-models.service.ts";
import { loadRun, type RunSummary, runSummary, runView } from "./reimbursement-runs.service.ts";

export interface UnitSpecification {
  run: RunSummary;
  regionName: string;
  regionIsDemo: boolean;
  unit: repo.ReimbursementUnit;
  lines: ReimbursementResult["units"][number]["lines"];
  components: ReimbursementResult["components"];
  totalOre: string;
  inputsSha256: string;
  /** Per capitation component, the unit's listed per age band with the band's weight and points. */
  capitationBands: Record<string, CapitationBand[]>;
}

/**
 * One unit's lines of a run. The administration sees every unit of every run; a unit manager sees their
 * own units, and only in approved runs (a draft is not a payment yet). Committee and staff never see a
 * single unit's payment.
 */
export async function getUnitSpecification(
  ctx: ServiceContext,
  by: AuditActor,
  runId: number,
  hsaId: string,
  purposeText: string,
): Promise<UnitSpecification> {
  const row = await loadRun(ctx.db, runId);
  const unit = await repo.findUnitByHsaIdForReimbursement(ctx.db, hsaId);
  if (by.kind === "user" && by.role === "unit_manager") {
    if (unit === undefined || by.regionCode !== row.region_code || !by.unitIds.includes(unit.id)) {
      throw new AppError("forbidden", `You have no access to the payments of unit ${hsaId}.`, { hsaId });
    }
    if (row.status !== "approved") {
      throw new AppError("forbidden", `Run ${runId} is not approved yet.`, { runId });
    }
  } else assertPerUnitReader(by, row.region_code);
  const result = JSON.parse(row.result) as ReimbursementResult;
  const unitResult = result.units.find((u) => u.hsaId === hsaId);
  if (unit === undefined || unitResult === undefined) {
    throw new AppError("not_found", `Unit ${hsaId} is not in run ${runId}.`, { hsaId, runId });
  }
  const region = await findRegion(ctx.db, row.region_code);
  if (region === undefined) throw new AppError("not_found", `Region ${row.region_code} does not exist.`);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, by, {
      action: "reimbursement.specification.read",
      entityType: "reimbursement_run",
      entityId: String(runId),
      regionCode: row.region_code,
      purpose: purposeText,
      details: { hsaId },
    }),
  );
  return {
    run: runSummary(row),
    regionName: region.name,
    regionIsDemo: region.is_demo,
    unit,
    lines: unitResult.lines,
    components: result.components,
    totalOre: unitResult.totalOre,
    inputsSha256: result.inputsSha256,
    capitationBands: capitationBands(
      (await loadModelRow(ctx.db, row.model_row_id)).model as unknown as ReimbursementModel,
      (JSON.parse(row.snapshot) as ReimbursementSnapshot).units.find((u) => u.hsaId === hsaId),
    ),
  };
}

/** The whole run with unit names, for the Excel export. */
export async function getRunForExport(ctx: ServiceContext, by: AuditActor, id: number) {
  const row = await loadRun(ctx.db, id);
  assertPerUnitReader(by, row.region_code);
  const units = await repo.findPayableUnits(ctx.db, row.region_code);
  return { run: runView(row), unitNames: new Map(units.map((u) => [u.hsaId, u.name])) };
}
