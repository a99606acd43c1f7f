// Runs: computed by the pure engine, stored with their exact texts, verified and approved.

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type ReimbursementResult, tryRunReimbursement } from "../../domain/reimbursement/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./reimbursement.repository.ts";
import type { RunSummary, RunVerification } from "./reimbursement.schemas.ts";
import {
  actorName,
  assertAggregateReader,
  assertMonth,
  assertPerUnitReader,
  assertRegion,
  assertReimbursementAdmin,
  nowDate,
  sha256Hex,
} from "./reimbursement-access.ts";
import { loadModelRow, resolveModel } from "./reimbursement-models.service.ts";
import { buildSnapshot } from "./reimbursement-snapshot.service.ts";

export type { RunSummary };

export interface RunView extends RunSummary {
  result: ReimbursementResult;
  /** The exact text the CLI printed and the hash covers. */
  resultText: string;
}

type RunSummaryRow = Awaited<ReturnType<typeof repo.findRuns>>[number];
type RunRow = NonNullable<Awaited<ReturnType<typeof repo.findRun>>>;

export function runSummary(row: RunSummaryRow): RunSummary {
  return {
    id: row.id,
    regionCode: row.region_code,
    month: row.month,
    modelRowId: row.model_row_id,
    modelId: row.model_id,
    modelVersion: row.model_version,
    status: row.status,
    totalOre: row.total_ore.toString(),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
    approvedBy: row.approved_by,
    inputsSha256: row.inputs_sha256,
    resultSha256: row.result_sha256,
    notes: row.notes,
  };
}

export function runView(row: RunRow): RunView {
  return {
    ...runSummary(row),
    result: JSON.parse(row.result) as ReimbursementResult,
    resultText: row.result,
  };
}

/** The result exactly as `vardnav reimbursement run --format json` prints it (file mode and database mode). */
export function resultText(result: ReimbursementResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function runEngine(model: unknown, snapshot: unknown): ReimbursementResult {
  const outcome = tryRunReimbursement(model, snapshot);
  if (!outcome.ok) {
    throw new AppError("validation_failed", "The model and the month's inputs do not fit together.", {
      issues: outcome.issues,
    });
  }
  return outcome.result;
}

/**
 * `vardnav reimbursement run --region --month [--model]` and POST /api/reimbursement/runs: builds the
 * snapshot from the database, runs the engine, stores snapshot, result and hashes as a draft run, and
 * locks the model version (from now on it can only be succeeded by a new version).
 */
export async function createRun(
  ctx: ServiceContext,
  by: AuditActor,
  input: { region: string; month: string; model?: string | number },
  purposeText: string,
): Promise<RunView> {
  assertMonth(input.month);
  assertReimbursementAdmin(by, input.region);
  await assertRegion(ctx.db, input.region);
  const modelRow = await resolveModel(ctx.db, input.region, input.month, input.model);
  const { snapshot, notes } = await buildSnapshot(
    ctx.db,
    input.region,
    input.month,
    modelRow.same_day_rate_kind,
  );
  if (modelRow.purpose === "scenario") notes.push(`model ${modelRow.model_id} is a scenario model`);
  const result = runEngine(modelRow.model, snapshot);
  const text = resultText(result);
  const at = nowDate(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockModelRow(trx, modelRow.id, at);
    const row = await repo.insertRun(trx, {
      regionCode: input.region,
      month: input.month,
      modelRowId: modelRow.id,
      modelId: modelRow.model_id,
      modelVersion: modelRow.version,
      snapshot: JSON.stringify(snapshot),
      result: text,
      inputsSha256: result.inputsSha256,
      resultSha256: sha256Hex(text),
      totalOre: BigInt(result.totalOre),
      notes,
      createdBy: actorName(by),
      at,
    });
    await recordAudit(trx, ctx, by, {
      action: "reimbursement.run.create",
      entityType: "reimbursement_run",
      entityId: String(row.id),
      regionCode: input.region,
      purpose: purposeText,
      details: {
        month: input.month,
        modelId: modelRow.model_id,
        modelVersion: modelRow.version,
        inputsSha256: result.inputsSha256,
        totalOre: result.totalOre,
      },
    });
    return runView(row);
  });
}

export async function loadRun(db: Kysely<Database>, id: number): Promise<RunRow> {
  const row = await repo.findRun(db, id);
  if (row === undefined) throw new AppError("not_found", `No reimbursement run ${id}.`, { id });
  return row;
}

export async function listRuns(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  month: string | undefined,
): Promise<{ runs: RunSummary[] }> {
  assertAggregateReader(by, regionCode);
  if (month !== undefined) assertMonth(month);
  const rows = await repo.findRuns(ctx.db, regionCode, month === undefined ? {} : { month });
  return { runs: rows.map(runSummary) };
}

export async function getRun(ctx: ServiceContext, by: AuditActor, id: number): Promise<RunView> {
  const row = await loadRun(ctx.db, id);
  assertPerUnitReader(by, row.region_code);
  return runView(row);
}

/** A run's stored snapshot, exactly as the engine read it. */
export async function getRunSnapshot(ctx: ServiceContext, by: AuditActor, id: number): Promise<string> {
  const row = await loadRun(ctx.db, id);
  // The raw inputs (listing by age band and sex per unit) are the administration's, not the committee's.
  assertReimbursementAdmin(by, row.region_code);
  return row.snapshot;
}

export type { RunVerification };

/** Recomputes a stored run from its stored snapshot and model version; the result text must match byte for byte. */
export async function verifyRun(ctx: ServiceContext, by: AuditActor, id: number): Promise<RunVerification> {
  const row = await loadRun(ctx.db, id);
  assertPerUnitReader(by, row.region_code);
  const model = await loadModelRow(ctx.db, row.model_row_id);
  const text = resultText(runEngine(model.model, JSON.parse(row.snapshot)));
  const recomputed = sha256Hex(text);
  return {
    id,
    reproduced: text === row.result,
    resultSha256: row.result_sha256,
    recomputedSha256: recomputed,
  };
}

/** Approves a draft run: from then on it is the month's payment. One approved run per region and month. */
export async function approveRun(
  ctx: ServiceContext,
  by: AuditActor,
  id: number,
  purposeText: string,
): Promise<RunSummary> {
  const row = await loadRun(ctx.db, id);
  assertReimbursementAdmin(by, row.region_code);
  if (row.status === "approved") {
    throw new AppError("conflict", `Run ${id} is already approved.`, { id });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const other = await repo.findApprovedRun(trx, row.region_code, row.month);
    if (other !== undefined) {
      throw new AppError(
        "conflict",
        `Region ${row.region_code} already has an approved run for ${row.month} (run ${other.id}).`,
        { approvedRunId: other.id },
      );
    }
    const approved = await repo.approveRunRow(trx, id, actorName(by), nowDate(ctx));
    if (approved === undefined) throw new AppError("conflict", `Run ${id} is already approved.`, { id });
    await recordAudit(trx, ctx, by, {
      action: "reimbursement.run.approve",
      entityType: "reimbursement_run",
      entityId: String(id),
      regionCode: row.region_code,
      purpose: purposeText,
      details: { month: row.month, totalOre: row.total_ore.toString(), resultSha256: row.result_sha256 },
    });
    return runSummary(approved);
  });
}
