// `vardnav grants effect` and GET /api/grants/effect (FORMATS.md "Targeted grants"): a grant component of
// the region's latest model version that has it, its units against the region's other care units, before
// and during the grant, as a difference in differences of summed counts. The accessibility counts come
// from the rollups, the staffing figures from the same inputs as `stats staffing`.
import { stockholmDateOf } from "../../domain/calendar/index.ts";
import { add, fromBigInt, type Rational, ZERO } from "../../domain/reimbursement/index.ts";
import {
  type Counts,
  grantPeriods,
  type MeasureCounts,
  type MonthSpan,
  measureResult,
  monthCount,
  toFixedHalfAwayFromZero,
  unitSums,
} from "../../domain/staffing/index.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import * as repo from "./staffing.repository.ts";
import { assertStaffingReader } from "./staffing-access.ts";
import { goalOf, staffingInputs } from "./staffing-stats.service.ts";

interface GrantEntry {
  unit: string;
  annualAmount: string;
  from: string;
  to: string;
}

export interface GrantComponent {
  componentId: string;
  label: string;
  modelId: string;
  modelVersion: number;
  grants: GrantEntry[];
}

/** The grant components of the region, each as in the latest model version that has it. */
async function grantComponents(ctx: ServiceContext, regionCode: string): Promise<GrantComponent[]> {
  const found = new Map<string, GrantComponent>();
  for (const row of await repo.findModelsNewestFirst(ctx.db, regionCode)) {
    const components = Array.isArray(row.model.components) ? row.model.components : [];
    for (const c of components as Record<string, unknown>[]) {
      if (c.type !== "grant" || typeof c.id !== "string" || found.has(c.id)) continue;
      found.set(c.id, {
        componentId: c.id,
        label: typeof c.label === "string" ? c.label : c.id,
        modelId: row.modelId,
        modelVersion: row.version,
        grants: Array.isArray(c.grants) ? (c.grants as GrantEntry[]) : [],
      });
    }
  }
  return [...found.values()].sort((a, b) => (a.componentId < b.componentId ? -1 : 1));
}

/** Öre paid per unit for the component in the region's approved runs. */
async function paidToDate(
  ctx: ServiceContext,
  regionCode: string,
  componentId: string,
): Promise<Map<string, bigint>> {
  const paid = new Map<string, bigint>();
  for (const run of await repo.findApprovedRunResults(ctx.db, regionCode)) {
    const result = JSON.parse(run.result) as {
      units?: { hsaId: string; lines: { component: string; amountOre: string }[] }[];
    };
    for (const unit of result.units ?? [])
      for (const line of unit.lines)
        if (line.component === componentId)
          paid.set(unit.hsaId, (paid.get(unit.hsaId) ?? 0n) + BigInt(line.amountOre));
  }
  return paid;
}

export interface GrantSummary {
  componentId: string;
  label: string;
  modelId: string;
  modelVersion: number;
  grants: (GrantEntry & { unitName: string | null; paidToDateOre: string })[];
  paidToDateOre: string;
}

/** Every targeted grant of the region: units, periods, annual amounts and what approved runs paid. */
export async function listGrants(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
): Promise<GrantSummary[]> {
  assertStaffingReader(by, regionCode);
  const units = new Map((await repo.findCareUnits(ctx.db, regionCode)).map((u) => [u.hsaId, u]));
  const out: GrantSummary[] = [];
  for (const component of await grantComponents(ctx, regionCode)) {
    const paid = await paidToDate(ctx, regionCode, component.componentId);
    let total = 0n;
    const grants = component.grants.map((g) => {
      total += paid.get(g.unit) ?? 0n;
      return {
        ...g,
        unitName: units.get(g.unit)?.name ?? null,
        paidToDateOre: (paid.get(g.unit) ?? 0n).toString(),
      };
    });
    out.push({ ...component, grants, paidToDateOre: total.toString() });
  }
  return out;
}

type Cell = { numerator: number | string | null; denominator: number | string | null; value: number | null };
export interface GrantEffectMeasure {
  measure: string;
  grant: { before: Cell; during: Cell };
  comparison: { before: Cell; during: Cell };
  did: number | null;
}

