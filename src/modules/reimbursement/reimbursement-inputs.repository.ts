// The monthly inputs of Vårdval reimbursement: listing, indices, rural points, unit reports and imported
// same-day rates (written by the CSV imports, read when a month's snapshot is built).
import { type Kysely, sql } from "kysely";
import type { Database, SameDayRateKind } from "../../db/schema.ts";

type Db = Kysely<Database>;

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
