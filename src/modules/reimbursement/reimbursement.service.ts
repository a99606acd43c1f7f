// Vårdval reimbursement in the database (DESIGN.md capability 6): versioned models, the month's snapshot
// built from the imported and reported inputs, stored and approved runs, year summaries, budget follow-up
// and scenarios. The money itself is computed only by the pure engine in src/domain/reimbursement; this
// service decides what goes in, who may see what comes out, and keeps it reproducible: a run stores the
// exact snapshot text and result text, and the model version it used can never change again.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, SameDayRateKind } from "../../db/schema.ts";
import {
  formatRational,
  isMonth,
  kronorToOre,
  monthInRange,
  monthOfYear,
  mul,
  parseDecimal,
  type ReimbursementModel,
  type ReimbursementResult,
  type ReimbursementSnapshot,
  rational,
  splitAnnualIntoMonths,
  tryRunReimbursement,
} from "../../domain/reimbursement/index.ts";
import { SAME_DAY_RATE_KINDS } from "../../domain/reimbursement/value-sets.ts";
import { AppError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import { accessibilityStatistics } from "../statistics/stats.service.ts";
import * as repo from "./reimbursement.repository.ts";

export { SAME_DAY_RATE_KINDS };

// ---------------------------------------------------------------- authorisation

/** Keeping models, importing inputs, running and approving: the region's Vårdval administration. */
export function assertReimbursementAdmin(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin"], "administer reimbursement");
  assertRegionAccess(by, regionCode);
}

/** Per-unit payments: the administration (and, for their own units, unit managers; see specifications). */
function assertPerUnitReader(by: AuditActor, regionCode: string): void {
  assertReimbursementAdmin(by, regionCode);
}

/** Aggregates per component (runs list, budget, models): the administration and the committee. */
export function assertAggregateReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee"], "see reimbursement figures");
  assertRegionAccess(by, regionCode);
}

function actorName(by: AuditActor): string {
  return by.username;
}

function nowDate(ctx: ServiceContext): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}

function assertMonth(month: string, what = "month"): void {
  if (!isMonth(month)) throw new AppError("bad_request", `${what} ${month} is not a month YYYY-MM.`);
}