export interface GrantEffect {
  region: string;
  component: string;
  grantUnits: string[];
  comparisonUnits: number;
  before: MonthSpan | null;
  during: MonthSpan | null;
  measures: GrantEffectMeasure[];
  // Beyond the contract: what the page shows beside the figures.
  label: string;
  modelId: string;
  modelVersion: number;
  monthsBefore: number;
  monthsDuring: number;
  comparisonUnitHsaIds: string[];
  grants: GrantSummary["grants"];
  paidToDateOre: string;
}

const NONE: Counts = { numerator: ZERO, denominator: ZERO };
const count = (r: Rational) => Number(r.n / r.d);
const fte = (r: Rational) => toFixedHalfAwayFromZero(r, 2);
const SUPPRESSION_LIMIT = 20;

/**
 * The committee sees aggregates only: a group of one unit is a unit figure, so its contact counts follow
 * the suppression rule of FORMATS.md "Open data" (a denominator of 1–19 is withheld).
 */
function suppressSmallGroup(
  measure: GrantEffectMeasure,
  groupSizes: { grant: number; comparison: number },
): GrantEffectMeasure {
  const hide = (cell: Cell, size: number): Cell => {
    const d = typeof cell.denominator === "number" ? cell.denominator : 0;
    return size === 1 && d >= 1 && d < SUPPRESSION_LIMIT
      ? { numerator: null, denominator: null, value: null }
      : cell;
  };
  const grant = {
    before: hide(measure.grant.before, groupSizes.grant),
    during: hide(measure.grant.during, groupSizes.grant),
  };
  const comparison = {
    before: hide(measure.comparison.before, groupSizes.comparison),
    during: hide(measure.comparison.during, groupSizes.comparison),
  };
  const withheld = [grant.before, grant.during, comparison.before, comparison.during].some(
    (c) => c.value === null && c.denominator === null,
  );
  return { ...measure, grant, comparison, did: withheld ? null : measure.did };
}

