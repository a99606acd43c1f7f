// Reimbursement models: versioned, locked once a run has used them.

import type { Kysely } from "kysely";
import type { Database, SameDayRateKind } from "../../db/schema.ts";
import { type ReimbursementModel, tryRunReimbursement } from "../../domain/reimbursement/index.ts";
import type { ModelPurpose } from "../../domain/reimbursement/value-sets.ts";
import { SAME_DAY_RATE_KINDS } from "../../domain/reimbursement/value-sets.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./reimbursement.repository.ts";
import type { ModelSummary, ModelView } from "./reimbursement.schemas.ts";
import {
  actorName,
  assertAggregateReader,
  assertRegion,
  assertReimbursementAdmin,
  nowDate,
} from "./reimbursement-access.ts";

export type { ModelPurpose, ModelSummary, ModelView };

export type ModelRow = NonNullable<Awaited<ReturnType<typeof repo.findModelRow>>>;

function modelSummary(row: ModelRow): ModelSummary {
  const model = row.model as unknown as ReimbursementModel;
  return {
    id: row.id,
    modelId: row.model_id,
    version: row.version,
    purpose: row.purpose,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    locked: row.locked_at !== null,
    name: model.name,
    components: model.components.length,
    sameDayRateKind: row.same_day_rate_kind,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function modelView(row: ModelRow): ModelView {
  return {
    ...modelSummary(row),
    regionCode: row.region_code,
    lockedAt: row.locked_at?.toISOString() ?? null,
    model: row.model as unknown as ReimbursementModel,
  };
}

/**
 * A model as posted: the FORMATS.md model, optionally with two settings that are not part of the engine's
 * input (and so not of its hash): `sameDayRateKind` (which rate a snapshot carries, default "resident")
 * and `purpose` ("payment", default, or "scenario": a what-if that a month's run never picks by itself).
 */
export function splitModelInput(input: unknown): {
  model: ReimbursementModel;
  sameDayRateKind: SameDayRateKind;
  purpose: ModelPurpose;
} {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new AppError("validation_failed", "The model is not valid.", {
      issues: [{ path: "(root)", message: "not a JSON object" }],
    });
  }
  const { sameDayRateKind, purpose, ...model } = input as Record<string, unknown>;
  const issues: { path: string; message: string }[] = [];
  if (sameDayRateKind !== undefined && !SAME_DAY_RATE_KINDS.includes(sameDayRateKind as SameDayRateKind)) {
    issues.push({ path: "sameDayRateKind", message: `one of ${SAME_DAY_RATE_KINDS.join(", ")}` });
  }
  if (purpose !== undefined && purpose !== "payment" && purpose !== "scenario") {
    issues.push({ path: "purpose", message: "one of payment, scenario" });
  }
  // A model is checked against an empty snapshot of its first month: every model problem, with its path.
  const outcome = tryRunReimbursement(model, { month: model.validFrom ?? "2000-01", units: [] });
  if (!outcome.ok) {
    for (const issue of outcome.issues) if (issue.input === "model") issues.push(issue);
  }
  if (issues.length > 0) throw new AppError("validation_failed", "The model is not valid.", { issues });
  return {
    model: model as unknown as ReimbursementModel,
    sameDayRateKind: (sameDayRateKind as SameDayRateKind | undefined) ?? "resident",
    purpose: (purpose as ModelPurpose | undefined) ?? "payment",
  };
}

export async function listModels(ctx: ServiceContext, by: AuditActor, regionCode: string) {
  assertAggregateReader(by, regionCode);
  const rows = await repo.findModelRows(ctx.db, regionCode);
  return { models: rows.map(modelSummary) };
}

export async function loadModelRow(db: Kysely<Database>, id: number): Promise<ModelRow> {
  const row = await repo.findModelRow(db, id);
  if (row === undefined) throw new AppError("not_found", `No reimbursement model ${id}.`, { id });
  return row;
}

export async function getModel(ctx: ServiceContext, by: AuditActor, id: number): Promise<ModelView> {
  const row = await loadModelRow(ctx.db, id);
  assertAggregateReader(by, row.region_code);
  return modelView(row);
}

/** Stores a model: version 1 of a new model id, or the next version of an existing one. */
export async function createModel(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  input: unknown,
  purposeText: string,
): Promise<ModelView> {
  assertReimbursementAdmin(by, regionCode);
  await assertRegion(ctx.db, regionCode);
  const { model, sameDayRateKind, purpose } = splitModelInput(input);
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await repo.findLatestModelVersion(trx, regionCode, model.id);
    const row = await repo.insertModelRow(trx, {
      regionCode,
      modelId: model.id,
      version: (latest?.version ?? 0) + 1,
      purpose,
      model,
      sameDayRateKind,
      validFrom: model.validFrom,
      validTo: model.validTo,
      createdBy: actorName(by),
      at: nowDate(ctx),
    });
    await recordAudit(trx, ctx, by, {
      action: "reimbursement.model.create",
      entityType: "reimbursement_model",
      entityId: String(row.id),
      regionCode,
      purpose: purposeText,
      details: { modelId: row.model_id, version: row.version, previousVersion: latest?.version ?? null },
    });
    return modelView(row);
  });
}

