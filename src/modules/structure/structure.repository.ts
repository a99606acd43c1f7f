// SQL of the unit structure: units with provider and coordinates, and the approved payment runs.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database>;

export interface StructureUnit {
  id: number;
  hsaId: string;
  name: string;
  type: string;
  ownership: string;
  providerName: string;
  providerOrgNr: string;
  kommunCode: string;
  lat: number;
  lon: number;
}

/** The region's care units (backup teams have no listing, payment or structure to compare). */
export async function findStructureUnits(db: Db, regionCode: string): Promise<StructureUnit[]> {
  return db
    .selectFrom("units")
    .innerJoin("providers", "providers.id", "units.provider_id")
    .select([
      "units.id as id",
      "units.hsa_id as hsaId",
      "units.name as name",
      "units.type as type",
      "units.ownership as ownership",
      "providers.name as providerName",
      "providers.org_nr as providerOrgNr",
      "units.kommun_code as kommunCode",
      "units.lat as lat",
      "units.lon as lon",
    ])
    .where("units.region_code", "=", regionCode)
    .where("units.type", "<>", "backup")
    .orderBy("units.hsa_id")
    .execute();
}

/** The approved run of the month with its snapshot, result and model (null when the month has none). */
export async function findApprovedRunWithModel(db: Db, regionCode: string, month: string) {
  return db
    .selectFrom("reimbursement_runs")
    .innerJoin("reimbursement_models", "reimbursement_models.id", "reimbursement_runs.model_row_id")
    .select([
      "reimbursement_runs.id as runId",
      "reimbursement_runs.month as month",
      "reimbursement_runs.snapshot as snapshot",
      "reimbursement_runs.result as result",
      "reimbursement_models.model as model",
    ])
    .where("reimbursement_runs.region_code", "=", regionCode)
    .where("reimbursement_runs.month", "=", month)
    .where("reimbursement_runs.status", "=", "approved")
    .executeTakeFirst();
}

/** The latest month at or before `month` with an approved run. */
export async function findLatestApprovedMonth(
  db: Db,
  regionCode: string,
  month: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("reimbursement_runs")
    .select("month")
    .where("region_code", "=", regionCode)
    .where("status", "=", "approved")
    .where("month", "<=", month)
    .orderBy("month", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.month ?? null;
}

/** The latest month at or before `month` with listing imported. */
export async function findLatestListingMonth(
  db: Db,
  regionCode: string,
  month: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("reimbursement_listing")
    .select("month")
    .where("region_code", "=", regionCode)
    .where("month", "<=", month)
    .orderBy("month", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.month ?? null;
}
