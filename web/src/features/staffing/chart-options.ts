import type { EChartsCoreOption } from "echarts/core";
import type { TrendSeries } from "./staffing-view.ts";

// ECharts options of the staffing page, built from the view series. Colours have at least 3:1 contrast
// against white (WCAG 1.4.11); the region line is thicker and the goal a dashed mark line, so that
// neither rests on colour alone.
const PALETTE = ["#1c5aa6", "#b3261e", "#5a3d99", "#1f7a3a", "#8a6d1f", "#00707a", "#a3337a", "#4d4d4d"];

export function staffingTrendOption(
  months: readonly string[],
  series: readonly TrendSeries[],
  labels: { month: (m: string) => string; goal: number; goalLabel: string; axis: string },
): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { left: 64, right: 24, top: 48, bottom: 40 },
    xAxis: { type: "category", data: months.map(labels.month) },
    yAxis: { type: "value", name: labels.axis, min: 0 },
    series: series.map((s, i) => ({
      type: "line",
      name: s.name,
      data: s.values,
      connectNulls: false,
      showSymbol: false,
      lineStyle: { width: i === 0 ? 4 : 1.5 },
      color: PALETTE[i % PALETTE.length],
      ...(i === 0
        ? {
            markLine: {
              symbol: "none",
              lineStyle: { type: "dashed", color: "#000000", width: 2 },
              label: { formatter: labels.goalLabel },
              data: [{ yAxis: labels.goal }],
            },
          }
        : {}),
    })),
  };
}

export function agencyShareOption(
  months: readonly string[],
  shares: readonly (number | null)[],
  labels: { month: (m: string) => string; axis: string; name: string },
): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    grid: { left: 64, right: 24, top: 24, bottom: 40 },
    xAxis: { type: "category", data: months.map(labels.month) },
    yAxis: { type: "value", name: labels.axis, min: 0, max: 100 },
    series: [
      {
        type: "bar",
        name: labels.name,
        data: shares.map((s) => (s === null ? null : Math.round(s * 1000) / 10)),
        color: "#8a6d1f",
      },
    ],
  };
}
