// SQL of the reimbursement module: models, monthly inputs, runs. Rows in, rows out; no rules here.

import type { Kysely } from "kysely";
import type { Database, SameDayRateKind } from "../../db/schema.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";

type Db = Kysely<Database>;

// The inputs have a file of their own; callers keep reading them through `repo.*`.
export * from "./reimbursement-inputs.repository.ts";

// ---------------------------------------------------------------- units

export interface ReimbursementUnit {
  id: number;
  hsaId: string;
  name: string;
  regionCode: string;
  type: string;
  providerName: string;
  providerOrgNr: string;
}

const unitSelect = [
  "units.id as id",
  "units.hsa_id as hsaId",
  "units.name as name",
  "units.region_code as regionCode",
  "units.type as type",
  "providers.name as providerName",
  "providers.org_nr as providerOrgNr",
] as const;

/** Every unit a payment can go to: all units of the region except the virtual backup team. */
export async function findPayableUnits(db: Db, regionCode: string): Promise<ReimbursementUnit[]> {
  return db
    .selectFrom("units")
    .innerJoin("providers", "providers.id", "units.provider_id")
    .select(unitSelect)
    .where("units.region_code", "=", regionCode)
    .where("units.type", "<>", "backup")
    .orderBy("units.hsa_id")
    .execute();
}

export async function findAllUnitsByHsaId(db: Db): Promise<Map<string, ReimbursementUnit>> {
  const rows = await db
    .selectFrom("units")
    .innerJoin("providers", "providers.id", "units.provider_id")
    .select(unitSelect)
    .execute();
  return new Map(rows.map((r) => [r.hsaId, r]));
}

export async function findUnitByHsaIdForReimbursement(
  db: Db,
  hsaId: string,
): Promise<ReimbursementUnit | undefined> {
  const unit = await findUnitByHsaId(db, hsaId);
  return (
    unit && {
      id: unit.id,
      hsaId: unit.hsa_id,
      name: unit.name,
      regionCode: unit.region_code,
      type: unit.type,
      providerName: unit.provider_name,
      providerOrgNr: unit.provider_org_nr,
    }
  );
}

export async function regionExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom("regions").select("code").where("code", "=", code).executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------- models

export async function findModelRows(db: Db, regionCode: string) {
  return db
    .selectFrom("reimbursement_models")
    .selectAll()
    .where("region_code", "=", regionCode)
    .orderBy("model_id")
    .orderBy("version")
    .execute();
}

export async function findModelRow(db: Db, id: number) {
  return db.selectFrom("reimbursement_models").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findLatestModelVersion(db: Db, regionCode: string, modelId: string) {
  return db
    .selectFrom("reimbursement_models")
    .selectAll()
    .where("region_code", "=", regionCode)
    .where("model_id", "=", modelId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function insertModelRow(
  db: Db,
  row: {
    regionCode: string;
    modelId: string;
    version: number;
    purpose: "payment" | "scenario";
    model: unknown;
    sameDayRateKind: SameDayRateKind;
    validFrom: string;
    validTo: string | null;
    createdBy: string;
    at: Date;
  },
) {
  return db
    .insertInto("reimbursement_models")
    .values({
      region_code: row.regionCode,
      model_id: row.modelId,
      version: row.version,
      purpose: row.purpose,
      model: JSON.stringify(row.model),
      same_day_rate_kind: row.sameDayRateKind,
      valid_from: row.validFrom,
      valid_to: row.validTo,
      created_by: row.createdBy,
      created_at: row.at,
      updated_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates an unlocked version in place; returns undefined when it was locked meanwhile. */
export async function updateUnlockedModelRow(
  db: Db,
  id: number,
  row: {
    purpose: "payment" | "scenario";
    model: unknown;
    sameDayRateKind: SameDayRateKind;
    validFrom: string;
    validTo: string | null;
    at: Date;
  },
) {
  return db
    .updateTable("reimbursement_models")
    .set({
      purpose: row.purpose,
      model: JSON.stringify(row.model),
      same_day_rate_kind: row.sameDayRateKind,
      valid_from: row.validFrom,
      valid_to: row.validTo,
      updated_at: row.at,
    })
    .where("id", "=", id)
    .where("locked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

export async function lockModelRow(db: Db, id: number, at: Date): Promise<void> {
  await db
    .updateTable("reimbursement_models")
    .set({ locked_at: at })
    .where("id", "=", id)
    .where("locked_at", "is", null)
    .execute();
}

/** Payment models of the region valid in the month, newest version of each model id first. */
export async function findPaymentModelsForMonth(db: Db, regionCode: string, month: string) {
  return db
    .selectFrom("reimbursement_models")
    .selectAll()
    .where("region_code", "=", regionCode)
    .where("purpose", "=", "payment")
    .where("valid_from", "<=", month)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", month)]))
    .orderBy("valid_from", "desc")
    .orderBy("model_id")
    .orderBy("version", "desc")
    .execute();
}

// ---------------------------------------------------------------- runs

export async function insertRun(
  db: Db,
  run: {
    regionCode: string;
    month: string;
    modelRowId: number;
    modelId: string;
    modelVersion: number;
    snapshot: string;
    result: string;
    inputsSha256: string;
    resultSha256: string;
    totalOre: bigint;
    notes: string[];
    createdBy: string;
    at: Date;
  },
) {
  return db
    .insertInto("reimbursement_runs")
    .values({
      region_code: run.regionCode,
      month: run.month,
      model_row_id: run.modelRowId,
      model_id: run.modelId,
      model_version: run.modelVersion,
      snapshot: run.snapshot,
      result: run.result,
      inputs_sha256: run.inputsSha256,
      result_sha256: run.resultSha256,
      total_ore: run.totalOre,
      notes: JSON.stringify(run.notes),
      created_by: run.createdBy,
      created_at: run.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const runSummaryColumns = [
  "id",
  "region_code",
  "month",
  "model_row_id",
  "model_id",
  "model_version",
  "inputs_sha256",
  "result_sha256",
  "total_ore",
  "notes",
  "status",
  "created_at",
  "created_by",
  "approved_at",
  "approved_by",
] as const;

export async function findRuns(db: Db, regionCode: string, filter: { month?: string; year?: string }) {
  let q = db
    .selectFrom("reimbursement_runs")
    .select(runSummaryColumns)
    .where("region_code", "=", regionCode)
    .orderBy("month", "desc")
    .orderBy("id", "desc");
  if (filter.month !== undefined) q = q.where("month", "=", filter.month);
  if (filter.year !== undefined) q = q.where("month", "like", `${filter.year}-%`);
  return q.execute();
}

export async function findRun(db: Db, id: number) {
  return db.selectFrom("reimbursement_runs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The approved runs of a year, with their results, one per month at most. */
export async function findApprovedRunsOfYear(db: Db, regionCode: string, year: string) {
  return db
    .selectFrom("reimbursement_runs")
    .selectAll()
    .where("region_code", "=", regionCode)
    .where("status", "=", "approved")
    .where("month", "like", `${year}-%`)
    .orderBy("month")
    .execute();
}

export async function findApprovedRun(db: Db, regionCode: string, month: string) {
  return db
    .selectFrom("reimbursement_runs")
    .select(["id"])
    .where("region_code", "=", regionCode)
    .where("month", "=", month)
    .where("status", "=", "approved")
    .executeTakeFirst();
}

export async function approveRunRow(db: Db, id: number, by: string, at: Date) {
  return db
    .updateTable("reimbursement_runs")
    .set({ status: "approved", approved_at: at, approved_by: by })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .returning(runSummaryColumns)
    .executeTakeFirst();
}
