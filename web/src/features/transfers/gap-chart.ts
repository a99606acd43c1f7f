// The ECharts option of the gap page's chart (cost vs compensation over the years), pure and tested. The
// chart's numbers are million kronor for drawing only; every figure a reader sees in words or in the
// hidden table is formatted exactly from öre by money.ts.
import type { TransferGapYears } from "./api.ts";

export interface GapChartLabels {
  cost: string;
  compensation: string;
  atVolume: string;
  amountAxis: string;
  /** The x-axis label of a year, marking a preliminary one. */
  year: (year: number, preliminary: boolean) => string;
  /** Tooltip text of an amount in öre. */
  amount: (ore: bigint) => string;
}

/** Öre as million kronor for the chart's geometry (presentation only). */
export function millionKronor(ore: string): number {
  const value = BigInt(ore);
  // Whole kronor first, in bigint, so the float only ever holds a value with few significant digits.
  return Number(value / 100n) / 1_000_000;
}

export function buildGapChartOption(years: TransferGapYears["years"], labels: GapChartLabels) {
  const tooltipFormatter = (value: unknown) =>
    typeof value === "number" ? labels.amount(BigInt(Math.round(value * 1_000_000)) * 100n) : "–";
  return {
    animation: false,
    color: ["#1c5a8a", "#2f8f4e", "#b04a00"],
    tooltip: { trigger: "axis", valueFormatter: tooltipFormatter },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 48, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: years.map((y) => labels.year(y.year, y.preliminary)) },
    yAxis: { type: "value", name: labels.amountAxis, min: 0 },
    series: [
      { type: "bar", name: labels.cost, data: years.map((y) => millionKronor(y.total.estimatedCostOre)) },
      {
        type: "bar",
        name: labels.compensation,
        data: years.map((y) => millionKronor(y.total.compensationOre)),
      },
      {
        type: "line",
        name: labels.atVolume,
        data: years.map((y) => millionKronor(y.total.costAtReportedVolumeOre)),
        symbol: "diamond",
        symbolSize: 9,
        lineStyle: { type: "dashed", width: 2 },
      },
    ],
  };
}
