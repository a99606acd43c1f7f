import { describe, expect, it } from "vitest";
import {
  activeHours,
  buildForecastOption,
  buildHeatmapOption,
  buildTrendOption,
  heatmapGrid,
  heatmapPeak,
  type TrendLabels,
  trendPoints,
} from "./chart-options.ts";
import type { AccessibilityRow, HeatmapCell, ReferenceValue } from "./types.ts";

function row(
  unitHsaId: string | null,
  period: string,
  phoneRate: number | null,
  refused = 3,
): AccessibilityRow {
  return {
    unitHsaId,
    period,
    phone: { offered: 100, answeredSameDay: 80, rate: phoneRate },
    resident: {
      contacts: 120,
      refused,
      overflowed: 2,
      respondedSameDay: 90,
      rate: 0.75,
      feedbackSameDay: 84,
      feedbackRate: 0.7,
    },
    assessment: { eligible: 40, within0: 10, within3: 36, within7: 39, patientChosen: 1, rate: 0.9 },
    suppressed: false,
  };
}

const reference: ReferenceValue[] = [
  { year: 2025, nationalPhoneRate: 0.875, goal: 1 },
  { year: 2026, nationalPhoneRate: null, goal: 1 },
];

const labels: TrendLabels = {
  phone: "Telefon",
  resident: "Invånare",
  feedback: "Återkoppling",
  assessment: "Bedömning",
  hiddenQueue: "Dold kö",
  reference: "Referens",
  goal: "Mål 100 %",
  rateAxis: "Andel",
  countAxis: "Antal",
  month: (month) => `m${month}`,
  percent: (value) => `${value} %`,
  count: (value) => `${value} st`,
};

describe("trendPoints", () => {
  const rows = [
    row(null, "2025-12", 0.6633),
    row("SE-A", "2025-12", 0.9),
    row(null, "2026-02", 0.7),
    row("SE-A", "2026-02", null),
  ];

  it.each([
    [
      "the region's rows when no unit is chosen, with a gap for the month without a row",
      null,
      [
        { month: "2025-12", phone: 66.3, hiddenQueue: 5, reference: 87.5 },
        { month: "2026-01", phone: null, hiddenQueue: null, reference: null },
        { month: "2026-02", phone: 70, hiddenQueue: 5, reference: null },
      ],
    ],
    [
      "one unit's rows, a withheld rate as a gap",
      "SE-A",
      [
        { month: "2025-12", phone: 90, hiddenQueue: 5, reference: 87.5 },
        { month: "2026-01", phone: null, hiddenQueue: null, reference: null },
        { month: "2026-02", phone: null, hiddenQueue: 5, reference: null },
      ],
    ],
  ] as const)("%s", (_label, unit, expected) => {
    const points = trendPoints(rows, reference, unit, "2025-12", "2026-02");
    expect(
      points.map(({ month, phone, hiddenQueue, reference: r }) => ({
        month,
        phone,
        hiddenQueue,
        reference: r,
      })),
    ).toEqual(expected);
  });

  it("carries all four rates in percent", () => {
    const [point] = trendPoints([row(null, "2026-01", 0.8)], reference, null, "2026-01", "2026-01");
    expect(point).toEqual({
      month: "2026-01",
      phone: 80,
      resident: 75,
      feedback: 70,
      assessment: 90,
      hiddenQueue: 5,
      reference: null,
    });
  });
});

describe("buildTrendOption", () => {
  const points = trendPoints(
    [row(null, "2025-11", 0.8), row(null, "2025-12", 0.85, 7)],
    reference,
    null,
    "2025-11",
    "2025-12",
  );
  const option = buildTrendOption(points, labels);

  it("draws four rate lines, the reference and the hidden queue bars on the count axis", () => {
    expect(option.series.map((s) => [s.type, s.name, s.yAxisIndex])).toEqual([
      ["line", "Telefon", 0],
      ["line", "Invånare", 0],
      ["line", "Återkoppling", 0],
      ["line", "Bedömning", 0],
      ["line", "Referens", 0],
      ["bar", "Dold kö", 1],
    ]);
    expect(option.series.map((s) => s.data)).toEqual([
      [80, 85],
      [75, 75],
      [70, 70],
      [90, 90],
      [87.5, 87.5],
      [5, 9],
    ]);
  });

  it("puts the months on the x axis and the goal as a reference line at 100 %", () => {
    expect(option.xAxis.data).toEqual(["m2025-11", "m2025-12"]);
    const referenceSeries = option.series[4] as {
      markLine?: { data: unknown[]; label: { formatter: string } };
    };
    expect(referenceSeries.markLine?.data).toEqual([{ yAxis: 100 }]);
    expect(referenceSeries.markLine?.label.formatter).toBe("Mål 100 %");
    expect(option.yAxis[0]).toMatchObject({ min: 0, max: 100 });
  });

  it("formats the axes and tooltips with the labels' number formats", () => {
    expect(option.yAxis[0]?.axisLabel.formatter(87.5)).toBe("87.5 %");
    expect(option.yAxis[1]?.axisLabel.formatter(12)).toBe("12 st");
    expect(option.series[0]?.tooltip.valueFormatter(66.5)).toBe("66.5 %");
    expect(option.series[0]?.tooltip.valueFormatter(null)).toBe("–");
  });
});

