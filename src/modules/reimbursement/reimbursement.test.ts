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
import {
  E1,
  E2,
  E3,
  exampleCsvs,
  EXAMPLE_MODEL as MODEL,
  EXAMPLE_SNAPSHOT as SNAPSHOT,
} from "../../../test/support/reimbursement.ts";
import {
  add,
  formatRational,
  parseDecimal,
  type ReimbursementModel,
  runReimbursement,
  ZERO,
} from "../../domain/reimbursement/index.ts";
import { systemActor } from "../audit/audit.service.ts";
import { applyContactRollupDelta } from "../statistics/rollups.repository.ts";
import { runWorkbook, specificationPdf } from "./reimbursement.exports.ts";
import {
  buildSnapshot,
  getRunForExport,
  getUnitSpecification,
  resultText,
  sha256Hex,
} from "./reimbursement.service.ts";
import { importReimbursementCsv } from "./reimbursement-imports.service.ts";

let t: TestApp;
let admin: Session;
let manager: Session;
let staff: Session;
let committee: Session;
let otherAdmin: Session;

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
  // A second region, so that region scoping can be shown.
  await t.ctx.db.insertInto("regions").values({ code: "24", name: "Region Västerbotten (test)" }).execute();
  await seedUser(t.ctx, { username: "admin22", role: "region_admin", regionCode: "22" });
  await seedUser(t.ctx, { username: "admin24", role: "region_admin", regionCode: "24" });
  await seedUser(t.ctx, { username: "chef1", role: "unit_manager", regionCode: "22", unitHsaIds: [E1] });
  await seedUser(t.ctx, { username: "ssk1", role: "staff", regionCode: "22", unitHsaIds: [E1] });
  await seedUser(t.ctx, { username: "utskott", role: "committee", regionCode: "22" });
  admin = await loginAs(t.app, "admin22");
  otherAdmin = await loginAs(t.app, "admin24");
  manager = await loginAs(t.app, "chef1");
  staff = await loginAs(t.app, "ssk1");
  committee = await loginAs(t.app, "utskott");
});
afterAll(async () => {
  await t.close();
});

describe("imports", () => {
  it("rejects bad rows with line numbers and reasons and imports the rest", async () => {
    const body = [
      "unit_hsa_id,month,age,sex,count",
      `${E1},2026-02,30,female,10`,
      `${E1},2026-13,30,female,10`,
      `SE0000000000-X9999,2026-02,30,male,1`,
      `${E1},2026-02,151,male,1`,
      `${E1},2026-02,31,x,1`,
      `${E1},2026-02,32,male,-4`,
      `${E1},2026-02,30,female,11`,
      `${E1},2026-02,33,male`,
      `${E2},2026-02,0,K,3`,
    ].join("\n");
    const response = await call(
      admin,
      "POST",
      "/api/reimbursement/imports/listing?region=22",
      body,
      "text/csv",
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      kind: "listing",
      read: 9,
      imported: 2,
      updated: 0,
      rejected: 7,
      rejections: [
        { line: 3, reason: 'month "2026-13" is not a month YYYY-MM' },
        { line: 4, reason: 'unit_hsa_id "SE0000000000-X9999" is not a known unit' },
        { line: 5, reason: "age 151 is more than 150" },
        { line: 6, reason: 'sex "x" is not female, male or unknown' },
        { line: 7, reason: 'count "-4" is not a whole number ≥ 0' },
        { line: 8, reason: "repeats the row of line 2" },
        { line: 9, reason: "has 4 fields, the header 5" },
      ],
    });
    const again = await call(admin, "POST", "/api/reimbursement/imports/listing?region=22", body, "text/csv");
    expect(again.json()).toMatchObject({ imported: 0, updated: 2, rejected: 7 });
  });

  it("refuses a file without the needed columns, and another region's admin or a unit manager", async () => {
    const wrong = await call(
      admin,
      "POST",
      "/api/reimbursement/imports/indices?region=22",
      "unit_hsa_id,month,value\n",
      "text/csv",
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain("the header lacks name");
    const other = await call(
      otherAdmin,
      "POST",
      "/api/reimbursement/imports/indices?region=22",
      "unit_hsa_id,month,name,value\n",
      "text/csv",
    );
    expect(other.statusCode).toBe(403);
    const byManager = await call(
      manager,
      "POST",
      "/api/reimbursement/imports/indices?region=22",
      "unit_hsa_id,month,name,value\n",
      "text/csv",
    );
    expect(byManager.statusCode).toBe(403);
    // A unit of region 22 in region 24's import is rejected as a row.
    const cross = await call(
      otherAdmin,
      "POST",
      "/api/reimbursement/imports/indices?region=24",
      `unit_hsa_id,month,name,value\n${E1},2026-03,acg,1.1\n`,
      "text/csv",
    );
    expect(cross.json().rejections).toEqual([{ line: 2, reason: `unit ${E1} belongs to region 22, not 24` }]);
  });

  it("imports the example month's inputs from CSV (CLI path, streamed in small chunks)", async () => {
    for (const [kind, text] of Object.entries(exampleCsvs())) {
      // Chunks of 7 characters: rows split anywhere must still be read whole.
      const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
      const summary = await importReimbursementCsv(t.ctx, systemActor("test"), kind as "listing", chunks, {
        purpose: "test",
      });
      expect(summary.rejected, kind).toBe(0);
      expect(summary.imported, kind).toBe(summary.read);
    }
  });
});

