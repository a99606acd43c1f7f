import { BarChart, HeatmapChart, LineChart, MapChart, SankeyChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from "echarts/components";
import { type EChartsCoreOption, type EChartsType, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the charts and components these pages use are registered, so the bundle carries a fraction of
// ECharts. A chart type not listed here renders nothing: add it to this list.
use([
  BarChart,
  HeatmapChart,
  LineChart,
  SankeyChart,
  MapChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

interface EChartProps {
  option: EChartsCoreOption;
  /** What the chart shows, in words: the canvas itself says nothing to a screen reader. */
  ariaLabel: string;
  height?: number;
  /** A click on a data item (e.g. a kommun of the map): its name. Keyboard users have the table instead. */
  onItemClick?: (name: string) => void;
}

/**
 * One ECharts instance per mounted element: created on mount, fed every new option (replacing the old
 * one, so removed series disappear), resized with its box, disposed on unmount.
 */
export function EChart({ option, ariaLabel, height = 360, onItemClick }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickHandler = useRef(onItemClick);
  clickHandler.current = onItemClick;

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = init(node, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (params) => {
      if (typeof params.name === "string") clickHandler.current?.(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} role="img" aria-label={ariaLabel} style={{ width: "100%", height }} />;
}
