import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../../demo/accounts.ts";
import { loadDemoData } from "../../../demo/load.ts";
import {
  createTestApp,
  loginAs,
  type Session,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";
import { approveMarch, type FixtureUnits, seedCommitteeRollups } from "../../../test/support/committee.ts";
import type { DashboardResponse, KommunMapResponse, PromisesResponse } from "./committee.schemas.ts";

// The committee's API on the demo region with hand-made rollups (test/support/committee.ts) on
// Thursday 9 April 2026: March is complete (from the 8th), April is preliminary.
let t: TestApp;
let units: FixtureUnits;
let committee: Session;

beforeAll(async () => {
  t = await createTestApp({ clock: settableClock("2026-04-09T08:00:00Z") });
  await loadDemoData(t.ctx);
  units = await seedCommitteeRollups(t.ctx);
  await approveMarch(t.ctx);
  committee = await loginAs(t.app, "utskott.vasternorrland", DEMO_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

async function get<T>(url: string, session: Session = committee): Promise<{ status: number; body: T }> {
  const response = await t.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
  return { status: response.statusCode, body: response.json() as T };
}

describe("promises", () => {
  it("lists both seed texts' promises with status, trend and source, and the three questions", async () => {
    const { status, body } = await get<PromisesResponse>("/api/committee/promises?region=22");
    expect(status).toBe(200);
    expect(body.promises.map((p) => p.key)).toEqual([
      "samma-dag-aterkoppling",
      "telefon-rikssnitt",
      "specialist-per-1100",
      "glesbygd-54-msek",
      "hemsjukvard-2000-kr",
      "multisjuka-7-msek",
      "tillganglighet-10-msek",
      "riktat-stod-kramfors-solleftea",
      "resurser-foljer-uppgifter",
    ]);
    expect(body.questions.map((q) => q.number)).toEqual([1, 2, 3]);

    const phone = body.promises.find((p) => p.key === "telefon-rikssnitt");
    // January: offered 50 + 30 + 200 + 200 = 480, answered 40 + 20 + 180 + 150 = 390 → 0.8125; February
    // 440 / 355 → 0.8068; March as January; April has nothing yet. Judged on March (complete), below 0.875.
    expect(phone?.series.map((p) => [p.period, p.value, p.preliminary])).toEqual([
      ["2026-01", "0.8125", false],
      ["2026-02", "0.8068", false],
      ["2026-03", "0.8125", false],
      ["2026-04", null, true],
    ]);
    expect(phone?.status).toBe("not_met");
    expect(phone?.trend).toBe("improving");
    expect(phone?.latest?.period).toBe("2026-03");
    expect(phone?.source).toContain("Budget 2026");
  });

  it("follows money promises by the approved months' projection for the year", async () => {
    const { body } = await get<PromisesResponse>("/api/committee/promises?region=22");
    const glesbygd = body.promises.find((p) => p.key === "glesbygd-54-msek");
    const paid = glesbygd?.latest?.value;
    expect(glesbygd?.series.map((p) => p.period)).toEqual(["2026-03"]);
    // One approved month: the projection is that month × 12, exactly.
    const paidOre = BigInt(Math.round(Number(paid) * 100));
    const projectedOre = BigInt(Math.round(Number(glesbygd?.projectedKronor) * 100));
    expect(projectedOre).toBe(paidOre * 12n);
    expect(glesbygd?.status).toBe(projectedOre >= 5_400_000_000n ? "met" : "not_met");
  });

  it("is closed to staff and to another region's committee", async () => {
    const staff = await loginAs(t.app, "sjukskoterska.kramfors", DEMO_PASSWORD);
    expect((await get("/api/committee/promises?region=22", staff)).status).toBe(403);
    const otherCommittee = await loginAs(t.app, "utskott.vasterbotten", DEMO_PASSWORD);
    expect((await get("/api/committee/promises?region=22", otherCommittee)).status).toBe(403);
    expect((await get("/api/committee/promises?region=24", otherCommittee)).status).toBe(200);
  });
});

describe("dashboard", () => {
  it("marks the running month and the month before the 8th as preliminary", async () => {
    const { status, body } = await get<DashboardResponse>("/api/committee/dashboard?region=22");
    expect(status).toBe(200);
    const months = body.accessibility.months;
    expect(months.at(-1)).toMatchObject({ month: "2026-04", preliminary: true });
    expect(months.find((m) => m.month === "2026-03")?.preliminary).toBe(false);
    expect(months.find((m) => m.month === "2026-02")?.phone).toEqual({
      count: 355,
      denominator: 440,
      rate: 0.8068,
    });
    // Staffing and transfers come from their modules (src/modules/committee/sources.test.ts follows them).
    expect(body.staffing.available).toBe(true);
    expect(body.transfers.available).toBe(true);
    expect(body.money.months).toEqual(["2026-03"]);
    const glesbygd = body.money.components.find((c) => c.component === "glesbygd");
    expect(glesbygd?.annualOre).toBe("5400000000");
    expect(BigInt(glesbygd?.projectedOre ?? "0")).toBe(BigInt(glesbygd?.yearToDateOre ?? "x") * 12n);
    expect(body.listing.byOwnership.map((o) => o.ownership)).toContain("regional");
  });

  it("ranks the units by the SKR rate of the last complete month", async () => {
    const { body } = await get<DashboardResponse>("/api/committee/dashboard?region=22");
    expect(body.ranking.month).toBe("2026-03");
    // March: C 180/200 = 0.9, A 40/50 = 0.8, D 150/200 = 0.75, B 20/30 = 0.6667; the rest had no calls.
    expect(body.ranking.units.slice(0, 4).map((u) => [u.hsaId, u.phone.rate])).toEqual([
      [units.c.hsaId, 0.9],
      [units.a.hsaId, 0.8],
      [units.d.hsaId, 0.75],
      [units.b.hsaId, 0.6667],
    ]);
    expect(body.ranking.units.every((u) => u.type !== "backup")).toBe(true);
  });

  it("withholds a small unit in the ranking, and the secondary pick with it", async () => {
    // On 9 March the last complete month is February, when A had 10 calls.
    (t.ctx.clock as ReturnType<typeof settableClock>).set("2026-03-09T08:00:00Z");
    try {
      const { body } = await get<DashboardResponse>("/api/committee/dashboard?region=22");
      expect(body.ranking.month).toBe("2026-02");
      const byId = new Map(body.ranking.units.map((u) => [u.hsaId, u]));
      expect(byId.get(units.a.hsaId)?.phone).toEqual({
        count: null,
        denominator: null,
        rate: null,
        suppressed: true,
      });
      expect(byId.get(units.b.hsaId)?.phone.suppressed).toBe(true);
      expect(byId.get(units.c.hsaId)?.phone).toEqual({
        count: 180,
        denominator: 200,
        rate: 0.9,
        suppressed: false,
      });
    } finally {
      (t.ctx.clock as ReturnType<typeof settableClock>).set("2026-04-09T08:00:00Z");
    }
  });

  it("region admins see it too", async () => {
    const admin = await loginAs(t.app, "admin.vasternorrland", DEMO_PASSWORD);
    expect((await get("/api/committee/dashboard?region=22", admin)).status).toBe(200);
  });
});

describe("kommun map", () => {
  const kommunOf = (body: KommunMapResponse, code: string) =>
    body.kommuner.find((k) => k.kommunCode === code);

  it("shows every kommun of a month when no unit is small", async () => {
    const { status, body } = await get<KommunMapResponse>(
      "/api/committee/kommun-map?region=22&period=2026-01",
    );
    expect(status).toBe(200);
    expect(kommunOf(body, units.a.kommunCode)?.skrPhoneRate).toEqual({
      count: 40,
      denominator: 50,
      rate: 0.8,
      suppressed: false,
    });
    expect(body.period).toMatchObject({ kind: "month", preliminary: false });
  });

  it("withholds a small unit's kommun and the secondary pick's kommun in the month", async () => {
    const { body } = await get<KommunMapResponse>("/api/committee/kommun-map?region=22&period=2026-02");
    expect(kommunOf(body, units.a.kommunCode)?.skrPhoneRate).toEqual({
      count: null,
      denominator: null,
      rate: null,
      suppressed: true,
    });
    expect(kommunOf(body, units.b.kommunCode)?.skrPhoneRate.suppressed).toBe(true);
    expect(kommunOf(body, units.c.kommunCode)?.skrPhoneRate).toEqual({
      count: 330,
      denominator: 400,
      rate: 0.825,
      suppressed: false,
    });
  });

  it("differencing: the quarter withholds A's kommun although January and March are shown", async () => {
    const quarter = await get<KommunMapResponse>("/api/committee/kommun-map?region=22&period=2026Q1");
    const year = await get<KommunMapResponse>("/api/committee/kommun-map?region=22&period=2026");
    for (const answer of [quarter.body, year.body]) {
      expect(kommunOf(answer, units.a.kommunCode)?.skrPhoneRate.suppressed).toBe(true);
      expect(kommunOf(answer, units.a.kommunCode)?.residentRate.suppressed).toBe(true);
      expect(kommunOf(answer, units.b.kommunCode)?.skrPhoneRate.suppressed).toBe(true);
    }
    // Region total is never suppressed: 1 135 / 1 400.
    expect(quarter.body.total.skrPhoneRate).toEqual({
      count: 1135,
      denominator: 1400,
      rate: 0.8107,
      suppressed: false,
    });
    expect(kommunOf(quarter.body, units.c.kommunCode)?.skrPhoneRate.rate).toBe(0.825);
  });

  it.each(["2026-01-01", "2026-W05", "2026-01-15..2026-02-14", "2026Q5"])(
    "offers no other range than months, quarters and years: %s is refused",
    async (period) => {
      const { status } = await get(
        `/api/committee/kommun-map?region=22&period=${encodeURIComponent(period)}`,
      );
      expect(status).toBe(400);
    },
  );

  it("pays per listed person only in approved months", async () => {
    const { body } = await get<KommunMapResponse>("/api/committee/kommun-map?region=22&period=2026Q1");
    expect(body.paidMonths).toEqual(["2026-03"]);
    const c = kommunOf(body, units.c.kommunCode)?.paymentPerListed;
    expect(c?.listedMonths).toBeGreaterThan(0);
    // kronor = paid öre ÷ listed, half to even, in kronor with two decimals.
    const paid = BigInt(c?.paidOre ?? "0");
    const listed = BigInt(c?.listedMonths ?? 1);
    const ore = (paid * 2n + listed) / (2n * listed);
    expect(Math.abs(Number(c?.kronor) * 100 - Number(ore))).toBeLessThanOrEqual(1);
  });

  it("serves the kommun outlines of the region", async () => {
    const { status, body } = await get<{ features: { properties: { id: string } }[] }>(
      "/api/geo/kommuner?region=22",
    );
    expect(status).toBe(200);
    expect(body.features.map((f) => f.properties.id)).toContain(units.c.kommunCode);
    expect(body.features.every((f) => f.properties.id.startsWith("22"))).toBe(true);
  });
});

describe("OpenAPI", () => {
  it("documents every committee endpoint with its 200 response, the report as a PDF", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<
      string,
      { get: { responses: Record<string, { content?: Record<string, unknown> }> } }
    >;
    for (const path of [
      "/api/committee/promises",
      "/api/committee/dashboard",
      "/api/committee/kommun-map",
      "/api/geo/kommuner",
    ]) {
      expect(Object.keys(paths[path]?.get.responses["200"]?.content ?? {}), path).toEqual([
        "application/json",
      ]);
      expect(paths[path]?.get.responses["403"] ?? paths[path]?.get.responses["404"], path).toBeDefined();
    }
    expect(Object.keys(paths["/api/reports/quarterly"]?.get.responses["200"]?.content ?? {})).toEqual([
      "application/pdf",
    ]);
  });
});
