import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/lib/context.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { staffingStatsFor } from "../src/modules/staffing/staffing-stats.service.ts";
import { createTestContext } from "../test/support/app.ts";
import { DEMO_UNIT_OPENINGS, GRANT_UNIT_NAMES, generateDemoRegionFiles } from "./regions.ts";
import { demoStaffingCsv, loadDemoStaffing } from "./staffing.ts";

// The demo staffing as the issue describes it: Kramfors and Sollefteå far short of 1 : 1 100 and
// agency-dependent in 2023, closer during the grant; the regions near 2 000 listed per specialist FTE;
// Umeå closer to the goal than Västerbotten's inland. Every row passes the real import.
let t: Awaited<ReturnType<typeof createTestContext>>;
const files = generateDemoRegionFiles();
beforeAll(async () => {
  t = await createTestContext(fixedClock("2026-12-06T10:00:00Z"));
  for (const file of files)
    await importRegionFile(t.ctx, systemActor("test"), file, { isDemo: true, purpose: "test" });
  const summary = await loadDemoStaffing(t.ctx, systemActor("test"), files);
  expect(summary.staffingRows).toBeGreaterThan(0);
}, 300_000);
afterAll(async () => {
  await t?.database.close();
});

const num = (text: string | null) => (text === null ? Number.NaN : Number(text));

describe("demo staffing", () => {
  it("covers every care unit from 2023-01 to the clock's month, or from a unit's own first month", () => {
    const vn = files.find((f) => f.region.code === "22");
    if (vn === undefined) throw new Error("no Västernorrland");
    const unit = vn.units.find((u) => u.type !== "backup");
    const csv = demoStaffingCsv([vn], { to: "2026-12", firstMonths: { [unit?.hsaId ?? ""]: "2025-05" } });
    const months = new Set(
      csv
        .split("\n")
        .filter((l) => l.startsWith(`${unit?.hsaId},`))
        .map((l) => l.split(",")[1]),
    );
    expect([...months].sort()[0]).toBe("2025-05");
    // Every other care unit from 2023-01, but those that open later (DEMO_UNIT_OPENINGS).
    const opening = new Set(DEMO_UNIT_OPENINGS.map((o) => o.hsaId));
    const care = vn.units.filter((u) => u.type !== "backup" && !opening.has(u.hsaId)).length;
    const units2023 = new Set(
      csv
        .split("\n")
        .filter((l) => l.includes(",2023-01,"))
        .map((l) => l.split(",")[0]),
    );
    expect(units2023.size).toBe(care - 1);
  });

  it("shows Kramfors and Sollefteå short and agency-dependent in 2023, closer during the grant", async () => {
    const rows = await staffingStatsFor(t.ctx, systemActor("test"), {
      regionCode: "22",
      from: "2023-01",
      to: "2026-11",
    });
    const vn = files.find((f) => f.region.code === "22");
    const grantUnits =
      vn?.units.filter(
        (u) => u.type === "halsocentral" && (GRANT_UNIT_NAMES as readonly string[]).includes(u.name),
      ) ?? [];
    expect(grantUnits).toHaveLength(2);
    for (const unit of grantUnits) {
      const of = (month: string) => rows.find((r) => r.unitHsaId === unit.hsaId && r.month === month);
      const before = of("2023-06");
      // 2025-10: the last month before the reimbursement demo's own listing months (not loaded here)
      const during = of("2025-10");
      expect(num(before?.listedPerGp ?? null)).toBeGreaterThan(2000);
      expect(before?.agencyShare).toBeGreaterThan(0.3);
      expect(num(during?.listedPerGp ?? null)).toBeGreaterThan(1100);
      expect(num(during?.listedPerGp ?? null)).toBeLessThan(num(before?.listedPerGp ?? null) - 250);
      expect(during?.agencyShare).toBeLessThan(before?.agencyShare ?? 0);
    }
    const region2025 = rows.find(
      (r) => r.unitHsaId === null && r.kommunCode === null && r.month === "2025-06",
    );
    expect(num(region2025?.listedPerGp ?? null)).toBeGreaterThan(1600);
    expect(num(region2025?.listedPerGp ?? null)).toBeLessThan(2400);
  }, 120_000);

  it("puts Umeå closer to the goal than Västerbotten's inland", async () => {
    const rows = await staffingStatsFor(t.ctx, systemActor("test"), {
      regionCode: "24",
      from: "2025-06",
      to: "2025-06",
    });
    const kommun = (code: string) =>
      num(rows.find((r) => r.unitHsaId === null && r.kommunCode === code)?.listedPerGp ?? null);
    expect(kommun("2480")).toBeLessThan(1700);
    for (const inland of ["2462", "2481", "2421"]) expect(kommun(inland)).toBeGreaterThan(2100);
  }, 120_000);
});
