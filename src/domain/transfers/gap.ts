// The compensation gap of tasks moved from slutenvården (FORMATS.md "Task transfers from slutenvården").
// Pure and exact: amounts are whole öre (bigint) as registered, every product and quotient stays an exact
// rational until it is rounded once to whole öre, half to even (DESIGN.md "Money"), with the reimbursement
// engine's helper. Differences (the gaps) are taken between the rounded amounts, as the contract says, so
// a row's gap always equals what the reader can subtract from the printed figures.
import { roundHalfEvenFraction } from "../reimbursement/rational.ts";

export const TRANSFER_STATUSES = ["proposed", "decided", "in_effect", "ended"] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** What the gap needs of one transfer's latest version. */
export interface TransferTerms {
  id: string;
  status: TransferStatus;
  /** First month, "YYYY-MM", inclusive. */
  from: string;
  /** Last month, inclusive; null = open-ended. */
  to: string | null;
  expectedAnnualVolume: number;
  estimatedAnnualCostOre: bigint;
  annualCompensationOre: bigint;
}

export interface TransferGapLine {
  id: string;
  status: TransferStatus;
  monthsInEffect: number;
  estimatedCostOre: bigint;
  compensationOre: bigint;
  gapOre: bigint;
  reportedVolume: number;
  costAtReportedVolumeOre: bigint;
  gapAtReportedVolumeOre: bigint;
}

export interface TransferGapTotal {
  estimatedCostOre: bigint;
  compensationOre: bigint;
  gapOre: bigint;
  costAtReportedVolumeOre: bigint;
  gapAtReportedVolumeOre: bigint;
}

/** Months "YYYY-MM" as a running index, so ranges are plain integer arithmetic. */
function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * Months of `year` inside [from, to]; 0 for a proposed transfer, which is not decided and so costs and
 * earns nothing yet. An ended transfer counts its months up to `to` like any other.
 */
export function monthsInEffect(year: number, terms: Pick<TransferTerms, "status" | "from" | "to">): number {
  if (terms.status === "proposed") return 0;
  const first = Math.max(monthIndex(terms.from), year * 12);
  const last = Math.min(terms.to === null ? Number.POSITIVE_INFINITY : monthIndex(terms.to), year * 12 + 11);
  return last < first ? 0 : last - first + 1;
}

/** One transfer's line of the year; `reportedVolume` is the sum of the year's reported months (all units). */
export function transferGapLine(year: number, terms: TransferTerms, reportedVolume: number): TransferGapLine {
  const months = monthsInEffect(year, terms);
  const proposed = terms.status === "proposed";
  const estimatedCostOre = roundHalfEvenFraction(terms.estimatedAnnualCostOre * BigInt(months), 12n);
  const compensationOre = roundHalfEvenFraction(terms.annualCompensationOre * BigInt(months), 12n);
  const costAtReportedVolumeOre =
    proposed || terms.expectedAnnualVolume === 0
      ? 0n
      : roundHalfEvenFraction(
          BigInt(reportedVolume) * terms.estimatedAnnualCostOre,
          BigInt(terms.expectedAnnualVolume),
        );
  return {
    id: terms.id,
    status: terms.status,
    monthsInEffect: months,
    estimatedCostOre,
    compensationOre,
    gapOre: estimatedCostOre - compensationOre,
    reportedVolume,
    costAtReportedVolumeOre,
    gapAtReportedVolumeOre: costAtReportedVolumeOre - compensationOre,
  };
}

/** Sums of the listed lines' rounded amounts (proposed lines are 0 by construction). */
export function transferGapTotal(lines: readonly TransferGapLine[]): TransferGapTotal {
  const total: TransferGapTotal = {
    estimatedCostOre: 0n,
    compensationOre: 0n,
    gapOre: 0n,
    costAtReportedVolumeOre: 0n,
    gapAtReportedVolumeOre: 0n,
  };
  for (const line of lines) {
    total.estimatedCostOre += line.estimatedCostOre;
    total.compensationOre += line.compensationOre;
    total.gapOre += line.gapOre;
    total.costAtReportedVolumeOre += line.costAtReportedVolumeOre;
    total.gapAtReportedVolumeOre += line.gapAtReportedVolumeOre;
  }
  return total;
}

/** Kronor with two decimals ("3600000.00") from whole öre: the register file's amount form. */
export function oreToKronorText(ore: bigint): string {
  const sign = ore < 0n ? "-" : "";
  const abs = ore < 0n ? -ore : ore;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