const cells: HeatmapCell[] = [
  { weekday: 1, hour: 8, contacts: 40, unanswered: 4 },
  { weekday: 1, hour: 9, contacts: 25, unanswered: 9 },
  { weekday: 5, hour: 15, contacts: 10, unanswered: 1 },
  { weekday: 7, hour: 10, contacts: 0, unanswered: 0 },
];

describe("heatmap", () => {
  it.each([
    ["contacts", [0, 8, 40], [4, 15, 10]],
    ["unanswered", [0, 9, 9], [4, 15, 1]],
  ] as const)("grid of %s is 7 × 24, Monday first", (mode, [d1, h1, v1], [d2, h2, v2]) => {
    const grid = heatmapGrid(cells, mode);
    expect(grid).toHaveLength(7);
    expect(grid.every((r) => r.length === 24)).toBe(true);
    expect(grid[d1]?.[h1]).toBe(v1);
    expect(grid[d2]?.[h2]).toBe(v2);
    expect(grid[6]?.[10]).toBe(0);
  });

  it.each([
    ["the hours from the first to the last with contacts", cells, [8, 9, 10, 11, 12, 13, 14, 15]],
    ["all 24 hours when there are none", [], Array.from({ length: 24 }, (_, h) => h)],
  ] as const)("active hours: %s", (_label, input, expected) => {
    expect(activeHours(input)).toEqual(expected);
  });

  it.each([
    ["contacts", { weekday: 1, hour: 8, value: 40 }],
    ["unanswered", { weekday: 1, hour: 9, value: 9 }],
  ] as const)("peak of %s", (mode, expected) => {
    expect(heatmapPeak(cells, mode)).toEqual(expected);
  });

  it("has no peak without contacts", () => {
    expect(heatmapPeak([], "contacts")).toBeNull();
  });

  it("builds [hour index, weekday index, value] points over the active hours, scaled to the largest", () => {
    const option = buildHeatmapOption(cells, "unanswered", {
      weekdays: ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
      series: "Obesvarade",
      count: String,
    });
    expect(option.xAxis.data).toEqual(["08", "09", "10", "11", "12", "13", "14", "15"]);
    expect(option.yAxis.data[0]).toBe("mån");
    expect(option.visualMap.max).toBe(9);
    expect(option.tooltip.formatter({ value: [1, 0, 9] })).toBe("mån 09: 9");
    expect(option.tooltip.formatter({ value: [7, 4, "-"] })).toBe("fre 15: –");
    const data = option.series[0]?.data ?? [];
    expect(data).toHaveLength(7 * 8);
    expect(data).toContainEqual([0, 0, 4]);
    expect(data).toContainEqual([1, 0, 9]);
    expect(data).toContainEqual([7, 4, 1]);
  });

  it("leaves a cell withheld for a committee user blank, not 0, and keeps its hour in view", () => {
    const withheld: HeatmapCell[] = [
      { weekday: 2, hour: 7, contacts: null, unanswered: null },
      { weekday: 2, hour: 8, contacts: 30, unanswered: 3 },
    ];
    expect(heatmapGrid(withheld, "contacts")[1]?.slice(7, 9)).toEqual([null, 30]);
    expect(activeHours(withheld)).toEqual([7, 8]);
    expect(heatmapPeak(withheld, "unanswered")).toEqual({ weekday: 2, hour: 8, value: 3 });
    const option = buildHeatmapOption(withheld, "contacts", { weekdays: [], series: "x", count: String });
    expect(option.series[0]?.data).toContainEqual([0, 1, "-"]);
    expect(option.series[0]?.data).toContainEqual([1, 1, 30]);
    expect(option.visualMap.max).toBe(30);
  });

  it("keeps the colour scale usable when everything is 0", () => {
    expect(
      buildHeatmapOption([], "contacts", { weekdays: [], series: "x", count: String }).visualMap.max,
    ).toBe(1);
  });
});

describe("buildForecastOption", () => {
  it("orders the hours and rounds the expectations to one decimal", () => {
    const option = buildForecastOption(
      [
        { hour: 9, expected: 4.26 },
        { hour: 8, expected: 10.04 },
      ],
      { series: "Förväntade", count: String },
    );
    expect(option.xAxis.data).toEqual(["08", "09"]);
    expect(option.series[0]?.data).toEqual([10, 4.3]);
  });
});
