import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../../demo/load.ts";
import { createTestContext, settableClock } from "../../../test/support/app.ts";
import { type FixtureUnits, seedCommitteeRollups } from "../../../test/support/committee.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { systemActor } from "../audit/audit.service.ts";
import { dashboardFor } from "./dashboard.service.ts";
import { kommunMapFor } from "./kommun-map.service.ts";
import { promisesFor } from "./promises.service.ts";
import { quarterlyReportPdf } from "./report.pdf.ts";
import { quarterlyReportData } from "./report.service.ts";
import type { CommitteeSources, StaffingRow } from "./sources.ts";

// The committee with its outside figures present: sources answering in the FORMATS.md shapes (as
// staffingStatsFor, grantEffectFor and transfersGapFor will once merged) flow into the promises, the
// overview, the map and the report. The figures are FORMATS.md's examples.
let ctx: ServiceContext;
let database: TestDatabase;
let units: FixtureUnits;
const actor = systemActor("test");

const staffingRow = (
  month: string,
  kommunCode: string | null,
  listed: number,
  gpFte: string,
  perGp: string,
) =>
  ({
    unitHsaId: null,
    kommunCode,
    month,
    listed,
    gpFte,
    gpAgencyFte: "0.00",
    listedPerGp: perGp,
    neededGpFte: "10.21",
    gpGapFte: "1.71",
    shortfallFte: "1.71",
    meetsGoal: false,
    units: 1,
    unitsMeetingGoal: 0,
  }) satisfies StaffingRow;

function presentSources(): CommitteeSources {
  return {
    staffing: async (_ctx, _actor, query) => ({
      available: true,
      data: [
        staffingRow("2026-01", null, 11230, "8.50", "1321.2"),
        staffingRow("2026-02", null, 11230, "8.98", "1250.6"),
        staffingRow("2026-03", null, 11230, "9.50", "1182.1"),
        staffingRow("2026-03", units.c.kommunCode, 11230, "8.50", "1321.2"),
      ].filter((r) => r.month >= query.from && r.month <= query.to),
    }),
    grantEffect: async (_ctx, _actor, query) => ({
      available: true,
      data: {
        region: query.regionCode,
        component: query.componentId,
        grantUnits: [units.a.hsaId],
        comparisonUnits: 33,
        before: { from: "2023-01", to: "2023-12" },
        during: { from: "2024-01", to: "2026-02" },
        measures: [
          {
            measure: "skrPhoneRate",
            grant: {
              before: { numerator: 4100, denominator: 6900, value: 0.5942 },
              during: { numerator: 11200, denominator: 15400, value: 0.7273 },
            },
            comparison: {
              before: { numerator: 1, denominator: 2, value: 0.5 },
              during: { numerator: 1, denominator: 2, value: 0.5 },
            },
            did: 0.1012,
          },
        ],
      },
    }),
    transfersGap: async (_ctx, _actor, query) => ({
      available: true,
      data: {
        region: query.regionCode,
        year: query.year,
        transfers: [
          {
            id: "hjartsvikt-uppfoljning",
            status: "in_effect",
            monthsInEffect: 12,
            estimatedCostOre: "360000000",
            compensationOre: "180000000",
            gapOre: "180000000",
            reportedVolume: 1350,
            costAtReportedVolumeOre: "405000000",
            gapAtReportedVolumeOre: "225000000",
          },
        ],
        total: {
          estimatedCostOre: "360000000",
          compensationOre: "180000000",
          gapOre: "180000000",
          costAtReportedVolumeOre: "405000000",
          gapAtReportedVolumeOre: "225000000",
        },
      },
    }),
  };
}

beforeAll(async () => {
  ({ ctx, database } = await createTestContext(settableClock("2026-04-09T08:00:00Z")));
  await loadDemoData(ctx);
  units = await seedCommitteeRollups(ctx);
});
afterAll(async () => {
  await database?.close();
});

describe("committee figures from present sources", () => {
  it("follows the staffing, grant and transfer promises", async () => {
    const { promises } = await promisesFor(ctx, actor, presentSources(), "22");
    const byKey = new Map(promises.map((p) => [p.key, p]));
    expect(byKey.get("specialist-per-1100")).toMatchObject({
      status: "not_met",
      trend: "improving",
      latest: { period: "2026-03", value: "1182.1", preliminary: false },
    });
    expect(byKey.get("riktat-stod-kramfors-solleftea")).toMatchObject({
      status: "met",
      latest: { period: "2024-01–2026-02", value: "0.1012" },
    });
    // A gap of 1 800 000 kr against "at most 0".
    expect(byKey.get("resurser-foljer-uppgifter")).toMatchObject({
      status: "not_met",
      latest: { period: "2026", value: "1800000" },
    });
  });

  it("fills the overview's staffing and transfer tiles", async () => {
    const dashboard = await dashboardFor(ctx, actor, presentSources(), "22");
    expect(dashboard.staffing).toEqual({
      available: true,
      month: "2026-03",
      listed: 11230,
      gpFte: "9.50",
      listedPerGp: "1182.1",
      neededGpFte: "10.21",
      shortfallFte: "1.71",
      goal: 1100,
    });
    expect(dashboard.transfers).toEqual({
      available: true,
      year: 2026,
      estimatedCostOre: "360000000",
      compensationOre: "180000000",
      gapOre: "180000000",
    });
  });

  it("puts listed per specialist on the map from the kommun rows, over the period's months", async () => {
    const map = await kommunMapFor(ctx, actor, presentSources(), "22", "2026Q1");
    const c = map.kommuner.find((k) => k.kommunCode === units.c.kommunCode);
    expect(c).toMatchObject({ listed: 11230, listedPerGp: "1321.2", shortfallFte: "1.71" });
    // Region: (3 × 11 230) ÷ (8.50 + 8.98 + 9.50) = 33 690 ÷ 26.98 = 1248.70… → 1248.7.
    expect(map.total.listedPerGp).toBe("1248.7");
    expect(map.staffing).toEqual({ available: true, reason: null });
  });

  it("gives the report its staffing per quarter and the transfers", async () => {
    const report = await quarterlyReportData(ctx, actor, presentSources(), "22", "2026Q1");
    if (!report.staffing.available || !report.transfers.available) throw new Error("sources not used");
    expect(report.staffing.data.at(-1)).toEqual({
      quarter: "2026Q1",
      listed: 11230,
      listedPerGp: "1248.7",
      shortfallFte: "1.71",
    });
    expect(report.transfers.data.total.gapOre).toBe("180000000");
    expect(report.grants[0]?.effect.available).toBe(true);

    const pdf = await quarterlyReportPdf(report, "sv");
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Listade per specialist – – – 1248,7");
    expect(flat).toContain("hjartsvikt-uppfoljning 3 600 000,00 kr 1 800 000,00 kr 1 800 000,00 kr");
    expect(flat).toContain("Telefon samma dag (SKR) 10,12 procentenheter");
    expect(flat).toContain("Totalt 3 600 000,00 kr 1 800 000,00 kr 1 800 000,00 kr");
    // Quarters before the staffing rows have no figure, not a zero.
    expect(flat).toContain("Brist, specialister (heltid) – – – 1,71");
    expect(flat).not.toContain("läkarbemanning saknas ännu");
    expect(flat).not.toContain("uppgiftsväxlingen saknas ännu");
  });
});
