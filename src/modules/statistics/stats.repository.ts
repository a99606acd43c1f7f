import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  type AccessibilityCounters,
  emptyCounters,
  type PeriodGranularity,
} from "../../domain/statistics/index.ts";
import { AppError } from "../../errors.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { DAY_COLUMNS } from "./rollups.repository.ts";

// Reads of the rollups only: a region-month question touches (units × days) rollup rows, never contacts.

export interface CounterRow {
  unitId: number;
  hsaId: string;
  unitName: string;
  period: string;
  counters: AccessibilityCounters;
}

/** The periods the statistics group by: FORMATS.md's day, month and year, and the quarter ("2026Q1"). */
export type StatsGranularity = PeriodGranularity | "quarter";

const PERIOD_SQL: Record<StatsGranularity, string> = {
  day: "to_char(d.day, 'YYYY-MM-DD')",
  month: "to_char(d.day, 'YYYY-MM')",
  quarter: "to_char(d.day, 'YYYY\"Q\"Q')",
  year: "to_char(d.day, 'YYYY')",
};

export async function findAccessibilityCounters(
  db: Kysely<Database>,
  query: { regionCode: string; from: string; to: string; by: StatsGranularity; unitId?: number | undefined },
): Promise<CounterRow[]> {
  const sums = DAY_COLUMNS.map(([, column]) => `sum(d.${column})::integer as ${column}`).join(", ");
  const period = sql.raw(PERIOD_SQL[query.by]);
  const unitFilter = query.unitId === undefined ? sql`` : sql`and d.unit_id = ${query.unitId}`;
  const result = await sql<Record<string, number | string>>`
    select d.unit_id, u.hsa_id, u.name, ${period} as period, ${sql.raw(sums)}
    from stats_unit_day d join units u on u.id = d.unit_id and u.region_code = d.region_code
    where d.region_code = ${query.regionCode} and d.day >= ${query.from}::date and d.day <= ${query.to}::date
      ${unitFilter}
    group by d.unit_id, u.hsa_id, u.name, ${period}
    order by 4, u.hsa_id`.execute(db);
  return result.rows.map((r) => {
    const counters = emptyCounters();
    for (const [name, column] of DAY_COLUMNS) counters[name] = Number(r[column] ?? 0);
    return {
      unitId: Number(r.unit_id),
      hsaId: String(r.hsa_id),
      unitName: String(r.name),
      period: String(r.period),
      counters,
    };
  });
}

export interface HeatmapCell {
  weekday: number;
  hour: number;
  contacts: number;
  unanswered: number;
}

/** ISO weekday (1 = Monday) × Stockholm hour of receipt, summed over the period. */
export async function findHeatmap(
  db: Kysely<Database>,
  query: { regionCode: string; from: string; to: string; unitId?: number | undefined },
): Promise<HeatmapCell[]> {
  const unitFilter = query.unitId === undefined ? sql`` : sql`and unit_id = ${query.unitId}`;
  const result = await sql<{ weekday: number; hour: number; contacts: number; unanswered: number }>`
    select extract(isodow from day)::integer as weekday, hour::integer as hour,
      sum(contacts)::integer as contacts, sum(unanswered)::integer as unanswered
    from stats_unit_hour
    where region_code = ${query.regionCode} and day >= ${query.from}::date and day <= ${query.to}::date ${unitFilter}
    group by 1, 2 order by 1, 2`.execute(db);
  return result.rows.map((r) => ({
    weekday: Number(r.weekday),
    hour: Number(r.hour),
    contacts: Number(r.contacts),
    unanswered: Number(r.unanswered),
  }));
}

/** Contacts per unit, date and hour, for the forecast's history. */
export async function findHourlyHistory(
  db: Kysely<Database>,
  query: { regionCode: string; from: string; to: string; unitId?: number | undefined },
): Promise<{ unitId: number; day: string; hour: number; contacts: number }[]> {
  const unitFilter = query.unitId === undefined ? sql`` : sql`and unit_id = ${query.unitId}`;
  const result = await sql<{ unit_id: number; day: string; hour: number; contacts: number }>`
    select unit_id, day, hour::integer as hour, contacts
    from stats_unit_hour
    where region_code = ${query.regionCode} and day >= ${query.from}::date and day <= ${query.to}::date
      and contacts <> 0 ${unitFilter}`.execute(db);
  return result.rows.map((r) => ({
    unitId: Number(r.unit_id),
    day: String(r.day),
    hour: Number(r.hour),
    contacts: Number(r.contacts),
  }));
}

/** The id of a unit of the region, or not_found. */
export async function unitIdOf(db: Kysely<Database>, regionCode: string, hsaId: string): Promise<number> {
  const unit = await findUnitByHsaId(db, hsaId);
  if (unit === undefined || unit.region_code !== regionCode)
    throw new AppError("not_found", `Unit ${hsaId} is not a unit of region ${regionCode}.`);
  return unit.id;
}

/** The national rows (region null) and, when a region is given, its own rows; by year. */
export async function findReferenceValueRows(
  db: Kysely<Database>,
  regionCode: string | null,
  years?: readonly number[],
) {
  let query = db
    .selectFrom("stats_reference_values")
    .select(["region_code", "year", "national_phone_rate", "goal"])
    .where((eb) =>
      regionCode === null
        ? eb("region_code", "is", null)
        : eb.or([eb("region_code", "is", null), eb("region_code", "=", regionCode)]),
    );
  if (years !== undefined && years.length > 0) query = query.where("year", "in", [...years]);
  return query.orderBy("year").execute();
}

export async function findOwnReferenceValue(db: Kysely<Database>, regionCode: string, year: number) {
  return db
    .selectFrom("stats_reference_values")
    .selectAll()
    .where("region_code", "=", regionCode)
    .where("year", "=", year)
    .executeTakeFirst();
}

export async function saveReferenceValue(
  db: Kysely<Database>,
  key: { regionCode: string; year: number; existingId: number | null },
  values: { national_phone_rate: number | null; goal: number; updated_at: Date; updated_by: string },
): Promise<void> {
  if (key.existingId === null) {
    await db
      .insertInto("stats_reference_values")
      .values({ region_code: key.regionCode, year: key.year, ...values })
      .execute();
  } else {
    await db.updateTable("stats_reference_values").set(values).where("id", "=", key.existingId).execute();
  }
}
