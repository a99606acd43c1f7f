import { type Kysely, sql } from "kysely";
import type { Database, Ownership, UnitType } from "../../db/schema.ts";
import type { ReimbursementResult } from "../../domain/reimbursement/types.ts";
import type { PromiseRecord, QuestionRecord } from "./committee.schemas.ts";

// SQL of the committee views. Contact figures come from the rollups (stats.repository.ts); here are the
// promises, the units with their kommun, the listing sums and the approved runs' payments.

type Db = Kysely<Database>;

export interface StoredPromise {
  key: string;
  text: string;
  source: string;
  startDate: string;
  measure: unknown;
  target: unknown;
}

export async function findPromiseRows(db: Db, regionCode: string): Promise<StoredPromise[]> {
  const rows = await db
    .selectFrom("committee_promises")
    .select(["key", "text", "source", "start_date", "measure", "target"])
    .where("region_code", "=", regionCode)
    .orderBy("position")
    .orderBy("key")
    .execute();
  return rows.map((r) => ({
    key: r.key,
    text: r.text,
    source: r.source,
    startDate: r.start_date,
    measure: r.measure,
    target: r.target,
  }));
}

export async function findQuestions(db: Db, regionCode: string): Promise<QuestionRecord[]> {
  return db
    .selectFrom("interpellation_questions")
    .select(["number", "text", "source"])
    .where("region_code", "=", regionCode)
    .orderBy("number")
    .execute();
}

/** Creates or replaces a promise by (region, key); `position` orders the list. */
export async function upsertPromise(
  db: Db,
  regionCode: string,
  record: PromiseRecord,
  position: number,
  at: Date,
): Promise<void> {
  const values = {
    text: record.text,
    source: record.source,
    start_date: record.startDate,
    measure: JSON.stringify(record.measure),
    target: JSON.stringify(record.target),
    position,
  };
  await db
    .insertInto("committee_promises")
    .values({ region_code: regionCode, key: record.key, ...values })
    .onConflict((oc) => oc.columns(["region_code", "key"]).doUpdateSet({ ...values, updated_at: at }))
    .execute();
}

export async function upsertQuestion(db: Db, regionCode: string, question: QuestionRecord): Promise<void> {
  await db
    .insertInto("interpellation_questions")
    .values({ region_code: regionCode, ...question })
    .onConflict((oc) =>
      oc.columns(["region_code", "number"]).doUpdateSet({ text: question.text, source: question.source }),
    )
    .execute();
}

export async function findRegionName(db: Db, regionCode: string): Promise<string | undefined> {
  const row = await db.selectFrom("regions").select("name").where("code", "=", regionCode).executeTakeFirst();
  return row?.name;
}

export interface CommitteeUnit {
  id: number;
  hsaId: string;
  name: string;
  type: UnitType;
  ownership: Ownership;
  kommunCode: string;
}

export async function findRegionUnits(db: Db, regionCode: string): Promise<CommitteeUnit[]> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "hsa_id", "name", "type", "ownership", "kommun_code"])
    .where("region_code", "=", regionCode)
    .orderBy("hsa_id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    hsaId: r.hsa_id,
    name: r.name,
    type: r.type,
    ownership: r.ownership,
    kommunCode: r.kommun_code,
  }));
}

/** Listed persons per unit and month (FORMATS.md "Listing": the sum of the unit's rows). */
export async function findListedByUnitMonth(
  db: Db,
  regionCode: string,
  months: readonly string[],
): Promise<{ unitId: number; month: string; listed: number }[]> {
  if (months.length === 0) return [];
  const rows = await db
    .selectFrom("reimbursement_listing")
    .select(["unit_id", "month", sql<string>`sum(count)`.as("listed")])
    .where("region_code", "=", regionCode)
    .where("month", "in", [...months])
    .groupBy(["unit_id", "month"])
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, month: r.month, listed: Number(r.listed) }));
}

/** The latest month with listing at or before `month`, or undefined. */
export async function findLatestListingMonth(
  db: Db,
  regionCode: string,
  month: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("reimbursement_listing")
    .select(sql<string>`max(month)`.as("month"))
    .where("region_code", "=", regionCode)
    .where("month", "<=", month)
    .executeTakeFirst();
  return row?.month ?? undefined;
}

/** The approved runs' results of the given months (a month without an approved run is absent). */
export async function findApprovedResults(
  db: Db,
  regionCode: string,
  months: readonly string[],
): Promise<{ month: string; result: ReimbursementResult }[]> {
  if (months.length === 0) return [];
  const rows = await db
    .selectFrom("reimbursement_runs")
    .select(["month", "result"])
    .where("region_code", "=", regionCode)
    .where("status", "=", "approved")
    .where("month", "in", [...months])
    .orderBy("month")
    .execute();
  return rows.map((r) => ({ month: r.month, result: JSON.parse(r.result) as ReimbursementResult }));
}
