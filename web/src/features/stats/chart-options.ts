import { type Month, monthsBetween, ratePercent } from "./format.ts";
import type { AccessibilityRow, HeatmapCell, ReferenceValue } from "./types.ts";

// Pure builders of the ECharts options from API rows: everything the charts show is decided here and
// tested table-driven; the React wrapper only hands the result to echarts.setOption. The same series feed
// the visually hidden tables that are the charts' text alternative.

/** One month of the trend: the four rates in percent (null = no data or withheld) and the hidden queue. */
export interface TrendPoint {
  month: Month;
  phone: number | null;
  resident: number | null;
  feedback: number | null;
  assessment: number | null;
  /** Refused + overflowed contacts. */
  hiddenQueue: number | null;
  /** The national reference of the month's year, in percent. */
  reference: number | null;
}

/**
 * The months from `from` to `to`, each with the figures of the selected unit (or of the region when
 * `unitHsaId` is null). Months without a row stay in the series as gaps, so the x axis is continuous.
 */
export function trendPoints(
  rows: readonly AccessibilityRow[],
  reference: readonly ReferenceValue[],
  unitHsaId: string | null,
  from: Month,
  to: Month,
): TrendPoint[] {
  const byMonth = new Map(rows.filter((row) => row.unitHsaId === unitHsaId).map((row) => [row.period, row]));
  const referenceByYear = new Map(reference.map((value) => [String(value.year), value.nationalPhoneRate]));
  return monthsBetween(from, to).map((month) => {
    const row = byMonth.get(month);
    const refused = row?.resident.refused;
    const overflowed = row?.resident.overflowed;
    return {
      month,
      phone: ratePercent(row?.phone.rate),
      resident: ratePercent(row?.resident.rate),
      feedback: ratePercent(row?.resident.feedbackRate),
      assessment: ratePercent(row?.assessment.rate),
      hiddenQueue:
        refused === null || refused === undefined || overflowed === null || overflowed === undefined
          ? null
          : refused + overflowed,
      reference: ratePercent(referenceByYear.get(month.slice(0, 4)) ?? null),
    };
  });
}

export interface TrendLabels {
  phone: string;
  resident: string;
  feedback: string;
  assessment: string;
  hiddenQueue: string;
  reference: string;
  goal: string;
  rateAxis: string;
  countAxis: string;
  /** Month label on the x axis, e.g. "mar 2026". */
  month: (month: Month) => string;
  /** A percent value as the language writes it, e.g. "87,5 %". */
  percent: (value: number) => string;
  count: (value: number) => string;
}

// Colours chosen for contrast against white (≥ 3:1 for graphics, WCAG 1.4.11) and told apart by more than
// hue: the reference is dashed, the goal a dotted mark line, the hidden queue bars.
export const TREND_COLORS = {
  phone: "#1c5aa6",
  resident: "#b3261e",
  feedback: "#5a3d99",
  assessment: "#1f7a3a",
  hiddenQueue: "#8a6d1f",
  reference: "#333333",
  goal: "#000000",
} as const;

const LINE_SYMBOLS = { phone: "circle", resident: "triangle", feedback: "diamond", assessment: "rect" };

type RateKey = "phone" | "resident" | "feedback" | "assessment";
const RATE_KEYS: readonly RateKey[] = ["phone", "resident", "feedback", "assessment"];

export function buildTrendOption(points: readonly TrendPoint[], labels: TrendLabels) {
  const percentFormatter = (value: unknown) =>
    typeof value === "number" ? labels.percent(value) : String(value ?? "–");
  return {
    animation: false,
    color: [...RATE_KEYS.map((key) => TREND_COLORS[key]), TREND_COLORS.reference, TREND_COLORS.hiddenQueue],
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll" },
    grid: { left: 56, right: 64, top: 56, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: points.map((point) => labels.month(point.month)) },
    yAxis: [
      {
        type: "value",
        name: labels.rateAxis,
        min: 0,
        max: 100,
        axisLabel: { formatter: (value: number) => labels.percent(value) },
      },
      {
        type: "value",
        name: labels.countAxis,
        min: 0,
        minInterval: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (value: number) => labels.count(value) },
      },
    ],
    series: [
      ...RATE_KEYS.map((key) => ({
        type: "line",
        name: labels[key],
        yAxisIndex: 0,
        data: points.map((point) => point[key]),
        symbol: LINE_SYMBOLS[key],
        symbolSize: 7,
        connectNulls: false,
        tooltip: { valueFormatter: percentFormatter },
      })),
      {
        type: "line",
        name: labels.reference,
        yAxisIndex: 0,
        data: points.map((point) => point.reference),
        step: "middle",
        symbol: "none",
        lineStyle: { type: "dashed", width: 2, color: TREND_COLORS.reference },
        tooltip: { valueFormatter: percentFormatter },
        // The goal is one value for every month: a reference line across the chart, not a series.
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { type: "dotted", width: 2, color: TREND_COLORS.goal },
          label: { formatter: labels.goal, position: "insideStartTop" },
          data: [{ yAxis: 100 }],
        },
      },
      {
        type: "bar",
        name: labels.hiddenQueue,
        yAxisIndex: 1,
        data: points.map((point) => point.hiddenQueue),
        barMaxWidth: 18,
        // Behind the lines, so that a month's rate points stay visible in front of its bar.
        z: 1,
        itemStyle: { color: TREND_COLORS.hiddenQueue, opacity: 0.6 },
        tooltip: {
          valueFormatter: (value: unknown) => (typeof value === "number" ? labels.count(value) : "–"),
        },
      },
    ],
  };
}

