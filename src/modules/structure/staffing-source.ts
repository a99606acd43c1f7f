// The one place the unit structure reads physician staffing. The staffing register (vardnav-staffing-v1,
// FORMATS.md "Physician staffing") lives in its own table, `staffing` (region_code, unit_id, month
// 'YYYY-MM', profession, employment, fte numeric); the unit structure only needs each unit's specialist
// FTE of a month, both forms of employment (FORMATS.md: gpFte). When no staffing table exists in this
// database yet, there are no staffing figures: the answer says so (`available: false`) instead of
// pretending 0 FTE.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { parseDecimal } from "../../domain/reimbursement/rational.ts";
import { roundHalfAwayText } from "../../domain/structure/ratio.ts";

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
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass('staffing') is not null as present`.execute(trx);
  if (exists.rows[0]?.present !== true) return { available: false, byUnit: new Map() };
  const rows = await sql<{ unit_id: number; fte: string }>`
    select unit_id, sum(fte)::text as fte
    from staffing
    where region_code = ${regionCode} and month = ${month} and profession = 'specialist_allmanmedicin'
    group by unit_id`.execute(trx);
  // FTE as the staffing contract writes it: exactly two decimals, whatever scale the column has.
  return {
    available: true,
    byUnit: new Map(rows.rows.map((r) => [r.unit_id, roundHalfAwayText(parseDecimal(r.fte), 2)])),
  };
}
