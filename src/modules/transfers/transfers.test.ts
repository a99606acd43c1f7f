import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  type Session,
  seedExampleRegion,
  seedUser,
  type TestApp,
} from "../../../test/support/app.ts";
import { E1, E2, E3, EXAMPLE_MODEL, exampleCsvs } from "../../../test/support/reimbursement.ts";
import { systemActor } from "../audit/audit.service.ts";
import { approveRun, createModel, createRun } from "../reimbursement/reimbursement.service.ts";
import { importReimbursementCsv } from "../reimbursement/reimbursement-imports.service.ts";
import { transfersGapFor } from "./transfers-gap.service.ts";

// The register, volumes and gap over HTTP on the example region (three listing units and a backup team),
// with the shared example files. The clock stands at 2026-03-02, so 2026 is preliminary and March is the
// last month a unit may report.
const EXAMPLES = new URL("../../../../shared/examples/", import.meta.url);
const exampleFile = () => JSON.parse(readFileSync(new URL("transfers-v1.json", EXAMPLES), "utf8"));
const exampleVolumes = () => readFileSync(new URL("transfer-volumes.csv", EXAMPLES), "utf8");

let t: TestApp;
let admin: Session;
let otherAdmin: Session;
let manager: Session;
let staff: Session;
let committee: Session;
let auditor: Session;

async function call(
  session: Session | null,
  method: "GET" | "POST" | "PUT",
  url: string,
  payload?: unknown,
  contentType?: string,
) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers["x-csrf-token"] = session.csrfToken;
  }
  if (contentType) headers["content-type"] = contentType;
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await seedExampleRegion(t.ctx);
  await t.ctx.db.insertInto("regions").values({ code: "24", name: "Region Västerbotten (test)" }).execute();
  await seedUser(t.ctx, { username: "admin22", role: "region_admin", regionCode: "22" });
  await seedUser(t.ctx, { username: "admin24", role: "region_admin", regionCode: "24" });
  await seedUser(t.ctx, { username: "chef1", role: "unit_manager", regionCode: "22", unitHsaIds: [E1] });
  await seedUser(t.ctx, { username: "ssk1", role: "staff", regionCode: "22", unitHsaIds: [E1] });
  await seedUser(t.ctx, { username: "utskott", role: "committee", regionCode: "22" });
  await seedUser(t.ctx, { username: "revisor", role: "auditor", regionCode: "22" });
  admin = await loginAs(t.app, "admin22");
  otherAdmin = await loginAs(t.app, "admin24");
  manager = await loginAs(t.app, "chef1");
  staff = await loginAs(t.app, "ssk1");
  committee = await loginAs(t.app, "utskott");
  auditor = await loginAs(t.app, "revisor");
}, 120_000);
afterAll(async () => {
  await t.close();
});

