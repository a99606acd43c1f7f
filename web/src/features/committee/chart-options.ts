import type { EChartsCoreOption } from "echarts/core";
import type { DashboardResponse, KommunMapResponse, KommunRow } from "./api.ts";

// ECharts options for the committee pages, built from API answers by pure functions (tested without a
// browser). Preliminary months are drawn as a dashed continuation with hollow points, never as a fall.

export type AccessibilityMonths = DashboardResponse["accessibility"]["months"];
export const RATE_KEYS = ["phone", "resident", "feedback", "assessment"] as const;
export type RateKey = (typeof RATE_KEYS)[number];

const COLORS: Record<RateKey, string> = {
  phone: "#1f5fa8",
  resident: "#b4531a",
  feedback: "#2e7d32",
  assessment: "#6a1b9a",
};

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * Each rate as two line series on the same category axis: complete months solid, and from the last
 * complete month on, the preliminary months dashed.
 */
export function ratesSeries(months: AccessibilityMonths, key: RateKey) {
  const values = months.map((m) => percent(m[key].rate));
  const firstPreliminary = months.findIndex((m) => m.preliminary);
  const split = firstPreliminary === -1 ? months.length : firstPreliminary;
  const solid = values.map((v, i) => (i < split ? v : null));
  const dashed = values.map((v, i) => (i >= split - 1 && split < months.length ? v : null));
  return { solid, dashed };
}

export interface RatesLabels {
  names: Record<RateKey, string>;
  reference: string;
  goal: string;
  month: (month: string) => string;
  percent: (value: number) => string;
}

/** `reference` and `goal` in percent (the national telephone figure and the region's goal). */
export function ratesOption(
  months: AccessibilityMonths,
  reference: number | null,
  labels: RatesLabels,
  goal: number | null = null,
): EChartsCoreOption {
  const markLines = [
    ...(reference === null
      ? []
      : [
          {
            yAxis: reference,
            lineStyle: { type: "dashed", color: "#444" },
            label: {
              formatter: `${labels.reference} ${labels.percent(reference)}`,
              position: "insideStartTop",
            },
          },
        ]),
    ...(goal === null
      ? []
      : [
          {
            yAxis: goal,
            lineStyle: { type: "dotted", color: "#111" },
            label: { formatter: `${labels.goal} ${labels.percent(goal)}`, position: "insideEndBottom" },
          },
        ]),
  ];
  const series = RATE_KEYS.flatMap((key, i) => {
    const { solid, dashed } = ratesSeries(months, key);
    return [
      {
        type: "line",
        name: labels.names[key],
        data: solid,
        color: COLORS[key],
        symbol: "circle",
        symbolSize: 6,
        ...(i === 0 && markLines.length > 0
          ? { markLine: { symbol: "none", silent: true, data: markLines } }
          : {}),
      },
      {
        type: "line",
        name: labels.names[key],
        data: dashed,
        color: COLORS[key],
        lineStyle: { type: "dashed" },
        symbol: "emptyCircle",
        symbolSize: 7,
      },
    ];
  });
  return {
    animation: false,
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: number | null) => (v === null ? "–" : labels.percent(v)),
    },
    legend: { top: 0, data: RATE_KEYS.map((k) => labels.names[k]) },
    grid: { left: 50, right: 20, top: 50, bottom: 30 },
    xAxis: { type: "category", data: months.map((m) => labels.month(m.month)) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
    series,
  };
}

// ---------------------------------------------------------------- kommun map

export const MAP_MEASURE_KEYS = [
  "skrPhoneRate",
  "residentRate",
  "listedPerGp",
  "shortfallFte",
  "paymentPerListed",
] as const satisfies readonly KommunMapResponse["measures"][number][];
export type MapMeasureKey = (typeof MAP_MEASURE_KEYS)[number];

export interface MapFigure {
  /** The number drawn (percent for rates); null when there is none. */
  value: number | null;
  suppressed: boolean;
}

type Figures = Pick<
  KommunRow,
  "skrPhoneRate" | "residentRate" | "listedPerGp" | "shortfallFte" | "paymentPerListed"
>;

export function mapFigure(row: Figures, measure: MapMeasureKey): MapFigure {
  switch (measure) {
    case "skrPhoneRate":
    case "residentRate": {
      const figure = row[measure];
      return { value: percent(figure.rate), suppressed: figure.suppressed };
    }
    case "listedPerGp":
      return { value: row.listedPerGp === null ? null : Number(row.listedPerGp), suppressed: false };
    case "shortfallFte":
      return { value: row.shortfallFte === null ? null : Number(row.shortfallFte), suppressed: false };
    case "paymentPerListed":
      return {
        value: row.paymentPerListed.kronor === null ? null : Number(row.paymentPerListed.kronor),
        suppressed: false,
      };
  }
}

export interface MapLabels {
  format: (value: number) => string;
  suppressed: string;
  noValue: string;
}

/** Suppressed kommuner: grey with a diagonal hatch, so the mark does not rely on colour alone. */
export const SUPPRESSED_STYLE = {
  areaColor: "#c8c8c8",
  decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: "#6b6b6b" },
};

export function mapOption(
  mapName: string,
  rows: readonly KommunRow[],
  measure: MapMeasureKey,
  labels: MapLabels,
): EChartsCoreOption {
  const figures = rows.map((row) => ({ row, figure: mapFigure(row, measure) }));
  const values = figures.flatMap(({ figure }) =>
    figure.value === null || figure.suppressed ? [] : [figure.value],
  );
  const min = values.length > 0 ? Math.min(...values) : 0;
  const max = values.length > 0 ? Math.max(...values) : 1;
  return {
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: (params: { name: string; data?: { text?: string } }) =>
        `${params.name}: ${params.data?.text ?? labels.noValue}`,
    },
    visualMap: {
      type: "continuous",
      min,
      max: max === min ? min + 1 : max,
      calculable: false,
      left: 0,
      bottom: 0,
      text: [labels.format(max), labels.format(min)],
      inRange: { color: ["#e8f0f9", "#1f5fa8"] },
      seriesIndex: 0,
    },
    series: [
      {
        type: "map",
        map: mapName,
        roam: false,
        selectedMode: false,
        label: { show: true, fontSize: 10, color: "#111" },
        itemStyle: { areaColor: "#f2f2f2", borderColor: "#555" },
        emphasis: { label: { show: true }, itemStyle: { areaColor: "#f6c177" } },
        data: figures.map(({ row, figure }) =>
          figure.suppressed
            ? {
                name: row.name,
                value: "-",
                text: labels.suppressed,
                itemStyle: SUPPRESSED_STYLE,
                visualMap: false,
              }
            : {
                name: row.name,
                value: figure.value ?? "-",
                text: figure.value === null ? labels.noValue : labels.format(figure.value),
              },
        ),
      },
    ],
  };
}
