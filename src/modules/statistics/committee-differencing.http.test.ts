import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  exampleRegionFile,
  loginAs,
  seedUser,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";
import { addRollupDay, cloneUnit } from "../../../test/support/rollups.ts";
import { systemActor } from "../audit/audit.service.ts";
import { importRegionFile } from "../regions/regions.service.ts";

// The differencing attacks a committee member could try on the accessibility views (issue 11, item 6).
// Resident contacts per month, hand-set:
//            Jan   Feb   Mar
//   E1       100   100   100
//   E2        50     4    50     ← February is small
//   E3        60    30    60
//   E4        70    45    70
//   E5        80    25    80
//   backup     0     2     0
// February: E2 (4) is withheld, and with it the next smallest, E5 (25): 4 + 25 ≥ 20 with two units.
// The quarter and the year withhold E2 and E5 too, or Q1 − January − March would give February back.
const E1 = "SE2321000000-E0001";
const E2 = "SE2321000000-E0002";
const E3 = "SE5560001230-E0003";
const E4 = "SE2321000000-E0004";
const E5 = "SE2321000000-E0005";
const BACKUP = "SE2321000000-E0099";

const clock = settableClock("2026-04-20T08:00:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const file = exampleRegionFile() as { units: Record<string, unknown>[] };
  const template = file.units[0] ?? {};
  file.units.push(cloneUnit(template, E4, "Bollstabruk hälsocentral (test)"));
  file.units.push(cloneUnit(template, E5, "Nyland hälsocentral (test)"));
  await importRegionFile(t.ctx, systemActor("test"), file, { purpose: "test seed" });
  await seedUser(t.ctx, { username: "utskott.22", role: "committee", regionCode: "22" });
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  const months: [string, number[]][] = [
    ["2026-01-15", [100, 50, 60, 70, 80, 0]],
    ["2026-02-10", [100, 4, 30, 45, 25, 2]],
    ["2026-03-10", [100, 50, 60, 70, 80, 0]],
  ];
  for (const [day, contacts] of months) {
    for (const [i, hsaId] of [E1, E2, E3, E4, E5, BACKUP].entries()) {
      const n = contacts[i] ?? 0;
      if (n === 0) continue;
      await addRollupDay(t.ctx.db, hsaId, day, {
        contacts: n,
        respondedSameDay: n - 1,
        feedbackSameDay: n - 1,
        offered: hsaId === E1 ? 100 : 0,
        answeredSameDay: hsaId === E1 ? 90 : 0,
      });
    }
  }
});
afterAll(() => t.close());

async function get(username: string, url: string) {
  const session = await loginAs(t.app, username);
  return t.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
}

interface Row {
  unitHsaId: string | null;
  period: string;
  resident: { contacts: number | null };
  suppressed: boolean;
}

const stats = (query: string) => `/api/stats/accessibility?region=22&${query}`;
const residentOf = (rows: Row[], hsaId: string | null, period: string) =>
  rows.find((r) => r.unitHsaId === hsaId && r.period === period)?.resident.contacts;

describe("committee views offer whole months, quarters and years only", () => {
  it.each([
    ["the first half of a month", "from=2026-02-01&to=2026-02-14&by=month"],
    ["the second half of a month", "from=2026-02-15&to=2026-02-28&by=month"],
    ["single days", "from=2026-02-01&to=2026-02-28&by=day"],
    ["a 'year' that is a quarter", "from=2026-01-01&to=2026-03-31&by=year"],
    ["a 'quarter' that starts in February", "from=2026-02-01&to=2026-04-30&by=quarter"],
    ["a range ending mid-month as an export", "from=2026-01-01&to=2026-02-27&by=month&format=csv"],
  ])("refuses %s (a range minus a sub-range gives a withheld figure)", async (_name, query) => {
    const response = await get("utskott.22", stats(query));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("forbidden");
  });

  it("still lets the administration ask any range", async () => {
    const response = await get("admin.22", stats("from=2026-02-01&to=2026-02-14&by=day"));
    expect(response.statusCode).toBe(200);
    expect(residentOf(response.json().rows, E2, "2026-02-10")).toBe(4);
    const quarter = await get("admin.22", stats("from=2026-01-01&to=2026-03-31&by=quarter"));
    expect(residentOf(quarter.json().rows, E2, "2026Q1")).toBe(104);
  });
});

