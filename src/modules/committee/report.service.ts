import {
  evaluateBudget,
  evaluateSeries,
  evaluateValue,
  isPeriodPreliminary,
  listedPerGpOver,
  type MeasurePoint,
  type PromiseStatus,
  type PromiseTarget,
  parseCommitteePeriod,
  quartersEndingWith,
} from "../../domain/committee/index.ts";
import { formatRational, rational } from "../../domain/reimbursement/rational.ts";
import { type AccessibilityCounters, roundedRate } from "../../domain/statistics/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { type ReferenceValue, referenceValuesFor } from "../statistics/stats.service.ts";
import { findApprovedResults, findPromiseRows, findQuestions } from "./committee.repository.ts";
import type { KommunMapResponse, MeasureUnit, PromiseRecord, QuestionRecord } from "./committee.schemas.ts";
import { assertCommitteeReader, periodSum, regionNameOf, unitMonthCounters } from "./committee-figures.ts";
import { kommunMapFor } from "./kommun-map.service.ts";
import { parseStoredPromise, todayOf, unitOf } from "./promises.service.ts";
import type { CommitteeSources, GrantEffect, SourceResult, TransfersGap } from "./sources.ts";

// The committee's quarterly report (FORMATS.md "Quarterly report") as data: the quarter and the three
// before it, every figure computed by the same functions as the API (rollups, the suppression rule,
// approved runs), so the PDF (report.pdf.ts) only lays them out.

export const REPORT_QUARTERS = 4;

export interface RateFigure {
  count: number | null;
  denominator: number | null;
  rate: number | null;
  suppressed: boolean;
}

export interface QuarterAccessibility {
  quarter: string;
  preliminary: boolean;
  phone: RateFigure;
  resident: RateFigure;
  feedback: RateFigure;
  assessment: RateFigure;
}

export interface GroupFigures {
  by: "type" | "ownership";
  key: string;
  units: number;
  phone: RateFigure;
  resident: RateFigure;
  listed: number;
  paymentPerListedKronor: string | null;
}

export interface ReportPromise {
  record: PromiseRecord;
  unit: MeasureUnit;
  status: PromiseStatus;
  statusReason: string | null;
  points: MeasurePoint[];
  projectedKronor: string | null;
}

export interface QuarterlyReportData {
  region: string;
  regionName: string;
  quarter: string;
  quarters: string[];
  today: string;
  preliminary: boolean;
  questions: QuestionRecord[];
  accessibility: QuarterAccessibility[];
  reference: ReferenceValue | null;
  groups: GroupFigures[];
  kommuner: KommunMapResponse;
  money: {
    paidMonths: string[];
    components: { component: string; label: string; quarterOre: string; yearToDateOre: string }[];
  };
  /** Per quarter: the last month's listed and shortfall, the ratio over the months; null without rows. */
  staffing: SourceResult<
    { quarter: string; listed: number | null; listedPerGp: string | null; shortfallFte: string | null }[]
  >;
  transfers: SourceResult<TransfersGap>;
  grants: { componentId: string; effect: SourceResult<GrantEffect> }[];
  promises: ReportPromise[];
}

const shown = (count: number, denominator: number): RateFigure => ({
  count,
  denominator,
  rate: roundedRate(count, denominator),
  suppressed: false,
});

function regionFigures(
  quarter: string,
  c: AccessibilityCounters,
  preliminary: boolean,
): QuarterAccessibility {
  return {
    quarter,
    preliminary,
    phone: shown(c.answeredSameDay, c.offered),
    resident: shown(c.respondedSameDay, c.contacts),
    feedback: shown(c.feedbackSameDay, c.contacts),
    assessment: shown(c.within3, c.eligible),
  };
}

const oreAsKronorText = (ore: bigint) => formatRational(rational(ore, 100n));

