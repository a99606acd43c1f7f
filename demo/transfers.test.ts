import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { transfersGapFor } from "../src/modules/transfers/transfers-gap.service.ts";
import { createTestContext } from "../test/support/app.ts";
import { generateDemoTransfers, loadDemoTransfers } from "./transfers.ts";
import { generateRegionFilesOnce } from "./transfers-fixture.ts";

// The demo transfers: the mix the issue asks for, volumes up to the last complete month, relative to the
// clock, and loaded through the real import path so that the gap of last year and this year shows.
const files = generateRegionFilesOnce();

describe("generateDemoTransfers", () => {
  const demo = generateDemoTransfers(files, "2026-03-02");

  it("plans six to eight transfers per region from three years back, in every state of compensation", () => {
    for (const register of demo.registers) {
      const ts = register.transfers;
      expect(ts.length).toBeGreaterThanOrEqual(6);
      expect(ts.length).toBeLessThanOrEqual(8);
      expect(ts.filter((t) => t.status === "proposed")).toHaveLength(1);
      expect(ts.some((t) => t.status === "in_effect" && t.annualCompensation === "0.00")).toBe(true);
      expect(ts.some((t) => t.status !== "proposed" && t.annualCompensation === t.estimatedAnnualCost)).toBe(
        true,
      );
      const partly = ts.filter(
        (t) => t.annualCompensation !== "0.00" && t.annualCompensation !== t.estimatedAnnualCost,
      );
      expect(partly.length).toBeGreaterThan(0);
      expect(ts.map((t) => t.from).sort()[0]).toMatch(/^2023-/);
    }
  });

  it("reports volumes only up to the last complete month and never for the proposed transfer", () => {
    const rows = demo.volumesCsv.trimEnd().split("\n").slice(1);
    const months = rows.map((r) => r.split(",")[2] as string);
    expect(months.reduce((a, b) => (a > b ? a : b))).toBe("2026-02");
    expect(rows.some((r) => r.startsWith("insulinstart,"))).toBe(false);
  });

  it("moves with the clock", () => {
    const later = generateDemoTransfers(files, "2027-08-15");
    const hjartsvikt = later.registers[0]?.transfers.find((t) => t.id === "hjartsvikt-uppfoljning");
    expect(hjartsvikt?.from).toBe("2024-04");
    expect(generateDemoTransfers(files, "2026-03-02")).toEqual(demo);
  });
});

describe("loadDemoTransfers", () => {
  let t: Awaited<ReturnType<typeof createTestContext>>;
  beforeAll(async () => {
    t = await createTestContext();
    for (const file of files) await importRegionFile(t.ctx, systemActor("test"), file, { purpose: "test" });
  }, 120_000);
  afterAll(async () => {
    await t?.database.close();
  });

  it("loads the registers and volumes once; the gap of last year and this year is visible", async () => {
    const actor = systemActor("demo-loader");
    const first = await loadDemoTransfers(t.ctx, actor, files);
    expect(first.transfers).toBe(14);
    expect(first.volumeRows).toBe(
      generateDemoTransfers(files, "2026-03-02").volumesCsv.trimEnd().split("\n").length - 1,
    );
    expect(await loadDemoTransfers(t.ctx, actor, files)).toEqual({ transfers: 0, volumeRows: 0 });
    for (const regionCode of ["22", "24"]) {
      for (const year of [2025, 2026]) {
        const gap = await transfersGapFor(t.ctx, actor, { regionCode, year });
        expect(BigInt(gap.total.gapOre)).toBeGreaterThan(0n);
        expect(BigInt(gap.total.compensationOre)).toBeGreaterThan(0n);
        expect(gap.transfers.find((x) => x.status === "proposed")?.estimatedCostOre).toBe("0");
      }
    }
  }, 120_000);
});
