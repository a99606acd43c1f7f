import { type Kysely, sql } from "kysely";
import type { Database, UnitRow } from "../../db/schema.ts";

export async function findRegion(db: Kysely<Database>, code: string) {
  return db.selectFrom("regions").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function findRegions(db: Kysely<Database>, codes: "all" | string[]) {
  let q = db.selectFrom("regions").selectAll().orderBy("code");
  if (codes !== "all") {
    if (codes.length === 0) return [];
    q = q.where("code", "in", codes);
  }
  return q.execute();
}

export async function upsertRegion(
  db: Kysely<Database>,
  region: { code: string; name: string; isDemo: boolean },
  at: Date,
) {
  await db
    .insertInto("regions")
    .values({ code: region.code, name: region.name, is_demo: region.isDemo })
    .onConflict((oc) =>
      oc.column("code").doUpdateSet({ name: region.name, is_demo: region.isDemo, updated_at: at }),
    )
    .execute();
}

export async function upsertProvider(
  db: Kysely<Database>,
  provider: { regionCode: string; name: string; orgNr: string },
): Promise<number> {
  const row = await db
    .insertInto("providers")
    .values({ region_code: provider.regionCode, name: provider.name, org_nr: provider.orgNr })
    .onConflict((oc) => oc.columns(["region_code", "org_nr"]).doUpdateSet({ name: provider.name }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUnitsByHsaIds(db: Kysely<Database>, hsaIds: string[]) {
  if (hsaIds.length === 0) return [];
  return db
    .selectFrom("units")
    .select(["id", "hsa_id", "region_code"])
    .where("hsa_id", "in", hsaIds)
    .execute();
}

export type UnitWrite = Omit<UnitRow, "id" | "created_at" | "updated_at">;

function unitValues(unit: UnitWrite) {
  return {
    ...unit,
    phone_hours: JSON.stringify(unit.phone_hours),
    opening_hours: JSON.stringify(unit.opening_hours),
    closed_dates: JSON.stringify(unit.closed_dates),
    open_dates: JSON.stringify(unit.open_dates),
  };
}

/** Creates or updates a unit by HSA-id; returns whether it was created. */
export async function upsertUnit(
  db: Kysely<Database>,
  unit: UnitWrite,
  at: Date,
): Promise<"created" | "updated"> {
  const values = unitValues(unit);
  const row = await db
    .insertInto("units")
    .values(values)
    .onConflict((oc) => oc.column("hsa_id").doUpdateSet({ ...values, updated_at: at }))
    .returning(sql<string>`xmax::text`.as("xmax"))
    .executeTakeFirstOrThrow();
  // xmax is 0 for a freshly inserted row version and non-zero when ON CONFLICT updated an existing one.
  return row.xmax === "0" ? "created" : "updated";
}

export interface UnitWithProvider extends UnitRow {
  provider_name: string;
  provider_org_nr: string;
}

const unitColumns = [
  "units.id",
  "units.region_code",
  "units.hsa_id",
  "units.name",
  "units.type",
  "units.ownership",
  "units.provider_id",
  "units.kommun_code",
  "units.lat",
  "units.lon",
  "units.phone_hours",
  "units.opening_hours",
  "units.closed_dates",
  "units.open_dates",
  "units.callback_slot_minutes",
  "units.callback_calls_per_slot",
  "units.created_at",
  "units.updated_at",
  "providers.name as provider_name",
  "providers.org_nr as provider_org_nr",
] as const;

export async function findUnitsOfRegion(
  db: Kysely<Database>,
  regionCode: string,
): Promise<UnitWithProvider[]> {
  return db
    .selectFrom("units")
    .innerJoin("providers", "providers.id", "units.provider_id")
    .select(unitColumns)
    .where("units.region_code", "=", regionCode)
    .orderBy("units.name")
    .execute();
}

export async function findUnitByHsaId(
  db: Kysely<Database>,
  hsaId: string,
): Promise<UnitWithProvider | undefined> {
  return db
    .selectFrom("units")
    .innerJoin("providers", "providers.id", "units.provider_id")
    .select(unitColumns)
    .where("units.hsa_id", "=", hsaId)
    .executeTakeFirst();
}

export async function findStaffOfUnit(db: Kysely<Database>, unitId: number) {
  return db
    .selectFrom("user_units")
    .innerJoin("users", "users.id", "user_units.user_id")
    .select(["users.id", "users.username", "users.display_name", "users.role", "users.disabled_at"])
    .where("user_units.unit_id", "=", unitId)
    .orderBy("users.display_name")
    .execute();
}

/** Units a resident can contact (not the backup team), by name; of one region or of all. */
export async function findResidentUnits(db: Kysely<Database>, regionCode?: string) {
  let select = db
    .selectFrom("units")
    .select(["hsa_id", "name", "kommun_code", "region_code"])
    .where("type", "in", ["halsocentral", "sjukstuga", "filial"]);
  if (regionCode) select = select.where("region_code", "=", regionCode);
  return select.orderBy("name").execute();
}

/** Whether any region holds demo data. */
export async function hasDemoRegion(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom("regions")
    .select((eb) => eb.fn.countAll<bigint>().as("n"))
    .where("is_demo", "=", true)
    .executeTakeFirstOrThrow();
  return Number(row.n) > 0;
}

/** A trivial query: answers when the database does. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