describe("snapshot from the database", () => {
  it("equals the example snapshot exactly (FORMATS.md shape)", async () => {
    const { snapshot, notes } = await buildSnapshot(t.ctx.db, "22", "2026-03", "resident");
    expect(snapshot).toEqual(SNAPSHOT);
    expect(notes).toEqual([]);
  });

  it("takes the same-day rate from the statistics of the month's contacts, falling back to imported rates", async () => {
    const unit = await t.ctx.db
      .selectFrom("units")
      .select(["id"])
      .where("hsa_id", "=", E1)
      .executeTakeFirstOrThrow();
    const contact = (n: number, respondedAt: string | null, result: "callback" | "refused" = "callback") => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      region_code: "22",
      unit_id: unit.id,
      received_at: "2026-04-07T07:00:00Z",
      source: "staff" as const,
      channel: "phone" as const,
      result,
      receipt_date: "2026-04-07",
      service_day: "2026-04-07",
      in_phone_hours: true,
      responded_at: respondedAt,
    });
    const rows = await t.ctx.db
      .insertInto("contacts")
      .values([
        contact(1, "2026-04-07T08:00:00Z"),
        contact(2, "2026-04-07T21:59:00Z"), // 23:59 in Stockholm: still the same day
        contact(3, "2026-04-07T22:01:00Z"), // 00:01 the next day in Stockholm
        contact(4, null, "refused"),
      ])
      .returningAll()
      .execute();
    // As every writer of contacts does: the statistics rollups follow in the same transaction.
    for (const row of rows) await applyContactRollupDelta(t.ctx.db, null, row);
    await importReimbursementCsv(
      t.ctx,
      systemActor("test"),
      "same-day-rates",
      [`unit_hsa_id,month,kind,rate\n${E1},2026-04,resident,0.99\n${E2},2026-04,resident,0.91\n`],
      { purpose: "test" },
    );
    const { snapshot, notes } = await buildSnapshot(t.ctx.db, "22", "2026-04", "resident");
    const rate = (hsaId: string) => snapshot.units.find((u) => u.hsaId === hsaId)?.sameDayRate;
    expect(rate(E1)).toBe("0.5000"); // 2 of 4, the refusal counted as not answered
    expect(rate(E2)).toBe("0.91");
    expect(rate(E3)).toBe("0");
    expect(notes.join("\n")).toContain(`rate 0: ${E3}`);
    const phone = await buildSnapshot(t.ctx.db, "22", "2026-04", "phone");
    expect(phone.snapshot.units.find((u) => u.hsaId === E1)?.sameDayRate).toBe("0.6667"); // refusals are not in the SKR rate
  });
});

let modelRowId: number;
let runId: number;

