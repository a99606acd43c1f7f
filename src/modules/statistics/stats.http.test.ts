import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";

const EXAMPLE = readFileSync(new URL("../../../../shared/examples/contacts-v1.csv", import.meta.url), "utf8");
const clock = settableClock("2026-04-01T08:00:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  await seedUser(t.ctx, { username: "utskott.22", role: "committee", regionCode: "22" });
});
afterAll(() => t.close());

async function request(
  username: string,
  method: "GET" | "POST" | "PUT",
  url: string,
  body?: { payload: string | object; contentType?: string },
) {
  const session = await loginAs(t.app, username);
  return t.app.inject({
    method,
    url,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      ...(body?.contentType ? { "content-type": body.contentType } : {}),
    },
    ...(body ? { payload: body.payload } : {}),
  });
}

async function waitForImport(id: string) {
  for (let i = 0; i < 200; i++) {
    const job = (await request("admin.22", "GET", `/api/imports/${id}`)).json();
    if (job.status !== "running") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("import did not finish");
}

describe("contact imports over HTTP", () => {
  it("accepts a text/csv upload, runs it in the background and reports the result", async () => {
    const started = await request("admin.22", "POST", "/api/imports/contacts", {
      payload: EXAMPLE,
      contentType: "text/csv",
    });
    expect(started.statusCode).toBe(202);
    const job = await waitForImport(started.json().importId);
    expect(job).toMatchObject({
      status: "done",
      read: 9,
      imported: 9,
      updated: 0,
      rejected: 0,
      rejections: [],
    });
  });

  it("accepts a multipart upload and keeps the rejections with their lines", async () => {
    const file = `${EXAMPLE.trimEnd()}\nx-1,SE2321000000-E0001,phone,not-a-time,answered,,,false,,,false\n`;
    const boundary = "----vardnavtest";
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="contacts.csv"',
      "Content-Type: text/csv",
      "",
      file,
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const started = await request("admin.22", "POST", "/api/imports/contacts", {
      payload,
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    expect(started.statusCode).toBe(202);
    const job = await waitForImport(started.json().importId);
    expect(job).toMatchObject({ status: "done", read: 10, imported: 0, updated: 9, rejected: 1 });
    expect(job.rejections).toHaveLength(1);
    expect(job.rejections[0].line).toBe(11);
  });

  it("is for region admins only", async () => {
    const response = await request("utskott.22", "POST", "/api/imports/contacts", {
      payload: EXAMPLE,
      contentType: "text/csv",
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("forbidden");
  });
});

describe("accessibility over HTTP", () => {
  const url = "/api/stats/accessibility?region=22&from=2026-03-01&to=2026-03-31";

  it("gives the rows of FORMATS.md with reference values", async () => {
    const put = await request("admin.22", "PUT", "/api/stats/reference-values/2026", {
      payload: { nationalPhoneRate: 0.88, goal: 1 },
    });
    expect(put.statusCode).toBe(200);
    const response = await request("admin.22", "GET", url);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.suppressed).toBe(false);
    expect(body.reference).toEqual([{ year: 2026, nationalPhoneRate: 0.88, goal: 1 }]);
    expect(body.rows.map((r: { unitHsaId: string | null }) => r.unitHsaId)).toEqual([
      null,
      "SE2321000000-E0001",
      "SE2321000000-E0002",
      "SE5560001230-E0003",
    ]);
    expect(body.rows[0].phone).toEqual({ offered: 5, answeredSameDay: 3, rate: 0.6 });
  });

  it("suppresses unit figures from fewer than 20 contacts for committee users, never the region total", async () => {
    const body = (await request("utskott.22", "GET", url)).json();
    expect(body.suppressed).toBe(true);
    // FORMATS.md: the region total is never suppressed; every unit here has fewer than 20 per group.
    expect(body.rows[0]).toMatchObject({
      unitHsaId: null,
      suppressed: false,
      phone: { offered: 5, answeredSameDay: 3, rate: 0.6 },
    });
    // E0001 and E0003 are small in every group; E0002 has only resident contacts (its phone and assessment
    // denominators are 0: shown, with rates null).
    expect(body.rows.map((r: { unitHsaId: string | null }) => r.unitHsaId)).toEqual([
      null,
      "SE2321000000-E0001",
      "SE2321000000-E0002",
      "SE5560001230-E0003",
    ]);
    for (const row of [body.rows[1], body.rows[3]]) {
      expect(row).toMatchObject({
        suppressed: true,
        phone: { offered: null, answeredSameDay: null, rate: null },
        resident: { contacts: null, rate: null },
        assessment: { eligible: null, rate: null },
      });
    }
    expect(body.rows[2]).toMatchObject({
      suppressed: true,
      phone: { offered: 0, answeredSameDay: 0, rate: null },
      resident: { contacts: null, rate: null },
    });
  });

  it("exports CSV and Excel", async () => {
    const csv = await request("admin.22", "GET", `${url}&format=csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\n")[1]).toBe(",2026-03,5,3,0.6,9,1,0,6,0.6667,6,0.6667,4,0,2,3,1,0.5");
    const xlsx = await request("admin.22", "GET", `${url}&format=xlsx`);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const sheet = workbook.getWorksheet("Tillgänglighet");
    expect(sheet?.getRow(2).getCell(3).value).toBe(5);
    expect(sheet?.rowCount).toBe(5);
  });

  it("gives the weekday × hour heatmap", async () => {
    const body = (
      await request("admin.22", "GET", "/api/stats/heatmap?region=22&from=2026-03-01&to=2026-03-31")
    ).json();
    // Monday 2 March 08:00–08:59: tq-1001, tq-1002, tq-1003; only tq-1003 (refused) went unanswered.
    expect(body.cells).toContainEqual({ weekday: 1, hour: 8, contacts: 3, unanswered: 1 });
    // Sunday 1 March 21:14: web-2001, answered on its service day.
    expect(body.cells).toContainEqual({ weekday: 7, hour: 21, contacts: 1, unanswered: 0 });
  });

  it("keeps other regions out", async () => {
    const response = await request(
      "admin.22",
      "GET",
      "/api/stats/accessibility?region=24&from=2026-03-01&to=2026-03-31",
    );
    expect(response.statusCode).toBe(403);
  });
});

describe("reference values", () => {
  it("lists the seeded national value and the region's own edits", async () => {
    const body = (await request("utskott.22", "GET", "/api/stats/reference-values")).json();
    expect(body.values).toEqual([
      { year: 2025, nationalPhoneRate: 0.875, goal: 1 },
      { year: 2026, nationalPhoneRate: 0.88, goal: 1 },
    ]);
  });

  it("lets only region admins edit, and audits the edit", async () => {
    const denied = await request("utskott.22", "PUT", "/api/stats/reference-values/2025", {
      payload: { nationalPhoneRate: 0.9, goal: 1 },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await request("admin.22", "PUT", "/api/stats/reference-values/2025", {
      payload: { nationalPhoneRate: 1.5, goal: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const audit = await t.ctx.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "actor_username"])
      .where("action", "=", "stats.reference_value.set")
      .execute();
    expect(audit).toEqual([
      { action: "stats.reference_value.set", entity_id: "22:2026", actor_username: "admin.22" },
    ]);
  });
});

describe("forecast over HTTP", () => {
  it("gives every unit of the region with need, capacity and risk", async () => {
    const body = (
      await request("admin.22", "GET", "/api/forecast?region=22&date=2026-04-02&handleMinutes=10")
    ).json();
    expect(body.date).toBe("2026-04-02");
    expect(body.backtest.weeks).toBe(4);
    const kramfors = body.units.find((u: { hsaId: string }) => u.hsaId === "SE2321000000-E0001");
    expect(kramfors.byHour).toHaveLength(24);
    expect(kramfors.handleMinutes).toBe(10);
    // Phone 08–12 and 13–16:30 in 15-minute slots of 3 calls: (16 + 14) × 3.
    expect(kramfors.capacityContacts).toBe(90);
    expect(kramfors.risk).toBe("low");
    expect(kramfors.nurseHoursNeeded).toBeCloseTo((kramfors.expectedContacts * 10) / 60, 1);
  });

  it("uses the unit's stored handle time, set by the region admin and audited", async () => {
    const put = await request("admin.22", "PUT", "/api/forecast/handle-minutes/SE2321000000-E0001", {
      payload: { handleMinutes: 8 },
    });
    expect(put.statusCode).toBe(200);
    const denied = await request("utskott.22", "PUT", "/api/forecast/handle-minutes/SE2321000000-E0001", {
      payload: { handleMinutes: 8 },
    });
    expect(denied.statusCode).toBe(403);
    const body = (await request("admin.22", "GET", "/api/forecast?region=22&date=2026-04-02")).json();
    const units = body.units as { hsaId: string; handleMinutes: number }[];
    expect(units.find((u) => u.hsaId === "SE2321000000-E0001")?.handleMinutes).toBe(8);
    expect(units.find((u) => u.hsaId === "SE2321000000-E0002")?.handleMinutes).toBe(6);
  });
});