/** Changes a version in place while no run has used it; a used (locked) version answers 409. */
export async function updateModel(
  ctx: ServiceContext,
  by: AuditActor,
  id: number,
  input: unknown,
  purposeText: string,
): Promise<ModelView> {
  const existing = await loadModelRow(ctx.db, id);
  assertReimbursementAdmin(by, existing.region_code);
  const { model, sameDayRateKind, purpose } = splitModelInput(input);
  if (model.id !== existing.model_id) {
    throw new AppError("validation_failed", "The model is not valid.", {
      issues: [{ path: "id", message: `must stay ${existing.model_id}; post a new model to change the id` }],
    });
  }
  const lockedError = () =>
    new AppError(
      "conflict",
      `Model ${existing.model_id} version ${existing.version} has been used by a run and can no longer change; post it to create a new version.`,
      { id, modelId: existing.model_id, version: existing.version },
    );
  if (existing.locked_at !== null) throw lockedError();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateUnlockedModelRow(trx, id, {
      purpose,
      model,
      sameDayRateKind,
      validFrom: model.validFrom,
      validTo: model.validTo,
      at: nowDate(ctx),
    });
    if (row === undefined) throw lockedError();
    await recordAudit(trx, ctx, by, {
      action: "reimbursement.model.update",
      entityType: "reimbursement_model",
      entityId: String(id),
      regionCode: row.region_code,
      purpose: purposeText,
      details: { modelId: row.model_id, version: row.version },
    });
    return modelView(row);
  });
}

/** `--model ID`: a model row id ("12"), or a model id whose newest version is meant ("vasternorrland-2026"). */
export async function resolveModel(
  db: Kysely<Database>,
  regionCode: string,
  month: string,
  ref: string | number | undefined,
): Promise<ModelRow> {
  if (ref === undefined) {
    const candidates = await repo.findPaymentModelsForMonth(db, regionCode, month);
    const first = candidates[0];
    if (first === undefined) {
      throw new AppError("not_found", `No payment model of region ${regionCode} is valid in ${month}.`, {
        regionCode,
        month,
      });
    }
    return first;
  }
  const row =
    typeof ref === "number" || /^\d+$/.test(ref)
      ? await repo.findModelRow(db, Number(ref))
      : await repo.findLatestModelVersion(db, regionCode, ref);
  if (row === undefined || row.region_code !== regionCode) {
    throw new AppError("not_found", `No reimbursement model ${ref} in region ${regionCode}.`, {
      model: ref,
      regionCode,
    });
  }
  return row;
}
