// The shared examples (../shared/examples/) run end to end. The numbers below were checked by hand.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatKronor, formatReimbursementTable } from "./format-table.ts";
import { runReimbursement } from "./run.ts";

const EXAMPLES = new URL("../../../../shared/examples/", import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, EXAMPLES), "utf8"));
const model = () => read("reimbursement-model-2026.json");
const snapshot = () => read("reimbursement-snapshot-2026-03.json");

const KRAMFORS = "SE2321000000-E0001";
const SOLLEFTEA = "SE2321000000-E0002";
const PRIVATE = "SE5560001230-E0003";

describe("shared example: Västernorrland 2026, March", () => {
  const result = runReimbursement(model(), snapshot());
  const line = (hsaId: string, component: string) =>
    result.units.find((u) => u.hsaId === hsaId)?.lines.find((l) => l.component === component)?.amountOre;

  it("has the structure of FORMATS.md", () => {
    expect(result.model).toBe("vasternorrland-2026-exempel");
    expect(result.month).toBe("2026-03");
    expect(result.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.units.map((u) => u.hsaId)).toEqual([KRAMFORS, SOLLEFTEA, PRIVATE]);
    const ids = ["vardpeng", "glesbygd", "tillganglighet", "hemsjukvard", "multisjuka", "riktad-bemanning"];
    for (const unit of result.units) {
      expect(unit.lines.map((l) => l.component)).toEqual(ids);
      for (const l of unit.lines) expect(l.amountOre).toMatch(/^(0|[1-9]\d*)$/);
      expect(BigInt(unit.totalOre)).toBe(unit.lines.reduce((s, l) => s + BigInt(l.amountOre), 0n));
    }
    expect(result.components.map((c) => c.component)).toEqual(ids);
    expect(result.warnings).toEqual([]);
  });

  it("pays the hand-checked amounts", () => {
    // Vårdpeng, Kramfors: points = 12 204.25 (Σ listed × weight); 3 250 × 12 204.25 × 1.0840 ÷ 12
    // = 3 582 964.3958… kr → 358 296 440 öre.
    expect(line(KRAMFORS, "vardpeng")).toBe("358296440");
    // Glesbygd: 54 MSEK ÷ 12 = 450 000 000 öre (no remainder). Keys: 14 × 11 677 = 163 478 and
    // 19 × 2 061 = 39 159; the private unit has 3 points < minRuralPoints 10 → 0. Exact shares
    // 363 038 832.987 and 86 961 167.013: one öre left, to the larger remainder (Kramfors).
    expect(line(KRAMFORS, "glesbygd")).toBe("363038833");
    expect(line(SOLLEFTEA, "glesbygd")).toBe("86961167");
    expect(line(PRIVATE, "glesbygd")).toBe("0");
    // Tillgänglighet: 10 MSEK = 1 000 000 000 öre ÷ 12 = 83 333 333 r 4 → March gets 83 333 334. Kramfors
    // 0.7815 < 0.90 → 0; keys 2 061 and 9 482: exact 14 879 147.65 and 68 454 186.35 → 14 879 148 + 68 454 186.
    expect(line(KRAMFORS, "tillganglighet")).toBe("0");
    expect(line(SOLLEFTEA, "tillganglighet")).toBe("14879148");
    expect(line(PRIVATE, "tillganglighet")).toBe("68454186");
    // Hemsjukvård: 37, 12 and 9 visits × 2 000 kr.
    expect([
      line(KRAMFORS, "hemsjukvard"),
      line(SOLLEFTEA, "hemsjukvard"),
      line(PRIVATE, "hemsjukvard"),
    ]).toEqual(["7400000", "2400000", "1800000"]);
    // Multisjuka: 7 MSEK ÷ 12 → March 58 333 334; keys 212 : 44 : 160 (416); exact 29 727 564.44,
    // 6 169 871.87, 22 435 897.69 → floors leave 2 öre, to the two largest remainders (.87, .69).
    expect([
      line(KRAMFORS, "multisjuka"),
      line(SOLLEFTEA, "multisjuka"),
      line(PRIVATE, "multisjuka"),
    ]).toEqual(["29727564", "6169872", "22435898"]);
    // Grants: 4 000 000 kr = 400 000 000 öre ÷ 12 = 33 333 333 r 4 → March 33 333 334;
    // 1 500 000 kr ÷ 12 = 12 500 000 öre exactly.
    expect(line(KRAMFORS, "riktad-bemanning")).toBe("33333334");
    expect(line(SOLLEFTEA, "riktad-bemanning")).toBe("12500000");
    expect(line(PRIVATE, "riktad-bemanning")).toBe("0");
  });

  it("totals per component", () => {
    expect(result.components.map((c) => [c.component, c.totalOre, c.unallocatedOre])).toEqual([
      ["vardpeng", "677185043", "0"],
      ["glesbygd", "450000000", "0"],
      ["tillganglighet", "83333334", "0"],
      ["hemsjukvard", "11600000", "0"],
      ["multisjuka", "58333334", "0"],
      ["riktad-bemanning", "45833334", "0"],
    ]);
    expect(result.totalOre).toBe("1326285045");
  });

  it("gives byte-identical output on every run", () => {
    const again = runReimbursement(model(), snapshot());
    expect(JSON.stringify(again, null, 2)).toBe(JSON.stringify(result, null, 2));
    expect(formatReimbursementTable(again)).toBe(formatReimbursementTable(result));
  });

  it("prints a table in kronor", () => {
    const table = formatReimbursementTable(result);
    expect(table).toContain("Reimbursement, model vasternorrland-2026-exempel, month 2026-03");
    expect(table).toContain(result.inputsSha256);
    expect(table).toMatch(/SE2321000000-E0001\s+3 582 964,40\s+3 630 388,33\s+0,00\s+74 000,00/);
    expect(table).toMatch(
      /Total\s+6 771 850,43\s+4 500 000,00\s+833 333,34\s+116 000,00\s+583 333,34\s+458 333,34\s+13 262 850,45/,
    );
  });
});

describe("formatKronor", () => {
  it.each([
    [0n, "0,00"],
    [5n, "0,05"],
    [100n, "1,00"],
    [123456789n, "1 234 567,89"],
    [-150n, "-1,50"],
    [100000000000000000000n, "1 000 000 000 000 000 000,00"],
  ])("%i öre → %s", (ore, text) => {
    expect(formatKronor(ore)).toBe(text);
  });
});
