// The close/open scenario (interpellation question 3): a unit closes and its listed move to named or
// nearest units, or a new unit opens and takes N listed from named units. The effect on each affected
// unit's listed per specialist and monthly Vårdval payment comes from the reimbursement engine itself,
// run on the month's snapshot (the approved run's, else one built from the month's inputs) before and
// after the moves with the same model. Residents have no address in Vårdnav, so a moved resident is
// placed at their old unit: the distance is the one between the two units (haversine).
import type { ReimbursementModel, ReimbursementSnapshot } from "../../domain/reimbursement/index.ts";
import { tryRunReimbursement } from "../../domain/reimbursement/index.ts";
import { listedPerSpecialist } from "../../domain/structure/ratio.ts";
import {
  applyMoves,
  listedOf,
  type Move,
  meanMovedKm,
  planClosure,
  planOpening,
  type ScenarioUnit,
} from "../../domain/structure/scenario.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { findPaymentModelsForMonth } from "../reimbursement/reimbursement.repository.ts";
import { buildSnapshot } from "../reimbursement/reimbursement.service.ts";
import { findSpecialistFteByUnit } from "./staffing-source.ts";
import * as repo from "./structure.repository.ts";
import {
  SCENARIO_NEW_UNIT_HSA_ID,
  type ScenarioInput,
  type StructureScenarioResponse,
} from "./structure.schemas.ts";
import { assertRegionExists, assertStructureReader, structureMonth } from "./structure.service.ts";

function oneDecimal(x: number): number {
  return Math.round(x * 10) / 10;
}

function engine(model: unknown, snapshot: ReimbursementSnapshot) {
  const outcome = tryRunReimbursement(model, snapshot);
  if (!outcome.ok)
    throw new AppError("validation_failed", "The model and the scenario's month do not fit together.", {
      issues: outcome.issues,
    });
  return outcome.result;
}

