import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";
import { E1, E2, E3, EXAMPLE_MODEL, exampleCsvs } from "../../../test/support/reimbursement.ts";
import { systemActor } from "../audit/audit.service.ts";
import { approveRun, createModel, createRun } from "../reimbursement/reimbursement.service.ts";
import {
  importReimbursementCsv,
  type ReimbursementImportKind,
} from "../reimbursement/reimbursement-imports.service.ts";
import { importStaffingCsv } from "../staffing/staffing-import.service.ts";

// The listing and unit-structure API over HTTP on the example region (three units and a backup team):
// the example month's inputs, model and an approved March run; staffing rows in the `staffing` table the
// staffing register keeps (created here when this database has no staffing migration).
const clock = settableClock("2026-04-10T08:00:00Z");
let t: TestApp;
let runId: number;
const system = systemActor("test");

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  await seedUser(t.ctx, { username: "utskott.22", role: "committee", regionCode: "22" });
  await seedUser(t.ctx, { username: "staff.22", role: "staff", regionCode: "22", unitHsaIds: [E1] });
  await seedUser(t.ctx, { username: "chef.e1", role: "unit_manager", regionCode: "22", unitHsaIds: [E1] });
  for (const [kind, text] of Object.entries(exampleCsvs()))
    await importReimbursementCsv(t.ctx, system, kind as ReimbursementImportKind, [text], { purpose: "test" });
  await createModel(t.ctx, system, "22", { ...EXAMPLE_MODEL, sameDayRateKind: "resident" }, "test");
  const run = await createRun(t.ctx, system, { region: "22", month: "2026-03" }, "test");
  await approveRun(t.ctx, system, run.id, "test");
  runId = run.id;
  // Staffing through the register's own import (FORMATS.md vardnav-staffing-v1).
  const staffing = await importStaffingCsv(
    t.ctx,
    system,
    [
      [
        "unit_hsa_id,month,profession,employment,fte,agency_cost_sek",
        `${E1},2026-03,specialist_allmanmedicin,employed,8.5,`,
        `${E1},2026-03,specialist_allmanmedicin,agency,1.50,`,
        `${E1},2026-03,st_allmanmedicin,employed,2.00,`,
        `${E2},2026-03,specialist_allmanmedicin,agency,0.33,`,
      ].join("\n"),
    ],
    { purpose: "test" },
  );
  expect(staffing.rejected).toBe(0);
}, 120_000);
afterAll(() => t.close());

async function request(username: string, method: "GET" | "POST", url: string, payload?: string | object) {
  const session = await loginAs(t.app, username);
  return t.app.inject({
    method,
    url,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      ...(typeof payload === "string" ? { "content-type": "text/csv" } : {}),
    },
    ...(payload === undefined ? {} : { payload }),
  });
}

describe("listing API", () => {
  it("imports listing changes as text/csv, keeping good rows and naming the bad line", async () => {
    const csv = `month,from_unit_hsa_id,to_unit_hsa_id,count\n2026-03,${E1},${E3},37\n2026-03,,${E1},21\n2026-03,${E2},${E2},1\n`;
    const response = await request("admin.22", "POST", "/api/listing/changes?region=22", csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      read: 3,
      imported: 2,
      updated: 0,
      rejected: 1,
      rejections: [{ line: 4, reason: `from_unit_hsa_id and to_unit_hsa_id are the same unit ${E2}` }],
    });
    expect((await request("utskott.22", "POST", "/api/listing/changes?region=22", csv)).statusCode).toBe(403);
  });

  it("flows for the committee; staff may not read them; CSV by format", async () => {
    const flows = await request(
      "utskott.22",
      "GET",
      "/api/listing/flows?region=22&from=2026-03&to=2026-03&by=ownership",
    );
    expect(flows.statusCode, flows.body).toBe(200);
    expect(flows.json().rows).toEqual([
      expect.objectContaining({ group: "private", inflow: 37, outflow: 0, net: 37 }),
      expect.objectContaining({ group: "regional", newListings: 21, movedOut: 37, net: -16 }),
    ]);
    const csv = await request(
      "admin.22",
      "GET",
      "/api/listing/flows?region=22&from=2026-03&to=2026-03&format=csv",
    );
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\n")[0]).toBe(
      "month,group,name,new_listings,moved_in,inflow,ended_listings,moved_out,outflow,net,within_group",
    );
    expect(
      (await request("staff.22", "GET", "/api/listing/flows?region=22&from=2026-03&to=2026-03")).statusCode,
    ).toBe(403);
    // A unit manager sees the rows of their own units only.
    const own = await request("chef.e1", "GET", "/api/listing/flows?region=22&from=2026-03&to=2026-03");
    expect(own.json().rows.map((r: { group: string }) => r.group)).toEqual([E1]);
  });

  it("overview: age bands of the last month, trend, type and ownership", async () => {
    const response = await request(
      "admin.22",
      "GET",
      "/api/listing/overview?region=22&from=2026-01&to=2026-03",
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.month).toBe("2026-03");
    expect(body.preliminary).toBe(false);
    // 11 677 + 2 061 + 9 482 listed in the example snapshot.
    expect(body.trend).toEqual([{ month: "2026-03", listed: 23220 }]);
    expect(body.ageBands.reduce((a: number, b: { total: number }) => a + b.total, 0)).toBe(23220);
    expect(body.byTypeAndOwnership).toEqual([
      { month: "2026-03", type: "halsocentral", ownership: "private", units: 1, listed: 9482 },
      { month: "2026-03", type: "halsocentral", ownership: "regional", units: 1, listed: 11677 },
      { month: "2026-03", type: "sjukstuga", ownership: "regional", units: 1, listed: 2061 },
    ]);
    const unit = await request(
      "admin.22",
      "GET",
      `/api/listing/overview?region=22&from=2026-03&to=2026-03&unit=${E2}`,
    );
    expect(unit.json().trend).toEqual([{ month: "2026-03", listed: 2061 }]);
  });
});