describe("models and runs over HTTP", () => {
  it("stores a model; a bad model is rejected with JSON paths", async () => {
    const bad = await call(admin, "POST", "/api/reimbursement/models", {
      ...MODEL,
      validFrom: "2026-1",
      sameDayRateKind: "x",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues).toEqual(
      expect.arrayContaining([
        { path: "sameDayRateKind", message: "one of phone, resident, feedback" },
        expect.objectContaining({ path: "validFrom" }),
      ]),
    );
    expect((await call(committee, "POST", "/api/reimbursement/models", MODEL)).statusCode).toBe(403);
    const created = await call(admin, "POST", "/api/reimbursement/models", MODEL);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ modelId: MODEL.id, version: 1, locked: false, model: MODEL });
    modelRowId = created.json().id;
    const list = await call(committee, "GET", "/api/reimbursement/models?region=22");
    expect(list.json().models).toEqual([
      expect.objectContaining({
        id: modelRowId,
        modelId: MODEL.id,
        version: 1,
        components: 6,
        locked: false,
      }),
    ]);
    expect((await call(otherAdmin, "GET", "/api/reimbursement/models?region=22")).statusCode).toBe(403);
  });

  it("runs March from the database: the example's exact result, stored and reproducible byte for byte", async () => {
    expect(
      (await call(committee, "POST", "/api/reimbursement/runs", { region: "22", month: "2026-03" }))
        .statusCode,
    ).toBe(403);
    const response = await call(admin, "POST", "/api/reimbursement/runs", { region: "22", month: "2026-03" });
    expect(response.statusCode).toBe(201);
    const run = response.json();
    runId = run.id;
    const expected = runReimbursement(MODEL, SNAPSHOT);
    expect(run.result).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(run).toMatchObject({ status: "draft", totalOre: "1326285045", modelVersion: 1, notes: [] });
    expect(run.inputsSha256).toBe(expected.inputsSha256);

    const stored = await t.ctx.db
      .selectFrom("reimbursement_runs")
      .selectAll()
      .where("id", "=", runId)
      .executeTakeFirstOrThrow();
    expect(stored.result).toBe(resultText(expected));
    expect(stored.result_sha256).toBe(sha256Hex(stored.result));
    // From the stored snapshot alone (file mode's engine), the same bytes.
    const again = resultText(runReimbursement(MODEL, JSON.parse(stored.snapshot)));
    expect(again).toBe(stored.result);
    const verify = await call(admin, "GET", `/api/reimbursement/runs/${runId}/verify`);
    expect(verify.json()).toMatchObject({ reproduced: true, resultSha256: stored.result_sha256 });
  });

  it("locks a model a run used: PUT answers 409, POST makes version 2", async () => {
    const model = await call(admin, "GET", `/api/reimbursement/models/${modelRowId}`);
    expect(model.json().locked).toBe(true);
    const put = await call(admin, "PUT", `/api/reimbursement/models/${modelRowId}`, {
      ...MODEL,
      name: "changed",
    });
    expect(put.statusCode).toBe(409);
    const next = await call(admin, "POST", "/api/reimbursement/models", { ...MODEL, name: "Version 2" });
    expect(next.json()).toMatchObject({ version: 2, locked: false });
    // An unlocked version may change in place.
    const put2 = await call(admin, "PUT", `/api/reimbursement/models/${next.json().id}`, {
      ...MODEL,
      name: "Version 2b",
    });
    expect(put2.statusCode).toBe(200);
    expect(put2.json().model.name).toBe("Version 2b");
    const audit = await t.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "reimbursement.model%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "reimbursement.model.create",
      "reimbursement.model.create",
      "reimbursement.model.update",
    ]);
  });

  it("shows runs with their per-unit payments to the committee (public information), read only", async () => {
    const list = await call(committee, "GET", "/api/reimbursement/runs?region=22&month=2026-03");
    expect(list.statusCode).toBe(200);
    expect(list.json().runs).toHaveLength(1);
    expect(list.json().runs[0]).toMatchObject({ id: runId, totalOre: "1326285045", status: "draft" });
    const run = await call(committee, "GET", `/api/reimbursement/runs/${runId}`);
    expect(run.statusCode).toBe(200);
    expect(run.json().result.units.map((u: { hsaId: string }) => u.hsaId)).toContain(E1);
    expect(run.json().totalOre).toBe("1326285045");
    expect((await call(committee, "GET", `/api/reimbursement/runs/${runId}/verify`)).statusCode).toBe(200);
    // Writes stay 403.
    expect((await call(committee, "POST", `/api/reimbursement/runs/${runId}/approve`)).statusCode).toBe(403);
    expect(
      (await call(committee, "PUT", `/api/reimbursement/models/${run.json().modelRowId}`, MODEL)).statusCode,
    ).toBe(403);
    expect((await call(staff, "GET", `/api/reimbursement/runs/${runId}`)).statusCode).toBe(403);
    expect((await call(staff, "GET", "/api/reimbursement/runs?region=22")).statusCode).toBe(403);
    expect((await call(admin, "GET", `/api/reimbursement/runs/${runId}`)).statusCode).toBe(200);
  });

  it("lets a unit manager see their unit's specification only once the run is approved", async () => {
    const url = `/api/reimbursement/runs/${runId}/units/${E1}/specification.pdf`;
    expect((await call(manager, "GET", url)).statusCode).toBe(403);
    const approved = await call(admin, "POST", `/api/reimbursement/runs/${runId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", approvedBy: "admin22" });
    const pdf = await call(manager, "GET", url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(
      (await call(manager, "GET", `/api/reimbursement/runs/${runId}/units/${E2}/specification.pdf`))
        .statusCode,
    ).toBe(403);
    // A unit's payment specification is public information: the committee may read it.
    expect((await call(committee, "GET", url)).statusCode).toBe(200);
    expect((await call(staff, "GET", url)).statusCode).toBe(403);
  });

  it("keeps one approved run per region and month", async () => {
    expect((await call(admin, "POST", `/api/reimbursement/runs/${runId}/approve`)).statusCode).toBe(409);
    const second = await call(admin, "POST", "/api/reimbursement/runs", { region: "22", month: "2026-03" });
    expect(second.json().modelVersion).toBe(2);
    const conflict = await call(admin, "POST", `/api/reimbursement/runs/${second.json().id}/approve`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.details).toEqual({ approvedRunId: runId });
  });
});

/** The text of an uncompressed pdfmake PDF (standard fonts write WinAnsi hex strings). */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  let text = "";
  for (const match of source.matchAll(/<([0-9a-f]+)>/g)) {
    const hex = match[1] as string;
    if (hex.length % 2 === 0) text += Buffer.from(hex, "hex").toString("latin1");
  }
  return text;
}

describe("exports", () => {
  it("writes a Swedish payment specification with every line's basis and the total", async () => {
    const spec = await getUnitSpecification(t.ctx, systemActor("test"), runId, E1, "test");
    const pdf = await specificationPdf(spec, { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Utbetalningsspecifikation");
    expect(text).toContain("Kramfors hälsocentral (exempel)");
    expect(text).toContain("Månad: mars 2026");
    expect(text).toContain("Glesbygdsersättning");
    expect(text).toContain("Listade: 11 677");
    expect(text).toContain("37 hemsjukvårdsbesök × 2 000,00 kr");
    expect(text).toContain("Vårdpeng: viktning per åldersgrupp");
    expect(text).toContain("80 år och äldre");
    // The bands add up to the line's weighted points.
    const bands = spec.capitationBands.vardpeng ?? [];
    expect(bands.reduce((sum, b) => sum + b.listed, 0)).toBe(11677);
    const capitation = spec.lines.find((l) => l.component === "vardpeng")?.basis;
    const points = bands.reduce((sum, b) => add(sum, parseDecimal(b.points)), ZERO);
    expect(capitation?.type === "capitation" && capitation.weightedPoints).toBe(formatRational(points));
    const unit = runReimbursement(MODEL, SNAPSHOT).units.find((u) => u.hsaId === E1);
    const total = BigInt(unit?.totalOre ?? "0");
    const kronor = `${(total / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${(total % 100n).toString().padStart(2, "0")} kr`;
    expect(text).toContain(kronor);
  });

  it("writes the run as Excel whose öre columns add up to the run exactly", async () => {
    const response = await call(admin, "GET", `/api/reimbursement/runs/${runId}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const expected = runReimbursement(MODEL, SNAPSHOT);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Sammanfattning",
      ...MODEL.components.map((c) => c.id),
    ]);
    const summary = workbook.getWorksheet("Sammanfattning") as ExcelJS.Worksheet;
    const header = summary.getRow(4).values as unknown[];
    const totalColumn = header.indexOf("Totalt (öre)");
    let sum = 0n;
    for (let r = 5; r < 5 + expected.units.length; r++)
      sum += BigInt(summary.getRow(r).getCell(totalColumn).value as number);
    expect(sum.toString()).toBe(expected.totalOre);
    for (const [c, component] of expected.components.entries()) {
      const sheet = workbook.getWorksheet(component.component) as ExcelJS.Worksheet;
      const oreColumn = (sheet.getRow(2).values as unknown[]).indexOf("Belopp (öre)");
      const kronorColumn = oreColumn - 1;
      let ore = 0n;
      for (let r = 3; r < 3 + expected.units.length; r++) {
        const row = sheet.getRow(r);
        const value = BigInt(row.getCell(oreColumn).value as number);
        expect(value.toString()).toBe(expected.units[r - 3]?.lines[c]?.amountOre);
        expect(row.getCell(kronorColumn).value).toBe(Number(value) / 100);
        ore += value;
      }
      expect(ore.toString(), component.component).toBe(component.totalOre);
    }
    const { run, unitNames } = await getRunForExport(t.ctx, systemActor("test"), runId);
    expect((await runWorkbook(run, unitNames)).subarray(0, 2).toString("latin1")).toBe("PK");
    expect((await call(committee, "GET", `/api/reimbursement/runs/${runId}/export.xlsx`)).statusCode).toBe(
      200,
    );
  });
});