const gapOf = async (year: number, session: Session = admin) => {
  const response = await call(session, "GET", `/api/transfers/gap?region=22&year=${year}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe("the register", () => {
  it("imports the example file as version 1 of each transfer", async () => {
    const response = await call(admin, "POST", "/api/transfers/import", exampleFile());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      region: "22",
      created: 2,
      newVersions: 0,
      transfers: [
        { id: "ak-mottagning", version: 1 },
        { id: "sarvard-postop", version: 1 },
      ],
    });
    const list = (await call(committee, "GET", "/api/transfers?region=22")).json();
    expect(list.transfers.map((x: { id: string }) => x.id)).toEqual(["ak-mottagning", "sarvard-postop"]);
    expect(list.transfers[0]).toMatchObject({
      version: 1,
      estimatedAnnualCost: "2340000.00",
      annualCompensation: "1500000.00",
      units: null,
      updatedBy: "admin22",
    });
    expect(list.transfers[1].units).toEqual([E1, E3]);
  });

  it("filters by status and year", async () => {
    const proposed = (await call(admin, "GET", "/api/transfers?region=22&status=proposed")).json();
    expect(proposed.transfers.map((x: { id: string }) => x.id)).toEqual(["sarvard-postop"]);
    // Sårvård starts 2026-09: not in 2025. AK-mottagning from 2025-09 is.
    const of2025 = (await call(admin, "GET", "/api/transfers?region=22&year=2025")).json();
    expect(of2025.transfers.map((x: { id: string }) => x.id)).toEqual(["ak-mottagning"]);
  });

  it("names the field of every validation error, and keeps the register unchanged", async () => {
    const bad = {
      ...exampleFile().transfers[0],
      id: "ny",
      estimatedAnnualCost: "12,50",
      to: "2024-01",
      decisionRef: null,
    };
    const response = await call(admin, "POST", "/api/transfers?region=22", bad);
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["body.estimatedAnnualCost"]));
    const units = await call(admin, "POST", "/api/transfers?region=22", {
      ...exampleFile().transfers[1],
      id: "ny",
      units: [E1, "SE2321000000-E0099"],
    });
    expect(units.statusCode).toBe(400);
    expect(units.json().error.details.issues).toEqual([
      { path: "units[1]", message: "SE2321000000-E0099 is not a listing unit of region 22" },
    ]);
    const fileError = await call(admin, "POST", "/api/transfers/import", {
      region: "22",
      transfers: [{ ...exampleFile().transfers[0], status: "in_effect", decidedOn: null }],
    });
    expect(fileError.statusCode).toBe(400);
    expect(fileError.json().error.details.issues).toEqual([
      { path: "body.transfers[0].decidedOn", message: "is required once a transfer is in_effect" },
    ]);
    const list = (await call(admin, "GET", "/api/transfers?region=22")).json();
    expect(list.transfers).toHaveLength(2);
  });

  it("refuses a new transfer with an existing id (409) and an edit of an unknown one (404)", async () => {
    const again = await call(admin, "POST", "/api/transfers?region=22", exampleFile().transfers[0]);
    expect(again.statusCode).toBe(409);
    const { id: _id, ...edit } = exampleFile().transfers[0];
    const missing = await call(admin, "PUT", "/api/transfers/finns-inte?region=22", edit);
    expect(missing.statusCode).toBe(404);
  });

  it("lets only the region's admin keep the register", async () => {
    const { id: _id, ...edit } = exampleFile().transfers[0];
    for (const session of [committee, manager, staff, auditor, otherAdmin]) {
      const put = await call(session, "PUT", "/api/transfers/ak-mottagning?region=22", edit);
      expect(put.statusCode).toBe(403);
    }
    expect((await call(otherAdmin, "POST", "/api/transfers/import", exampleFile())).statusCode).toBe(403);
    expect((await call(staff, "GET", "/api/transfers?region=22")).statusCode).toBe(403);
    expect((await call(manager, "GET", "/api/transfers/gap?region=22&year=2026")).statusCode).toBe(403);
    expect((await call(auditor, "GET", "/api/transfers/gap?region=22&year=2026")).statusCode).toBe(403);
  });
});

describe("volumes", () => {
  it("imports the example volume file", async () => {
    const response = await call(
      admin,
      "POST",
      "/api/transfers/volumes/import?region=22",
      exampleVolumes(),
      "text/csv",
    );
    expect(response.json()).toEqual({ read: 3, imported: 3, updated: 0, rejected: 0, rejections: [] });
  });

  it("rejects broken rows with line and reason, keeps the good ones and replaces reported months", async () => {
    const body = [
      "transfer_id,unit_hsa_id,month,volume",
      `ak-mottagning,${E1},2026-02,100`,
      `ak-mottagning,${E1},2026-13,5`,
      `ak-mottagning,${E2},2026-02,-4`,
      `finns-inte,${E1},2026-02,1`,
      `sarvard-postop,${E2},2026-02,3`,
      `ak-mottagning,${E3},2026-02`,
      `ak-mottagning,${E1},2026-03,170`,
      `ak-mottagning,${E2},2025-12,40`,
      `ak-mottagning,${E2},2027-01,50`,
      `ak-mottagning,"${E3},2026-02,1`,
    ].join("\n");
    const response = await call(admin, "POST", "/api/transfers/volumes/import?region=22", body, "text/csv");
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    expect(summary).toMatchObject({ read: 10, imported: 3, updated: 1, rejected: 6 });
    expect(summary.rejections.slice(0, 5)).toEqual([
      { line: 3, reason: 'month "2026-13" is not a month YYYY-MM' },
      { line: 4, reason: 'volume "-4" is not a whole number from 0 to 10000000' },
      { line: 5, reason: 'transfer_id "finns-inte" is not a transfer of region 22' },
      { line: 6, reason: `unit ${E2} does not take transfer sarvard-postop` },
      { line: 7, reason: "has 3 fields, the header 4" },
    ]);
    expect(summary.rejections[5].line).toBe(11);
  });

  it("lets a unit manager report a month of their own unit, and no other", async () => {
    const own = await call(manager, "PUT", "/api/transfers/volumes", {
      transferId: "ak-mottagning",
      unitHsaId: E1,
      month: "2026-01",
      volume: 30,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual({
      transferId: "ak-mottagning",
      unitHsaId: E1,
      month: "2026-01",
      volume: 30,
      replaced: null,
    });
    const other = await call(manager, "PUT", "/api/transfers/volumes", {
      transferId: "ak-mottagning",
      unitHsaId: E2,
      month: "2026-01",
      volume: 30,
    });
    expect(other.statusCode).toBe(403);
    const future = await call(manager, "PUT", "/api/transfers/volumes", {
      transferId: "ak-mottagning",
      unitHsaId: E1,
      month: "2026-04",
      volume: 30,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.issues[0].path).toBe("month");
    const proposed = await call(manager, "PUT", "/api/transfers/volumes", {
      transferId: "sarvard-postop",
      unitHsaId: E1,
      month: "2026-02",
      volume: 1,
    });
    expect(proposed.statusCode).toBe(400);
    const choices = (await call(manager, "GET", "/api/transfers/units")).json();
    expect(choices.units.map((u: { hsaId: string }) => u.hsaId)).toEqual([E1]);
    // A system admin spans the regions: every listing unit, the backup team left out.
    await seedUser(t.ctx, { username: "sys", role: "system_admin", regionCode: null });
    const sys = await loginAs(t.app, "sys");
    const all = (await call(sys, "GET", "/api/transfers/units")).json();
    expect(all.units.map((u: { hsaId: string }) => u.hsaId)).toEqual([E1, E2, E3]);
    expect((await call(staff, "GET", "/api/transfers/units")).statusCode).toBe(403);
  });

  it("shows the unit its months and an equal share of the expected volume without listing figures", async () => {
    const response = await call(manager, "GET", `/api/transfers/units/${E1}?year=2026`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.shareBasis).toBe("equal");
    expect(view.transfers.map((x: { id: string }) => x.id)).toEqual(["ak-mottagning"]);
    const ak = view.transfers[0];
    // 5 200 a year shared by three listing units: 1 733.33… → 1 733.3. January 30, February 100, March 170.
    expect(ak.expectedShare).toBe("1733.3");
    // Two months are over on 2 March: 5 200 × 2/12 / 3 = 288.88… → 288.9.
    expect(ak.expectedShareToDate).toBe("288.9");
    expect(ak.reportedVolume).toBe(300);
    expect(ak.months.slice(0, 4)).toEqual([
      { month: "2026-01", volume: 30 },
      { month: "2026-02", volume: 100 },
      { month: "2026-03", volume: 170 },
      { month: "2026-04", volume: null },
    ]);
    expect(ak.reportableMonths).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect((await call(manager, "GET", `/api/transfers/units/${E2}?year=2026`)).statusCode).toBe(403);
  });
});

describe("the gap", () => {
  it("computes 2026 exactly (FORMATS.md), the proposed transfer contributing 0", async () => {
    const gap = await gapOf(2026, committee);
    // AK-mottagning: 12 months; 2 340 000 and 1 500 000 kr. Reported 2026: E1 30 + 100 + 170, E2 22, E3 204
    // = 526; 526 × 2 340 000 kr / 5 200 = 526 × 450 kr = 236 700 kr.
    expect(gap).toEqual({
      region: "22",
      year: 2026,
      preliminary: true,
      transfers: [
        {
          id: "ak-mottagning",
          status: "in_effect",
          monthsInEffect: 12,
          estimatedCostOre: "234000000",
          compensationOre: "150000000",
          gapOre: "84000000",
          reportedVolume: 526,
          costAtReportedVolumeOre: "23670000",
          gapAtReportedVolumeOre: "-126330000",
          title: "Antikoagulationsbehandling (AK-mottagning) flyttas till hälsocentralerna",
          component: null,
          componentPaidOre: null,
        },
        {
          id: "sarvard-postop",
          status: "proposed",
          monthsInEffect: 0,
          estimatedCostOre: "0",
          compensationOre: "0",
          gapOre: "0",
          reportedVolume: 0,
          costAtReportedVolumeOre: "0",
          gapAtReportedVolumeOre: "0",
          title: "Sårvård efter ortopedisk operation",
          component: null,
          componentPaidOre: null,
        },
      ],
      total: {
        estimatedCostOre: "234000000",
        compensationOre: "150000000",
        gapOre: "84000000",
        costAtReportedVolumeOre: "23670000",
        gapAtReportedVolumeOre: "-126330000",
      },
    });
  });

  it("counts only the year's volumes: 2025 has September–December and December's 40", async () => {
    const gap = await gapOf(2025);
    // 4 months: 78 000 000 and 50 000 000 öre; 40 × 45 000 öre = 1 800 000.
    expect(gap.transfers[0]).toMatchObject({
      monthsInEffect: 4,
      estimatedCostOre: "78000000",
      compensationOre: "50000000",
      reportedVolume: 40,
      costAtReportedVolumeOre: "1800000",
      gapAtReportedVolumeOre: "-48200000",
    });
  });

  it("uses the latest version after a re-import, and shows the change in the history", async () => {
    const file = exampleFile();
    file.transfers[0].annualCompensation = "2340000.00";
    file.transfers[0].component = "hemsjukvard";
    const response = await call(admin, "POST", "/api/transfers/import", file);
    expect(response.json()).toMatchObject({ created: 0, newVersions: 2 });
    const gap = await gapOf(2026);
    expect(gap.transfers[0]).toMatchObject({
      compensationOre: "234000000",
      gapOre: "0",
      gapAtReportedVolumeOre: String(23_670_000 - 234_000_000),
      component: "hemsjukvard",
      componentPaidOre: "0",
    });
    const history = (await call(auditor, "GET", "/api/transfers/ak-mottagning/history?region=22")).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.versions[0].changes).toEqual([
      { field: "annualCompensation", before: "1500000.00", after: "2340000.00" },
      { field: "component", before: null, after: "hemsjukvard" },
    ]);
    expect(history.versions[0].by).toBe("admin22");
    // The unchanged re-import of sårvård is still a version, with nothing changed.
    const sarvard = (await call(committee, "GET", "/api/transfers/sarvard-postop/history?region=22")).json();
    expect(sarvard.versions[0]).toMatchObject({ version: 2, changes: [] });
    expect((await call(staff, "GET", "/api/transfers/ak-mottagning/history?region=22")).statusCode).toBe(403);
  });

  it("an edit from the form is the next version and changes the gap", async () => {
    const { id: _id, ...edit } = exampleFile().transfers[0];
    const response = await call(admin, "PUT", "/api/transfers/ak-mottagning?region=22", {
      ...edit,
      annualCompensation: "1170000.00",
      component: "hemsjukvard",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ version: 3, annualCompensation: "1170000.00" });
    expect((await gapOf(2026)).transfers[0]).toMatchObject({
      compensationOre: "117000000",
      gapOre: "117000000",
    });
    const audit = await t.ctx.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "actor_username"])
      .where("entity_type", "=", "transfer")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "transfer.create",
      "transfer.create",
      "transfer.version",
      "transfer.version",
      "transfer.version",
    ]);
    expect(audit.at(-1)).toEqual({
      action: "transfer.version",
      entity_id: "22/ak-mottagning",
      actor_username: "admin22",
    });
  });

  it("sets what the named component paid in the year's approved runs beside the compensation", async () => {
    const cli = systemActor("test");
    await createModel(t.ctx, cli, "22", EXAMPLE_MODEL, "test");
    for (const [kind, text] of Object.entries(exampleCsvs()))
      await importReimbursementCsv(t.ctx, cli, kind as never, [text], { purpose: "test" });
    const run = await createRun(t.ctx, cli, { region: "22", month: "2026-03" }, "test");
    // A draft run pays nothing.
    expect(
      (await transfersGapFor(t.ctx, cli, { regionCode: "22", year: 2026 })).transfers[0]?.componentPaidOre,
    ).toBe("0");
    await approveRun(t.ctx, cli, run.id, "test");
    const paid = run.result.components.find((c) => c.component === "hemsjukvard")?.totalOre;
    expect(BigInt(paid ?? "0")).toBeGreaterThan(0n);
    const gap = await transfersGapFor(t.ctx, cli, { regionCode: "22", year: 2026 });
    expect(gap.transfers[0]?.componentPaidOre).toBe(paid);
    expect(gap.transfers[1]?.componentPaidOre).toBeNull();
    // 2025 has no approved run.
    expect(
      (await transfersGapFor(t.ctx, cli, { regionCode: "22", year: 2025 })).transfers[0]?.componentPaidOre,
    ).toBe("0");
  });

  it("exports the same figures as CSV and Excel", async () => {
    const gap = await gapOf(2026);
    const csv = await call(admin, "GET", "/api/transfers/gap?region=22&year=2026&format=csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "id,title,status,monthsInEffect,estimatedCostOre,compensationOre,gapOre,reportedVolume,costAtReportedVolumeOre,gapAtReportedVolumeOre,component,componentPaidOre",
    );
    expect(lines.at(-1)).toBe(
      `total,,,,${gap.total.estimatedCostOre},${gap.total.compensationOre},${gap.total.gapOre},,${gap.total.costAtReportedVolumeOre},${gap.total.gapAtReportedVolumeOre},,`,
    );
    const xlsx = await call(committee, "GET", "/api/transfers/gap.xlsx?region=22&year=2026");
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const totalRow = sheet?.getRow(3 + gap.transfers.length + 1);
    expect(totalRow?.getCell(1).value).toBe("Totalt");
    // Columns 6–7: estimated cost in kronor and in öre; 10–11: compensation.
    expect(totalRow?.getCell(7).value).toBe(Number(gap.total.estimatedCostOre));
    expect(totalRow?.getCell(6).value).toBe(Number(gap.total.estimatedCostOre) / 100);
    expect(totalRow?.getCell(9).value).toBe(Number(gap.total.compensationOre));
  });

  it("gives totals per year for the chart, the current year preliminary", async () => {
    const years = (await call(committee, "GET", "/api/transfers/gap/years?region=22")).json();
    expect(years.years.map((y: { year: number }) => y.year)).toEqual([2025, 2026, 2027]);
    expect(years.years.map((y: { preliminary: boolean }) => y.preliminary)).toEqual([false, true, true]);
    expect(years.years[1].total).toEqual((await gapOf(2026)).total);
  });

  it("documents every route in the OpenAPI document", async () => {
    const doc = (await call(null, "GET", "/api/docs/json")).json();
    for (const path of [
      "/api/transfers",
      "/api/transfers/gap",
      "/api/transfers/gap.xlsx",
      "/api/transfers/volumes",
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(Object.keys(doc.paths["/api/transfers/gap"].get.responses["200"].content)).toEqual([
      "application/json",
      "text/csv",
    ]);
  });
});
