// SQL of the staffing module: the staffing rows with their history, and the reads the ratio and the
// grant effect need from other areas' tables (listing and indices of the reimbursement inputs, the
// accessibility rollups). Rows in, rows out; no rules here.
import { type Kysely, sql } from "kysely";
import type { Database, StaffingEmployment, StaffingProfession } from "../../db/schema.ts";

type Db = Kysely<Database>;

export interface StaffingUnit {
  id: number;
  hsaId: string;
  name: string;
  kommunCode: string;
  type: string;
  ownership: string;
  regionCode: string;
}

const unitColumns = [
  "units.id as id",
  "units.hsa_id as hsaId",
  "units.name as name",
  "units.kommun_code as kommunCode",
  "units.type as type",
  "units.ownership as ownership",
  "units.region_code as regionCode",
] as const;

/** The region's care units (backup teams are not staffed against listing and take no part). */
export async function findCareUnits(db: Db, regionCode: string): Promise<StaffingUnit[]> {
  return db
    .selectFrom("units")
    .select(unitColumns)
    .where("region_code", "=", regionCode)
    .where("type", "!=", "backup")
    .orderBy("hsa_id")
    .execute();
}

export async function findUnitsByHsaId(db: Db): Promise<Map<string, StaffingUnit>> {
  const rows = await db.selectFrom("units").select(unitColumns).execute();
  return new Map(rows.map((r) => [r.hsaId, r]));
}

export interface StaffingWrite {
  regionCode: string;
  unitId: number;
  month: string;
  profession: StaffingProfession;
  employment: StaffingEmployment;
  fte: string;
  agencyCostOre: bigint | null;
}

/**
 * Writes rows, replacing a stored (unit, month, profession, employment): the replaced row goes to
 * staffing_history first when its values change. Returns how many rows were new and how many replaced.
 */
