import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";
import { systemActor } from "../audit/audit.service.ts";
import { importReimbursementCsv } from "../reimbursement/reimbursement-imports.service.ts";

// The staffing API over HTTP: upload, statistics, what-if, the manager's form, and who may see what.
const E1 = "SE2321000000-E0001";
const E2 = "SE2321000000-E0002";
const E3 = "SE5560001230-E0003";
const clock = settableClock("2026-05-12T08:00:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  await seedUser(t.ctx, { username: "utskott.22", role: "committee", regionCode: "22" });
  await seedUser(t.ctx, { username: "chef.e1", role: "unit_manager", regionCode: "22", unitHsaIds: [E1] });
  await seedUser(t.ctx, { username: "staff.e1", role: "staff", regionCode: "22", unitHsaIds: [E1] });
  await importReimbursementCsv(
    t.ctx,
    systemActor("test"),
    "listing",
    [`unit_hsa_id,month,age,sex,count\n${E1},2026-03,40,female,11230\n${E3},2026-03,40,male,2200\n`],
    { purpose: "test" },
  );
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

const FILE = `unit_hsa_id,month,profession,employment,fte,agency_cost_sek
${E1},2026-03,specialist_allmanmedicin,employed,7.00,
${E1},2026-03,specialist_allmanmedicin,agency,1.50,212500
${E2},2026-03,specialist_allmanmedicin,agency,0.40,96000
${E3},2026-03,specialist_allmanmedicin,employed,2.00,
${E3},2026-03,specialist_allmanmedicin,employed,2.50,
`;

describe("staffing over HTTP", () => {
  it("imports a text/csv upload for the admin's region, naming rejected lines", async () => {
    const response = await request("admin.22", "POST", "/api/staffing/imports?region=22", {
      payload: FILE,
      contentType: "text/csv",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      read: 5,
      imported: 4,
      updated: 0,
      rejected: 1,
      rejections: [{ line: 6, reason: "repeats the row of line 5" }],
    });
    const other = await request("staff.e1", "POST", "/api/staffing/imports?region=22", {
      payload: FILE,
      contentType: "text/csv",
    });
    expect(other.statusCode).toBe(403);
    const committee = await request("utskott.22", "POST", "/api/staffing/imports?region=22", {
      payload: FILE,
      contentType: "text/csv",
    });
    expect(committee.statusCode).toBe(403);
  });

  it("answers the statistics with the units and the goal", async () => {
    const response = await request(
      "utskott.22",
      "GET",
      "/api/staffing/stats?region=22&from=2026-03&to=2026-03",
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.goalListedPerGp).toBe(1100);
    expect(body.units.map((u: { hsaId: string }) => u.hsaId)).toEqual([E1, E2, E3]);
    expect(body.rows.at(-1)).toMatchObject({
      listed: 13430,
      gpFte: "10.90",
      listedPerGp: "1232.1",
      shortfallFte: "1.71",
    });
    const bad = await request("admin.22", "GET", "/api/staffing/stats?region=22&from=2026-3&to=2026-03");
    expect(bad.statusCode).toBe(400);
  });

  it("shows a unit manager their own units' rows and the aggregates only", async () => {
    const body = (
      await request("chef.e1", "GET", "/api/staffing/stats?region=22&from=2026-03&to=2026-03")
    ).json();
    expect(
      body.rows
        .filter((r: { unitHsaId: string | null }) => r.unitHsaId !== null)
        .map((r: { unitHsaId: string }) => r.unitHsaId),
    ).toEqual([E1]);
    expect(body.rows).toHaveLength(1 + 3 + 1);
  });

  it("computes a what-if: two more specialists in E1", async () => {
    const response = await request(
      "admin.22",
      "GET",
      `/api/staffing/what-if?region=22&month=2026-03&unit=${E1}&additionalGpFte=2`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.before.unit).toMatchObject({ gpFte: "8.50", listedPerGp: "1321.2", meetsGoal: false });
    // 11230 / 10.5 = 1069.52
    expect(body.after.unit).toMatchObject({ gpFte: "10.50", listedPerGp: "1069.5", meetsGoal: true });
    // region: 13430 / 12.9 = 1041.09
    expect(body.after.region).toMatchObject({ gpFte: "12.90", listedPerGp: "1041.1", shortfallFte: "0.00" });
  });

  it("lets the region set its goal and uses it", async () => {
    const set = await request("admin.22", "PUT", "/api/staffing/goal?region=22", {
      payload: { goalListedPerGp: 1000 },
    });
    expect(set.statusCode).toBe(200);
    const body = (
      await request("admin.22", "GET", "/api/staffing/stats?region=22&from=2026-03&to=2026-03")
    ).json();
    // 11230 / 1000 = 11.23 needed; gap 11.23 − 8.5 = 2.73
    expect(body.rows[0]).toMatchObject({ neededGpFte: "11.23", gpGapFte: "2.73" });
    await request("admin.22", "PUT", "/api/staffing/goal?region=22", { payload: { goalListedPerGp: 1100 } });
    expect(
      (
        await request("utskott.22", "PUT", "/api/staffing/goal?region=22", {
          payload: { goalListedPerGp: 900 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("prefills the manager's form from the latest earlier month and saves it, keeping history", async () => {
    const form = await request("chef.e1", "GET", `/api/staffing/form?unit=${E1}&month=2026-04`);
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({
      unitHsaId: E1,
      month: "2026-04",
      source: "prefilled",
      prefilledFrom: "2026-03",
      rows: [
        {
          profession: "specialist_allmanmedicin",
          employment: "agency",
          fte: "1.50",
          agencyCostSek: "212500.00",
        },
        { profession: "specialist_allmanmedicin", employment: "employed", fte: "7.00", agencyCostSek: null },
      ],
    });
    const saved = await request("chef.e1", "PUT", "/api/staffing/form", {
      payload: {
        unitHsaId: E1,
        month: "2026-03",
        rows: [
          {
            profession: "specialist_allmanmedicin",
            employment: "employed",
            fte: "8.00",
            agencyCostSek: null,
          },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ source: "stored", rows: [{ fte: "8.00" }] });
    const history = await t.ctx.db
      .selectFrom("staffing_history")
      .select(["employment", "change"])
      .orderBy("id")
      .execute();
    expect(history).toEqual([
      { employment: "agency", change: "removed" },
      { employment: "employed", change: "replaced" },
    ]);
    const bad = await request("chef.e1", "PUT", "/api/staffing/form", {
      payload: {
        unitHsaId: E1,
        month: "2026-03",
        rows: [
          {
            profession: "specialist_allmanmedicin",
            employment: "employed",
            fte: "1.234",
            agencyCostSek: null,
          },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe("rows[0]");
    const foreign = await request("chef.e1", "GET", `/api/staffing/form?unit=${E3}&month=2026-04`);
    expect(foreign.statusCode).toBe(403);
  });

  it("documents every staffing and grant route with its response schema in the OpenAPI document", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<
      string,
      Record<string, { responses?: Record<string, unknown> }>
    >;
    for (const [path, method] of [
      ["/api/staffing/imports", "post"],
      ["/api/staffing/stats", "get"],
      ["/api/staffing/what-if", "get"],
      ["/api/staffing/goal", "put"],
      ["/api/staffing/form", "put"],
      ["/api/grants", "get"],
      ["/api/grants/effect", "get"],
    ] as const) {
      expect(paths[path]?.[method]?.responses?.["200"], `${method} ${path}`).toBeDefined();
    }
  });
});