// --- Heatmap ---------------------------------------------------------------------------------------

export type HeatmapMode = "contacts" | "unanswered";

/**
 * A 7 × 24 grid (Monday first, hours 0–23) of the chosen count; hours without a cell count 0, and a cell
 * the server withheld (committee users, fewer than 20 contacts) stays null.
 */
export function heatmapGrid(cells: readonly HeatmapCell[], mode: HeatmapMode): (number | null)[][] {
  const grid: (number | null)[][] = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const cell of cells) {
    const row = grid[cell.weekday - 1];
    if (!row || cell.hour < 0 || cell.hour > 23) continue;
    const value = cell[mode];
    const current = row[cell.hour] ?? 0;
    row[cell.hour] = value === null || current === null ? null : current + value;
  }
  return grid;
}

/** The hours worth showing: from the first to the last hour with any contact (all 24 when none). */
export function activeHours(cells: readonly HeatmapCell[]): number[] {
  const hours = cells.filter((cell) => cell.contacts === null || cell.contacts > 0).map((cell) => cell.hour);
  const first = hours.length > 0 ? Math.min(...hours) : 0;
  const last = hours.length > 0 ? Math.max(...hours) : 23;
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

export interface HeatmapLabels {
  /** Weekday names, Monday first. */
  weekdays: readonly string[];
  series: string;
  count: (value: number) => string;
  /** The tooltip of one cell, e.g. "måndag kl 08: 12"; value null when withheld. */
  cell?: (weekdayIndex: number, hour: number, value: number | null) => string;
}

export function buildHeatmapOption(cells: readonly HeatmapCell[], mode: HeatmapMode, labels: HeatmapLabels) {
  const grid = heatmapGrid(cells, mode);
  const hours = activeHours(cells);
  // "-" is ECharts' empty value: a withheld cell is left blank rather than drawn as 0.
  const data: [number, number, number | "-"][] = [];
  let max = 0;
  grid.forEach((row, weekdayIndex) => {
    hours.forEach((hour, hourIndex) => {
      const value = row[hour] ?? null;
      if (value !== null) max = Math.max(max, value);
      data.push([hourIndex, weekdayIndex, value ?? "-"]);
    });
  });
  return {
    animation: false,
    tooltip: {
      position: "top",
      formatter: (params: { value?: unknown }) => {
        const [hourIndex, weekdayIndex, value] = (params.value ?? []) as [number, number, number | "-"];
        const hour = hours[hourIndex] ?? 0;
        const count = value === "-" ? null : value;
        return labels.cell
          ? labels.cell(weekdayIndex, hour, count)
          : `${labels.weekdays[weekdayIndex] ?? ""} ${String(hour).padStart(2, "0")}: ${count === null ? "–" : labels.count(count)}`;
      },
    },
    grid: { left: 48, right: 16, top: 16, bottom: 72, containLabel: true },
    xAxis: {
      type: "category",
      data: hours.map((hour) => String(hour).padStart(2, "0")),
      splitArea: { show: true },
    },
    // Monday at the top, as a calendar reads.
    yAxis: { type: "category", data: [...labels.weekdays], inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(max, 1),
      calculable: true,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      // Light to dark blue: the order stays readable without colour vision, by lightness.
      inRange: { color: ["#f0f5fb", "#9ec0e6", "#3a78c2", "#0b3a75"] },
      formatter: (value: number) => labels.count(Math.round(value)),
    },
    series: [
      {
        type: "heatmap",
        name: labels.series,
        data,
        label: { show: false },
        emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } },
      },
    ],
  };
}

/** The busiest weekday and hour of the chosen count, for the chart's spoken summary; null when all are 0. */
export function heatmapPeak(
  cells: readonly HeatmapCell[],
  mode: HeatmapMode,
): { weekday: number; hour: number; value: number } | null {
  let peak: { weekday: number; hour: number; value: number } | null = null;
  for (const cell of cells) {
    const value = cell[mode];
    if (value !== null && value > 0 && (peak === null || value > peak.value)) {
      peak = { weekday: cell.weekday, hour: cell.hour, value };
    }
  }
  return peak;
}

// --- Forecast by hour --------------------------------------------------------------------------------

export function buildForecastOption(
  byHour: readonly { hour: number; expected: number }[],
  labels: { series: string; count: (value: number) => string },
) {
  const sorted = [...byHour].sort((a, b) => a.hour - b.hour);
  return {
    animation: false,
    tooltip: {
      trigger: "axis",
      valueFormatter: (value: unknown) => (typeof value === "number" ? labels.count(value) : "–"),
    },
    grid: { left: 40, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: "category", data: sorted.map((point) => String(point.hour).padStart(2, "0")) },
    yAxis: { type: "value", min: 0, axisLabel: { formatter: (value: number) => labels.count(value) } },
    series: [
      {
        type: "bar",
        name: labels.series,
        data: sorted.map((point) => Math.round(point.expected * 10) / 10),
        itemStyle: { color: TREND_COLORS.phone },
        barMaxWidth: 24,
      },
    ],
  };
}
