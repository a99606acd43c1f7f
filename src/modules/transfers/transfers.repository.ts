// SQL of the transfers register and its reported volumes. Rows in, rows out; no rules here.
import { type Kysely, type Selectable, sql } from "kysely";
import type { Database, TransferVersionsTable } from "../../db/schema.ts";

type Db = Kysely<Database>;
export type TransferVersionRow = Selectable<TransferVersionsTable>;

export interface NewTransferVersion {
  regionCode: string;
  transferId: string;
  version: number;
  title: string;
  fromClinic: string;
  decisionRef: string | null;
  decidedOn: string | null;
  status: TransferVersionRow["status"];
  from: string;
  to: string | null;
  expectedAnnualVolume: number;
  volumeUnit: string;
  estimatedAnnualCostOre: bigint;
  annualCompensationOre: bigint;
  component: string | null;
  units: string[] | null;
  changedFields: string[];
  source: "import" | "form";
  createdBy: string;
  at: Date;
}

export async function insertTransferVersion(db: Db, v: NewTransferVersion): Promise<TransferVersionRow> {
  return db
    .insertInto("transfer_versions")
    .values({
      region_code: v.regionCode,
      transfer_id: v.transferId,
      version: v.version,
      title: v.title,
      from_clinic: v.fromClinic,
      decision_ref: v.decisionRef,
      decided_on: v.decidedOn,
      status: v.status,
      from_month: v.from,
      to_month: v.to,
      expected_annual_volume: v.expectedAnnualVolume,
      volume_unit: v.volumeUnit,
      estimated_annual_cost_ore: v.estimatedAnnualCostOre,
      annual_compensation_ore: v.annualCompensationOre,
      component: v.component,
      units: v.units === null ? null : JSON.stringify(v.units),
      changed_fields: JSON.stringify(v.changedFields),
      source: v.source,
      created_at: v.at,
      created_by: v.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest version of every transfer of the region, in id order. */
export async function findLatestVersions(db: Db, regionCode: string): Promise<TransferVersionRow[]> {
  return db
    .selectFrom("transfer_versions as v")
    .selectAll("v")
    .where("v.region_code", "=", regionCode)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("transfer_versions as newer")
            .select(sql`1`.as("one"))
            .whereRef("newer.region_code", "=", "v.region_code")
            .whereRef("newer.transfer_id", "=", "v.transfer_id")
            .whereRef("newer.version", ">", "v.version"),
        ),
      ),
    )
    .orderBy("v.transfer_id")
    .execute();
}

