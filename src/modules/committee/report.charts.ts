import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from "echarts/components";
import { type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// The quarterly report's charts, drawn on the server by ECharts' SVG renderer (no browser, no canvas) and
// placed in the PDF as vector graphics. Only the charts used are registered, as in the web app.
use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

export function renderSvg(option: EChartsCoreOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: "Helvetica" }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface RateSeries {
  name: string;
  /** Percent values per category (null: no figure); preliminary categories are drawn dashed. */
  values: (number | null)[];
}

/**
 * Rates per quarter as lines, with the national reference as a dashed mark line. A preliminary last
 * quarter is drawn as a separate dashed segment so that it never reads as a final fall.
 */
export function rateLinesSvg(input: {
  categories: string[];
  series: RateSeries[];
  preliminary: boolean[];
  reference: { label: string; percent: number } | null;
  width?: number;
  height?: number;
}): string {
  const lastFinal = input.preliminary.findIndex((p) => p);
  const series = input.series.flatMap((s, i) => {
    const final = s.values.map((v, k) => (lastFinal === -1 || k < lastFinal ? v : null));
    const out: unknown[] = [
      {
        type: "line",
        name: s.name,
        data: final,
        symbol: "circle",
        symbolSize: 6,
        ...(i === 0 && input.reference
          ? {
              markLine: {
                symbol: "none",
                lineStyle: { type: "dashed", color: "#555" },
                label: { formatter: input.reference.label, position: "insideEndTop" },
                data: [{ yAxis: input.reference.percent }],
              },
            }
          : {}),
      },
    ];
    if (lastFinal !== -1) {
      out.push({
        type: "line",
        name: s.name,
        data: s.values.map((v, k) => (k >= lastFinal - 1 ? v : null)),
        lineStyle: { type: "dashed" },
        symbol: "emptyCircle",
        symbolSize: 6,
      });
    }
    return out;
  });
  return renderSvg(
    {
      legend: { top: 0, data: input.series.map((s) => s.name) },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: input.categories },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
      color: ["#1f5fa8", "#b4531a", "#2e7d32", "#6a1b9a"],
      series,
    },
    input.width ?? 500,
    input.height ?? 240,
  );
}

/** Money per component as horizontal bars (kronor, year to date). */
export function moneyBarsSvg(input: {
  labels: string[];
  kronor: number[];
  width?: number;
  height?: number;
}): string {
  return renderSvg(
    {
      grid: { left: 200, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", axisLabel: { formatter: (v: number) => `${Math.round(v / 1e6)} Mkr` } },
      yAxis: { type: "category", data: input.labels, inverse: true },
      series: [{ type: "bar", data: input.kronor, itemStyle: { color: "#1f5fa8" } }],
    },
    input.width ?? 500,
    input.height ?? Math.max(120, 30 * input.labels.length + 40),
  );
}
