// The unit manager's monthly staffing report (issue 8, item 1): their own units only, prefilled from the
// latest earlier month so that a month without changes is one click. Saving replaces the unit's month:
// rows left out are removed, and every replaced or removed row is kept in staffing_history.
import type { StaffingEmployment, StaffingProfession } from "../../db/schema.ts";
import { isMonth } from "../../domain/reimbursement/index.ts";
import { AppError, type ValidationIssue } from "../../errors.ts";
import { type Actor, assertRegionAccess } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit } from "../audit/audit.service.ts";
import * as repo from "./staffing.repository.ts";
import { parseStaffingFields } from "./staffing-import.service.ts";

export interface StaffingFormRow {
  profession: StaffingProfession;
  employment: StaffingEmployment;
  fte: string;
  agencyCostSek: string | null;
}

export interface StaffingForm {
  unitHsaId: string;
  unitName: string;
  month: string;
  /** stored: the month's own rows; prefilled: copied from `prefilledFrom`; empty: nothing to start from. */
  source: "stored" | "prefilled" | "empty";
  prefilledFrom: string | null;
  rows: StaffingFormRow[];
}

async function unitForForm(ctx: ServiceContext, actor: Actor, unitHsaId: string): Promise<repo.StaffingUnit> {
  const unit = (await repo.findUnitsByHsaId(ctx.db)).get(unitHsaId);
  if (unit === undefined || unit.type === "backup")
    throw new AppError("not_found", `Unit ${unitHsaId} is not a care unit.`, { unitHsaId });
  if (actor.role === "unit_manager" && actor.unitIds.includes(unit.id)) return unit;
  if (actor.role === "region_admin" || actor.role === "system_admin") {
    assertRegionAccess(actor, unit.regionCode);
    return unit;
  }
  throw new AppError(
    "forbidden",
    `Only the unit's manager or the region's administration reports staffing of ${unitHsaId}.`,
    {
      unitHsaId,
    },
  );
}

/** Whole öre as kronor with two decimals ("21250000" → "212500.00"), exactly. */
function oreToKronor(text: string): string {
  const ore = BigInt(text);
  return `${ore / 100n}.${(ore % 100n).toString().padStart(2, "0")}`;
}

async function rowsOf(
  ctx: ServiceContext,
  unit: repo.StaffingUnit,
  month: string,
): Promise<StaffingFormRow[]> {
  const rows = await repo.findStaffing(ctx.db, unit.regionCode, month, month, [unit.id]);
  return rows.map((r) => ({
    profession: r.profession,
    employment: r.employment,
    fte: r.fte,
    agencyCostSek: r.agencyCostOre === null ? null : oreToKronor(r.agencyCostOre),
  }));
}

export async function getStaffingForm(
  ctx: ServiceContext,
  actor: Actor,
  query: { unitHsaId: string; month: string },
): Promise<StaffingForm> {
  if (!isMonth(query.month))
    throw new AppError("validation_failed", "month is not a month YYYY-MM.", {
      issues: [{ path: "month", message: "expected a month YYYY-MM" }],
    });
  const unit = await unitForForm(ctx, actor, query.unitHsaId);
  const base = { unitHsaId: unit.hsaId, unitName: unit.name, month: query.month };
  const own = await rowsOf(ctx, unit, query.month);
  if (own.length > 0) return { ...base, source: "stored", prefilledFrom: null, rows: own };
  const earlier = await repo.findLatestStaffedMonthBefore(ctx.db, unit.id, query.month);
  if (earlier === null) return { ...base, source: "empty", prefilledFrom: null, rows: [] };
  return { ...base, source: "prefilled", prefilledFrom: earlier, rows: await rowsOf(ctx, unit, earlier) };
}

/** Saves the unit's month as the form lists it (validated as the file rows are); audited. */
export async function saveStaffingForm(
  ctx: ServiceContext,
  actor: Actor,
  input: { unitHsaId: string; month: string; rows: StaffingFormRow[] },
  purpose: string,
): Promise<StaffingForm> {
  const unit = await unitForForm(ctx, actor, input.unitHsaId);
  const issues: ValidationIssue[] = [];
  const writes: repo.StaffingWrite[] = [];
  const seen = new Set<string>();
  input.rows.forEach((row, i) => {
    const parsed = parseStaffingFields(
      {
        month: input.month,
        profession: row.profession,
        employment: row.employment,
        fte: row.fte,
        agency_cost_sek: row.agencyCostSek ?? "",
      },
      unit,
    );
    if (!parsed.ok) issues.push({ path: `rows[${i}]`, message: parsed.reason });
    else if (seen.has(parsed.key))
      issues.push({ path: `rows[${i}]`, message: `${row.profession} ${row.employment} is listed twice` });
    else {
      seen.add(parsed.key);
      writes.push(parsed.row);
    }
  });
  if (!isMonth(input.month)) issues.unshift({ path: "month", message: "expected a month YYYY-MM" });
  if (issues.length > 0)
    throw new AppError("validation_failed", "The staffing report is not valid.", { issues });
  const at = new Date(ctx.clock.now().epochMilliseconds);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await repo.removeOtherRowsOfUnitMonth(
      trx,
      { regionCode: unit.regionCode, unitId: unit.id, month: input.month },
      writes,
      actor.username,
      at,
    );
    const { inserted, updated } = await repo.upsertStaffing(trx, writes, "form", actor.username, at);
    await recordAudit(trx, ctx, actor, {
      action: "staffing.report",
      entityType: "unit",
      entityId: unit.hsaId,
      regionCode: unit.regionCode,
      purpose,
      details: { month: input.month, inserted, updated, removed },
    });
  });
  return getStaffingForm(ctx, actor, { unitHsaId: unit.hsaId, month: input.month });
}