export async function upsertStaffing(
  trx: Db,
  rows: readonly StaffingWrite[],
  source: "import" | "form",
  by: string,
  at: Date,
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const json = JSON.stringify(
    rows.map((r) => ({
      region_code: r.regionCode,
      unit_id: r.unitId,
      month: r.month,
      profession: r.profession,
      employment: r.employment,
      fte: r.fte,
      agency_cost_ore: r.agencyCostOre === null ? null : r.agencyCostOre.toString(),
    })),
  );
  const incoming = sql`json_to_recordset(${json}::json) as x(region_code text, unit_id integer, month text,
    profession text, employment text, fte numeric, agency_cost_ore bigint)`;
  await sql`
    insert into staffing_history (region_code, unit_id, month, profession, employment, fte, agency_cost_ore,
      source, recorded_at, recorded_by, replaced_at, replaced_by, change)
    select s.region_code, s.unit_id, s.month, s.profession, s.employment, s.fte, s.agency_cost_ore, s.source,
      s.updated_at, s.updated_by, ${at}, ${by}, 'replaced'
    from staffing s join ${incoming}
      on s.region_code = x.region_code and s.unit_id = x.unit_id and s.month = x.month
      and s.profession = x.profession and s.employment = x.employment
    where s.fte <> x.fte or s.agency_cost_ore is distinct from x.agency_cost_ore`.execute(trx);
  const result = await sql<{ inserted: boolean }>`
    insert into staffing (region_code, unit_id, month, profession, employment, fte, agency_cost_ore, source,
      updated_at, updated_by)
    select x.region_code, x.unit_id, x.month, x.profession, x.employment, x.fte, x.agency_cost_ore,
      ${source}, ${at}, ${by}
    from ${incoming}
    on conflict (region_code, unit_id, month, profession, employment) do update set
      fte = excluded.fte, agency_cost_ore = excluded.agency_cost_ore, source = excluded.source,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by
    returning (xmax = 0) as inserted`.execute(trx);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

/** Removes a unit's month rows that are not in `keep` (a manager's form), keeping them in the history. */
export async function removeOtherRowsOfUnitMonth(
  trx: Db,
  unit: { regionCode: string; unitId: number; month: string },
  keep: readonly { profession: string; employment: string }[],
  by: string,
  at: Date,
): Promise<number> {
  const stored = await trx
    .selectFrom("staffing")
    .selectAll()
    .where("region_code", "=", unit.regionCode)
    .where("unit_id", "=", unit.unitId)
    .where("month", "=", unit.month)
    .execute();
  const kept = new Set(keep.map((k) => `${k.profession}|${k.employment}`));
  const gone = stored.filter((s) => !kept.has(`${s.profession}|${s.employment}`));
  for (const row of gone) {
    await trx
      .insertInto("staffing_history")
      .values({
        region_code: row.region_code,
        unit_id: row.unit_id,
        month: row.month,
        profession: row.profession,
        employment: row.employment,
        fte: row.fte,
        agency_cost_ore: row.agency_cost_ore,
        source: row.source,
        recorded_at: row.updated_at,
        recorded_by: row.updated_by,
        replaced_at: at,
        replaced_by: by,
        change: "removed",
      })
      .execute();
    await trx
      .deleteFrom("staffing")
      .where("region_code", "=", row.region_code)
      .where("unit_id", "=", row.unit_id)
      .where("month", "=", row.month)
      .where("profession", "=", row.profession)
      .where("employment", "=", row.employment)
      .execute();
  }
  return gone.length;
}

export interface StoredStaffingRow {
  unitId: number;
  month: string;
  profession: StaffingProfession;
  employment: StaffingEmployment;
  fte: string;
  agencyCostOre: string | null;
}

export async function findStaffing(
  db: Db,
  regionCode: string,
  from: string,
  to: string,
  unitIds?: readonly number[],
): Promise<StoredStaffingRow[]> {
  let query = db
    .selectFrom("staffing")
    .select([
      "unit_id as unitId",
      "month",
      "profession",
      "employment",
      sql<string>`fte::text`.as("fte"),
      sql<string | null>`agency_cost_ore::text`.as("agencyCostOre"),
    ])
    .where("region_code", "=", regionCode)
    .where("month", ">=", from)
    .where("month", "<=", to);
  if (unitIds !== undefined) {
    if (unitIds.length === 0) return [];
    query = query.where("unit_id", "in", unitIds);
  }
  return query.orderBy("month").orderBy("unit_id").orderBy("profession").orderBy("employment").execute();
}

/** The latest month at or before `month` with staffing rows for the unit (the form's prefill). */
export async function findLatestStaffedMonthBefore(
  db: Db,
  unitId: number,
  month: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("staffing")
    .select(sql<string>`max(month)`.as("month"))
    .where("unit_id", "=", unitId)
    .where("month", "<", month)
    .executeTakeFirst();
  return row?.month ?? null;
}

/** Listed per unit and month: the sum of the listing rows (a unit with no row has 0). */
export async function findListedPerUnitMonth(
  db: Db,
  regionCode: string,
  from: string,
  to: string,
): Promise<{ unitId: number; month: string; listed: string }[]> {
  return db
    .selectFrom("reimbursement_listing")
    .select(["unit_id as unitId", "month", sql<string>`sum(count)::text`.as("listed")])
    .where("region_code", "=", regionCode)
    .where("month", ">=", from)
    .where("month", "<=", to)
    .groupBy(["unit_id", "month"])
    .execute();
}

/** ACG and CNI indices up to `to`, so each month can take the latest at or before it. */
export async function findNeedIndices(
  db: Db,
  regionCode: string,
  to: string,
): Promise<{ unitId: number; month: string; name: string; value: string }[]> {
  return db
    .selectFrom("reimbursement_indices")
    .select(["unit_id as unitId", "month", "name", "value"])
    .where("region_code", "=", regionCode)
    .where("name", "in", ["acg", "cni"])
    .where("month", "<=", to)
    .orderBy("unit_id")
    .orderBy("month")
    .execute();
}

/** The first month with any contact in the region's rollups, or null. */
export async function findFirstContactMonth(db: Db, regionCode: string): Promise<string | null> {
  const row = await db
    .selectFrom("stats_unit_day")
    .select(sql<string | null>`to_char(min(day), 'YYYY-MM')`.as("month"))
    .where("region_code", "=", regionCode)
    .where((eb) => eb.or([eb("offered", ">", 0), eb("contacts", ">", 0)]))
    .executeTakeFirst();
  return row?.month ?? null;
}

/** SKR and resident counts summed over units and a span of whole months, from the rollups. */
export async function sumAccessibility(
  db: Db,
  regionCode: string,
  unitIds: readonly number[],
  span: { from: string; to: string },
): Promise<{ offered: bigint; answeredSameDay: bigint; contacts: bigint; respondedSameDay: bigint }> {
  if (unitIds.length === 0) return { offered: 0n, answeredSameDay: 0n, contacts: 0n, respondedSameDay: 0n };
  const row = await db
    .selectFrom("stats_unit_day")
    .select([
      sql<string>`coalesce(sum(offered), 0)::text`.as("offered"),
      sql<string>`coalesce(sum(answered_same_day), 0)::text`.as("answeredSameDay"),
      sql<string>`coalesce(sum(contacts), 0)::text`.as("contacts"),
      sql<string>`coalesce(sum(responded_same_day), 0)::text`.as("respondedSameDay"),
    ])
    .where("region_code", "=", regionCode)
    .where("unit_id", "in", unitIds)
    .where("day", ">=", `${span.from}-01`)
    .where(sql<boolean>`day < (${`${span.to}-01`}::date + interval '1 month')`)
    .executeTakeFirstOrThrow();
  return {
    offered: BigInt(row.offered),
    answeredSameDay: BigInt(row.answeredSameDay),
    contacts: BigInt(row.contacts),
    respondedSameDay: BigInt(row.respondedSameDay),
  };
}

/** Approved runs' result texts of a region (the grant's amounts paid to date). */
export async function findApprovedRunResults(
  db: Db,
  regionCode: string,
): Promise<{ month: string; result: string }[]> {
  return db
    .selectFrom("reimbursement_runs")
    .select(["month", "result"])
    .where("region_code", "=", regionCode)
    .where("status", "=", "approved")
    .orderBy("month")
    .execute();
}

/** Every stored model version of the region with its model JSON, newest first. */
export async function findModelsNewestFirst(
  db: Db,
  regionCode: string,
): Promise<{ modelId: string; version: number; validFrom: string; model: Record<string, unknown> }[]> {
  return db
    .selectFrom("reimbursement_models")
    .select(["model_id as modelId", "version", "valid_from as validFrom", "model"])
    .where("region_code", "=", regionCode)
    .where("purpose", "=", "payment")
    .orderBy("valid_from", "desc")
    .orderBy("version", "desc")
    .orderBy("id", "desc")
    .execute();
}
