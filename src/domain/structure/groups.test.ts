import { describe, expect, it } from "vitest";
import { suppressedUnits } from "../disclosure/suppression.ts";
import { groupUnits, paymentPerListed, rate, type UnitFigures } from "./groups.ts";

const unit = (over: Partial<UnitFigures> & Pick<UnitFigures, "hsaId">): UnitFigures => ({
  type: "halsocentral",
  ownership: "regional",
  provider: "Region",
  kommunCode: "2282",
  listed: 0,
  specialistFte: null,
  paymentOre: null,
  componentsOre: {},
  phone: { offered: 0, answeredSameDay: 0 },
  resident: { contacts: 0, respondedSameDay: 0 },
  ...over,
});

const units: UnitFigures[] = [
  unit({
    hsaId: "A",
    listed: 11230,
    specialistFte: "8.50",
    paymentOre: 300_000_00n,
    componentsOre: { vardpeng: 250_000_00n, glesbygd: 50_000_00n },
    phone: { offered: 812, answeredSameDay: 701 },
    resident: { contacts: 1020, respondedSameDay: 850 },
  }),
  unit({
    hsaId: "B",
    type: "sjukstuga",
    kommunCode: "2283",
    listed: 2000,
    specialistFte: "0.33",
    paymentOre: 80_000_01n,
    componentsOre: { vardpeng: 80_000_01n },
    phone: { offered: 10, answeredSameDay: 9 },
    resident: { contacts: 0, respondedSameDay: 0 },
  }),
  unit({
    hsaId: "C",
    ownership: "private",
    provider: "Privat AB",
    kommunCode: "2282",
    listed: 3000,
    specialistFte: null,
    paymentOre: 90_000_00n,
    componentsOre: { vardpeng: 90_000_00n },
  }),
];

describe("unit structure groups", () => {
  it.each([
    [701, 812, 0.8633],
    [1, 3, 0.3333],
    // 2/3 · 10⁴ = 6666.67 → 0.6667; 1/8 = 0.125 exactly
    [2, 3, 0.6667],
    [1, 8, 0.125],
    [0, 0, null],
  ])("rate %i / %i = %s", (count, denominator, expected) => {
    expect(rate(count, denominator)).toBe(expected);
  });

  it.each([
    [300_000_00n, 11230, "2671"], // 30 000 000 / 11 230 = 2671.41… öre
    [5n, 2, "2"], // 2.5 → 2 (half to even)
    [7n, 2, "4"], // 3.5 → 4
    [null, 10, null],
    [100n, 0, null],
  ])("payment %s öre over %i listed is %s öre per listed", (payment, listed, expected) => {
    expect(paymentPerListed(payment, listed)).toBe(expected);
  });

  it("groups by type, ownership, provider and kommun from sums", () => {
    const groups = groupUnits(units);
    expect(groups.map((g) => `${g.dimension}:${g.key}:${g.units}`)).toEqual([
      "type:halsocentral:2",
      "type:sjukstuga:1",
      "ownership:private:1",
      "ownership:regional:2",
      "provider:Privat AB:1",
      "provider:Region:2",
      "kommun:2282:2",
      "kommun:2283:1",
    ]);
    const regional = groups.find((g) => g.dimension === "ownership" && g.key === "regional");
    // 13 230 listed over 8.83 FTE = 1498.30… → 1498.3; rates from summed counts: 710/822.
    expect(regional).toMatchObject({
      listed: 13230,
      specialistFte: "8.83",
      listedPerSpecialist: "1498.3",
      paymentOre: "38000001",
      componentsOre: { vardpeng: "33000001", glesbygd: "5000000" },
      phone: { offered: 822, answeredSameDay: 710 },
      phoneRate: 0.8637,
      residentRate: 0.8333,
      // 38 000 001 / 13 230 = 2872.26… öre
      paymentPerListedOre: "2872",
    });
    // A group with a unit that reported no staffing shows no FTE rather than a flattering ratio.
    const k2282 = groups.find((g) => g.dimension === "kommun" && g.key === "2282");
    expect(k2282).toMatchObject({
      listed: 14230,
      specialistFte: null,
      listedPerSpecialist: null,
      paymentOre: "39000000",
    });
    const sjukstuga = groups.find((g) => g.key === "sjukstuga");
    // 2000 / 0.33 = 6060.606… → 6060.6
    expect(sjukstuga).toMatchObject({ listedPerSpecialist: "6060.6", residentRate: null, phoneRate: 0.9 });
  });
});

describe("suppression (FORMATS.md Open data)", () => {
  it.each([
    [
      "nothing small: nothing suppressed",
      [
        ["A", 20],
        ["B", 0],
        ["C", 500],
      ],
      [],
    ],
    [
      "one small: the next smallest joins",
      [
        ["A", 5],
        ["B", 30],
        ["C", 25],
      ],
      ["A", "C"],
    ],
    [
      "two small adding up to 20: just them",
      [
        ["A", 12],
        ["B", 8],
        ["C", 25],
      ],
      ["A", "B"],
    ],
    [
      "two small under 20: a third joins",
      [
        ["A", 3],
        ["B", 4],
        ["C", 25],
        ["D", 25],
      ],
      ["A", "B", "C"],
    ],
    [
      "ties by smaller HSA-id; 0 never joins",
      [
        ["A", 19],
        ["Z", 40],
        ["Y", 40],
        ["N", 0],
      ],
      ["A", "Y"],
    ],
    [
      "one small and nobody left",
      [
        ["A", 7],
        ["B", 0],
      ],
      ["A"],
    ],
  ] as [string, [string, number][], string[]][])("%s", (_name, rows, expected) => {
    const set = suppressedUnits(rows.map(([hsaId, denominator]) => ({ hsaId, denominator })));
    expect([...set].sort()).toEqual(expected);
  });
});
