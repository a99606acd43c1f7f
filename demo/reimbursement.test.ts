import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  kronorToOre,
  type PoolComponent,
  splitAnnualIntoMonths,
  tryRunReimbursement,
} from "../src/domain/reimbursement/index.ts";
import { createTestApp, loginAs, type Session, type TestApp } from "../test/support/app.ts";
import { DEMO_PASSWORD } from "./accounts.ts";
import { loadDemoData } from "./load.ts";
import { DEMO_SEED, generateDemoRegionFiles } from "./regions.ts";
import {
  DEMO_REIMBURSEMENT_MONTHS,
  demoReimbursementInputs,
  demoReimbursementModels,
} from "./reimbursement.ts";

// The "done when": the demo region admin runs March 2026 for Västernorrland, approves it, gets a
// unit's PDF specification and the Excel run, and compares the 2025 model with 2026.
let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoData(t.ctx);
  admin = await loginAs(t.app, "admin.vasternorrland", DEMO_PASSWORD);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const files = generateDemoRegionFiles();
const vn = files.find((f) => f.region.code === "22");

function headers(session: Session) {
  return { cookie: session.cookie, "x-csrf-token": session.csrfToken };
}

describe("demo reimbursement data", () => {
  it("has valid models with the budget figures and grants to Kramfors and Sollefteå hälsocentraler", () => {
    const models = demoReimbursementModels(files);
    expect(models.map((m) => `${m.regionCode} ${m.model.id}`)).toEqual([
      "22 vasternorrland-2025",
      "22 vasternorrland-2026",
      "24 vasterbotten-2025-2026",
    ]);
    for (const { model } of models) {
      const { sameDayRateKind: _k, purpose: _p, ...pure } = model;
      const outcome = tryRunReimbursement(pure, { month: model.validFrom, units: [] });
      expect(outcome.ok, model.id).toBe(true);
      expect(model.name).toContain("demo");
    }
    const byId = new Map(models.map((m) => [m.model.id, m.model]));
    const component = (model: string, id: string) => byId.get(model)?.components.find((c) => c.id === id);
    expect((component("vasternorrland-2025", "glesbygd") as PoolComponent).annualAmount).toBe("49000000.00");
    expect((component("vasternorrland-2026", "glesbygd") as PoolComponent).annualAmount).toBe("54000000.00");
    expect((component("vasternorrland-2025", "tillganglighet") as PoolComponent).annualAmount).toBe(
      "10000000.00",
    );
    expect((component("vasternorrland-2026", "multisjuka") as PoolComponent).annualAmount).toBe("7000000.00");
    expect(component("vasternorrland-2026", "hemsjukvard")).toMatchObject({
      type: "perEvent",
      price: "2000.00",
      annualBudget: "8500000.00",
    });
    const grant = component("vasternorrland-2026", "riktad-bemanning");
    const names = new Map(vn?.units.map((u) => [u.hsaId, u.name]));
    expect(grant?.type === "grant" && grant.grants.map((g) => [names.get(g.unit), g.from, g.to])).toEqual([
      ["Kramfors hälsocentral", "2024-01", "2027-12"],
      ["Sollefteå hälsocentral", "2024-01", "2027-12"],
    ]);
  });

  it("gives a month the same inputs whether it is loaded alone or with the whole period", () => {
    const file = vn as NonNullable<typeof vn>;
    const all = demoReimbursementInputs(file);
    const march = demoReimbursementInputs(file, DEMO_SEED, ["2026-03"]);
    for (const kind of ["listing", "indices", "unit-reports", "same-day-rates"] as const) {
      const lines = all[kind].trim().split("\n");
      const onlyMarch = [lines[0], ...lines.slice(1).filter((l) => l.split(",")[1] === "2026-03")];
      expect(march[kind].trim().split("\n"), kind).toEqual(onlyMarch);
    }
  });

  it("has inputs for every unit and every month of the demo period", () => {
    expect(DEMO_REIMBURSEMENT_MONTHS[0]).toBe("2025-11");
    expect(DEMO_REIMBURSEMENT_MONTHS).toContain("2026-03");
    expect(DEMO_REIMBURSEMENT_MONTHS.at(-1)).toBe("2026-12");
    const inputs = demoReimbursementInputs(vn as NonNullable<typeof vn>);
    const payable = (vn?.units ?? []).filter((u) => u.type !== "backup");
    const reportLines = inputs["unit-reports"].trim().split("\n").slice(1);
    expect(reportLines).toHaveLength(payable.length * DEMO_REIMBURSEMENT_MONTHS.length);
    // Home-care visits near the budget's 4 250 a year (8.5 MSEK at 2 000 kr).
    const march = reportLines.filter((l) => l.split(",")[1] === "2026-03");
    const visits = march.reduce((sum, l) => sum + Number(l.split(",")[3]), 0);
    expect(visits * 12).toBeGreaterThan(3000);
    expect(visits * 12).toBeLessThan(6000);
  });
});

