import { Temporal } from "temporal-polyfill";
import {
  evaluateBudget,
  evaluateSeries,
  evaluateValue,
  type MeasurePoint,
  monthState,
  monthsEndingWith,
} from "../../domain/committee/index.ts";
import { formatRational, rational } from "../../domain/reimbursement/rational.ts";
import { stockholmDate } from "../../domain/statistics/index.ts";
import { AppError, fromZodIssues } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import {
  findApprovedResults,
  findPromiseRows,
  findQuestions,
  upsertPromise,
  upsertQuestion,
} from "./committee.repository.ts";
import {
  type MeasureUnit,
  type PromiseMeasure,
  type PromiseRecord,
  type PromisesResponse,
  type PromiseView,
  promiseRecordSchema,
  type QuestionRecord,
  questionRecordSchema,
  type RateMeasure,
} from "./committee.schemas.ts";
import { assertCommitteeReader, regionMonths, regionNameOf, unitMonthCounters } from "./committee-figures.ts";
import type { CommitteeSources } from "./sources.ts";

// Promises as data: each promise's status computed from the region's own figures (domain/committee),
// with figures from other modules taken through `CommitteeSources`.

/** How many months a promise's series shows at most (the dashboard's year and the month before it). */
const SERIES_MONTHS = 13;

export function todayOf(ctx: ServiceContext): Temporal.PlainDate {
  return stockholmDate(ctx.clock.now());
}

export function unitOf(measure: PromiseMeasure): MeasureUnit {
  switch (measure.kind) {
    case "skrPhoneRate":
    case "residentRate":
    case "feedbackRate":
      return "share";
    case "listedPerGp":
      return "ratio";
    case "grantEffect":
      return measure.effectMeasure === "listedPerGp" ? "ratio" : "share";
    case "componentBudget":
    case "transfersGap":
      return "kronor";
  }
}

function linkOf(measure: PromiseMeasure): string {
  switch (measure.kind) {
    case "skrPhoneRate":
    case "residentRate":
    case "feedbackRate":
      return "/tillganglighet";
    case "listedPerGp":
      return "/karta";
    case "componentBudget":
      return "/oversikt";
    case "grantEffect":
    case "transfersGap":
      return "/oversikt";
  }
}

/** "1234.5" style text of a FORMATS.md figure (numbers as published, strings as they are). */
function decimalText(value: number | string | null): string | null {
  if (value === null) return null;
  return typeof value === "number" ? String(value) : value;
}

const oreAsKronorText = (ore: bigint | string) => formatRational(rational(BigInt(ore), 100n));

interface Evaluated {
  status: PromiseView["status"];
  statusReason: string | null;
  latest: MeasurePoint | null;
  trend: PromiseView["trend"];
  series: MeasurePoint[];
  projectedKronor: string | null;
}

export interface PromiseInputs {
  ctx: ServiceContext;
  actor: AuditActor;
  sources: CommitteeSources;
  regionCode: string;
  today: Temporal.PlainDate;
}

/** The months a promise is followed over: from its start (or a year back), to the current month. */
function followedMonths(startDate: string, today: Temporal.PlainDate): string[] {
  const current = today.toPlainYearMonth().toString();
  const start = startDate.slice(0, 7);
  return monthsEndingWith(current, SERIES_MONTHS).filter((m) => m >= start);
}

async function rateSeries(
  inputs: PromiseInputs,
  kind: RateMeasure,
  months: string[],
): Promise<MeasurePoint[]> {
  if (months.length === 0) return [];
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  const to = Temporal.PlainYearMonth.from(last)
    .toPlainDate({ day: 1 })
    .add({ months: 1 })
    .subtract({ days: 1 });
  const counters = await unitMonthCounters(inputs.ctx.db, inputs.regionCode, {
    from: `${first}-01`,
    to: to.toString(),
    months,
  });
  return regionMonths(counters, inputs.today).map((m) => {
    const figure = kind === "skrPhoneRate" ? m.phone : kind === "residentRate" ? m.resident : m.feedback;
    return {
      period: m.month,
      value: figure.rate === null ? null : figure.rate.toFixed(4),
      preliminary: m.preliminary,
    };
  });
}

