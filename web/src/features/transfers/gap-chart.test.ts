import { describe, expect, it } from "vitest";
import { buildGapChartOption, millionKronor } from "./gap-chart.ts";

const total = (cost: string, compensation: string, atVolume: string) => ({
  estimatedCostOre: cost,
  compensationOre: compensation,
  gapOre: String(BigInt(cost) - BigInt(compensation)),
  costAtReportedVolumeOre: atVolume,
  gapAtReportedVolumeOre: String(BigInt(atVolume) - BigInt(compensation)),
});

describe("millionKronor", () => {
  it.each([
    ["0", 0],
    ["234000000", 2.34],
    ["84000099", 0.84],
    ["-150000000", -1.5],
  ])("%s öre → %f MSEK", (ore, value) => {
    expect(millionKronor(ore)).toBe(value);
  });
});

describe("buildGapChartOption", () => {
  it("draws cost and compensation as bars and the cost at reported volume as a line, one point a year", () => {
    const option = buildGapChartOption(
      [
        { year: 2025, preliminary: false, total: total("78000000", "50000000", "1800000") },
        { year: 2026, preliminary: true, total: total("234000000", "150000000", "23670000") },
      ],
      {
        cost: "Kostnad",
        compensation: "Ersättning",
        atVolume: "Vid volym",
        amountAxis: "MSEK",
        year: (year, preliminary) => (preliminary ? `${year}*` : String(year)),
        amount: (ore) => `${ore} öre`,
      },
    );
    expect(option.xAxis.data).toEqual(["2025", "2026*"]);
    expect(option.series.map((s) => [s.type, s.name, s.data])).toEqual([
      ["bar", "Kostnad", [0.78, 2.34]],
      ["bar", "Ersättning", [0.5, 1.5]],
      ["line", "Vid volym", [0.018, 0.2367]],
    ]);
    expect(option.tooltip.valueFormatter(2.34)).toBe("234000000 öre");
  });
});