async function assertRegion(db: Kysely<Database>, regionCode: string): Promise<void> {
  if (!(await repo.regionExists(db, regionCode))) {
    throw new AppError("not_found", `No region ${regionCode}.`, { regionCode });
  }
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// ---------------------------------------------------------------- models

export type ModelPurpose = "payment" | "scenario";

export interface ModelSummary {
  id: number;
  modelId: string;
  version: number;
  purpose: ModelPurpose;
  validFrom: string;
  validTo: string | null;
  locked: boolean;
  name: string;
  components: number;
  sameDayRateKind: SameDayRateKind;
  createdAt: string;
  createdBy: string;
}

export interface ModelView extends ModelSummary {
  regionCode: string;
  lockedAt: string | null;
  model: ReimbursementModel;
}

type ModelRow = NonNullable<Awaited<ReturnType<typeof repo.findModelRow>>>;

function modelSummary(row: ModelRow): ModelSummary {
  const model = row.model as unknown as ReimbursementModel;
  return {
    id: row.id,
    modelId: row.model_id,
    version: row.version,
    purpose: row.purpose,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    locked: row.locked_at !== null,
    name: model.name,
    components: model.components.length,
    sameDayRateKind: row.same_day_rate_kind,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function modelView(row: ModelRow): ModelView {
  return {
    ...modelSummary(row),
    regionCode: row.region_code,
    lockedAt: row.locked_at?.toISOString() ?? null,
    model: row.model as unknown as ReimbursementModel,
  };
}

/**
 * A model as posted: the FORMATS.md model, optionally with two settings that are not part of the engine's
 * input (and so not of its hash): `sameDayRateKind` (which rate a snapshot carries, default "resident")
 * and `purpose` ("payment", default, or "scenario": a what-if that a month's run never picks by itself).
 */
export function splitModelInput(input: unknown): {
  model: ReimbursementModel;
  sameDayRateKind: SameDayRateKind;
  purpose: ModelPurpose;
} {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new AppError("validation_failed", "The model is not valid.", {
      issues: [{ path: "(root)", message: "not a JSON object" }],
    });
  }
  const { sameDayRateKind, purpose, ...model } = input as Record<string, unknown>;
  const issues: { path: string; message: string }[] = [];
  if (sameDayRateKind !== undefined && !SAME_DAY_RATE_KINDS.includes(sameDayRateKind as SameDayRateKind)) {
    issues.push({ path: "sameDayRateKind", message: `one of ${SAME_DAY_RATE_KINDS.join(", ")}` });
  }
  if (purpose !== undefined && purpose !== "payment" && purpose !== "scenario") {
    issues.push({ path: "purpose", message: "one of payment, scenario" });
  }
  // A model is checked against an empty snapshot of its first month: every model problem, with its path.
  const outcome = tryRunReimbursement(model, { month: model.validFrom ?? "2000-01", units: [] });
  if (!outcome.ok) {
    for (const issue of outcome.issues) if (issue.input === "model") issues.push(issue);
  }
  if (issues.length > 0) throw new AppError("validation_failed", "The model is not valid.", { issues });
  return {
    model: model as unknown as ReimbursementModel,
    sameDayRateKind: (sameDayRateKind as SameDayRateKind | undefined) ?? "resident",
    purpose: (purpose as ModelPurpose | undefined) ?? "payment",
  };
}

export async function listModels(ctx: ServiceContext, by: AuditActor, regionCode: string) {
  assertAggregateReader(by, regionCode);
  const rows = await repo.findModelRows(ctx.db, regionCode);
  return { models: rows.map(modelSummary) };
}

async function loadModelRow(db: Kysely<Database>, id: number): Promise<ModelRow> {
  const row = await repo.findModelRow(db, id);
  if (row === undefined) throw new AppError("not_found", `No reimbursement model ${id}.`, { id });
  return row;
}

export async function getModel(ctx: ServiceContext, by: AuditActor, id: number): Promise<ModelView> {
  const row = await loadModelRow(ctx.db, id);
  assertAggregateReader(by, row.region_code);
  return modelView(row);
}

/** Stores a model: version 1 of a new model id, or the next version of an existing one. */
export async function createModel(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  input: unknown,
  purposeText: string,
): Promise<ModelView> {
  assertReimbursementAdmin(by, regionCode);
  await assertRegion(ctx.db, regionCode);
  const { model, sameDayRateKind, purpose } = splitModelInput(input);
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await repo.findLatestModelVersion(trx, regionCode, model.id);
    const row = await repo.insertModelRow(trx, {
      regionCode,
      modelId: model.id,
      version: (latest?.version ?? 0) + 1,
      purpose,
      model,
      sameDayRateKind,
      validFrom: model.validFrom,
      validTo: model.validTo,
      createdBy: actorName(by),
      at: nowDate(ctx),
    });
    await recordAudit(trx, ctx.clock, by, {
      action: "reimbursement.model.create",
      entityType: "reimbursement_model",
      entityId: String(row.id),
      regionCode,
      purpose: purposeText,
      details: { modelId: row.model_id, version: row.version, previousVersion: latest?.version ?? null },
    });
    return modelView(row);
  });
}

/** Changes a version in place while no run has used it; a used (locked) version answers 409. */
export async function updateModel(
  ctx: ServiceContext,
  by: AuditActor,
  id: number,
  input: unknown,
  purposeText: string,
): Promise<ModelView> {
  const existing = await loadModelRow(ctx.db, id);
  assertReimbursementAdmin(by, existing.region_code);
  const { model, sameDayRateKind, purpose } = splitModelInput(input);
  if (model.id !== existing.model_id) {
    throw new AppError("validation_failed", "The model is not valid.", {
      issues: [{ path: "id", message: `must stay ${existing.model_id}; post a new model to change the id` }],
    });
  }
  const lockedError = () =>
    new AppError(
      "conflict",
      `Model ${existing.model_id} version ${existing.version} has been used by a run and can no longer change; post it to create a new version.`,
      { id, modelId: existing.model_id, version: existing.version },
    );
  if (existing.locked_at !== null) throw lockedError();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateUnlockedModelRow(trx, id, {
      purpose,
      model,
      sameDayRateKind,
      validFrom: model.validFrom,
      validTo: model.validTo,
      at: nowDate(ctx),
    });
    if (row === undefined) throw lockedError();
    await recordAudit(trx, ctx.clock, by, {
      action: "reimbursement.model.update",
      entityType: "reimbursement_model",
      entityId: String(id),
      regionCode: row.region_code,
      purpose: purposeText,
      details: { modelId: row.model_id, version: row.version },
    });
    return modelView(row);
  });
}