describe("the suppression rule in every committee view", () => {
  it("withholds a second unit with the small one, so the total minus the shown units hides at least 20", async () => {
    const body = (await get("utskott.22", stats("from=2026-02-01&to=2026-02-28&by=month"))).json();
    const rows = body.rows as Row[];
    expect(rows.map((r) => r.unitHsaId)).toEqual([null, E1, E2, E4, E5, E3]);
    expect(rows.filter((r) => r.resident.contacts === null).map((r) => r.unitHsaId)).toEqual([E2, E5]);
    // The region total (backup team included) is shown: 100 + 4 + 30 + 45 + 25 + 2 = 206.
    expect(residentOf(rows, null, "2026-02")).toBe(206);
    const shown = rows
      .filter((r) => r.unitHsaId !== null)
      .reduce((sum, r) => sum + (r.resident.contacts ?? 0), 0);
    // 206 − (100 + 30 + 45) = 31: E2, E5 and the backup team together, never one unit's figure.
    expect(206 - shown).toBe(31);
  });

  it("withholds a unit's quarter when one of its months is withheld (quarter minus two shown months)", async () => {
    const months = (await get("utskott.22", stats("from=2026-01-01&to=2026-03-31&by=month"))).json()
      .rows as Row[];
    expect(residentOf(months, E2, "2026-01")).toBe(50);
    expect(residentOf(months, E2, "2026-02")).toBeNull();
    expect(residentOf(months, E2, "2026-03")).toBe(50);
    const quarter = await get("utskott.22", stats("from=2026-01-01&to=2026-03-31&by=quarter"));
    expect(quarter.statusCode).toBe(200);
    const rows = quarter.json().rows as Row[];
    // January and March 100 + 50 + 60 + 70 + 80 = 360 each, February 206.
    expect(residentOf(rows, null, "2026Q1")).toBe(360 + 206 + 360);
    expect(residentOf(rows, E2, "2026Q1")).toBeNull();
    expect(residentOf(rows, E5, "2026Q1")).toBeNull();
    expect(residentOf(rows, E4, "2026Q1")).toBe(185);
  });

  it("withholds a unit's year when one of its months is withheld", async () => {
    const rows = (await get("utskott.22", stats("from=2026-01-01&to=2026-12-31&by=year"))).json()
      .rows as Row[];
    expect(residentOf(rows, E2, "2026")).toBeNull();
    expect(residentOf(rows, E5, "2026")).toBeNull();
    expect(residentOf(rows, E1, "2026")).toBe(300);
  });

  it("applies the region's rule to a per-unit export, whose region row stays the region's", async () => {
    const csv = await get(
      "utskott.22",
      stats(`from=2026-02-01&to=2026-02-28&by=month&unit=${E5}&format=csv`),
    );
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    // Region row: resident.contacts is the 6th column.
    expect(lines[1]?.split(",")[5]).toBe("206");
    // E5 has 25 contacts in February but is withheld beside E2: its resident cells are empty.
    expect(lines[2]?.startsWith(`${E5},2026-02,`)).toBe(true);
    expect(lines[2]?.split(",").slice(5, 12)).toEqual(["", "", "", "", "", "", ""]);
  });

  it("gives the committee the region's heatmap for whole months only, never a unit's", async () => {
    expect(
      (await get("utskott.22", `/api/stats/heatmap?region=22&from=2026-02-01&to=2026-02-28`)).statusCode,
    ).toBe(200);
    const unit = await get(
      "utskott.22",
      `/api/stats/heatmap?region=22&from=2026-02-01&to=2026-02-28&unit=${E2}`,
    );
    expect(unit.statusCode).toBe(403);
    const range = await get("utskott.22", `/api/stats/heatmap?region=22&from=2026-02-01&to=2026-02-14`);
    expect(range.statusCode).toBe(403);
  });

  it("keeps the committee out of the forecast, whose hourly history is per unit", async () => {
    const response = await get("utskott.22", "/api/forecast?region=22&date=2026-04-21");
    expect(response.statusCode).toBe(403);
  });
});
