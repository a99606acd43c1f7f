// The one place the unit structure reads physician staffing: each unit's specialist FTE of a month, both
// forms of employment (FORMATS.md "Physician staffing": gpFte), from the staffing register. A region that
// has reported no staffing for the month has no staffing figures: the answer says so (`available: false`)
// instead of pretending 0 FTE.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { parseDecimal } from "../../domain/reimbursement/rational.ts";
import { toFixedHalfAwayFromZero } from "../../domain/staffing/rounding.ts";

export interface SpecialistFte {
  available: boolean;
  /** Specialist FTE per unit id as exact decimal text; units without a staffing row are absent. */
  byUnit: Map<number, string>;
}

export async function findSpecialistFteByUnit(
  trx: Kysely<Database>,
  regionCode: string,
  month: string,
): Promise<SpecialistFte> {
  const reported = await trx
    .selectFrom("staffing")
    .select("unit_id")
    .where("region_code", "=", regionCode)
    .where("month", "=", month)
    .limit(1)
    .executeTakeFirst();
  if (reported === undefined) return { available: false, byUnit: new Map() };
  const rows = await trx
    .selectFrom("staffing")
    .select(["unit_id", (eb) => eb.fn.sum<string>("fte").as("fte")])
    .where("region_code", "=", regionCode)
    .where("month", "=", month)
    .where("profession", "=", "specialist_allmanmedicin")
    .groupBy("unit_id")
    .execute();
  // FTE as the staffing contract writes it: exactly two decimals, whatever scale the column has.
  return {
    available: true,
    byUnit: new Map(rows.map((r) => [r.unit_id, toFixedHalfAwayFromZero(parseDecimal(String(r.fte)), 2)])),
  };
}
