import { describe, expect, it } from "vitest";
import type { KommunRow } from "./api.ts";
import { type AccessibilityMonths, mapFigure, mapOption, ratesSeries } from "./chart-options.ts";

const month = (m: string, rate: number | null, preliminary: boolean): AccessibilityMonths[number] => {
  const figure = { count: 0, denominator: 0, rate };
  return { month: m, preliminary, phone: figure, resident: figure, feedback: figure, assessment: figure };
};

describe("ratesSeries (preliminary months dashed, never a collapse)", () => {
  it("splits at the first preliminary month and joins the dashed line to the last complete one", () => {
    const months = [month("2026-01", 0.8, false), month("2026-02", 0.85, false), month("2026-03", 0.2, true)];
    expect(ratesSeries(months, "phone")).toEqual({ solid: [80, 85, null], dashed: [null, 85, 20] });
  });

  it("draws everything solid when every month is complete", () => {
    const months = [month("2026-01", 0.8125, false), month("2026-02", null, false)];
    expect(ratesSeries(months, "phone")).toEqual({ solid: [81.3, null], dashed: [null, null] });
  });
});

const row = (name: string, rate: number | null, suppressed: boolean): KommunRow => ({
  kommunCode: name,
  name,
  units: [],
  skrPhoneRate: { count: null, denominator: null, rate, suppressed },
  residentRate: { count: null, denominator: null, rate, suppressed },
  listed: null,
  listedPerGp: "1321.2",
  shortfallFte: null,
  paymentPerListed: { paidOre: "0", listedMonths: 0, kronor: null },
});

describe("the kommun map", () => {
  it.each([
    ["skrPhoneRate", { value: 82.5, suppressed: false }],
    ["listedPerGp", { value: 1321.2, suppressed: false }],
    ["shortfallFte", { value: null, suppressed: false }],
    ["paymentPerListed", { value: null, suppressed: false }],
  ] as const)("%s of a kommun → %j", (measure, figure) => {
    expect(mapFigure(row("Timrå", 0.825, false), measure)).toEqual(figure);
  });

  it("marks suppressed kommuner and leaves them out of the colour scale", () => {
    const option = mapOption(
      "22",
      [row("Timrå", 0.825, false), row("Ånge", null, true), row("Sundsvall", 0.7, false)],
      "skrPhoneRate",
      {
        format: (v) => `${v} %`,
        suppressed: "Undertryckt",
        noValue: "Inget värde",
      },
    ) as {
      visualMap: { min: number; max: number };
      series: { data: { name: string; text: string; value: unknown }[] }[];
    };
    expect([option.visualMap.min, option.visualMap.max]).toEqual([70, 82.5]);
    const data = option.series[0]?.data ?? [];
    expect(data.find((d) => d.name === "Ånge")).toMatchObject({ value: "-", text: "Undertryckt" });
    expect(data.find((d) => d.name === "Timrå")).toMatchObject({ value: 82.5, text: "82.5 %" });
  });
});

describe("ratesOption", () => {
  it("draws the national reference and the goal as mark lines on the first rate", async () => {
    const { ratesOption } = await import("./chart-options.ts");
    const option = ratesOption(
      [month("2026-01", 0.8, false)],
      87.5,
      {
        names: { phone: "P", resident: "R", feedback: "F", assessment: "A" },
        reference: "Ref",
        goal: "Mål",
        month: (m) => m,
        percent: (v) => `${v} %`,
      },
      100,
    ) as { series: { markLine?: { data: { yAxis: number }[] } }[] };
    expect(option.series[0]?.markLine?.data.map((d) => d.yAxis)).toEqual([87.5, 100]);
    expect(option.series.filter((s) => s.markLine !== undefined)).toHaveLength(1);
  });
});
