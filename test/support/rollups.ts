import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { type AccessibilityCounters, emptyCounters } from "../../src/domain/statistics/index.ts";
import { DAY_COLUMNS } from "../../src/modules/statistics/rollups.repository.ts";

/**
 * Adds one day's counters for a unit straight into the rollups, as if its contacts had been imported:
 * suppression tests need exact denominators per unit, which are tedious to reach through contact rows.
 */
export async function addRollupDay(
  db: Kysely<Database>,
  hsaId: string,
  day: string,
  counters: Partial<AccessibilityCounters>,
): Promise<void> {
  const unit = await db
    .selectFrom("units")
    .select(["id", "region_code"])
    .where("hsa_id", "=", hsaId)
    .executeTakeFirstOrThrow();
  const full = { ...emptyCounters(), ...counters };
  const values: Record<string, number | string> = { region_code: unit.region_code, unit_id: unit.id, day };
  for (const [name, column] of DAY_COLUMNS) values[column] = full[name];
  await db
    .insertInto("stats_unit_day")
    .values(values as never)
    .execute();
}

/** A region file's unit, cloned from the example's first unit under another HSA-id and name. */
export function cloneUnit(
  template: Record<string, unknown>,
  hsaId: string,
  name: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...structuredClone(template), hsaId, name, ...overrides };
}