describe("unit reports", () => {
  it("lets the unit manager report their own unit only, and the region admin any unit", async () => {
    const url = `/api/reimbursement/unit-reports?unit=${E1}&month=2026-04`;
    const put = await call(manager, "PUT", url, { multimorbidIdentified: 20, homeVisits: 100000 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      multimorbidIdentified: 20,
      homeVisits: 100000,
      updatedBy: "chef1",
      locked: false,
    });
    expect((await call(manager, "GET", url)).json()).toMatchObject({ homeVisits: 100000 });
    const other = `/api/reimbursement/unit-reports?unit=${E2}&month=2026-04`;
    expect((await call(manager, "PUT", other, { multimorbidIdentified: 1, homeVisits: 1 })).statusCode).toBe(
      403,
    );
    expect((await call(manager, "GET", other)).statusCode).toBe(403);
    expect((await call(staff, "GET", url)).statusCode).toBe(403);
    expect((await call(committee, "GET", url)).statusCode).toBe(403);
    expect((await call(admin, "PUT", other, { multimorbidIdentified: 5, homeVisits: null })).statusCode).toBe(
      200,
    );
    expect((await call(manager, "PUT", url, { multimorbidIdentified: -1, homeVisits: 1 })).statusCode).toBe(
      400,
    );
    // March is approved: its reports can no longer change.
    const locked = await call(manager, "PUT", `/api/reimbursement/unit-reports?unit=${E1}&month=2026-03`, {
      multimorbidIdentified: 1,
      homeVisits: 1,
    });
    expect(locked.statusCode).toBe(409);
  });
});

