// SQL of the listing module: listing changes (own table) and the listing itself, which the
// reimbursement import keeps in reimbursement_listing (one copy of the data, read here).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database>;

export interface ListingUnit {
  id: number;
  regionCode: string;
  hsaId: string;
  name: string;
  type: string;
  ownership: string;
  kommunCode: string;
}

const unitColumns = [
  "units.id as id",
  "units.region_code as regionCode",
  "units.hsa_id as hsaId",
  "units.name as name",
  "units.type as type",
  "units.ownership as ownership",
  "units.kommun_code as kommunCode",
] as const;

export async function findUnitsByHsaId(db: Db): Promise<Map<string, ListingUnit>> {
  const rows = await db.selectFrom("units").select(unitColumns).execute();
  return new Map(rows.map((r) => [r.hsaId, r]));
}

/** The region's care units (backup teams list nobody), by HSA-id. */
export async function findCareUnits(db: Db, regionCode: string): Promise<ListingUnit[]> {
  return db
    .selectFrom("units")
    .select(unitColumns)
    .where("region_code", "=", regionCode)
    .where("type", "<>", "backup")
    .orderBy("hsa_id")
    .execute();
}

export async function regionExists(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom("regions").select("code").where("code", "=", code).executeTakeFirst()) !== undefined
  );
}

export interface ListingChangeInput {
  regionCode: string;
  month: string;
  fromUnitId: number | null;
  toUnitId: number | null;
  count: number;
}

/** Inserts or replaces (same month, from, to) listing changes; counts what was new and what replaced. */
export async function upsertListingChanges(db: Db, rows: ListingChangeInput[], at: Date) {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await sql<{ inserted: boolean }>`
    insert into listing_changes (region_code, month, from_unit_id, to_unit_id, count, updated_at)
    select r, m, f, t, c, ${at} from unnest(
      ${rows.map((r) => r.regionCode)}::text[], ${rows.map((r) => r.month)}::text[],
      ${rows.map((r) => r.fromUnitId)}::int[], ${rows.map((r) => r.toUnitId)}::int[],
      ${rows.map((r) => r.count)}::int[]) as x(r, m, f, t, c)
    on conflict (region_code, month, coalesce(from_unit_id, 0), coalesce(to_unit_id, 0))
    do update set count = excluded.count, updated_at = excluded.updated_at
    returning (xmax = 0) as inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

export interface ListingChangeRow {
  month: string;
  fromUnitId: number | null;
  toUnitId: number | null;
  count: number;
}

export async function findListingChanges(db: Db, regionCode: string, from: string, to: string) {
  return db
    .selectFrom("listing_changes")
    .select(["month", "from_unit_id as fromUnitId", "to_unit_id as toUnitId", "count"])
    .where("region_code", "=", regionCode)
    .where("month", ">=", from)
    .where("month", "<=", to)
    .orderBy("month")
    .execute() as Promise<ListingChangeRow[]>;
}

/** The latest month with listing changes in the region, or null when there are none. */
export async function latestListingChangeMonth(db: Db, regionCode: string): Promise<string | null> {
  const row = await db
    .selectFrom("listing_changes")
    .select("month")
    .where("region_code", "=", regionCode)
    .orderBy("month", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.month ?? null;
}

/** Listed persons per unit and month (the sum of the unit's age and sex rows). */
export async function findListedPerUnitMonth(db: Db, regionCode: string, from: string, to: string) {
  const rows = await db
    .selectFrom("reimbursement_listing")
    .select(["unit_id as unitId", "month", sql<string>`sum(count)::text`.as("listed")])
    .where("region_code", "=", regionCode)
    .where("month", ">=", from)
    .where("month", "<=", to)
    .groupBy(["unit_id", "month"])
    .execute();
  return rows.map((r) => ({ unitId: r.unitId, month: r.month, listed: Number(r.listed) }));
}

/** Listing by age and sex of one month, summed over the given units (all of the region when null). */
export async function findListingByAgeAndSex(
  db: Db,
  regionCode: string,
  month: string,
  unitId: number | null,
) {
  let query = db
    .selectFrom("reimbursement_listing")
    .select(["age", "sex", sql<string>`sum(count)::text`.as("count")])
    .where("region_code", "=", regionCode)
    .where("month", "=", month);
  if (unitId !== null) query = query.where("unit_id", "=", unitId);
  const rows = await query.groupBy(["age", "sex"]).execute();
  return rows.map((r) => ({ age: r.age, sex: r.sex, count: Number(r.count) }));
}