export async function findLatestVersion(
  db: Db,
  regionCode: string,
  transferId: string,
): Promise<TransferVersionRow | undefined> {
  return db
    .selectFrom("transfer_versions")
    .selectAll()
    .where("region_code", "=", regionCode)
    .where("transfer_id", "=", transferId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Serialises versioning of one transfer: two edits at once get versions n+1 and n+2, never a conflict. */
export async function lockTransfer(db: Db, regionCode: string, transferId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`transfer:${regionCode}:${transferId}`}))`.execute(db);
}

export async function findVersions(db: Db, regionCode: string, transferId: string) {
  return db
    .selectFrom("transfer_versions")
    .selectAll()
    .where("region_code", "=", regionCode)
    .where("transfer_id", "=", transferId)
    .orderBy("version")
    .execute();
}

export interface VolumeRow {
  transferId: string;
  unitId: number;
  hsaId: string;
  month: string;
  volume: number;
}

/** Reported volumes of the region's months from..to (inclusive), optionally of one unit. */
export async function findVolumes(
  db: Db,
  regionCode: string,
  range: { from: string; to: string },
  unitId?: number,
): Promise<VolumeRow[]> {
  let query = db
    .selectFrom("transfer_volumes")
    .innerJoin("units", "units.id", "transfer_volumes.unit_id")
    .select([
      "transfer_volumes.transfer_id as transferId",
      "transfer_volumes.unit_id as unitId",
      "units.hsa_id as hsaId",
      "transfer_volumes.month as month",
      "transfer_volumes.volume as volume",
    ])
    .where("transfer_volumes.region_code", "=", regionCode)
    .where("transfer_volumes.month", ">=", range.from)
    .where("transfer_volumes.month", "<=", range.to);
  if (unitId !== undefined) query = query.where("transfer_volumes.unit_id", "=", unitId);
  return query.orderBy("transfer_volumes.transfer_id").orderBy("transfer_volumes.month").execute();
}

/** Reported volume per transfer over the region's months from..to (inclusive), summed over every unit. */
export async function sumVolumesByTransfer(
  db: Db,
  regionCode: string,
  range: { from: string; to: string },
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("transfer_volumes")
    .select(["transfer_id", (eb) => eb.fn.sum<string>("volume").as("volume")])
    .where("region_code", "=", regionCode)
    .where("month", ">=", range.from)
    .where("month", "<=", range.to)
    .groupBy("transfer_id")
    .execute();
  return new Map(rows.map((r) => [r.transfer_id, Number(r.volume)]));
}

export interface VolumeUpsert {
  regionCode: string;
  transferId: string;
  unitId: number;
  month: string;
  volume: number;
}

/** Inserts or replaces rows; returns how many were new and how many replaced an earlier report. */
export async function upsertVolumes(
  db: Db,
  rows: VolumeUpsert[],
  by: string,
  at: Date,
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await db
    .insertInto("transfer_volumes")
    .values(
      rows.map((r) => ({
        region_code: r.regionCode,
        transfer_id: r.transferId,
        unit_id: r.unitId,
        month: r.month,
        volume: r.volume,
        updated_at: at,
        updated_by: by,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["region_code", "transfer_id", "unit_id", "month"]).doUpdateSet({
        volume: (eb) => eb.ref("excluded.volume"),
        updated_at: (eb) => eb.ref("excluded.updated_at"),
        updated_by: (eb) => eb.ref("excluded.updated_by"),
      }),
    )
    // xmax = 0 only for a freshly inserted row: how PostgreSQL tells an insert from an update in one upsert.
    .returning(sql<string>`xmax::text`.as("xmax"))
    .execute();
  const inserted = result.filter((r) => r.xmax === "0").length;
  return { inserted, updated: result.length - inserted };
}

export async function findVolume(
  db: Db,
  regionCode: string,
  transferId: string,
  unitId: number,
  month: string,
) {
  return db
    .selectFrom("transfer_volumes")
    .select("volume")
    .where("region_code", "=", regionCode)
    .where("transfer_id", "=", transferId)
    .where("unit_id", "=", unitId)
    .where("month", "=", month)
    .executeTakeFirst();
}

/** Listed persons per unit in the region's latest listing month at or before `month` (for unit shares). */
export async function findListedPerUnit(
  db: Db,
  regionCode: string,
  month: string,
): Promise<Map<number, number>> {
  const latest = await db
    .selectFrom("reimbursement_listing")
    .select((eb) => eb.fn.max("month").as("month"))
    .where("region_code", "=", regionCode)
    .where("month", "<=", month)
    .executeTakeFirst();
  if (latest?.month == null) return new Map();
  const rows = await db
    .selectFrom("reimbursement_listing")
    .select(["unit_id", (eb) => eb.fn.sum<string>("count").as("listed")])
    .where("region_code", "=", regionCode)
    .where("month", "=", latest.month)
    .groupBy("unit_id")
    .execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.listed)]));
}

export interface TransferUnit {
  id: number;
  hsaId: string;
  name: string;
  regionCode: string;
}

/** Every listing unit of the region (all but the virtual backup team), in HSA-id order. */
export async function findListingUnits(db: Db, regionCode: string): Promise<TransferUnit[]> {
  return db
    .selectFrom("units")
    .select(["id", "hsa_id as hsaId", "name", "region_code as regionCode"])
    .where("region_code", "=", regionCode)
    .where("type", "<>", "backup")
    .orderBy("hsa_id")
    .execute();
}

export async function findAllListingUnits(db: Db): Promise<TransferUnit[]> {
  return db
    .selectFrom("units")
    .select(["id", "hsa_id as hsaId", "name", "region_code as regionCode"])
    .where("type", "<>", "backup")
    .orderBy("region_code")
    .orderBy("hsa_id")
    .execute();
}

export async function findUnitsByHsaId(db: Db): Promise<Map<string, TransferUnit & { type: string }>> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "hsa_id as hsaId", "name", "region_code as regionCode", "type"])
    .execute();
  return new Map(rows.map((r) => [r.hsaId, r]));
}

export async function findUnitsByIds(db: Db, ids: number[]): Promise<TransferUnit[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("units")
    .select(["id", "hsa_id as hsaId", "name", "region_code as regionCode"])
    .where("id", "in", ids)
    .orderBy("hsa_id")
    .execute();
}

export async function regionExists(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom("regions").select("code").where("code", "=", code).executeTakeFirst()) !== undefined
  );
}
