// The compensation gap of the moved tasks for a region and year (FORMATS.md `vardnav transfers gap`):
// the latest version of every transfer, the year's reported volumes, and the pure arithmetic of
// domain/transfers. Where a transfer names the Vårdval component that pays it, the line also carries
// what that component actually paid in the year's approved runs, read from the stored run results (the
// same figures as the reimbursement year summary), beside the decided compensation.
import { Temporal } from "temporal-polyfill";
import { stockholmDateOf } from "../../domain/calendar/index.ts";
import { csvCell } from "../../domain/exports/csv.ts";
import type { ReimbursementResult } from "../../domain/reimbursement/index.ts";
import { type TransferGapLine, transferGapLine, transferGapTotal } from "../../domain/transfers/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { findApprovedRunsOfYear } from "../reimbursement/reimbursement.repository.ts";
import * as repo from "./transfers.repository.ts";
import type { TransferGap, TransferGapYears } from "./transfers.schemas.ts";
import { assertGapReader } from "./transfers-access.ts";

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
    throw new AppError("bad_request", `year ${year} is not a year from ${FIRST_YEAR} to ${LAST_YEAR}.`);
}

/**
 * A year is final once its December is complete, which (as for the grant follow-up) is from the 8th day of
 * the following month: reports for December are due by then. Before that its figures are preliminary.
 */
export function isPreliminaryYear(ctx: ServiceContext, year: number): boolean {
  const today = stockholmDateOf(ctx.clock.now());
  return Temporal.PlainDate.compare(today, Temporal.PlainDate.from({ year: year + 1, month: 1, day: 8 })) < 0;
}

/** What each component paid in the year's approved runs (all units, allocated amounts). */
async function componentPaid(
  ctx: ServiceContext,
  regionCode: string,
  year: number,
): Promise<Map<string, bigint>> {
  const paid = new Map<string, bigint>();
  for (const run of await findApprovedRunsOfYear(ctx.db, regionCode, String(year))) {
    const result = JSON.parse(run.result) as ReimbursementResult;
    for (const c of result.components)
      paid.set(c.component, (paid.get(c.component) ?? 0n) + BigInt(c.totalOre));
  }
  return paid;
}

function amounts(line: Pick<TransferGapLine, keyof ReturnType<typeof transferGapTotal>>) {
  return {
    estimatedCostOre: line.estimatedCostOre.toString(),
    compensationOre: line.compensationOre.toString(),
    gapOre: line.gapOre.toString(),
    costAtReportedVolumeOre: line.costAtReportedVolumeOre.toString(),
    gapAtReportedVolumeOre: line.gapAtReportedVolumeOre.toString(),
  };
}

async function computeGap(ctx: ServiceContext, regionCode: string, year: number): Promise<TransferGap> {
  // "In id order" means the ids' own order, whatever collation the database sorts text by.
  const versions = (await repo.findLatestVersions(ctx.db, regionCode)).sort((a, b) =>
    a.transfer_id < b.transfer_id ? -1 : a.transfer_id > b.transfer_id ? 1 : 0,
  );
  // Only the year's months are summed: volumes reported for other years do not count in this one.
  const volumes = await repo.sumVolumesByTransfer(ctx.db, regionCode, {
    from: `${year}-01`,
    to: `${year}-12`,
  });
  const paid = versions.some((v) => v.component !== null)
    ? await componentPaid(ctx, regionCode, year)
    : new Map<string, bigint>();
  const lines = versions.map((v) =>
    transferGapLine(
      year,
      {
        id: v.transfer_id,
        status: v.status,
        from: v.from_month,
        to: v.to_month,
        expectedAnnualVolume: v.expected_annual_volume,
        estimatedAnnualCostOre: BigInt(v.estimated_annual_cost_ore),
        annualCompensationOre: BigInt(v.annual_compensation_ore),
      },
      volumes.get(v.transfer_id) ?? 0,
    ),
  );
  return {
    region: regionCode,
    year,
    transfers: lines.map((line, i) => {
      const version = versions[i] as repo.TransferVersionRow;
      return {
        id: line.id,
        status: line.status,
        monthsInEffect: line.monthsInEffect,
        ...amounts(line),
        reportedVolume: line.reportedVolume,
        title: version.title,
        component: version.component,
        componentPaidOre: version.component === null ? null : (paid.get(version.component) ?? 0n).toString(),
      };
    }),
    total: amounts(transferGapTotal(lines)),
    preliminary: isPreliminaryYear(ctx, year),
  };
}

/**
 * The gap of one region and year, FORMATS.md JSON (with optional extensions). The committee dashboard
 * and the quarterly report call this.
 */
export async function transfersGapFor(
  ctx: ServiceContext,
  actor: AuditActor,
  input: { regionCode: string; year: number },
): Promise<TransferGap> {
  assertGapReader(actor, input.regionCode);
  assertYear(input.year);
  if (!(await repo.regionExists(ctx.db, input.regionCode)))
    throw new AppError("not_found", `No region ${input.regionCode}.`, { regionCode: input.regionCode });
  return computeGap(ctx, input.regionCode, input.year);
}

/** Totals per year, from the first year any transfer starts to next year (for the chart over the years). */
export async function transfersGapYears(
  ctx: ServiceContext,
  actor: AuditActor,
  regionCode: string,
): Promise<TransferGapYears> {
  assertGapReader(actor, regionCode);
  const versions = await repo.findLatestVersions(ctx.db, regionCode);
  const thisYear = stockholmDateOf(ctx.clock.now()).year;
  if (versions.length === 0) return { region: regionCode, years: [] };
  const first = Math.max(Math.min(...versions.map((v) => Number(v.from_month.slice(0, 4)))), thisYear - 10);
  const years: TransferGapYears["years"] = [];
  for (let year = first; year <= thisYear + 1; year += 1) {
    const gap = await computeGap(ctx, regionCode, year);
    years.push({ year, preliminary: gap.preliminary, total: gap.total });
  }
  return { region: regionCode, years };
}

const CSV_COLUMNS = [
  "id",
  "title",
  "status",
  "monthsInEffect",
  "estimatedCostOre",
  "compensationOre",
  "gapOre",
  "reportedVolume",
  "costAtReportedVolumeOre",
  "gapAtReportedVolumeOre",
  "component",
  "componentPaidOre",
] as const;

/** The gap as CSV: one row per transfer in id order, then a `total` row (amounts in öre, as in the JSON). */
export function transfersGapCsv(gap: TransferGap): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const t of gap.transfers) lines.push(CSV_COLUMNS.map((c) => csvCell(t[c])).join(","));
  const t = gap.total;
  lines.push(
    [
      "total",
      "",
      "",
      "",
      t.estimatedCostOre,
      t.compensationOre,
      t.gapOre,
      // Volumes are counted in different units (visits, checks, …): they have no sum.
      "",
      t.costAtReportedVolumeOre,
      t.gapAtReportedVolumeOre,
      "",
      "",
    ]
      .map(csvCell)
      .join(","),
  );
  return `${lines.join("\n")}\n`;
}