describe("year summary and budget", () => {
  it("adds up the approved months and warns when home-care visits overrun their budget line", async () => {
    const april = await call(admin, "POST", "/api/reimbursement/runs", {
      region: "22",
      month: "2026-04",
      modelId: MODEL.id,
    });
    expect(april.statusCode).toBe(201);
    expect(april.json().notes.join("\n")).toContain("no unit report");
    expect((await call(admin, "POST", `/api/reimbursement/runs/${april.json().id}/approve`)).statusCode).toBe(
      200,
    );
    const march = runReimbursement(MODEL, SNAPSHOT);
    const aprilTotal = BigInt(april.json().totalOre);

    const summary = await call(admin, "GET", "/api/reimbursement/year-summary?region=22&year=2026");
    expect(summary.statusCode).toBe(200);
    expect(summary.json().months.map((m: { month: string }) => m.month)).toEqual(["2026-03", "2026-04"]);
    expect(summary.json().totalOre).toBe((BigInt(march.totalOre) + aprilTotal).toString());
    const e1 = summary.json().units.find((u: { hsaId: string }) => u.hsaId === E1);
    const e1Home = e1.components.find((c: { component: string }) => c.component === "hemsjukvard");
    expect(e1Home.totalOre).toBe((37n * 200_000n + 100_000n * 200_000n).toString());
    const committeeSummary = await call(
      committee,
      "GET",
      "/api/reimbursement/year-summary?region=22&year=2026",
    );
    expect(committeeSummary.statusCode).toBe(200);
    expect(committeeSummary.json()).toEqual(summary.json());

    const budget = await call(committee, "GET", "/api/reimbursement/budget?region=22&year=2026");
    expect(budget.statusCode).toBe(200);
    const lines = budget.json().components as {
      component: string;
      annualOre: string | null;
      yearToDateOre: string;
      overrun: boolean;
      warning: string | null;
      share: string | null;
    }[];
    const home = lines.find((l) => l.component === "hemsjukvard");
    expect(home).toMatchObject({ annualOre: "850000000", overrun: true });
    expect(home?.warning).toContain("Hemsjukvårdsbesök");
    const gles = lines.find((l) => l.component === "glesbygd");
    // April has no listing, so April's glesbygd (keyed by listed) stays unallocated and is reported so.
    expect(gles).toMatchObject({
      annualOre: "5400000000",
      yearToDateOre: "450000000",
      unallocatedOre: "450000000",
      share: "0.0833",
      overrun: false,
      warning: null,
    });
    expect(lines.find((l) => l.component === "vardpeng")).toMatchObject({ annualOre: null, share: null });
    expect(lines.find((l) => l.component === "riktad-bemanning")).toMatchObject({ annualOre: "550000000" });
    expect((await call(staff, "GET", "/api/reimbursement/budget?region=22&year=2026")).statusCode).toBe(403);
  });
});

