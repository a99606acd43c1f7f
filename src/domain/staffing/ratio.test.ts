import { describe, expect, it } from "vitest";
import { parseDecimal, rational } from "../reimbursement/rational.ts";
import {
  type Profession,
  type StaffingLine,
  staffingRows,
  type UnitMonthInput,
  withAdditionalSpecialists,
} from "./ratio.ts";
import { roundHalfAwayFromZeroFraction, toFixedHalfAwayFromZero } from "./rounding.ts";

const G = rational(1100n);

function line(
  profession: Profession,
  employment: "employed" | "agency",
  fte: string,
  agencyCostSek = "0",
): StaffingLine {
  return { profession, employment, fte: parseDecimal(fte), agencyCostOre: BigInt(agencyCostSek) * 100n };
}

function unit(
  hsa: string,
  listed: number,
  lines: StaffingLine[],
  kommun = "2262",
  needIndex: string | null = null,
): UnitMonthInput {
  return {
    unitHsaId: hsa,
    kommunCode: kommun,
    month: "2026-03",
    listed: BigInt(listed),
    lines,
    needIndex: needIndex === null ? null : parseDecimal(needIndex),
  };
}

const spec = (fte: string) => line("specialist_allmanmedicin", "employed", fte);

describe("rounding half away from zero", () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [7n, 2n, 4n],
    [249n, 100n, 2n],
    [-249n, 100n, -2n],
    [0n, 7n, 0n],
  ])("%i/%i → %i", (n, d, expected) => {
    expect(roundHalfAwayFromZeroFraction(n, d)).toBe(expected);
  });

  it.each([
    ["1102.65", 1, "1102.7"],
    ["-0.985", 2, "-0.99"],
    ["0.004", 2, "0.00"],
    ["-0.004", 2, "0.00"],
    ["8.5", 2, "8.50"],
    ["0.995", 2, "1.00"],
  ])("%s to %i decimals → %s", (text, places, expected) => {
    expect(toFixedHalfAwayFromZero(parseDecimal(text), places)).toBe(expected);
  });
});

describe("staffing rows of one unit (FORMATS.md edge cases, hand-computed)", () => {
  it.each([
    {
      name: "the contract's example: 7.00 employed + 1.50 agency specialists for 11 230 listed",
      input: unit("A", 11230, [
        spec("7.00"),
        line("specialist_allmanmedicin", "agency", "1.50", "212500"),
        line("st_allmanmedicin", "employed", "2.00"),
        line("distriktsskoterska", "employed", "6.50"),
      ]),
      goal: G,
      // 11230/8.5 = 1321.176…; 11230/1100 = 10.2090…; gap 1.7090…
      expected: {
        listed: 11230,
        gpFte: "8.50",
        gpAgencyFte: "1.50",
        listedPerGp: "1321.2",
        neededGpFte: "10.21",
        gpGapFte: "1.71",
        shortfallFte: "1.71",
        meetsGoal: false,
        units: 1,
        unitsMeetingGoal: 0,
        stFte: "2.00",
        // 11230 / (8.5 + 1) = 1182.105…
        listedPerGpWithSt: "1182.1",
        physicianFte: "10.50",
        physicianAgencyFte: "1.50",
        // 1.5 / 10.5 = 0.142857…
        agencyShare: 0.1429,
        agencyCostOre: "21250000",
      },
    },
    {
      name: "a tie at the half of listedPerGp goes away from zero (22 053 / 20 = 1102.65 → 1102.7)",
      input: unit("A", 22053, [spec("20.00")]),
      goal: G,
      expected: { listedPerGp: "1102.7", meetsGoal: false, gpGapFte: "0.05" },
    },
    {
      name: "a tie at the half of the gap (goal 1 000: 1 005 / 1 000 = 1.005 → 1.01)",
      input: unit("A", 1005, []),
      goal: rational(1000n),
      expected: { neededGpFte: "1.01", gpGapFte: "1.01", shortfallFte: "1.01", listedPerGp: null },
    },
    {
      name: "a negative tie goes away from zero too (1 015 / 1 000 − 2 = −0.985 → −0.99)",
      input: unit("A", 1015, [spec("2.00")]),
      goal: rational(1000n),
      expected: { gpGapFte: "-0.99", shortfallFte: "0.00", meetsGoal: true, listedPerGp: "507.5" },
    },
    {
      name: "gpFte 0: no ratio, the whole need is the gap, the goal is not met",
      input: unit("A", 500, [line("specialist_allmanmedicin", "agency", "0.00"), spec("0")]),
      goal: G,
      expected: {
        gpFte: "0.00",
        listedPerGp: null,
        listedPerGpWithSt: null,
        neededGpFte: "0.45",
        gpGapFte: "0.45",
        shortfallFte: "0.45",
        meetsGoal: false,
        // no physician FTE at all: no share
        agencyShare: null,
      },
    },
    {
      name: "listed 0 with a specialist: ratio 0.0, surplus, goal met",
      input: unit("A", 0, [spec("1.00")]),
      goal: G,
      expected: {
        listedPerGp: "0.0",
        neededGpFte: "0.00",
        gpGapFte: "-1.00",
        shortfallFte: "0.00",
        meetsGoal: true,
      },
    },
    {
      name: "listed 0 and no staff: no ratio, goal met (0 ≤ 0)",
      input: unit("A", 0, []),
      goal: G,
      expected: {
        listedPerGp: null,
        gpGapFte: "0.00",
        meetsGoal: true,
        unitsMeetingGoal: 1,
        agencyShare: null,
      },
    },
    {
      name: "exactly at the goal: 2 200 listed, 2 specialists",
      input: unit("A", 2200, [spec("1.25"), line("specialist_allmanmedicin", "agency", "0.75", "96000")]),
      goal: G,
      expected: {
        listedPerGp: "1100.0",
        neededGpFte: "2.00",
        gpGapFte: "0.00",
        shortfallFte: "0.00",
        meetsGoal: true,
        gpAgencyFte: "0.75",
        agencyShare: 0.375,
        agencyCostOre: "9600000",
      },
    },
    {
      name: "need-weighted: 3 300 listed × ACG 1.2 over 3 specialists = 1320.0",
      input: unit("A", 3300, [spec("3.00")], "2262", "1.2"),
      goal: G,
      expected: { listedPerGp: "1100.0", needWeightedListedPerGp: "1320.0" },
    },
  ])("$name", ({ input, goal, expected }) => {
    const rows = staffingRows([input], goal);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ unitHsaId: "A", kommunCode: "2262", month: "2026-03", ...expected });
  });
});