describe("demo: the region admin's March 2026", () => {
  let runId: number;

  it("runs March 2026 for Västernorrland with the 2026 model and approves it", async () => {
    const run = await t.app.inject({
      method: "POST",
      url: "/api/reimbursement/runs",
      headers: headers(admin),
      payload: { region: "22", month: "2026-03" },
    });
    expect(run.statusCode).toBe(201);
    const body = run.json();
    runId = body.id;
    expect(body.modelId).toBe("vasternorrland-2026");
    expect(body.result.units).toHaveLength((vn?.units ?? []).filter((u) => u.type !== "backup").length);
    const gles = body.result.components.find((c: { component: string }) => c.component === "glesbygd");
    expect(BigInt(gles.totalOre) + BigInt(gles.unallocatedOre)).toBe(
      splitAnnualIntoMonths(kronorToOre("54000000.00"))[2],
    );
    expect(gles.unallocatedOre).toBe("0");
    const approve = await t.app.inject({
      method: "POST",
      url: `/api/reimbursement/runs/${runId}/approve`,
      headers: headers(admin),
    });
    expect(approve.json().status).toBe("approved");
  });

  it("downloads Kramfors hälsocentral's PDF specification and the Excel run", async () => {
    const kramfors = vn?.units.find((u) => u.name === "Kramfors hälsocentral");
    const pdf = await t.app.inject({
      method: "GET",
      url: `/api/reimbursement/runs/${runId}/units/${kramfors?.hsaId}/specification.pdf`,
      headers: headers(admin),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const xlsx = await t.app.inject({
      method: "GET",
      url: `/api/reimbursement/runs/${runId}/export.xlsx`,
      headers: headers(admin),
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Sammanfattning",
      "vardpeng",
      "glesbygd",
      "tillganglighet",
      "hemsjukvard",
      "multisjuka",
      "riktad-bemanning",
    ]);
    // The grant line of Kramfors: 4 MSEK a year, March's twelfth.
    const grants = workbook.getWorksheet("riktad-bemanning") as ExcelJS.Worksheet;
    let kramforsOre: unknown;
    grants.eachRow((row) => {
      if (row.getCell(1).value === kramfors?.hsaId) kramforsOre = row.getCell(row.cellCount).value;
    });
    expect(kramforsOre).toBe(Number(splitAnnualIntoMonths(kronorToOre("4000000.00"))[2]));
  });

  it("compares 2025 with 2026: glesbygd rises by exactly the models' difference for March", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/reimbursement/scenarios",
      headers: headers(admin),
      payload: {
        region: "22",
        month: "2026-03",
        modelA: "vasternorrland-2025",
        modelB: "vasternorrland-2026",
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const totals = response.json().totals as {
      component: string;
      aOre: string;
      bOre: string;
      diffOre: string;
    }[];
    const march = (annual: string) => splitAnnualIntoMonths(kronorToOre(annual))[2] as bigint;
    const gles = totals.find((x) => x.component === "glesbygd");
    expect(gles).toEqual({
      component: "glesbygd",
      aOre: march("49000000.00").toString(),
      bOre: march("54000000.00").toString(),
      diffOre: (march("54000000.00") - march("49000000.00")).toString(),
    });
    expect(gles?.diffOre).toBe("41666666");
    // Components only 2026 has are 0 under 2025.
    expect(totals.find((x) => x.component === "hemsjukvard")?.aOre).toBe("0");
  });

  it("loads again without new model versions or rows", async () => {
    const again = await loadDemoData(t.ctx);
    expect(again.reimbursement).toEqual({ modelsStored: 0, rowsImported: 0 });
  });
});