/** The effect of one grant component (FORMATS.md JSON, with the extra fields after the contract's). */
export async function grantEffectFor(
  ctx: ServiceContext,
  by: AuditActor,
  query: { regionCode: string; componentId: string },
): Promise<GrantEffect> {
  assertStaffingReader(by, query.regionCode);
  const component = (await grantComponents(ctx, query.regionCode)).find(
    (c) => c.componentId === query.componentId,
  );
  if (component === undefined)
    throw new AppError(
      "not_found",
      `Region ${query.regionCode} has no grant component ${query.componentId} in any reimbursement model.`,
      { regionCode: query.regionCode, component: query.componentId },
    );
  const units = await repo.findCareUnits(ctx.db, query.regionCode);
  const grantHsaIds = [...new Set(component.grants.map((g) => g.unit))];
  const grantUnits = units.filter((u) => grantHsaIds.includes(u.hsaId));
  const comparisonUnits = units.filter((u) => !grantHsaIds.includes(u.hsaId));
  const today = stockholmDateOf(ctx.clock.now()).toString();
  const firstMonth = await repo.findFirstContactMonth(ctx.db, query.regionCode);
  const { before, during } = grantPeriods(component.grants, today, firstMonth);

  const accessibility = async (group: repo.StaffingUnit[], span: MonthSpan | null) =>
    span === null
      ? null
      : repo.sumAccessibility(
          ctx.db,
          query.regionCode,
          group.map((u) => u.id),
          span,
        );
  const [gb, gd, cb, cd] = await Promise.all([
    accessibility(grantUnits, before),
    accessibility(grantUnits, during),
    accessibility(comparisonUnits, before),
    accessibility(comparisonUnits, during),
  ]);
  const rate = (
    a: typeof gb,
    num: "answeredSameDay" | "respondedSameDay",
    den: "offered" | "contacts",
  ): Counts => (a === null ? NONE : { numerator: fromBigInt(a[num]), denominator: fromBigInt(a[den]) });
  const skr: MeasureCounts = {
    grant: { before: rate(gb, "answeredSameDay", "offered"), during: rate(gd, "answeredSameDay", "offered") },
    comparison: {
      before: rate(cb, "answeredSameDay", "offered"),
      during: rate(cd, "answeredSameDay", "offered"),
    },
  };
  const resident: MeasureCounts = {
    grant: {
      before: rate(gb, "respondedSameDay", "contacts"),
      during: rate(gd, "respondedSameDay", "contacts"),
    },
    comparison: {
      before: rate(cb, "respondedSameDay", "contacts"),
      during: rate(cd, "respondedSameDay", "contacts"),
    },
  };

  // Staffing: Σ monthly listed ÷ Σ monthly gpFte, and the agency part of the specialists.
  const goal = await goalOf(ctx, query.regionCode);
  const from = before?.from ?? during?.from;
  const to = during?.to ?? before?.to;
  const sums = new Map<string, { listed: Rational; gp: Rational; agency: Rational }>();
  if (from !== undefined && to !== undefined) {
    const { inputs } = await staffingInputs(ctx, query.regionCode, from, to);
    for (const input of inputs) {
      const group = grantHsaIds.includes(input.unitHsaId) ? "grant" : "comparison";
      const period =
        before !== null && input.month >= before.from && input.month <= before.to
          ? "before"
          : during !== null && input.month >= during.from && input.month <= during.to
            ? "during"
            : null;
      if (period === null) continue;
      const s = unitSums(input, goal);
      const key = `${group}|${period}`;
      const acc = sums.get(key) ?? { listed: ZERO, gp: ZERO, agency: ZERO };
      sums.set(key, {
        listed: add(acc.listed, fromBigInt(s.listed)),
        gp: add(acc.gp, s.gpFte),
        agency: add(acc.agency, s.gpAgencyFte),
      });
    }
  }
  const staffed = (group: string, period: string, what: "ratio" | "agency"): Counts => {
    const s = sums.get(`${group}|${period}`);
    if (s === undefined) return NONE;
    return what === "ratio"
      ? { numerator: s.listed, denominator: s.gp }
      : { numerator: s.agency, denominator: s.gp };
  };
  const staffingCounts = (what: "ratio" | "agency"): MeasureCounts => ({
    grant: { before: staffed("grant", "before", what), during: staffed("grant", "during", what) },
    comparison: {
      before: staffed("comparison", "before", what),
      during: staffed("comparison", "during", what),
    },
  });

  let measures: GrantEffectMeasure[] = [
    measureResult("skrPhoneRate", skr, 4, count),
    measureResult("residentRate", resident, 4, count),
    // listed is a count, its denominator FTE with two decimals
    measureResult("listedPerGp", staffingCounts("ratio"), 1, fte, count),
    measureResult("gpAgencyShare", staffingCounts("agency"), 4, fte),
  ];
  if (by.kind === "user" && (by as Actor).role === "committee") {
    const sizes = { grant: grantUnits.length, comparison: comparisonUnits.length };
    measures = measures.map((m, i) => (i < 2 ? suppressSmallGroup(m, sizes) : m));
  }
  const paid = await paidToDate(ctx, query.regionCode, component.componentId);
  const names = new Map(units.map((u) => [u.hsaId, u.name]));
  let total = 0n;
  const grants = component.grants.map((g) => {
    total += paid.get(g.unit) ?? 0n;
    return { ...g, unitName: names.get(g.unit) ?? null, paidToDateOre: (paid.get(g.unit) ?? 0n).toString() };
  });
  return {
    region: query.regionCode,
    component: component.componentId,
    grantUnits: grantHsaIds,
    comparisonUnits: comparisonUnits.length,
    before,
    during,
    measures,
    label: component.label,
    modelId: component.modelId,
    modelVersion: component.modelVersion,
    monthsBefore: before === null ? 0 : monthCount(before),
    monthsDuring: during === null ? 0 : monthCount(during),
    comparisonUnitHsaIds: comparisonUnits.map((u) => u.hsaId),
    grants,
    paidToDateOre: total.toString(),
  };
}

/** Plain columns for `--format table`. */
export function grantEffectTable(effect: GrantEffect): {
  headers: string[];
  cells: (string | number | null)[][];
} {
  const show = (c: Cell) => (c.value === null ? "-" : `${c.value} (${c.numerator}/${c.denominator})`);
  return {
    headers: ["measure", "grant before", "grant during", "comparison before", "comparison during", "did"],
    cells: effect.measures.map((m) => [
      m.measure,
      show(m.grant.before),
      show(m.grant.during),
      show(m.comparison.before),
      show(m.comparison.during),
      m.did,
    ]),
  };
}