export async function runStructureScenario(
  ctx: ServiceContext,
  by: AuditActor,
  input: ScenarioInput,
): Promise<StructureScenarioResponse> {
  assertStructureReader(by, input.region);
  await assertRegionExists(ctx.db, input.region);
  const month = await structureMonth(ctx, input.region, input.month);
  const notes: string[] = [];
  const run = await repo.findApprovedRunWithModel(ctx.db, input.region, month);
  let snapshot: ReimbursementSnapshot;
  let model: ReimbursementModel;
  let basis: StructureScenarioResponse["basis"];
  if (run !== undefined) {
    snapshot = JSON.parse(run.snapshot) as ReimbursementSnapshot;
    model = run.model as unknown as ReimbursementModel;
    basis = "approved-run";
  } else {
    const row = (await findPaymentModelsForMonth(ctx.db, input.region, month))[0];
    if (row === undefined)
      throw new AppError("not_found", `No payment model of region ${input.region} is valid in ${month}.`, {
        month,
      });
    const built = await buildSnapshot(ctx.db, input.region, month, row.same_day_rate_kind);
    snapshot = built.snapshot;
    model = row.model as unknown as ReimbursementModel;
    basis = "inputs";
    notes.push(`No approved run for ${month}: the snapshot is built from the month's inputs.`);
  }
  const units = await repo.findStructureUnits(ctx.db, input.region);
  const byHsa = new Map(units.map((u) => [u.hsaId, u]));
  const snapshotUnits = new Map(snapshot.units.map((u) => [u.hsaId, u]));
  const scenarioUnits: ScenarioUnit[] = units.map((u) => ({
    hsaId: u.hsaId,
    lat: u.lat,
    lon: u.lon,
    listedByAge: { ...(snapshotUnits.get(u.hsaId)?.listedByAge ?? {}) },
  }));

  const names = new Map(units.map((u) => [u.hsaId, u.name]));
  let moves: Move[];
  let after: ReimbursementSnapshot;
  const fail = (error: unknown): never => {
    throw new AppError("bad_request", (error as Error).message);
  };
  const change = input.change;
  if (change.kind === "close") {
    if (!byHsa.has(change.unitHsaId))
      throw new AppError(
        "not_found",
        `Unit ${change.unitHsaId} is not a care unit of region ${input.region}.`,
      );
    for (const id of change.toHsaIds ?? [])
      if (!byHsa.has(id))
        throw new AppError("not_found", `Unit ${id} is not a care unit of region ${input.region}.`);
    const targets =
      change.toHsaIds !== undefined && change.toHsaIds.length > 0
        ? { kind: "named" as const, hsaIds: change.toHsaIds }
        : { kind: "nearest" as const, count: change.nearest };
    try {
      moves = planClosure(scenarioUnits, change.unitHsaId, targets);
    } catch (error) {
      moves = fail(error);
    }
    const listing = applyMoves(new Map(scenarioUnits.map((u) => [u.hsaId, u.listedByAge])), moves);
    // The closed unit stays in the snapshot with nobody listed: its grants and per-event lines still show.
    after = {
      ...snapshot,
      units: snapshot.units.map((u) => ({ ...u, listedByAge: listing.get(u.hsaId) ?? u.listedByAge })),
    };
  } else {
    names.set(SCENARIO_NEW_UNIT_HSA_ID, change.name);
    for (const t of change.takes)
      if (!byHsa.has(t.fromHsaId))
        throw new AppError("not_found", `Unit ${t.fromHsaId} is not a care unit of region ${input.region}.`);
    try {
      moves = planOpening(
        scenarioUnits,
        { hsaId: SCENARIO_NEW_UNIT_HSA_ID, lat: change.lat, lon: change.lon },
        change.takes,
      );
    } catch (error) {
      moves = fail(error);
    }
    const listing = applyMoves(new Map(scenarioUnits.map((u) => [u.hsaId, u.listedByAge])), moves);
    after = {
      ...snapshot,
      units: [
        ...snapshot.units.map((u) => ({ ...u, listedByAge: listing.get(u.hsaId) ?? u.listedByAge })),
        {
          hsaId: SCENARIO_NEW_UNIT_HSA_ID,
          listedByAge: listing.get(SCENARIO_NEW_UNIT_HSA_ID) ?? {},
          // Neutral casemix (1) for every index the capitation multiplies by: the new unit has none yet.
          indices: Object.fromEntries(
            model.components
              .flatMap((c) => (c.type === "capitation" ? (c.indices ?? []) : []))
              .map((name) => [name, "1"]),
          ),
          ruralPoints: change.ruralPoints,
          multimorbidIdentified: 0,
          homeVisits: 0,
          sameDayRate: "0",
        },
      ],
    };
    notes.push(
      "The new unit counts with index 1 and no reports or same-day rate: pools that key on them give it nothing in its first month.",
    );
  }

  const before = engine(model, snapshot);
  const afterResult = engine(model, after);
  const paidBefore = new Map(before.units.map((u) => [u.hsaId, BigInt(u.totalOre)]));
  const paidAfter = new Map(afterResult.units.map((u) => [u.hsaId, BigInt(u.totalOre)]));
  const staffing = await findSpecialistFteByUnit(ctx.db, input.region, month);
  if (!staffing.available)
    notes.push("No staffing is reported for this month: listed per specialist is not shown.");
  const fteOf = (hsaId: string): string | null => {
    if (hsaId === SCENARIO_NEW_UNIT_HSA_ID) return change.kind === "open" ? change.specialistFte : null;
    if (!staffing.available) return null;
    const unit = byHsa.get(hsaId);
    return unit === undefined ? null : (staffing.byUnit.get(unit.id) ?? "0");
  };
  const listedBefore = new Map(snapshot.units.map((u) => [u.hsaId, listedOf(u)]));
  const listedAfter = new Map(after.units.map((u) => [u.hsaId, listedOf(u)]));
  // Affected: every unit whose listing or payment changed (pools move money between all units).
  const affected = after.units
    .map((u) => u.hsaId)
    .filter(
      (id) =>
        (listedBefore.get(id) ?? 0) !== (listedAfter.get(id) ?? 0) ||
        (paidBefore.get(id) ?? 0n) !== (paidAfter.get(id) ?? 0n),
    );
  return {
    region: input.region,
    month,
    basis,
    model: before.model,
    moves: moves.map((m) => ({
      from: m.from,
      fromName: names.get(m.from) ?? m.from,
      to: m.to,
      toName: names.get(m.to) ?? m.to,
      count: m.count,
      km: oneDecimal(m.km),
    })),
    meanMovedKm: (() => {
      const km = meanMovedKm(moves);
      return km === null ? null : oneDecimal(km);
    })(),
    movedListed: moves.reduce((a, m) => a + m.count, 0),
    units: affected.map((id) => {
      const fte = fteOf(id);
      const lb = listedBefore.get(id) ?? 0;
      const la = listedAfter.get(id) ?? 0;
      const pb = paidBefore.get(id) ?? 0n;
      const pa = paidAfter.get(id) ?? 0n;
      return {
        hsaId: id,
        name: names.get(id) ?? id,
        isNewUnit: id === SCENARIO_NEW_UNIT_HSA_ID,
        listedBefore: lb,
        listedAfter: la,
        specialistFte: fte,
        listedPerSpecialistBefore:
          fte === null || id === SCENARIO_NEW_UNIT_HSA_ID ? null : listedPerSpecialist(lb, fte),
        listedPerSpecialistAfter: fte === null ? null : listedPerSpecialist(la, fte),
        paymentBeforeOre: pb.toString(),
        paymentAfterOre: pa.toString(),
        paymentDiffOre: (pa - pb).toString(),
      };
    }),
    totalBeforeOre: before.totalOre,
    totalAfterOre: afterResult.totalOre,
    notes,
  };
}