describe("kommun and region rows", () => {
  const inputs = [
    // short by 11230/1100 − 8.5 = 1.7090…
    unit("U1", 11230, [spec("7.00"), line("specialist_allmanmedicin", "agency", "1.50", "212500")], "2262"),
    // surplus: 2 − 3 = −1
    unit("U2", 2200, [spec("3.00")], "2262"),
    // two units short by 5/1100 = 0.004545… each: rounded alone 0.00, summed 0.00909… → 0.01
    unit("U3", 5, [], "2281"),
    unit("U4", 5, [], "2281"),
  ];
  const rows = staffingRows(inputs, G);

  it("orders units, then kommuner, then the region", () => {
    expect(rows.map((r) => [r.unitHsaId, r.kommunCode])).toEqual([
      ["U1", "2262"],
      ["U2", "2262"],
      ["U3", "2281"],
      ["U4", "2281"],
      [null, "2262"],
      [null, "2281"],
      [null, null],
    ]);
  });

  it("sums listed and FTE, computes ratios from the sums, and sums only the units' shortfalls", () => {
    expect(rows[4]).toMatchObject({
      listed: 13430,
      gpFte: "11.50",
      gpAgencyFte: "1.50",
      // 13430 / 11.5 = 1167.826…
      listedPerGp: "1167.8",
      // 13430 / 1100 = 12.209…
      neededGpFte: "12.21",
      // 12.209… − 11.5 = 0.709…: U2's surplus fills part of the gap here …
      gpGapFte: "0.71",
      // … but not in the shortfall, which is U1's alone
      shortfallFte: "1.71",
      meetsGoal: false,
      units: 2,
      unitsMeetingGoal: 1,
    });
  });

  it("rounds a sum of shortfalls once, at the end", () => {
    expect(rows[2]?.shortfallFte).toBe("0.00");
    expect(rows[5]).toMatchObject({ shortfallFte: "0.01", gpGapFte: "0.01", listedPerGp: null, units: 2 });
  });

  it("the region row sums every unit", () => {
    expect(rows[6]).toMatchObject({
      unitHsaId: null,
      kommunCode: null,
      listed: 13440,
      gpFte: "11.50",
      // 13440/11.5 = 1168.695…
      listedPerGp: "1168.7",
      // 1.7090… + 0.0045… + 0.0045… = 1.7181…
      shortfallFte: "1.72",
      // 13440/1100 − 11.5 = 0.7181…
      gpGapFte: "0.72",
      units: 4,
      unitsMeetingGoal: 1,
      agencyCostOre: "21250000",
    });
  });
});

describe("what-if", () => {
  it("adds employed specialists to one unit and recomputes its row and the aggregates", () => {
    const inputs = [unit("U1", 11230, [spec("8.50")]), unit("U2", 2200, [spec("3.00")])];
    const rows = staffingRows(withAdditionalSpecialists(inputs, "U1", parseDecimal("2")), G);
    // 11230 / 10.5 = 1069.52…; gap 10.209… − 10.5 = −0.29…
    expect(rows[0]).toMatchObject({
      gpFte: "10.50",
      listedPerGp: "1069.5",
      gpGapFte: "-0.29",
      meetsGoal: true,
    });
    expect(rows[1]).toMatchObject({ gpFte: "3.00" });
    expect(rows.at(-1)).toMatchObject({ gpFte: "13.50", shortfallFte: "0.00", unitsMeetingGoal: 2 });
  });

  it("never takes a unit below zero specialists", () => {
    const rows = staffingRows(
      withAdditionalSpecialists([unit("U1", 1100, [spec("1.00")])], "U1", parseDecimal("-3")),
      G,
    );
    expect(rows[0]).toMatchObject({ gpFte: "0.00", listedPerGp: null });
  });
});
