// Scenarios: one month under two models, nothing stored.

import {
  monthInRange,
  type ReimbursementModel,
  type ReimbursementResult,
} from "../../domain/reimbursement/index.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import * as repo from "./reimbursement.repository.ts";
import type { ScenarioComparison } from "./reimbursement.schemas.ts";
import { assertMonth, assertPerUnitReader, assertRegion } from "./reimbursement-access.ts";
import { type ModelRow, resolveModel } from "./reimbursement-models.service.ts";
import { runEngine } from "./reimbursement-runs.service.ts";
import { buildSnapshot } from "./reimbursement-snapshot.service.ts";

export type { ScenarioComparison };
export type ScenarioRow = ScenarioComparison["rows"][number];

/**
 * A scenario asks "what would this month pay under that model", also for a model of another year (the
 * 2025 model against March 2026): its validity is stretched to the month, with a note. Grant periods stay
 * as they are. Payment runs never do this; the engine refuses a month outside the model's validity.
 */
function coveringMonth(row: ModelRow, month: string, notes: string[]): ReimbursementModel {
  const model = row.model as unknown as ReimbursementModel;
  if (monthInRange(month, model.validFrom, model.validTo)) return model;
  notes.push(
    `model ${model.id} (valid ${model.validFrom}–${model.validTo ?? ""}) applied to ${month} for the comparison`,
  );
  return {
    ...model,
    validFrom: month < model.validFrom ? month : model.validFrom,
    validTo: model.validTo !== null && month > model.validTo ? month : model.validTo,
  };
}

/**
 * The month's snapshot under two models, per unit and component (the union of both models' components,
 * 0 where a model has none), with B − A. Nothing is stored: a scenario is a question, not a payment.
 */
export async function compareModels(
  ctx: ServiceContext,
  by: AuditActor,
  input: { region: string; month: string; modelA: string | number; modelB: string | number },
): Promise<ScenarioComparison> {
  assertMonth(input.month);
  assertPerUnitReader(by, input.region);
  await assertRegion(ctx.db, input.region);
  const a = await resolveModel(ctx.db, input.region, input.month, input.modelA);
  const b = await resolveModel(ctx.db, input.region, input.month, input.modelB);
  const snapA = await buildSnapshot(ctx.db, input.region, input.month, a.same_day_rate_kind);
  const snapB =
    b.same_day_rate_kind === a.same_day_rate_kind
      ? snapA
      : await buildSnapshot(ctx.db, input.region, input.month, b.same_day_rate_kind);
  const notes = [...snapA.notes];
  if (snapB !== snapA)
    notes.push(`the models use different same-day rates (${a.same_day_rate_kind}, ${b.same_day_rate_kind})`);
  const resultA = runEngine(coveringMonth(a, input.month, notes), snapA.snapshot);
  const resultB = runEngine(coveringMonth(b, input.month, notes), snapB.snapshot);
  const names = new Map((await repo.findPayableUnits(ctx.db, input.region)).map((u) => [u.hsaId, u.name]));
  const componentIds = [...resultA.components.map((c) => c.component)];
  for (const c of resultB.components) if (!componentIds.includes(c.component)) componentIds.push(c.component);
  const amounts = (result: ReimbursementResult) => {
    const map = new Map<string, bigint>();
    for (const unit of result.units)
      for (const line of unit.lines) map.set(`${unit.hsaId}\u0000${line.component}`, BigInt(line.amountOre));
    return map;
  };
  const amountsA = amounts(resultA);
  const amountsB = amounts(resultB);
  const hsaIds = [...new Set([...resultA.units, ...resultB.units].map((u) => u.hsaId))].sort();
  const rows: ScenarioRow[] = [];
  const totals = new Map<string, { a: bigint; b: bigint }>(componentIds.map((id) => [id, { a: 0n, b: 0n }]));
  for (const hsaId of hsaIds) {
    for (const component of componentIds) {
      const aOre = amountsA.get(`${hsaId}\u0000${component}`) ?? 0n;
      const bOre = amountsB.get(`${hsaId}\u0000${component}`) ?? 0n;
      const t = totals.get(component) as { a: bigint; b: bigint };
      t.a += aOre;
      t.b += bOre;
      rows.push({
        hsaId,
        unitName: names.get(hsaId) ?? hsaId,
        component,
        aOre: aOre.toString(),
        bOre: bOre.toString(),
        diffOre: (bOre - aOre).toString(),
      });
    }
  }
  let totalA = 0n;
  let totalB = 0n;
  const totalRows = componentIds.map((component) => {
    const t = totals.get(component) as { a: bigint; b: bigint };
    totalA += t.a;
    totalB += t.b;
    return { component, aOre: t.a.toString(), bOre: t.b.toString(), diffOre: (t.b - t.a).toString() };
  });
  totalRows.push({
    component: "total",
    aOre: totalA.toString(),
    bOre: totalB.toString(),
    diffOre: (totalB - totalA).toString(),
  });
  return {
    region: input.region,
    month: input.month,
    modelA: { id: a.id, modelId: a.model_id, version: a.version, inputsSha256: resultA.inputsSha256 },
    modelB: { id: b.id, modelId: b.model_id, version: b.version, inputsSha256: resultB.inputsSha256 },
    rows,
    totals: totalRows,
    notes,
  };
}
