import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, StaffAlertKind } from "../../db/schema.ts";

export interface NewStaffAlert {
  regionCode: string;
  unitId: number;
  contactId: string;
  kind: StaffAlertKind;
  message: string;
  deadline: Date | null;
  suggestedUnitId: number | null;
  createdAt: Date;
}

/** One alert per contact and kind: a sweep that runs again (or on two servers) adds nothing. */
export async function insertStaffAlert(trx: Transaction<Database>, alert: NewStaffAlert): Promise<boolean> {
  const result = await trx
    .insertInto("staff_alerts")
    .values({
      region_code: alert.regionCode,
      unit_id: alert.unitId,
      contact_id: alert.contactId,
      kind: alert.kind,
      message: alert.message,
      deadline: alert.deadline,
      suggested_unit_id: alert.suggestedUnitId,
      created_at: alert.createdAt,
    })
    .onConflict((oc) => oc.columns(["contact_id", "kind"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export interface AlertView {
  id: string;
  region_code: string;
  kind: StaffAlertKind;
  contact_id: string;
  message: string;
  deadline: Date | null;
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  unit_id: number;
  unit_hsa_id: string;
  unit_name: string;
  suggested_hsa_id: string | null;
  suggested_name: string | null;
}

export async function findAlerts(
  db: Kysely<Database>,
  filter: {
    regionCodes: "all" | string[];
    unitIds: "all" | number[];
    openOnly: boolean;
    since: Date;
    limit: number;
  },
): Promise<AlertView[]> {
  let query = db
    .selectFrom("staff_alerts as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .leftJoin("units as s", "s.id", "a.suggested_unit_id")
    .leftJoin("users as ack", "ack.id", "a.acknowledged_by")
    .select([
      sql<string>`a.id::text`.as("id"),
      "a.region_code",
      "a.kind",
      sql<string>`a.contact_id::text`.as("contact_id"),
      "a.message",
      "a.deadline",
      "a.created_at",
      "a.acknowledged_at",
      "ack.display_name as acknowledged_by_name",
      "a.unit_id",
      "u.hsa_id as unit_hsa_id",
      "u.name as unit_name",
      "s.hsa_id as suggested_hsa_id",
      "s.name as suggested_name",
    ])
    .where("a.created_at", ">=", filter.since)
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(filter.limit);
  if (filter.regionCodes !== "all") {
    if (filter.regionCodes.length === 0) return [];
    query = query.where("a.region_code", "in", filter.regionCodes);
  }
  if (filter.unitIds !== "all") {
    if (filter.unitIds.length === 0) return [];
    query = query.where("a.unit_id", "in", filter.unitIds);
  }
  if (filter.openOnly) query = query.where("a.acknowledged_at", "is", null);
  return (await query.execute()) as AlertView[];
}

export async function findAlertForUpdate(trx: Transaction<Database>, id: bigint) {
  return trx
    .selectFrom("staff_alerts as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["a.id", "a.region_code", "a.unit_id", "a.kind", "a.contact_id", "a.acknowledged_at", "u.hsa_id"])
    .where("a.id", "=", id)
    .forUpdate("a")
    .executeTakeFirst();
}

export async function acknowledgeAlert(
  trx: Transaction<Database>,
  id: bigint,
  userId: number | null,
  at: Date,
) {
  await trx
    .updateTable("staff_alerts")
    .set({ acknowledged_at: at, acknowledged_by: userId })
    .where("id", "=", id)
    .execute();
}
