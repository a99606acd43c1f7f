import { kommunerInRegion } from "../../data/reference.ts";
import {
  isPeriodPreliminary,
  listedPerGpOver,
  parseCommitteePeriod,
  paymentPerListedKronor,
} from "../../domain/committee/index.ts";
import { isGroupSuppressed } from "../../domain/disclosure/suppression.ts";
import { type AccessibilityCounters, roundedRate } from "../../domain/statistics/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { type CommitteeUnit, findApprovedResults, findListedByUnitMonth } from "./committee.repository.ts";
import { type KommunFigures, type KommunMapResponse, MAP_MEASURES } from "./committee.schemas.ts";
import {
  assertCommitteeReader,
  periodSum,
  regionNameOf,
  suppressedOverPeriod,
  unitMonthCounters,
} from "./committee-figures.ts";
import { todayOf } from "./promises.service.ts";
import type { CommitteeSources, StaffingRow } from "./sources.ts";

// Figures per kommun for the map, its table and `stats accessibility --by kommun`: the SKR and resident
// rates (a kommun is withheld when one of its units is, by the FORMATS.md rule over the period's months),
// listed per specialist and shortfall (physician staffing) and approved payments per listed person.

function rateFigure(c: AccessibilityCounters, group: "phone" | "resident", suppressed: boolean) {
  if (suppressed) return { count: null, denominator: null, rate: null, suppressed: true };
  const [count, denominator] =
    group === "phone" ? [c.answeredSameDay, c.offered] : [c.respondedSameDay, c.contacts];
  return { count, denominator, rate: roundedRate(count, denominator), suppressed: false };
}

function staffingFigures(rows: StaffingRow[] | null) {
  if (rows === null || rows.length === 0) return { listed: null, listedPerGp: null, shortfallFte: null };
  const sorted = [...rows].sort((a, b) => (a.month < b.month ? -1 : 1));
  const latest = sorted[sorted.length - 1] as StaffingRow;
  // Listed and shortfall are stocks: the period's last month. The ratio is over all its months.
  return { listed: latest.listed, listedPerGp: listedPerGpOver(sorted), shortfallFte: latest.shortfallFte };
}

export async function kommunMapFor(
  ctx: ServiceContext,
  actor: AuditActor,
  sources: CommitteeSources,
  regionCode: string,
  periodText: string,
): Promise<KommunMapResponse> {
  assertCommitteeReader(actor, regionCode);
  const period = parseCommitteePeriod(periodText);
  if (period === null) {
    throw new AppError(
      "bad_request",
      `period ${periodText}: committee views offer only calendar months (YYYY-MM), quarters (YYYYQN) and years (YYYY).`,
      { field: "period" },
    );
  }
  const regionName = await regionNameOf(ctx.db, regionCode);
  const today = todayOf(ctx);
  const counters = await unitMonthCounters(ctx.db, regionCode, period);
  const suppressedPhone = suppressedOverPeriod(counters, "phone");
  const suppressedResident = suppressedOverPeriod(counters, "resident");

  const staffing = await sources.staffing(ctx, actor, {
    regionCode,
    from: period.months[0] as string,
    to: period.months[period.months.length - 1] as string,
  });
  const staffingRows = staffing.available ? staffing.data : null;

  const results = await findApprovedResults(ctx.db, regionCode, period.months);
  const paidMonths = results.map((r) => r.month);
  const paidByUnit = new Map<string, bigint>();
  for (const { result } of results)
    for (const unit of result.units)
      paidByUnit.set(unit.hsaId, (paidByUnit.get(unit.hsaId) ?? 0n) + BigInt(unit.totalOre));
  const listedRows = await findListedByUnitMonth(ctx.db, regionCode, paidMonths);
  const listedByUnitId = new Map<number, number>();
  for (const row of listedRows)
    listedByUnitId.set(row.unitId, (listedByUnitId.get(row.unitId) ?? 0) + row.listed);

  const payment = (units: CommitteeUnit[]) => {
    let paid = 0n;
    let listed = 0;
    for (const u of units) {
      paid += paidByUnit.get(u.hsaId) ?? 0n;
      listed += listedByUnitId.get(u.id) ?? 0;
    }
    return { paidOre: paid.toString(), listedMonths: listed, kronor: paymentPerListedKronor(paid, listed) };
  };

  const served = counters.units.filter((u) => u.type !== "backup");
  const kommuner = kommunerInRegion(regionCode).map((kommun) => {
    const units = served.filter((u) => u.kommunCode === kommun.code);
    const hsaIds = units.map((u) => u.hsaId);
    const sum = periodSum(counters, hsaIds);
    const figures: KommunFigures = {
      skrPhoneRate: rateFigure(sum, "phone", isGroupSuppressed(hsaIds, suppressedPhone)),
      residentRate: rateFigure(sum, "resident", isGroupSuppressed(hsaIds, suppressedResident)),
      ...staffingFigures(
        staffingRows?.filter((r) => r.unitHsaId === null && r.kommunCode === kommun.code) ?? null,
      ),
      paymentPerListed: payment(units),
    };
    return {
      kommunCode: kommun.code,
      name: kommun.name,
      units: units.map((u) => ({ hsaId: u.hsaId, name: u.name, type: u.type, ownership: u.ownership })),
      ...figures,
    };
  });

  const lastMonth = period.months[period.months.length - 1] as string;
  const listedAtEnd = new Map(
    (await findListedByUnitMonth(ctx.db, regionCode, [lastMonth])).map((r) => [r.unitId, r.listed]),
  );
  const groupKeys = [
    ...(["halsocentral", "sjukstuga", "filial"] as const).map((key) => ({ by: "type" as const, key })),
    ...(["regional", "private"] as const).map((key) => ({ by: "ownership" as const, key })),
  ];
  const groups = groupKeys.flatMap(({ by, key }) => {
    const members = served.filter((u) => (by === "type" ? u.type : u.ownership) === key);
    if (members.length === 0) return [];
    const hsaIds = members.map((u) => u.hsaId);
    const sum = periodSum(counters, hsaIds);
    return [
      {
        by,
        key,
        units: members.length,
        listed: members.reduce((total, u) => total + (listedAtEnd.get(u.id) ?? 0), 0),
        skrPhoneRate: rateFigure(sum, "phone", isGroupSuppressed(hsaIds, suppressedPhone)),
        residentRate: rateFigure(sum, "resident", isGroupSuppressed(hsaIds, suppressedResident)),
        paymentPerListed: payment(members),
      },
    ];
  });

  const all = periodSum(
    counters,
    counters.units.map((u) => u.hsaId),
  );
  const total: KommunFigures = {
    skrPhoneRate: rateFigure(all, "phone", false),
    residentRate: rateFigure(all, "resident", false),
    ...staffingFigures(staffingRows?.filter((r) => r.unitHsaId === null && r.kommunCode === null) ?? null),
    paymentPerListed: payment(counters.units),
  };

  return {
    region: regionCode,
    regionName,
    period: {
      key: period.key,
      kind: period.kind,
      from: period.from,
      to: period.to,
      preliminary: isPeriodPreliminary(period, today),
    },
    measures: [...MAP_MEASURES],
    staffing: { available: staffing.available, reason: staffing.available ? null : staffing.reason },
    paidMonths,
    kommuner,
    total,
    groups,
  };
}
