import { describe, expect, it } from "vitest";
import {
  basisText,
  sharePercent,
  swedishKronor,
  swedishMonth,
  swedishNumber,
} from "./reimbursement.exports.ts";

// The Swedish wording of a specification: numbers, amounts, shares and each line's basis.
describe("Swedish formatting", () => {
  it.each([
    [0n, "0,00 kr"],
    [5n, "0,05 kr"],
    [123456789n, "1 234 567,89 kr"],
    [-100n, "-1,00 kr"],
    ["45000000000", "450 000 000,00 kr"],
  ] as const)("%s öre → %s", (ore, text) => {
    expect(swedishKronor(ore)).toBe(text);
  });

  it.each([
    ["0", "0"],
    ["1234", "1 234"],
    ["14567.25", "14 567,25"],
    ["-1000.5", "-1 000,5"],
    ["1/3", "1/3"],
  ])("%s → %s", (text, expected) => {
    expect(swedishNumber(text)).toBe(expected);
  });

  it.each([
    ["2026-01", "januari 2026"],
    ["2026-03", "mars 2026"],
    ["2025-12", "december 2025"],
  ])("%s → %s", (month, text) => {
    expect(swedishMonth(month)).toBe(text);
  });

  it.each([
    ["1", "3", "33,3333 %"],
    ["2", "3", "66,6667 %"],
    ["1", "8", "12,5000 %"],
    ["0", "5", "0,0000 %"],
    ["5", "0", "0,0000 %"],
    ["25/2", "50", "25,0000 %"],
    ["1", "1600000", "0,0001 %"], // 0,0000625 % rounds up
    ["1", "2000000", "0,0000 %"], // 0,00005 %: exactly half, to the even 0
    ["3", "2000000", "0,0002 %"], // 0,00015 %: exactly half, to the even 2
  ])("share %s of %s → %s", (key, total, text) => {
    expect(sharePercent(key, total)).toBe(text);
  });
});

describe("a line's basis in words", () => {
  it("capitation: listed, weighted points, price, indices, ÷ 12", () => {
    expect(
      basisText({
        type: "capitation",
        listed: 11677,
        weightedPoints: "10472.95",
        annualPricePerPoint: "3250.00",
        indices: { acg: "1.0840", cni: "0.98" },
      }),
    ).toBe(
      "Listade: 11 677; viktade poäng: 10 472,95; pris per poäng och år: 3 250,00 kr; index: ACG 1,0840 × CNI 0,98; ÷ 12 månader",
    );
  });

  it("pool: key, key total, share and the month's amount; or not eligible", () => {
    expect(
      basisText({ type: "pool", key: "1", keyTotal: "4", monthAmountOre: "450000000", eligible: true }),
    ).toBe("Nyckel: 1 av 4 (andel 25,0000 %); månadens belopp: 4 500 000,00 kr");
    expect(basisText({ type: "pool", key: "0", keyTotal: "4", monthAmountOre: "100", eligible: false })).toBe(
      "Ej berättigad denna månad (nyckel 0 av 4); månadens belopp: 1,00 kr",
    );
  });

  it("per event and grant", () => {
    expect(basisText({ type: "perEvent", event: "homeVisits", events: 1234, price: "2000.00" })).toBe(
      "1 234 hemsjukvårdsbesök × 2 000,00 kr",
    );
    expect(
      basisText({
        type: "grant",
        grants: [{ annualAmount: "4000000.00", from: "2024-01", to: "2027-12", monthAmountOre: "33333334" }],
      }),
    ).toBe("Årsbelopp 4 000 000,00 kr (2024-01–2027-12), månadens del 333 333,34 kr");
    expect(basisText({ type: "grant", grants: [] })).toBe("Inget bidrag denna månad");
  });
});