export async function quarterlyReportData(
  ctx: ServiceContext,
  actor: AuditActor,
  sources: CommitteeSources,
  regionCode: string,
  quarter: string,
): Promise<QuarterlyReportData> {
  assertCommitteeReader(actor, regionCode);
  const period = parseCommitteePeriod(quarter);
  if (period === null || period.kind !== "quarter")
    throw new AppError("bad_request", `quarter ${quarter} is not a quarter YYYYQN.`, { field: "quarter" });
  const regionName = await regionNameOf(ctx.db, regionCode);
  const today = todayOf(ctx);
  const quarters = quartersEndingWith(quarter, REPORT_QUARTERS);

  const accessibility: QuarterAccessibility[] = [];
  for (const q of quarters) {
    const p = parseCommitteePeriod(q);
    if (p === null) continue;
    const counters = await unitMonthCounters(ctx.db, regionCode, p);
    accessibility.push(
      regionFigures(
        q,
        periodSum(
          counters,
          counters.units.map((u) => u.hsaId),
        ),
        isPeriodPreliminary(p, today),
      ),
    );
  }

  const [reference] = await referenceValuesFor(ctx.db, regionCode, [Number(quarter.slice(0, 4))]);

  // Money: approved months of the year up to the quarter's end; the quarter's own months.
  const year = quarter.slice(0, 4);
  const yearMonths = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`).filter(
    (m) => m <= (period.months[2] as string),
  );
  const results = await findApprovedResults(ctx.db, regionCode, yearMonths);
  const components = new Map<string, { label: string; quarter: bigint; ytd: bigint }>();
  const quarterPaidMonths: string[] = [];
  for (const { month, result } of results) {
    const inQuarter = period.months.includes(month);
    if (inQuarter) quarterPaidMonths.push(month);
    for (const c of result.components) {
      const entry = components.get(c.component) ?? { label: c.label, quarter: 0n, ytd: 0n };
      entry.ytd += BigInt(c.totalOre);
      if (inQuarter) entry.quarter += BigInt(c.totalOre);
      components.set(c.component, entry);
    }
  }
  const staffingAnswer = await sources.staffing(ctx, actor, {
    regionCode,
    from: parseCommitteePeriod(quarters[0] as string)?.months[0] ?? (period.months[0] as string),
    to: period.months[2] as string,
  });
  const staffing: QuarterlyReportData["staffing"] = staffingAnswer.available
    ? {
        available: true,
        data: quarters.map((q) => {
          const months = parseCommitteePeriod(q)?.months ?? [];
          const rows = staffingAnswer.data
            .filter((r) => r.unitHsaId === null && r.kommunCode === null && months.includes(r.month))
            .sort((a, b) => (a.month < b.month ? -1 : 1));
          const last = rows.at(-1);
          return {
            quarter: q,
            listed: last?.listed ?? null,
            listedPerGp: listedPerGpOver(rows),
            shortfallFte: last?.shortfallFte ?? null,
          };
        }),
      }
    : staffingAnswer;

  const records = (await findPromiseRows(ctx.db, regionCode)).map(parseStoredPromise);
  const grantIds = [
    ...new Set(records.flatMap((r) => (r.measure.kind === "grantEffect" ? [r.measure.componentId] : []))),
  ];
  const grants: QuarterlyReportData["grants"] = [];
  for (const componentId of grantIds)
    grants.push({ componentId, effect: await sources.grantEffect(ctx, actor, { regionCode, componentId }) });
  const transfers = await sources.transfersGap(ctx, actor, { regionCode, year: Number(year) });

  const followPromise = (record: PromiseRecord): ReportPromise => {
    const base = { record, unit: unitOf(record.measure), projectedKronor: null };
    const target: PromiseTarget = record.target;
    switch (record.measure.kind) {
      case "skrPhoneRate":
      case "residentRate":
      case "feedbackRate": {
        const kind = record.measure.kind;
        const points = accessibility.map((a) => {
          const f = kind === "skrPhoneRate" ? a.phone : kind === "residentRate" ? a.resident : a.feedback;
          return {
            period: a.quarter,
            value: f.rate === null ? null : f.rate.toFixed(4),
            preliminary: a.preliminary,
          };
        });
        const e = evaluateSeries(points, target);
        return { ...base, status: e.status, statusReason: null, points };
      }
      case "listedPerGp": {
        if (!staffing.available)
          return { ...base, status: "no_data", statusReason: staffing.reason, points: [] };
        const points = staffing.data.map((s, i) => ({
          period: s.quarter,
          value: s.listedPerGp,
          preliminary: accessibility[i]?.preliminary ?? false,
        }));
        return { ...base, status: evaluateSeries(points, target).status, statusReason: null, points };
      }
      case "componentBudget": {
        const id = record.measure.componentId;
        const ytd = components.get(id)?.ytd ?? 0n;
        const budget = evaluateBudget({ yearToDateOre: ytd, monthsPaid: results.length }, target);
        return {
          ...base,
          status: budget.status,
          statusReason:
            budget.status === "no_data" ? `No approved payment run in ${year} by ${quarter}.` : null,
          points:
            results.length === 0
              ? []
              : [{ period: quarter, value: oreAsKronorText(ytd), preliminary: false }],
          projectedKronor: budget.projectedOre === null ? null : oreAsKronorText(budget.projectedOre),
        };
      }
      case "grantEffect": {
        const { componentId, effectMeasure } = record.measure;
        const effect = grants.find((g) => g.componentId === componentId)?.effect;
        if (effect === undefined || !effect.available)
          return {
            ...base,
            status: "no_data",
            statusReason: effect?.available === false ? effect.reason : null,
            points: [],
          };
        const did = effect.data.measures.find((m) => m.measure === effectMeasure)?.did ?? null;
        const value = did === null ? null : String(did);
        return {
          ...base,
          status: evaluateValue(value, target),
          statusReason: null,
          points: [
            {
              period:
                effect.data.during === null ? "–" : `${effect.data.during.from}–${effect.data.during.to}`,
              value,
              preliminary: false,
            },
          ],
        };
      }
      case "transfersGap": {
        if (!transfers.available)
          return { ...base, status: "no_data", statusReason: transfers.reason, points: [] };
        const value = oreAsKronorText(BigInt(transfers.data.total.gapOre));
        return {
          ...base,
          status: evaluateValue(value, target),
          statusReason: null,
          points: [{ period: year, value, preliminary: false }],
        };
      }
    }
  };
  const promises = records.map((record) => followPromise(record));

  // Kommun, unit-type and ownership figures are the kommun map API's for the quarter, not a second copy.
  const kommuner = await kommunMapFor(ctx, actor, sources, regionCode, quarter);
  return {
    region: regionCode,
    regionName,
    quarter,
    quarters,
    today: today.toString(),
    preliminary: isPeriodPreliminary(period, today),
    questions: await findQuestions(ctx.db, regionCode),
    accessibility,
    reference: reference ?? null,
    groups: kommuner.groups.map((g) => ({
      by: g.by,
      key: g.key,
      units: g.units,
      phone: g.skrPhoneRate,
      resident: g.residentRate,
      listed: g.listed,
      paymentPerListedKronor: g.paymentPerListed.kronor,
    })),
    kommuner,
    money: {
      paidMonths: quarterPaidMonths,
      components: [...components].map(([component, c]) => ({
        component,
        label: c.label,
        quarterOre: c.quarter.toString(),
        yearToDateOre: c.ytd.toString(),
      })),
    },
    staffing,
    transfers,
    grants,
    promises,
  };
}
