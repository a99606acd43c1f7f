import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** The region's units the forecast covers (not the backup team), with their stored handle time. */
export async function findForecastUnits(db: Kysely<Database>, regionCode: string, unitHsaId?: string) {
  let unitsQuery = db
    .selectFrom("units")
    .leftJoin("unit_handle_minutes as h", "h.unit_id", "units.id")
    .select([
      "units.id",
      "units.hsa_id",
      "units.name",
      "units.phone_hours",
      "units.opening_hours",
      "units.closed_dates",
      "units.open_dates",
      "units.callback_slot_minutes",
      "units.callback_calls_per_slot",
      "h.handle_minutes",
    ])
    .where("units.region_code", "=", regionCode)
    .where("units.type", "<>", "backup")
    .orderBy("units.hsa_id");
  if (unitHsaId !== undefined) unitsQuery = unitsQuery.where("units.hsa_id", "=", unitHsaId);
  return unitsQuery.execute();
}

/** A unit's handle time (minutes per contact); `at` is the injected clock's time. */
export async function saveHandleMinutes(
  db: Kysely<Database>,
  input: { unitId: number; regionCode: string; handleMinutes: number; at: Date },
): Promise<void> {
  await db
    .insertInto("unit_handle_minutes")
    .values({ unit_id: input.unitId, region_code: input.regionCode, handle_minutes: input.handleMinutes })
    .onConflict((oc) =>
      oc.column("unit_id").doUpdateSet({ handle_minutes: input.handleMinutes, updated_at: input.at }),
    )
    .execute();
}
