// Year summaries and the budget follow-up, from approved runs only.

import {
  type BudgetLineFigures,
  budgetLine,
  type ReimbursementModel,
  type ReimbursementResult,
} from "../../domain/reimbursement/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import * as repo from "./reimbursement.repository.ts";
import type { YearSummary } from "./reimbursement.schemas.ts";
import { assertAggregateReader, assertPerUnitReader } from "./reimbursement-access.ts";
import { loadModelRow } from "./reimbursement-models.service.ts";

export type { YearSummary };

/** Every approved month of the year added up per unit and component (a component keeps its first label). */
export async function yearSummary(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  year: string,
): Promise<YearSummary> {
  assertPerUnitReader(by, regionCode);
  if (!/^\d{4}$/.test(year)) throw new AppError("bad_request", `year ${year} is not YYYY.`);
  const runs = await repo.findApprovedRunsOfYear(ctx.db, regionCode, year);
  const names = new Map((await repo.findPayableUnits(ctx.db, regionCode)).map((u) => [u.hsaId, u.name]));
  const componentOrder: string[] = [];
  const componentTotals = new Map<string, { label: string; total: bigint; unallocated: bigint }>();
  const unitTotals = new Map<string, Map<string, bigint>>();
  let total = 0n;
  for (const run of runs) {
    const result = JSON.parse(run.result) as ReimbursementResult;
    for (const c of result.components) {
      let entry = componentTotals.get(c.component);
      if (entry === undefined) {
        entry = { label: c.label, total: 0n, unallocated: 0n };
        componentTotals.set(c.component, entry);
        componentOrder.push(c.component);
      }
      entry.total += BigInt(c.totalOre);
      entry.unallocated += BigInt(c.unallocatedOre);
    }
    for (const unit of result.units) {
      const own = unitTotals.get(unit.hsaId) ?? new Map<string, bigint>();
      for (const line of unit.lines)
        own.set(line.component, (own.get(line.component) ?? 0n) + BigInt(line.amountOre));
      unitTotals.set(unit.hsaId, own);
    }
    total += BigInt(result.totalOre);
  }
  return {
    region: regionCode,
    year,
    months: runs.map((r) => ({ month: r.month, runId: r.id })),
    components: componentOrder.map((id) => {
      const c = componentTotals.get(id) as { label: string; total: bigint; unallocated: bigint };
      return {
        component: id,
        label: c.label,
        totalOre: c.total.toString(),
        unallocatedOre: c.unallocated.toString(),
      };
    }),
    units: [...unitTotals.keys()].sort().map((hsaId) => {
      const own = unitTotals.get(hsaId) as Map<string, bigint>;
      let unitTotal = 0n;
      for (const v of own.values()) unitTotal += v;
      return {
        hsaId,
        unitName: names.get(hsaId) ?? hsaId,
        components: componentOrder.map((id) => ({ component: id, totalOre: (own.get(id) ?? 0n).toString() })),
        totalOre: unitTotal.toString(),
      };
    }),
    totalOre: total.toString(),
  };
}

/** One component's line of the budget follow-up (computed in src/domain/reimbursement/follow-up.ts). */
export type BudgetLine = BudgetLineFigures;

/**
 * Budget follow-up per component: what the approved months of the year paid against the budget line of
 * the model the latest approved month used. Home-care visits (perEvent) warn when they pass their budget
 * or are on course to.
 */
export async function budgetFollowUp(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  year: string,
): Promise<{
  region: string;
  year: string;
  months: string[];
  modelId: string | null;
  modelVersion: number | null;
  components: BudgetLine[];
}> {
  assertAggregateReader(by, regionCode);
  if (!/^\d{4}$/.test(year)) throw new AppError("bad_request", `year ${year} is not YYYY.`);
  const runs = await repo.findApprovedRunsOfYear(ctx.db, regionCode, year);
  const last = runs.at(-1);
  if (last === undefined)
    return { region: regionCode, year, months: [], modelId: null, modelVersion: null, components: [] };
  const model = (await loadModelRow(ctx.db, last.model_row_id)).model as unknown as ReimbursementModel;
  const paid = new Map<string, { total: bigint; unallocated: bigint }>();
  for (const run of runs) {
    const result = JSON.parse(run.result) as ReimbursementResult;
    for (const c of result.components) {
      const entry = paid.get(c.component) ?? { total: 0n, unallocated: 0n };
      entry.total += BigInt(c.totalOre);
      entry.unallocated += BigInt(c.unallocatedOre);
      paid.set(c.component, entry);
    }
  }
  const monthsCount = BigInt(runs.length);
  const components = model.components.map(
    (component): BudgetLine =>
      budgetLine(component, year, paid.get(component.id) ?? { total: 0n, unallocated: 0n }, monthsCount),
  );
  return {
    region: regionCode,
    year,
    months: runs.map((r) => r.month),
    modelId: last.model_id,
    modelVersion: last.model_version,
    components,
  };
}
