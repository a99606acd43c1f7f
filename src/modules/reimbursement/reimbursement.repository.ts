// SQL of the reimbursement module: models, monthly inputs, runs. Rows in, rows out; no rules here.

import { type Kysely, sql } from "kysely";
import type { Database, SameDayRateKind } from "../../db/schema.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";

type Db = Kysely<Database>;

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

// ---------------------------------------------------------------- inputs

export interface ListingRowInput {
  regionCode: string;
  unitId: number;
  month: string;
  age: number;
  sex: "female" | "male" | "unknown";
  count: number;
}

/** xmax = 0 on a row the statement inserted; anything else means an existing row was updated. */
function countInserted(rows: { xmax: string }[]): { inserted: number; updated: number } {
  let inserted = 0;
  for (const r of rows) if (r.xmax === "0") inserted += 1;
  return { inserted, updated: rows.length - inserted };
}

/**
 * Listing rows arrive by the hundred thousand (every unit × month × age × sex): they go in as arrays
 * through unnest, one statement per batch, which costs a fraction of binding six parameters per row.
 */
export async function upsertListing(db: Db, rows: ListingRowInput[]) {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await sql<{ xmax: string }>`
    insert into reimbursement_listing (region_code, unit_id, month, age, sex, count)
    select * from unnest(
      ${rows.map((r) => r.regionCode)}::text[], ${rows.map((r) => r.unitId)}::int[],
      ${rows.map((r) => r.month)}::text[], ${rows.map((r) => r.age)}::smallint[],
      ${rows.map((r) => r.sex)}::text[], ${rows.map((r) => r.count)}::int[])
    on conflict (region_code, month, unit_id, age, sex) do update set count = excluded.count
    returning xmax::text as xmax`.execute(db);
  return countInserted(result.rows);
}

export async function hasListing(db: Db, regionCode: string, month: string): Promise<boolean> {
  const row = await db
    .selectFrom("reimbursement_listing")
    .select("unit_id")
    .where("region_code", "=", regionCode)
    .where("month", "=", month)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function upsertIndices(
  db: Db,
  rows: { regionCode: string; unitId: number; month: string; name: string; value: string }[],
) {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await db
    .insertInto("reimbursement_indices")
    .values(
      rows.map((r) => ({
        region_code: r.regionCode,
        unit_id: r.unitId,
        month: r.month,
        name: r.name,
        value: r.value,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["region_code", "unit_id", "name", "month"])
        .doUpdateSet({ value: (eb) => eb.ref("excluded.value") }),
    )
    .returning(sql<string>`xmax::text`.as("xmax"))
    .execute();
  return countInserted(result);
}

export async function upsertRuralPoints(
  db: Db,
  rows: { regionCode: string; unitId: number; validFrom: string; validTo: string | null; points: string }[],
) {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await db
    .insertInto("reimbursement_rural_points")
    .values(
      rows.map((r) => ({
        region_code: r.regionCode,
        unit_id: r.unitId,
        valid_from: r.validFrom,
        valid_to: r.validTo,
        points: r.points,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["region_code", "unit_id", "valid_from"]).doUpdateSet({
        valid_to: (eb) => eb.ref("excluded.valid_to"),
        points: (eb) => eb.ref("excluded.points"),
      }),
    )
    .returning(sql<string>`xmax::text`.as("xmax"))
    .execute();
  return countInserted(result);
}

export interface UnitReportInput {
  regionCode: string;
  unitId: number;
  month: string;
  multimorbidIdentified: number | null;
  homeVisits: number | null;
  updatedBy: string;
  at: Date;
}

export async function upsertUnitReports(db: Db, rows: UnitReportInput[]) {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await db
    .insertInto("reimbursement_unit_reports")
    .values(
      rows.map((r) => ({
        region_code: r.regionCode,
        unit_id: r.unitId,
        month: r.month,
        multimorbid_identified: r.multimorbidIdentified,
        home_visits: r.homeVisits,
        updated_by: r.updatedBy,
        updated_at: r.at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["region_code", "unit_id", "month"]).doUpdateSet({
        multimorbid_identified: (eb) => eb.ref("excluded.multimorbid_identified"),
        home_visits: (eb) => eb.ref("excluded.home_visits"),
        updated_by: (eb) => eb.ref("excluded.updated_by"),
        updated_at: (eb) => eb.ref("excluded.updated_at"),
      }),
    )
    .returning(sql<string>`xmax::text`.as("xmax"))
    .execute();
  return countInserted(result);
}

export async function findUnitReport(db: Db, unitId: number, month: string) {
  return db
    .selectFrom("reimbursement_unit_reports")
    .selectAll()
    .where("unit_id", "=", unitId)
    .where("month", "=", month)
    .executeTakeFirst();
}

export async function upsertSameDayRates(
  db: Db,
  rows: { regionCode: string; unitId: number; month: string; kind: SameDayRateKind; rate: string }[],
) {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await db
    .insertInto("reimbursement_same_day_rates")
    .values(
      rows.map((r) => ({
        region_code: r.regionCode,
        unit_id: r.unitId,
        month: r.month,
        kind: r.kind,
        rate: r.rate,
        source: "import" as const,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["region_code", "unit_id", "month", "kind"])
        .doUpdateSet({ rate: (eb) => eb.ref("excluded.rate"), source: "import" }),
    )
    .returning(sql<string>`xmax::text`.as("xmax"))
    .execute();
  return countInserted(result);
}

/** Listed persons per unit and age (both sexes added) in the month. */
export async function findListingByAge(db: Db, regionCode: string, month: string) {
  return db
    .selectFrom("reimbursement_listing")
    .select(["unit_id", "age", sql<string>`sum(count)::text`.as("count")])
    .where("region_code", "=", regionCode)
    .where("month", "=", month)
    .groupBy(["unit_id", "age"])
    .execute();
}

/** Each unit's latest value of each index at or before the month (an index holds until replaced). */
export async function findIndicesAsOf(db: Db, regionCode: string, month: string) {
  return db
    .selectFrom("reimbursement_indices")
    .select(["unit_id", "name", "value", "month"])
    .distinctOn(["unit_id", "name"])
    .where("region_code", "=", regionCode)
    .where("month", "<=", month)
    .orderBy("unit_id")
    .orderBy("name")
    .orderBy("month", "desc")
    .execute();
}

/** Each unit's rural points in force in the month (the latest period that covers it). */
export async function findRuralPointsInForce(db: Db, regionCode: string, month: string) {
  return db
    .selectFrom("reimbursement_rural_points")
    .select(["unit_id", "points"])
    .distinctOn(["unit_id"])
    .where("region_code", "=", regionCode)
    .where("valid_from", "<=", month)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", month)]))
    .orderBy("unit_id")
    .orderBy("valid_from", "desc")
    .execute();
}

export async function findUnitReportsOfMonth(db: Db, regionCode: string, month: string) {
  return db
    .selectFrom("reimbursement_unit_reports")
    .select(["unit_id", "multimorbid_identified", "home_visits"])
    .where("region_code", "=", regionCode)
    .where("month", "=", month)
    .execute();
}

export async function findImportedSameDayRates(
  db: Db,
  regionCode: string,
  month: string,
  kind: SameDayRateKind,
) {
  return db
    .selectFrom("reimbursement_same_day_rates")
    .select(["unit_id", "rate"])
    .where("region_code", "=", regionCode)
    .where("month", "=", month)
    .where("kind", "=", kind)
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
