import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

export async function findRegion(
  db: Kysely<Database>,
  regionCode: string,
): Promise<{ code: string; name: string } | undefined> {
  return db.selectFrom("regions").select(["code", "name"]).where("code", "=", regionCode).executeTakeFirst();
}

export async function findRegions(db: Kysely<Database>): Promise<{ code: string; name: string }[]> {
  return db.selectFrom("regions").select(["code", "name"]).orderBy("code").execute();
}

/** The months ("YYYY-MM") before `beforeDate` in which the region has any rollup row, newest first. */
export async function findMonthsWithFigures(
  db: Kysely<Database>,
  regionCode: string,
  beforeDate: string,
): Promise<string[]> {
  const result = await sql<{ month: string }>`
    select distinct to_char(day, 'YYYY-MM') as month from stats_unit_day
    where region_code = ${regionCode} and day < ${beforeDate}::date
    order by 1 desc`.execute(db);
  return result.rows.map((r) => String(r.month));
}