describe("scenarios", () => {
  it("compares the month under two models per unit and component, as JSON and CSV", async () => {
    const what = { ...MODEL, id: "what-if-glesbygd-60", purpose: "scenario" } as ReimbursementModel & {
      purpose: string;
    };
    what.components = MODEL.components.map((c) =>
      c.id === "glesbygd" ? { ...c, annualAmount: "60000000.00" } : c,
    );
    const stored = await call(admin, "POST", "/api/reimbursement/models", what);
    expect(stored.json().purpose).toBe("scenario");
    const body = { region: "22", month: "2026-03", modelA: MODEL.id, modelB: stored.json().id };
    const response = await call(admin, "POST", "/api/reimbursement/scenarios", body);
    expect(response.statusCode).toBe(200);
    const comparison = response.json();
    const gles = comparison.totals.find((t: { component: string }) => t.component === "glesbygd");
    // 60 MSEK ÷ 12 − 54 MSEK ÷ 12 = 500 000 kr in March.
    expect(gles).toEqual({
      component: "glesbygd",
      aOre: "450000000",
      bOre: "500000000",
      diffOre: "50000000",
    });
    expect(comparison.totals.find((t: { component: string }) => t.component === "total").diffOre).toBe(
      "50000000",
    );
    let diff = 0n;
    for (const row of comparison.rows) if (row.component === "glesbygd") diff += BigInt(row.diffOre);
    expect(diff).toBe(50_000_000n);
    expect(
      comparison.rows.filter(
        (r: { component: string; diffOre: string }) => r.component !== "glesbygd" && r.diffOre !== "0",
      ),
    ).toEqual([]);

    const csv = await call(
      admin,
      "GET",
      `/api/reimbursement/scenarios.csv?region=22&month=2026-03&modelA=${MODEL.id}&modelB=${stored.json().id}`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore");
    expect(lines).toContain(",Total,glesbygd,450000000,500000000,50000000");
    // The committee reads scenarios (nothing is stored), but may not store a what-if model.
    const committeeView = await call(committee, "POST", "/api/reimbursement/scenarios", body);
    expect(committeeView.statusCode).toBe(200);
    expect(committeeView.json()).toEqual(comparison);
    expect(
      (await call(committee, "POST", "/api/reimbursement/models", { ...what, id: "committee-what-if" }))
        .statusCode,
    ).toBe(403);
  });
});

describe("OpenAPI", () => {
  it("documents every reimbursement endpoint", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths).filter((p) => p.startsWith("/api/reimbursement"));
    expect(paths.sort()).toEqual([
      "/api/reimbursement/budget",
      "/api/reimbursement/imports/{kind}",
      "/api/reimbursement/models",
      "/api/reimbursement/models/{id}",
      "/api/reimbursement/runs",
      "/api/reimbursement/runs/{id}",
      "/api/reimbursement/runs/{id}/approve",
      "/api/reimbursement/runs/{id}/export.xlsx",
      "/api/reimbursement/runs/{id}/units/{hsaId}/specification.pdf",
      "/api/reimbursement/runs/{id}/verify",
      "/api/reimbursement/scenarios",
      "/api/reimbursement/scenarios.csv",
      "/api/reimbursement/unit-reports",
      "/api/reimbursement/year-summary",
    ]);
  });
});