async function evaluate(inputs: PromiseInputs, record: PromiseRecord): Promise<Evaluated> {
  const none = (reason: string): Evaluated => ({
    status: "no_data",
    statusReason: reason,
    latest: null,
    trend: null,
    series: [],
    projectedKronor: null,
  });
  const { ctx, actor, sources, regionCode, today } = inputs;
  const measure = record.measure;
  switch (measure.kind) {
    case "skrPhoneRate":
    case "residentRate":
    case "feedbackRate": {
      const series = await rateSeries(inputs, measure.kind, followedMonths(record.startDate, today));
      const result = evaluateSeries(series, record.target);
      return {
        status: result.status,
        statusReason: result.status === "no_data" ? "No contacts in the period yet." : null,
        latest: result.judgedOn,
        trend: result.trend,
        series,
        projectedKronor: null,
      };
    }
    case "listedPerGp": {
      const months = followedMonths(record.startDate, today);
      const staffing = await sources.staffing(ctx, actor, {
        regionCode,
        from: months[0] ?? today.toPlainYearMonth().toString(),
        to: months.at(-1) ?? today.toPlainYearMonth().toString(),
      });
      if (!staffing.available) return none(staffing.reason);
      const series = staffing.data
        .filter((r) => r.unitHsaId === null && r.kommunCode === null)
        .sort((a, b) => (a.month < b.month ? -1 : 1))
        .map((r) => ({
          period: r.month,
          value: r.listedPerGp,
          preliminary: monthState(r.month, today) !== "complete",
        }));
      const result = evaluateSeries(series, record.target);
      return {
        status: result.status,
        statusReason: null,
        latest: result.judgedOn,
        trend: result.trend,
        series,
        projectedKronor: null,
      };
    }
    case "componentBudget": {
      const year = today.year;
      const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
      const results = await findApprovedResults(ctx.db, regionCode, months);
      let yearToDate = 0n;
      const series: MeasurePoint[] = [];
      for (const { month, result } of results) {
        const component = result.components.find((c) => c.component === measure.componentId);
        yearToDate += BigInt(component?.totalOre ?? "0");
        series.push({ period: month, value: oreAsKronorText(yearToDate), preliminary: false });
      }
      const budget = evaluateBudget({ yearToDateOre: yearToDate, monthsPaid: results.length }, record.target);
      if (budget.status === "no_data") return none(`No approved payment run in ${year} yet.`);
      return {
        status: budget.status,
        statusReason: null,
        latest: series.at(-1) ?? null,
        trend: null,
        series,
        projectedKronor: budget.projectedOre === null ? null : oreAsKronorText(budget.projectedOre),
      };
    }
    case "grantEffect": {
      const effect = await sources.grantEffect(ctx, actor, { regionCode, componentId: measure.componentId });
      if (!effect.available) return none(effect.reason);
      const line = effect.data.measures.find((m) => m.measure === measure.effectMeasure);
      const value = decimalText(line?.did ?? null);
      const during = effect.data.during;
      const period = during === null ? "–" : `${during.from}–${during.to}`;
      const point = { period, value, preliminary: false };
      return {
        status: evaluateValue(value, record.target),
        statusReason: value === null ? "The grant's effect has no figure yet." : null,
        latest: point,
        trend: null,
        series: [point],
        projectedKronor: null,
      };
    }
    case "transfersGap": {
      const gap = await sources.transfersGap(ctx, actor, { regionCode, year: today.year });
      if (!gap.available) return none(gap.reason);
      const value = oreAsKronorText(gap.data.total.gapOre);
      const point = { period: String(gap.data.year), value, preliminary: false };
      return {
        status: evaluateValue(value, record.target),
        statusReason: null,
        latest: point,
        trend: null,
        series: [point],
        projectedKronor: null,
      };
    }
  }
}

export function parseStoredPromise(row: {
  key: string;
  text: string;
  source: string;
  startDate: string;
  measure: unknown;
  target: unknown;
}): PromiseRecord {
  const parsed = promiseRecordSchema.safeParse(row);
  if (!parsed.success) throw fromZodIssues(`Stored promise ${row.key} is not valid.`, parsed.error.issues);
  return parsed.data;
}

export async function evaluatePromises(inputs: PromiseInputs): Promise<PromiseView[]> {
  const records = (await findPromiseRows(inputs.ctx.db, inputs.regionCode)).map(parseStoredPromise);
  const views: PromiseView[] = [];
  for (const record of records) {
    const evaluated = await evaluate(inputs, record);
    views.push({ ...record, unit: unitOf(record.measure), link: linkOf(record.measure), ...evaluated });
  }
  return views;
}

/** GET /api/committee/promises: every promise of the region with its status, and the interpellation's questions. */
export async function promisesFor(
  ctx: ServiceContext,
  actor: AuditActor,
  sources: CommitteeSources,
  regionCode: string,
): Promise<PromisesResponse> {
  assertCommitteeReader(actor, regionCode);
  const regionName = await regionNameOf(ctx.db, regionCode);
  const today = todayOf(ctx);
  const promises = await evaluatePromises({ ctx, actor, sources, regionCode, today });
  const questions = await findQuestions(ctx.db, regionCode);
  return { region: regionCode, regionName, today: today.toString(), promises, questions };
}

/**
 * Stores a region's promises and questions (by key and number; others are kept), validated and audited in
 * one transaction. The demo loader uses it; a region admin's editor can later.
 */
export async function savePromises(
  ctx: ServiceContext,
  actor: AuditActor,
  regionCode: string,
  input: { promises: unknown[]; questions: unknown[] },
): Promise<{ promises: number; questions: number }> {
  if (actor.kind !== "system") {
    if (actor.role !== "region_admin" && actor.role !== "system_admin")
      throw new AppError("forbidden", `Your role (${actor.role}) may not edit the region's promises.`);
    assertCommitteeReader(actor, regionCode);
  }
  const promises: PromiseRecord[] = input.promises.map((p, i) => {
    const parsed = promiseRecordSchema.safeParse(p);
    if (!parsed.success) throw fromZodIssues(`promises[${i}] is not valid.`, parsed.error.issues);
    return parsed.data;
  });
  const questions: QuestionRecord[] = input.questions.map((q, i) => {
    const parsed = questionRecordSchema.safeParse(q);
    if (!parsed.success) throw fromZodIssues(`questions[${i}] is not valid.`, parsed.error.issues);
    return parsed.data;
  });
  await regionNameOf(ctx.db, regionCode);
  const at = new Date(ctx.clock.now().epochMilliseconds);
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, promise] of promises.entries()) await upsertPromise(trx, regionCode, promise, i, at);
    for (const question of questions) await upsertQuestion(trx, regionCode, question);
    await recordAudit(trx, ctx, actor, {
      action: "committee.promises.save",
      entityType: "region",
      entityId: regionCode,
      regionCode,
      purpose: "keep the region's promises",
      details: { promises: promises.map((p) => p.key), questions: questions.map((q) => q.number) },
    });
  });
  return { promises: promises.length, questions: questions.length };
}