/** `--model ID`: a model row id ("12"), or a model id whose newest version is meant ("vasternorrland-2026"). */
async function resolveModel(
  db: Kysely<Database>,
  regionCode: string,
  month: string,
  ref: string | number | undefined,
): Promise<ModelRow> {
  if (ref === undefined) {
    const candidates = await repo.findPaymentModelsForMonth(db, regionCode, month);
    const first = candidates[0];
    if (first === undefined) {
      throw new AppError("not_found", `No payment model of region ${regionCode} is valid in ${month}.`, {
        regionCode,
        month,
      });
    }
    return first;
  }
  const row =
    typeof ref === "number" || /^\d+$/.test(ref)
      ? await repo.findModelRow(db, Number(ref))
      : await repo.findLatestModelVersion(db, regionCode, ref);
  if (row === undefined || row.region_code !== regionCode) {
    throw new AppError("not_found", `No reimbursement model ${ref} in region ${regionCode}.`, {
      model: ref,
      regionCode,
    });
  }
  return row;
}

// ---------------------------------------------------------------- snapshot

function lastDayOfMonth(month: string): string {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), monthOfYear(month), 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, "0")}`;
}

/** count / denominator rounded half to even to 4 decimals, as the decimal text a snapshot carries. */
export function rateText(count: bigint, denominator: bigint): string {
  const scaled = count * 10_000n;
  let q = scaled / denominator;
  const twice = 2n * (scaled - q * denominator);
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return `${q / 10_000n}.${(q % 10_000n).toString().padStart(4, "0")}`;
}

export interface SnapshotBuild {
  snapshot: ReimbursementSnapshot;
  /** What the snapshot had to assume (missing reports, fallbacks); stored with the run. */
  notes: string[];
}

/**
 * The month's snapshot in the exact FORMATS.md shape, units ordered by HSA-id. Missing inputs become 0
 * (no report is no payment for it) and are named in the notes, so that a run never stops over one
 * late report but the administration sees what was assumed. The same-day rate is the model's kind from
 * the accessibility statistics (their monthly rollups); a unit without contacts that month falls back to
 * an imported rate.
 */
export async function buildSnapshot(
  db: Kysely<Database>,
  regionCode: string,
  month: string,
  sameDayRateKind: SameDayRateKind,
): Promise<SnapshotBuild> {
  const notes: string[] = [];
  const units = await repo.findPayableUnits(db, regionCode);
  const [listing, indices, rural, reports, imported, counted] = await Promise.all([
    repo.findListingByAge(db, regionCode, month),
    repo.findIndicesAsOf(db, regionCode, month),
    repo.findRuralPointsInForce(db, regionCode, month),
    repo.findUnitReportsOfMonth(db, regionCode, month),
    repo.findImportedSameDayRates(db, regionCode, month, sameDayRateKind),
    accessibilityStatistics(db, { regionCode, from: `${month}-01`, to: lastDayOfMonth(month), by: "month" }),
  ]);
  const listingByUnit = new Map<number, Map<number, bigint>>();
  for (const row of listing) {
    const byAge = listingByUnit.get(row.unit_id) ?? new Map<number, bigint>();
    byAge.set(row.age, BigInt(row.count));
    listingByUnit.set(row.unit_id, byAge);
  }
  const indicesByUnit = new Map<number, Record<string, string>>();
  for (const row of indices) {
    const own = indicesByUnit.get(row.unit_id) ?? {};
    own[row.name] = row.value;
    indicesByUnit.set(row.unit_id, own);
  }
  const ruralByUnit = new Map(rural.map((r) => [r.unit_id, r.points]));
  const reportByUnit = new Map(reports.map((r) => [r.unit_id, r]));
  const importedByUnit = new Map(imported.map((r) => [r.unit_id, r.rate]));
  // The statistics' own counts (DESIGN.md "Definitions"), turned into an exact rate here: the figures'
  // `rate` fields are rounded for people, the snapshot's rate is rounded once, half to even.
  const countedByHsaId = new Map<string, string>();
  for (const row of counted) {
    if (row.unitHsaId === null) continue;
    const [count, denominator] =
      sameDayRateKind === "phone"
        ? [row.phone.answeredSameDay, row.phone.offered]
        : sameDayRateKind === "resident"
          ? [row.resident.respondedSameDay, row.resident.contacts]
          : [row.resident.feedbackSameDay, row.resident.contacts];
    if (denominator > 0) countedByHsaId.set(row.unitHsaId, rateText(BigInt(count), BigInt(denominator)));
  }

  const missing = { rural: [] as string[], reports: [] as string[], rate: [] as string[] };
  const snapshotUnits: ReimbursementSnapshot["units"] = units.map((unit) => {
    const listedByAge: Record<string, number> = {};
    const byAge = [...(listingByUnit.get(unit.id) ?? new Map<number, bigint>())].sort((a, b) => a[0] - b[0]);
    for (const [age, count] of byAge) if (count > 0n) listedByAge[String(age)] = Number(count);
    const points = ruralByUnit.get(unit.id);
    if (points === undefined) missing.rural.push(unit.hsaId);
    const report = reportByUnit.get(unit.id);
    if (report === undefined) missing.reports.push(unit.hsaId);
    let rate = countedByHsaId.get(unit.hsaId);
    if (rate === undefined) rate = importedByUnit.get(unit.id);
    if (rate === undefined) missing.rate.push(unit.hsaId);
    return {
      hsaId: unit.hsaId,
      listedByAge,
      indices: indicesByUnit.get(unit.id) ?? {},
      ruralPoints: points === undefined ? 0 : /^\d+$/.test(points) ? Number(points) : points,
      multimorbidIdentified: report?.multimorbid_identified ?? 0,
      homeVisits: report?.home_visits ?? 0,
      sameDayRate: rate ?? "0",
    };
  });
  if (missing.rural.length > 0)
    notes.push(`no rural points in force, counted as 0: ${missing.rural.join(", ")}`);
  if (missing.reports.length > 0)
    notes.push(
      `no unit report (multimorbid, home visits) for ${month}, counted as 0: ${missing.reports.join(", ")}`,
    );
  if (missing.rate.length > 0)
    notes.push(
      `no contacts and no imported ${sameDayRateKind} same-day rate in ${month}, rate 0: ${missing.rate.join(", ")}`,
    );
  return { snapshot: { month, units: snapshotUnits }, notes };
}

// ---------------------------------------------------------------- runs

export interface RunSummary {
  id: number;
  regionCode: string;
  month: string;
  modelRowId: number;
  modelId: string;
  modelVersion: number;
  status: "draft" | "approved";
  totalOre: string;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  inputsSha256: string;
  resultSha256: string;
  notes: string[];
}

export interface RunView extends RunSummary {
  result: ReimbursementResult;
  /** The exact text the CLI printed and the hash covers. */
  resultText: string;
}

type RunSummaryRow = Awaited<ReturnType<typeof repo.findRuns>>[number];
type RunRow = NonNullable<Awaited<ReturnType<typeof repo.findRun>>>;

function runSummary(row: RunSummaryRow): RunSummary {
  return {
    id: row.id,
    regionCode: row.region_code,
    month: row.month,
    modelRowId: row.model_row_id,
    modelId: row.model_id,
    modelVersion: row.model_version,
    status: row.status,
    totalOre: row.total_ore.toString(),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
    approvedBy: row.approved_by,
    inputsSha256: row.inputs_sha256,
    resultSha256: row.result_sha256,
    notes: row.notes,
  };
}

function runView(row: RunRow): RunView {
  return {
    ...runSummary(row),
    result: JSON.parse(row.result) as ReimbursementResult,
    resultText: row.result,
  };
}

/** The result exactly as `vardnav reimbursement run --format json` prints it (file mode and database mode). */
export function resultText(result: ReimbursementResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

function runEngine(model: unknown, snapshot: unknown): ReimbursementResult {
  const outcome = tryRunReimbursement(model, snapshot);
  if (!outcome.ok) {
    throw new AppError("validation_failed", "The model and the month's inputs do not fit together.", {
      issues: outcome.issues,
    });
  }
  return outcome.result;
}

/**
 * `vardnav reimbursement run --region --month [--model]` and POST /api/reimbursement/runs: builds the
 * snapshot from the database, runs the engine, stores snapshot, result and hashes as a draft run, and
 * locks the model version (from now on it can only be succeeded by a new version).
 */
export async function createRun(
  ctx: ServiceContext,
  by: AuditActor,
  input: { region: string; month: string; model?: string | number },
  purposeText: string,
): Promise<RunView> {
  assertMonth(input.month);
  assertReimbursementAdmin(by, input.region);
  await assertRegion(ctx.db, input.region);
  const modelRow = await resolveModel(ctx.db, input.region, input.month, input.model);
  const { snapshot, notes } = await buildSnapshot(
    ctx.db,
    input.region,
    input.month,
    modelRow.same_day_rate_kind,
  );
  if (modelRow.purpose === "scenario") notes.push(`model ${modelRow.model_id} is a scenario model`);
  const result = runEngine(modelRow.model, snapshot);
  const text = resultText(result);
  const at = nowDate(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockModelRow(trx, modelRow.id, at);
    const row = await repo.insertRun(trx, {
      regionCode: input.region,
      month: input.month,
      modelRowId: modelRow.id,
      modelId: modelRow.model_id,
      modelVersion: modelRow.version,
      snapshot: JSON.stringify(snapshot),
      result: text,
      inputsSha256: result.inputsSha256,
      resultSha256: sha256Hex(text),
      totalOre: BigInt(result.totalOre),
      notes,
      createdBy: actorName(by),
      at,
    });
    await recordAudit(trx, ctx.clock, by, {
      action: "reimbursement.run.create",
      entityType: "reimbursement_run",
      entityId: String(row.id),
      regionCode: input.region,
      purpose: purposeText,
      details: {
        month: input.month,
        modelId: modelRow.model_id,
        modelVersion: modelRow.version,
        inputsSha256: result.inputsSha256,
        totalOre: result.totalOre,
      },
    });
    return runView(row);
  });
}

async function loadRun(db: Kysely<Database>, id: number): Promise<RunRow> {
  const row = await repo.findRun(db, id);
  if (row === undefined) throw new AppError("not_found", `No reimbursement run ${id}.`, { id });
  return row;
}

export async function listRuns(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  month: string | undefined,
): Promise<{ runs: RunSummary[] }> {
  assertAggregateReader(by, regionCode);
  if (month !== undefined) assertMonth(month);
  const rows = await repo.findRuns(ctx.db, regionCode, month === undefined ? {} : { month });
  return { runs: rows.map(runSummary) };
}

export async function getRun(ctx: ServiceContext, by: AuditActor, id: number): Promise<RunView> {
  const row = await loadRun(ctx.db, id);
  assertPerUnitReader(by, row.region_code);
  return runView(row);
}

/** A run's stored snapshot, exactly as the engine read it. */
export async function getRunSnapshot(ctx: ServiceContext, by: AuditActor, id: number): Promise<string> {
  const row = await loadRun(ctx.db, id);
  assertPerUnitReader(by, row.region_code);
  return row.snapshot;
}

export interface RunVerification {
  id: number;
  reproduced: boolean;
  resultSha256: string;
  recomputedSha256: string;
}

/** Recomputes a stored run from its stored snapshot and model version; the result text must match byte for byte. */
export async function verifyRun(ctx: ServiceContext, by: AuditActor, id: number): Promise<RunVerification> {
  const row = await loadRun(ctx.db, id);
  assertPerUnitReader(by, row.region_code);
  const model = await loadModelRow(ctx.db, row.model_row_id);
  const text = resultText(runEngine(model.model, JSON.parse(row.snapshot)));
  const recomputed = sha256Hex(text);
  return {
    id,
    reproduced: text === row.result,
    resultSha256: row.result_sha256,
    recomputedSha256: recomputed,
  };
}

/** Approves a draft run: from then on it is the month's payment. One approved run per region and month. */
export async function approveRun(
  ctx: ServiceContext,
  by: AuditActor,
  id: number,
  purposeText: string,
): Promise<RunSummary> {
  const row = await loadRun(ctx.db, id);
  assertReimbursementAdmin(by, row.region_code);
  if (row.status === "approved") {
    throw new AppError("conflict", `Run ${id} is already approved.`, { id });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const other = await repo.findApprovedRun(trx, row.region_code, row.month);
    if (other !== undefined) {
      throw new AppError(
        "conflict",
        `Region ${row.region_code} already has an approved run for ${row.month} (run ${other.id}).`,
        { approvedRunId: other.id },
      );
    }
    const approved = await repo.approveRunRow(trx, id, actorName(by), nowDate(ctx));
    if (approved === undefined) throw new AppError("conflict", `Run ${id} is already approved.`, { id });
    await recordAudit(trx, ctx.clock, by, {
      action: "reimbursement.run.approve",
      entityType: "reimbursement_run",
      entityId: String(id),
      regionCode: row.region_code,
      purpose: purposeText,
      details: { month: row.month, totalOre: row.total_ore.toString(), resultSha256: row.result_sha256 },
    });
    return runSummary(approved);
  });
}

// ---------------------------------------------------------------- specification (per unit)

export interface UnitSpecification {
  run: RunSummary;
  regionName: string;
  regionIsDemo: boolean;
  unit: repo.ReimbursementUnit;
  lines: ReimbursementResult["units"][number]["lines"];
  components: ReimbursementResult["components"];
  totalOre: string;
  inputsSha256: string;
  /** Per capitation component, the unit's listed per age band with the band's weight and points. */
  capitationBands: Record<string, CapitationBand[]>;
}

export interface CapitationBand {
  from: number;
  to: number | null;
  listed: number;
  weight: string;
  /** listed × weight, exact. */
  points: string;
}

/** The weighting behind a capitation line, band by band, from the run's own snapshot and model. */
export function capitationBands(
  model: ReimbursementModel,
  unit: ReimbursementSnapshot["units"][number] | undefined,
): Record<string, CapitationBand[]> {
  const out: Record<string, CapitationBand[]> = {};
  for (const component of model.components) {
    if (component.type !== "capitation") continue;
    out[component.id] = component.ageWeights.map((band) => {
      let listed = 0;
      for (const [age, count] of Object.entries(unit?.listedByAge ?? {})) {
        const a = Number(age);
        if (a >= band.from && (band.to === null || a <= band.to)) listed += count;
      }
      return {
        from: band.from,
        to: band.to,
        listed,
        weight: band.weight,
        points: formatRational(mul(rational(BigInt(listed)), parseDecimal(band.weight))),
      };
    });
  }
  return out;
}

/**
 * One unit's lines of a run. The administration sees every unit of every run; a unit manager sees their
 * own units, and only in approved runs (a draft is not a payment yet). Committee and staff never see a
 * single unit's payment.
 */
export async function getUnitSpecification(
  ctx: ServiceContext,
  by: AuditActor,
  runId: number,
  hsaId: string,
  purposeText: string,
): Promise<UnitSpecification> {
  const row = await loadRun(ctx.db, runId);
  const unit = await repo.findUnitByHsaIdForReimbursement(ctx.db, hsaId);
  if (by.kind === "user" && by.role === "unit_manager") {
    if (unit === undefined || by.regionCode !== row.region_code || !by.unitIds.includes(unit.id)) {
      throw new AppError("forbidden", `You have no access to the payments of unit ${hsaId}.`, { hsaId });
    }
    if (row.status !== "approved") {
      throw new AppError("forbidden", `Run ${runId} is not approved yet.`, { runId });
    }
  } else assertPerUnitReader(by, row.region_code);
  const result = JSON.parse(row.result) as ReimbursementResult;
  const unitResult = result.units.find((u) => u.hsaId === hsaId);
  if (unit === undefined || unitResult === undefined) {
    throw new AppError("not_found", `Unit ${hsaId} is not in run ${runId}.`, { hsaId, runId });
  }
  const region = await ctx.db
    .selectFrom("regions")
    .select(["name", "is_demo"])
    .where("code", "=", row.region_code)
    .executeTakeFirstOrThrow();
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock, by, {
      action: "reimbursement.specification.read",
      entityType: "reimbursement_run",
      entityId: String(runId),
      regionCode: row.region_code,
      purpose: purposeText,
      details: { hsaId },
    }),
  );
  return {
    run: runSummary(row),
    regionName: region.name,
    regionIsDemo: region.is_demo,
    unit,
    lines: unitResult.lines,
    components: result.components,
    totalOre: unitResult.totalOre,
    inputsSha256: result.inputsSha256,
    capitationBands: capitationBands(
      (await loadModelRow(ctx.db, row.model_row_id)).model as unknown as ReimbursementModel,
      (JSON.parse(row.snapshot) as ReimbursementSnapshot).units.find((u) => u.hsaId === hsaId),
    ),
  };
}

/** The whole run with unit names, for the Excel export. */
export async function getRunForExport(ctx: ServiceContext, by: AuditActor, id: number) {
  const row = await loadRun(ctx.db, id);
  assertPerUnitReader(by, row.region_code);
  const units = await repo.findPayableUnits(ctx.db, row.region_code);
  return { run: runView(row), unitNames: new Map(units.map((u) => [u.hsaId, u.name])) };
}

// ---------------------------------------------------------------- year summary and budget

export interface YearSummary {
  region: string;
  year: string;
  months: { month: string; runId: number }[];
  components: { component: string; label: string; totalOre: string; unallocatedOre: string }[];
  units: {
    hsaId: string;
    unitName: string;
    components: { component: string; totalOre: string }[];
    totalOre: string;
  }[];
  totalOre: string;
}

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

export interface BudgetLine {
  component: string;
  label: string;
  type: string;
  /** The budget line for the year (pools: annual amount; grants: what falls in the year; per event: annualBudget); null where the model has none (capitation). */
  annualOre: string | null;
  /** Paid in approved runs of the year so far. */
  yearToDateOre: string;
  unallocatedOre: string;
  /** yearToDate ÷ annual, 4 decimals; null without a budget line. */
  share: string | null;
  /** The share of the year's months that are approved, for comparison with `share`. */
  monthsShare: string;
  /** Year to date above the annual amount, or on course to be (yearToDate ÷ months × 12 > annual). */
  overrun: boolean;
  projectedOverrun: boolean;
  warning: string | null;
}

function annualBudgetOre(component: ReimbursementModel["components"][number], year: string): bigint | null {
  switch (component.type) {
    case "capitation":
      return null;
    case "pool":
      return kronorToOre(component.annualAmount);
    case "perEvent":
      return component.annualBudget === undefined ? null : kronorToOre(component.annualBudget);
    case "grant": {
      let total = 0n;
      for (const grant of component.grants) {
        const months = splitAnnualIntoMonths(kronorToOre(grant.annualAmount));
        months.forEach((amount, i) => {
          const month = `${year}-${String(i + 1).padStart(2, "0")}`;
          if (monthInRange(month, grant.from, grant.to)) total += amount;
        });
      }
      return total;
    }
  }
}

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
  const components = model.components.map((component): BudgetLine => {
    const annual = annualBudgetOre(component, year);
    const done = paid.get(component.id) ?? { total: 0n, unallocated: 0n };
    const overrun = annual !== null && done.total > annual;
    const projectedOverrun = annual !== null && done.total * 12n > annual * monthsCount;
    let warning: string | null = null;
    if (overrun) warning = `${component.label}: year to date exceeds the budget line`;
    else if (projectedOverrun && component.type === "perEvent")
      warning = `${component.label}: on course to exceed the budget line (year to date × 12 ÷ ${monthsCount} months)`;
    return {
      component: component.id,
      label: component.label,
      type: component.type,
      annualOre: annual?.toString() ?? null,
      yearToDateOre: done.total.toString(),
      unallocatedOre: done.unallocated.toString(),
      share: annual === null || annual === 0n ? null : rateText(done.total, annual),
      monthsShare: rateText(monthsCount, 12n),
      overrun,
      projectedOverrun,
      warning,
    };
  });
  return {
    region: regionCode,
    year,
    months: runs.map((r) => r.month),
    modelId: last.model_id,
    modelVersion: last.model_version,
    components,
  };
}

// ---------------------------------------------------------------- scenarios

export interface ScenarioRow {
  hsaId: string;
  unitName: string;
  component: string;
  aOre: string;
  bOre: string;
  diffOre: string;
}

export interface ScenarioComparison {
  region: string;
  month: string;
  modelA: { id: number; modelId: string; version: number; inputsSha256: string };
  modelB: { id: number; modelId: string; version: number; inputsSha256: string };
  rows: ScenarioRow[];
  /** Per component over all units, and `total` for everything. */
  totals: { component: string; aOre: string; bOre: string; diffOre: string }[];
  notes: string[];
}

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

/** The comparison as CSV: one row per unit and component, öre as integers, then the totals. */
export function scenarioCsv(comparison: ScenarioComparison): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = ["unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore"];
  for (const r of comparison.rows)
    lines.push([r.hsaId, quote(r.unitName), r.component, r.aOre, r.bOre, r.diffOre].join(","));
  for (const t of comparison.totals)
    lines.push(["", "Total", t.component, t.aOre, t.bOre, t.diffOre].join(","));
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------- unit reports

export interface UnitReportView {
  unit: { hsaId: string; name: string };
  month: string;
  multimorbidIdentified: number | null;
  homeVisits: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** True when the month has an approved run: the report can no longer change. */
  locked: boolean;
}

async function reportUnitFor(ctx: ServiceContext, by: AuditActor, hsaId: string) {
  const unit = await repo.findUnitByHsaIdForReimbursement(ctx.db, hsaId);
  if (unit === undefined) throw new AppError("not_found", `No unit ${hsaId}.`, { hsaId });
  if (by.kind === "user") {
    if (by.role === "unit_manager") {
      if (by.regionCode !== unit.regionCode || !by.unitIds.includes(unit.id)) {
        throw new AppError("forbidden", `You are not a manager of unit ${hsaId}.`, { hsaId });
      }
    } else assertReimbursementAdmin(by, unit.regionCode);
  }
  return unit;
}

export async function getUnitReport(
  ctx: ServiceContext,
  by: AuditActor,
  hsaId: string,
  month: string,
): Promise<UnitReportView> {
  assertMonth(month);
  const unit = await reportUnitFor(ctx, by, hsaId);
  const row = await repo.findUnitReport(ctx.db, unit.id, month);
  const approved = await repo.findApprovedRun(ctx.db, unit.regionCode, month);
  return {
    unit: { hsaId: unit.hsaId, name: unit.name },
    month,
    multimorbidIdentified: row?.multimorbid_identified ?? null,
    homeVisits: row?.home_visits ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
    updatedBy: row?.updated_by ?? null,
    locked: approved !== undefined,
  };
}

export async function putUnitReport(
  ctx: ServiceContext,
  by: AuditActor,
  hsaId: string,
  month: string,
  input: { multimorbidIdentified: number | null; homeVisits: number | null },
  purposeText: string,
): Promise<UnitReportView> {
  assertMonth(month);
  const unit = await reportUnitFor(ctx, by, hsaId);
  await ctx.db.transaction().execute(async (trx) => {
    const approved = await repo.findApprovedRun(trx, unit.regionCode, month);
    if (approved !== undefined) {
      throw new AppError(
        "conflict",
        `${month} is already approved for the region (run ${approved.id}); the report can no longer change.`,
        {
          approvedRunId: approved.id,
        },
      );
    }
    await repo.upsertUnitReports(trx, [
      {
        regionCode: unit.regionCode,
        unitId: unit.id,
        month,
        multimorbidIdentified: input.multimorbidIdentified,
        homeVisits: input.homeVisits,
        updatedBy: actorName(by),
        at: nowDate(ctx),
      },
    ]);
    await recordAudit(trx, ctx.clock, by, {
      action: "reimbursement.unit_report.put",
      entityType: "unit",
      entityId: hsaId,
      regionCode: unit.regionCode,
      purpose: purposeText,
      details: { month, ...input },
    });
  });
  return getUnitReport(ctx, by, hsaId, month);
}
