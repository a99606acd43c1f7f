import { Temporal } from "temporal-polyfill";
import { lastCompleteMonth, monthsEndingWith, projectYearOre } from "../../domain/committee/index.ts";
import { roundedRate } from "../../domain/statistics/index.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { budgetFollowUp } from "../reimbursement/reimbursement.service.ts";
import { referenceValuesFor } from "../statistics/stats.service.ts";
import { findLatestListingMonth, findListedByUnitMonth, findRegionUnits } from "./committee.repository.ts";
import type { DashboardResponse } from "./committee.schemas.ts";
import {
  assertCommitteeReader,
  regionMonths,
  regionNameOf,
  suppressedOverPeriod,
  unitMonthCounters,
} from "./committee-figures.ts";
import { evaluatePromises, todayOf } from "./promises.service.ts";
import type { CommitteeSources } from "./sources.ts";

// The committee's start page (region admins see it too): promises, the four accessibility rates per month
// against reference and goal, physicians against 1 : 1 100, money by component against budget, the
// transfers gap and listing by ownership. Region figures only: no unit figure, so nothing to suppress here.

/** Socialstyrelsen's guide value, DESIGN.md: one specialist in general medicine per 1 100 listed. */
export const LISTED_PER_GP_GOAL = 1100;

const DASHBOARD_MONTHS = 13;

export async function dashboardFor(
  ctx: ServiceContext,
  actor: AuditActor,
  sources: CommitteeSources,
  regionCode: string,
): Promise<DashboardResponse> {
  assertCommitteeReader(actor, regionCode);
  const regionName = await regionNameOf(ctx.db, regionCode);
  const today = todayOf(ctx);
  const currentMonth = today.toPlainYearMonth().toString();
  const months = monthsEndingWith(currentMonth, DASHBOARD_MONTHS);
  const first = months[0] as string;
  const counters = await unitMonthCounters(ctx.db, regionCode, {
    from: `${first}-01`,
    to: today.toString(),
    months,
  });
  const accessibilityMonths = regionMonths(counters, today);
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const reference = await referenceValuesFor(ctx.db, regionCode, years);

  const promises = await evaluatePromises({ ctx, actor, sources, regionCode, today });

  const staffingAnswer = await sources.staffing(ctx, actor, { regionCode, from: first, to: currentMonth });
  let staffing: DashboardResponse["staffing"];
  if (!staffingAnswer.available) staffing = { available: false, reason: staffingAnswer.reason };
  else {
    const regionRows = staffingAnswer.data
      .filter((r) => r.unitHsaId === null && r.kommunCode === null)
      .sort((a, b) => (a.month < b.month ? -1 : 1));
    const latest = regionRows.at(-1);
    staffing = {
      available: true,
      month: latest?.month ?? null,
      listed: latest?.listed ?? null,
      gpFte: latest?.gpFte ?? null,
      listedPerGp: latest?.listedPerGp ?? null,
      neededGpFte: latest?.neededGpFte ?? null,
      shortfallFte: latest?.shortfallFte ?? null,
      goal: LISTED_PER_GP_GOAL,
    };
  }

  const year = String(today.year);
  const budget = await budgetFollowUp(ctx, actor, regionCode, year);
  const money: DashboardResponse["money"] = {
    year,
    months: budget.months,
    components: budget.components.map((c) => ({
      component: c.component,
      label: c.label,
      type: c.type,
      annualOre: c.annualOre,
      yearToDateOre: c.yearToDateOre,
      projectedOre: projectYearOre(BigInt(c.yearToDateOre), budget.months.length)?.toString() ?? null,
      share: c.share,
    })),
  };

  const gap = await sources.transfersGap(ctx, actor, { regionCode, year: today.year });
  const transfers: DashboardResponse["transfers"] = gap.available
    ? {
        available: true,
        year: gap.data.year,
        estimatedCostOre: gap.data.total.estimatedCostOre,
        compensationOre: gap.data.total.compensationOre,
        gapOre: gap.data.total.gapOre,
      }
    : { available: false, reason: gap.reason };

  return {
    region: regionCode,
    regionName,
    today: today.toString(),
    promises,
    accessibility: { months: accessibilityMonths, reference },
    staffing,
    money,
    transfers,
    ranking: await unitRanking(ctx, regionCode, today),
    listing: await listingByOwnership(ctx, regionCode, today),
  };
}

/**
 * The region's units (backup teams excluded) by SKR telephone rate in the last complete month, best
 * first; withheld units (FORMATS.md rule for the month) and units without calls last, then by name.
 */
async function unitRanking(
  ctx: ServiceContext,
  regionCode: string,
  today: Temporal.PlainDate,
): Promise<DashboardResponse["ranking"]> {
  const month = lastCompleteMonth(today);
  const to = Temporal.PlainYearMonth.from(month)
    .toPlainDate({ day: 1 })
    .add({ months: 1 })
    .subtract({ days: 1 });
  const counters = await unitMonthCounters(ctx.db, regionCode, {
    from: `${month}-01`,
    to: to.toString(),
    months: [month],
  });
  const phoneWithheld = suppressedOverPeriod(counters, "phone");
  const residentWithheld = suppressedOverPeriod(counters, "resident");
  const ofMonth = counters.byMonth.get(month) ?? new Map();
  const figure = (count: number, denominator: number, withheld: boolean) =>
    withheld
      ? { count: null, denominator: null, rate: null, suppressed: true }
      : { count, denominator, rate: roundedRate(count, denominator), suppressed: false };
  const units = counters.units
    .filter((u) => u.type !== "backup")
    .map((u) => {
      const c = ofMonth.get(u.hsaId);
      return {
        hsaId: u.hsaId,
        name: u.name,
        kommunCode: u.kommunCode,
        type: u.type,
        ownership: u.ownership,
        phone: figure(c?.answeredSameDay ?? 0, c?.offered ?? 0, phoneWithheld.has(u.hsaId)),
        resident: figure(c?.respondedSameDay ?? 0, c?.contacts ?? 0, residentWithheld.has(u.hsaId)),
      };
    })
    .sort((a, b) => {
      const ra = a.phone.rate ?? -1;
      const rb = b.phone.rate ?? -1;
      return ra !== rb ? rb - ra : a.name.localeCompare(b.name, "sv");
    });
  return { month, units };
}

/** Listed persons by ownership in the latest listed month up to now (listing is public, not suppressed). */
async function listingByOwnership(
  ctx: ServiceContext,
  regionCode: string,
  today: Temporal.PlainDate,
): Promise<DashboardResponse["listing"]> {
  const month = await findLatestListingMonth(ctx.db, regionCode, today.toPlainYearMonth().toString());
  if (month === undefined) return { month: null, byOwnership: [] };
  const [listed, units] = await Promise.all([
    findListedByUnitMonth(ctx.db, regionCode, [month]),
    findRegionUnits(ctx.db, regionCode),
  ]);
  const ownershipOf = new Map(units.map((u) => [u.id, u.ownership]));
  const totals = new Map<"regional" | "private", { units: number; listed: number }>();
  for (const row of listed) {
    const ownership = ownershipOf.get(row.unitId);
    if (ownership === undefined || row.listed === 0) continue;
    const entry = totals.get(ownership) ?? { units: 0, listed: 0 };
    entry.units += 1;
    entry.listed += row.listed;
    totals.set(ownership, entry);
  }
  return {
    month,
    byOwnership: (["regional", "private"] as const)
      .filter((o) => totals.has(o))
      .map((ownership) => ({ ownership, ...(totals.get(ownership) as { units: number; listed: number }) })),
  };
}
