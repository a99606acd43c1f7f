import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  exampleRegionFile,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";
import { systemActor } from "../audit/audit.service.ts";
import { importRegionFile } from "./regions.service.ts";

// Monday 2 March 2026, 08:30 Stockholm (CET, UTC+1).
const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, {
    username: "nurse.kramfors",
    role: "staff",
    regionCode: "22",
    unitHsaIds: ["SE2321000000-E0001"],
  });
  await seedUser(t.ctx, {
    username: "chef.kramfors",
    role: "unit_manager",
    regionCode: "22",
    unitHsaIds: ["SE2321000000-E0001"],
  });
  await seedUser(t.ctx, { username: "utskott.22", role: "committee", regionCode: "22" });
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
});
afterAll(() => t.close());

async function get(url: string, username: string) {
  const session = await loginAs(t.app, username);
  return t.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
}

describe("region import", () => {
  it("creates the region and its units, and updates them by HSA-id on a second import", async () => {
    const units = await t.ctx.db.selectFrom("units").select(["hsa_id", "name"]).orderBy("hsa_id").execute();
    expect(units.map((u) => u.hsa_id)).toEqual([
      "SE2321000000-E0001",
      "SE2321000000-E0002",
      "SE2321000000-E0099",
      "SE5560001230-E0003",
    ]);
    const file = exampleRegionFile() as { units: { name: string }[] };
    (file.units[0] as { name: string }).name = "Kramfors hälsocentral (nytt namn)";
    const summary = await importRegionFile(t.ctx, systemActor("test"), file, { purpose: "test" });
    expect(summary).toMatchObject({ unitsCreated: 0, unitsUpdated: 4 });
    const renamed = await t.ctx.db
      .selectFrom("units")
      .select("name")
      .where("hsa_id", "=", "SE2321000000-E0001")
      .executeTakeFirstOrThrow();
    expect(renamed.name).toBe("Kramfors hälsocentral (nytt namn)");
  });

  it("rejects a bad file with the JSON path of every problem and writes nothing", async () => {
    const file = exampleRegionFile() as { region: { code: string }; units: Record<string, unknown>[] };
    const before = await t.ctx.db.selectFrom("units").select("name").orderBy("hsa_id").execute();
    const unit0 = file.units[0] as Record<string, unknown>;
    unit0.name = "Ändrat men ska inte sparas";
    (file.units[1] as Record<string, unknown>).type = "sjukhus";
    (file.units[2] as Record<string, unknown>).phoneHours = {
      mon: [
        ["08:00", "12:00"],
        ["11:00", "13:00"],
      ],
    };
    await expect(
      importRegionFile(t.ctx, systemActor("test"), file, { purpose: "test" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: {
        issues: [
          expect.objectContaining({ path: "units[1].type" }),
          { path: "units[2].phoneHours.mon", message: "windows 08:00–12:00 and 11:00–13:00 overlap" },
        ],
      },
    });
    // Rules across fields are checked once every unit is well-formed.
    const misplaced = exampleRegionFile() as { units: Record<string, unknown>[] };
    (misplaced.units[3] as Record<string, unknown>).kommun = "2480";
    (misplaced.units[0] as Record<string, unknown>).name = "Ändrat men ska inte sparas";
    await expect(
      importRegionFile(t.ctx, systemActor("test"), misplaced, { purpose: "test" }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: "units[3].kommun", message: "kommun 2480 is not in region 22" }] },
    });
    const after = await t.ctx.db.selectFrom("units").select("name").orderBy("hsa_id").execute();
    expect(after).toEqual(before);
  });

  it("rejects an organisationsnummer with a wrong check digit", async () => {
    const file = exampleRegionFile() as { units: { provider: { orgNr: string } }[] };
    (file.units[2] as { provider: { orgNr: string } }).provider.orgNr = "556000-1232";
    await expect(
      importRegionFile(t.ctx, systemActor("test"), file, { purpose: "test" }),
    ).rejects.toMatchObject({
      details: { issues: [expect.objectContaining({ path: "units[2].provider.orgNr" })] },
    });
  });

  it("is refused over HTTP to staff and allowed to the region admin", async () => {
    const nurse = await loginAs(t.app, "nurse.kramfors");
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/regions/import",
      headers: { cookie: nurse.cookie, "x-csrf-token": nurse.csrfToken },
      payload: exampleRegionFile(),
    });
    expect(refused.statusCode).toBe(403);
    const admin = await loginAs(t.app, "admin.22");
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/regions/import",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
      payload: exampleRegionFile(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ region: { code: "22" }, unitsUpdated: 4 });
  });
});

describe("units", () => {
  it("lists the region's units with today's phone hours", async () => {
    const response = await get("/api/regions/22/units", "nurse.kramfors");
    expect(response.statusCode).toBe(200);
    const kramfors = response.json().find((u: { hsaId: string }) => u.hsaId === "SE2321000000-E0001");
    expect(kramfors).toMatchObject({
      type: "halsocentral",
      ownership: "regional",
      kommun: { code: "2282", name: "Kramfors" },
      today: {
        date: "2026-03-02",
        open: true,
        phoneHours: [
          ["08:00", "12:00"],
          ["13:00", "16:30"],
        ],
        closedReason: null,
      },
    });
  });

  it("shows a holiday as closed with its name", async () => {
    clock.set("2026-12-25T09:00:00Z");
    const response = await get("/api/regions/22/units", "nurse.kramfors");
    clock.set("2026-03-02T07:30:00Z");
    const kramfors = response.json().find((u: { hsaId: string }) => u.hsaId === "SE2321000000-E0001");
    expect(kramfors.today).toEqual({
      date: "2026-12-25",
      open: false,
      phoneHours: [],
      closedReason: "Juldagen",
    });
  });

  it("refuses another region's units", async () => {
    const response = await get("/api/regions/24/units", "nurse.kramfors");
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({
      code: "forbidden",
      message: "You have no access to region 24.",
    });
  });

  it("scopes a unit's staff list to the unit: a nurse sees her own unit, not another", async () => {
    expect((await get("/api/units/SE2321000000-E0001/staff", "nurse.kramfors")).statusCode).toBe(200);
    const other = await get("/api/units/SE5560001230-E0003/staff", "nurse.kramfors");
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe("You have no access to the data of unit SE5560001230-E0003.");
    expect((await get("/api/units/SE5560001230-E0003/staff", "admin.22")).statusCode).toBe(200);
    expect((await get("/api/units/SE2321000000-E0001/staff", "utskott.22")).statusCode).toBe(403);
  });

  it("logs every read of staff data in the audit log", async () => {
    await get("/api/units/SE2321000000-E0001/staff", "chef.kramfors");
    const row = await t.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "unit.staff.read")
      .where("actor_username", "=", "chef.kramfors")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      entity_type: "unit",
      entity_id: "SE2321000000-E0001",
      actor_role: "unit_manager",
      region_code: "22",
    });
  });
});