describe("unit structure API", () => {
  it("puts every unit side by side with the approved run and staffing, grouped", async () => {
    const response = await request("admin.22", "GET", "/api/structure/units?region=22");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      month: "2026-03",
      staffingAvailable: true,
      run: { id: runId, month: "2026-03" },
    });
    const e1 = body.units.find((u: { hsaId: string }) => u.hsaId === E1);
    // 11 677 listed over 8.50 + 1.50 specialist FTE (ST physicians not counted) = 1167.7.
    expect(e1).toMatchObject({
      listed: 11677,
      specialistFte: "10.00",
      listedPerSpecialist: "1167.7",
      ruralPoints: "14",
    });
    const e2 = body.units.find((u: { hsaId: string }) => u.hsaId === E2);
    // 2 061 / 0.33 = 6245.45… → 6245.5
    expect(e2.listedPerSpecialist).toBe("6245.5");
    expect(body.units.find((u: { hsaId: string }) => u.hsaId === E3).listedPerSpecialist).toBeNull();
    // Payment and its composition are the approved run's, to the öre.
    const run = (await request("admin.22", "GET", `/api/reimbursement/runs/${runId}`)).json();
    const paid = run.result.units.find((u: { hsaId: string }) => u.hsaId === E1);
    expect(e1.paymentOre).toBe(paid.totalOre);
    const sum = Object.values(e1.componentsOre as Record<string, string>).reduce((a, b) => a + BigInt(b), 0n);
    expect(sum.toString()).toBe(paid.totalOre);
    expect(e1.paymentPerListedOre).toBe(((BigInt(paid.totalOre) * 2n + 11677n) / (2n * 11677n)).toString());
    const regional = body.groups.find(
      (g: { dimension: string; key: string }) => g.dimension === "ownership" && g.key === "regional",
    );
    // (11 677 + 2 061) / 10.33 = 1329.91… → 1329.9
    expect(regional).toMatchObject({
      units: 2,
      listed: 13738,
      specialistFte: "10.33",
      listedPerSpecialist: "1329.9",
    });
    expect(body.groups.map((g: { dimension: string; label: string }) => `${g.dimension}:${g.label}`)).toEqual(
      [
        "type:hälsocentral",
        "type:sjukstuga",
        "ownership:private",
        "ownership:regional",
        "provider:Exempel Vård AB",
        "provider:Region Västernorrland",
        "kommun:Sundsvall",
        "kommun:Kramfors",
        "kommun:Sollefteå",
      ],
    );
  });

  it("is for the administration and the committee, not staff", async () => {
    expect((await request("utskott.22", "GET", "/api/structure/units?region=22")).statusCode).toBe(200);
    expect((await request("staff.22", "GET", "/api/structure/units?region=22")).statusCode).toBe(403);
  });

  it("a unit closes: its listed go to the nearest unit, payments by the engine", async () => {
    const response = await request("admin.22", "POST", "/api/structure/scenario", {
      region: "22",
      change: { kind: "close", unitHsaId: E2 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.basis).toBe("approved-run");
    // Ramsele (63.534, 16.484) is nearer Kramfors (62.931, 17.777) than Sundsvall (62.405, 17.305).
    expect(body.moves).toEqual([expect.objectContaining({ from: E2, to: E1, count: 2061 })]);
    expect(body.moves[0].km).toBeGreaterThan(90);
    expect(body.moves[0].km).toBeLessThan(95);
    expect(body.meanMovedKm).toBe(body.moves[0].km);
    const e1 = body.units.find((u: { hsaId: string }) => u.hsaId === E1);
    // 13 738 / 10.00 = 1373.8
    expect(e1).toMatchObject({ listedBefore: 11677, listedAfter: 13738, listedPerSpecialistAfter: "1373.8" });
    const e2 = body.units.find((u: { hsaId: string }) => u.hsaId === E2);
    expect(e2).toMatchObject({ listedBefore: 2061, listedAfter: 0, listedPerSpecialistAfter: "0.0" });
    expect(BigInt(e1.paymentDiffOre) > 0n).toBe(true);
    expect(BigInt(e2.paymentDiffOre) < 0n).toBe(true);
    const diffs = body.units.reduce(
      (a: bigint, u: { paymentDiffOre: string }) => a + BigInt(u.paymentDiffOre),
      0n,
    );
    expect(diffs).toBe(BigInt(body.totalAfterOre) - BigInt(body.totalBeforeOre));
  });

  it("a new unit opens and takes N listed from named units", async () => {
    const response = await request("utskott.22", "POST", "/api/structure/scenario", {
      region: "22",
      change: {
        kind: "open",
        name: "Ny hälsocentral",
        lat: 62.93,
        lon: 17.78,
        specialistFte: "1.50",
        takes: [
          { fromHsaId: E1, count: 1500 },
          { fromHsaId: E3, count: 300 },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.movedListed).toBe(1800);
    const created = body.units.find((u: { name: string }) => u.name === "Ny hälsocentral");
    // 1 800 / 1.50 = 1200.0
    expect(created).toMatchObject({
      isNewUnit: true,
      listedBefore: 0,
      listedAfter: 1800,
      listedPerSpecialistAfter: "1200.0",
    });
    expect(BigInt(created.paymentAfterOre) > 0n).toBe(true);
    const e1 = body.units.find((u: { hsaId: string }) => u.hsaId === E1);
    expect(e1).toMatchObject({ listedAfter: 10177, listedPerSpecialistAfter: "1017.7" });
  });

  it("names the field of a bad scenario", async () => {
    const tooMany = await request("admin.22", "POST", "/api/structure/scenario", {
      region: "22",
      change: { kind: "open", name: "X", lat: 62.9, lon: 17.7, takes: [{ fromHsaId: E2, count: 5000 }] },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain("cannot take 5000 of 2061");
    const unknown = await request("admin.22", "POST", "/api/structure/scenario", {
      region: "22",
      change: { kind: "close", unitHsaId: "NOPE" },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe("OpenAPI", () => {
  it("documents the listing and structure endpoints with their 2xx bodies field by field", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<
      string,
      Record<string, { responses: Record<string, unknown> }>
    >;
    const ours = Object.keys(paths).filter(
      (p) => p.startsWith("/api/listing") || p.startsWith("/api/structure"),
    );
    expect(ours.sort()).toEqual([
      "/api/listing/changes",
      "/api/listing/flows",
      "/api/listing/overview",
      "/api/structure/scenario",
      "/api/structure/units",
    ]);
    const structure = JSON.stringify(paths["/api/structure/units"]?.get?.responses["200"]);
    for (const field of ["listedPerSpecialist", "paymentPerListedOre", "componentsOre", "staffingAvailable"])
      expect(structure).toContain(field);
    expect(JSON.stringify(paths["/api/structure/scenario"]?.post?.responses["200"])).toContain("meanMovedKm");
    expect(paths["/api/listing/flows"]?.get?.responses["403"]).toBeDefined();
  });
});

describe("contact figures in the committee's view", () => {
  it("follow the open-data suppression rule; the administration sees them", async () => {
    const ids = new Map(
      (await t.ctx.db.selectFrom("units").select(["id", "hsa_id"]).execute()).map((u) => [u.hsa_id, u.id]),
    );
    const day = (hsa: string, offered: number, answered: number, contacts: number, responded: number) =>
      sql`insert into stats_unit_day (region_code, unit_id, day, offered, answered_same_day, contacts, responded_same_day)
          values ('22', ${ids.get(hsa)}, '2026-03-10', ${offered}, ${answered}, ${contacts}, ${responded})`.execute(
        t.ctx.db,
      );
    await day(E1, 10, 9, 12, 10);
    await day(E3, 500, 400, 600, 500);
    const admin = (await request("admin.22", "GET", "/api/structure/units?region=22&month=2026-03")).json();
    const unit = (body: { units: { hsaId: string }[] }, hsa: string) =>
      body.units.find((u) => u.hsaId === hsa) as unknown as { phone: object; resident: object };
    expect(unit(admin, E1).phone).toEqual({ count: 9, denominator: 10, rate: 0.9, suppressed: false });
    const committee = (
      await request("utskott.22", "GET", "/api/structure/units?region=22&month=2026-03")
    ).json();
    // E1's 10 calls are under 20; the next smallest, E3's 500, is suppressed with it. E2 has none: shown.
    expect(unit(committee, E1).phone).toEqual({
      count: null,
      denominator: null,
      rate: null,
      suppressed: true,
    });
    expect(unit(committee, E3).phone).toMatchObject({ suppressed: true, rate: null });
    expect(unit(committee, E2).phone).toEqual({ count: 0, denominator: 0, rate: null, suppressed: false });
    const group = (dimension: string, key: string) =>
      committee.groups.find(
        (g: { dimension: string; key: string }) => g.dimension === dimension && g.key === key,
      );
    expect(group("ownership", "regional").phone.suppressed).toBe(true);
    expect(group("kommun", "2283").phone.suppressed).toBe(false);
    // Listing and payment are no personal data: the committee sees them per unit.
    expect(committee.units.find((u: { hsaId: string }) => u.hsaId === E1).listed).toBe(11677);
  });
});
