import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, exampleRegionFile, settableClock, type TestApp } from "../../../test/support/app.ts";
import { addRollupDay, cloneUnit } from "../../../test/support/rollups.ts";
import { systemActor } from "../audit/audit.service.ts";
import { importRegionFile } from "../regions/regions.service.ts";
import { accessibilityStatistics } from "../statistics/stats.service.ts";

// Region 22 of the example with two more units. Figures of March 2026, hand-computed below per measure
// group so that each situation of the FORMATS.md rule occurs once:
//   phone (offered):      E0001 100, E0002 5, E0003 30, E0004 40, E0005 0, backup 7
//     → E0002 small; the next smallest with ≥ 1 is E0003 (30): {E0002, E0003}; E0005 shown, rate null.
//   resident (contacts):  E0001 12, E0002 8, E0003 50, E0004 60, E0005 25, backup 3
//     → two small units summing to 20: only {E0001, E0002}.
//   assessment (eligible): E0001 6, E0002 7, E0003 25, E0004 25, E0005 0
//     → 6 + 7 < 20, so a third: E0003 and E0004 tie at 25 and the smaller HSA-id goes,
//       SE2321000000-E0004 < SE5560001230-E0003: {E0001, E0002, E0004}.
const E1 = "SE2321000000-E0001";
const E2 = "SE2321000000-E0002";
const E3 = "SE5560001230-E0003";
const E4 = "SE2321000000-E0004";
const E5 = "SE2321000000-E0005";
const BACKUP = "SE2321000000-E0099";

const clock = settableClock("2026-04-08T08:00:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const file = exampleRegionFile() as { units: Record<string, unknown>[] };
  const template = file.units[0] ?? {};
  file.units.push(cloneUnit(template, E4, "Bollstabruk hälsocentral (test)"));
  file.units.push(cloneUnit(template, E5, "Nyland hälsocentral (test)", { ownership: "private" }));
  await importRegionFile(t.ctx, systemActor("test"), file, { purpose: "test seed" });
  const db = t.ctx.db;
  await addRollupDay(db, E1, "2026-03-02", {
    offered: 60,
    answeredSameDay: 50,
    contacts: 12,
    respondedSameDay: 10,
    feedbackSameDay: 9,
    eligible: 6,
    within3: 6,
  });
  await addRollupDay(db, E1, "2026-03-31", { offered: 40, answeredSameDay: 30 });
  await addRollupDay(db, E2, "2026-03-10", {
    offered: 5,
    answeredSameDay: 4,
    contacts: 8,
    respondedSameDay: 8,
    feedbackSameDay: 7,
    eligible: 7,
    within3: 5,
  });
  await addRollupDay(db, E2, "2026-04-01", { offered: 100, answeredSameDay: 100 });
  await addRollupDay(db, E3, "2026-03-11", {
    offered: 30,
    answeredSameDay: 27,
    contacts: 50,
    respondedSameDay: 45,
    feedbackSameDay: 40,
    eligible: 25,
    within3: 20,
  });
  await addRollupDay(db, E4, "2026-03-12", {
    offered: 40,
    answeredSameDay: 30,
    contacts: 60,
    respondedSameDay: 50,
    feedbackSameDay: 50,
    eligible: 25,
    within3: 24,
  });
  await addRollupDay(db, E5, "2026-03-13", { contacts: 25, respondedSameDay: 20, feedbackSameDay: 20 });
  await addRollupDay(db, BACKUP, "2026-03-13", {
    offered: 7,
    answeredSameDay: 7,
    contacts: 3,
    respondedSameDay: 3,
    feedbackSameDay: 3,
  });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url });

describe("GET /api/public/accessibility", () => {
  it("needs no sign-in and applies primary and secondary suppression per measure group", async () => {
    clock.set("2026-04-08T08:00:00Z");
    const response = await get("/api/public/accessibility?region=22&month=2026-03");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.region).toBe("22");
    expect(body.month).toBe("2026-03");
    // Backup teams are not listed; every other unit is, by HSA-id.
    expect(body.units.map((u: { unitHsaId: string }) => u.unitHsaId)).toEqual([E1, E2, E4, E5, E3]);
    const unit = (hsaId: string) => body.units.find((u: { unitHsaId: string }) => u.unitHsaId === hsaId);
    const suppressedOf = (group: "phone" | "resident" | "assessment") =>
      body.units
        .filter((u: Record<string, { suppressed: boolean }>) => u[group]?.suppressed)
        .map((u: { unitHsaId: string }) => u.unitHsaId)
        .sort();
    expect(suppressedOf("phone")).toEqual([E2, E3].sort());
    expect(suppressedOf("resident")).toEqual([E1, E2].sort());
    expect(suppressedOf("assessment")).toEqual([E1, E2, E4].sort());

    expect(unit(E1)).toEqual({
      unitHsaId: E1,
      name: "Kramfors hälsocentral (exempel)",
      kommunCode: "2282",
      kommunName: "Kramfors",
      type: "halsocentral",
      ownership: "regional",
      phone: { offered: 100, answeredSameDay: 80, rate: 0.8, suppressed: false },
      resident: {
        contacts: null,
        respondedSameDay: null,
        rate: null,
        feedbackSameDay: null,
        feedbackRate: null,
        suppressed: true,
      },
      assessment: { eligible: null, within3: null, rate: null, suppressed: true },
    });
    expect(unit(E3).phone).toEqual({ offered: null, answeredSameDay: null, rate: null, suppressed: true });
    expect(unit(E3).assessment).toEqual({ eligible: 25, within3: 20, rate: 0.8, suppressed: false });
    // Denominator 0: shown, rate null.
    expect(unit(E5).phone).toEqual({ offered: 0, answeredSameDay: 0, rate: null, suppressed: false });
    expect(unit(E5).assessment).toEqual({ eligible: 0, within3: 0, rate: null, suppressed: false });
    expect(unit(E5).resident).toEqual({
      contacts: 25,
      respondedSameDay: 20,
      rate: 0.8,
      feedbackSameDay: 20,
      feedbackRate: 0.8,
      suppressed: false,
    });
    expect(unit(E5).ownership).toBe("private");

    // The total counts every unit, backup team included, and is never suppressed:
    // phone 182 offered, 148 answered (148/182 = 0.81318…); resident 158, 136 (0.86075…) and 129 (0.81645…);
    // assessment 63, 55 (0.87301…).
    expect(body.total).toEqual({
      phone: { offered: 182, answeredSameDay: 148, rate: 0.8132, suppressed: false },
      resident: {
        contacts: 158,
        respondedSameDay: 136,
        rate: 0.8608,
        feedbackSameDay: 129,
        feedbackRate: 0.8165,
        suppressed: false,
      },
      assessment: { eligible: 63, within3: 55, rate: 0.873, suppressed: false },
    });
  });

  it("gives the figures of stats accessibility for the month", async () => {
    const rows = await accessibilityStatistics(t.ctx.db, {
      regionCode: "22",
      from: "2026-03-01",
      to: "2026-03-31",
      by: "month",
    });
    const body = (await get("/api/public/accessibility?region=22&month=2026-03")).json();
    const region = rows.find((r) => r.unitHsaId === null);
    expect(body.total.phone.rate).toBe(region?.phone.rate);
    expect(body.total.resident.contacts).toBe(region?.resident.contacts);
    const e4 = rows.find((r) => r.unitHsaId === E4);
    expect(body.units.find((u: { unitHsaId: string }) => u.unitHsaId === E4).resident).toEqual({
      contacts: e4?.resident.contacts,
      respondedSameDay: e4?.resident.respondedSameDay,
      rate: e4?.resident.rate,
      feedbackSameDay: e4?.resident.feedbackSameDay,
      feedbackRate: e4?.resident.feedbackRate,
      suppressed: false,
    });
  });

  it("publishes a month from the 8th of the following month, Stockholm time", async () => {
    clock.set("2026-04-07T21:59:59Z"); // 23:59:59 on 7 April in Stockholm
    const early = await get("/api/public/accessibility?region=22&month=2026-03");
    expect(early.statusCode).toBe(404);
    expect(early.json().error.code).toBe("period_not_published");
    expect(early.json().error.details).toMatchObject({ publishedFrom: "2026-04-08" });
    clock.set("2026-04-07T22:00:00Z"); // midnight, 8 April
    expect((await get("/api/public/accessibility?region=22&month=2026-03")).statusCode).toBe(200);
  });

  it.each([
    ["the running month", "2026-04"],
    ["a future month", "2027-01"],
    ["a month without figures", "2025-01"],
    ["month 13", "2026-13"],
  ])("answers 404 period_not_published for %s", async (_name, month) => {
    clock.set("2026-04-20T08:00:00Z");
    const response = await get(`/api/public/accessibility?region=22&month=${month}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("period_not_published");
  });

  it("publishes whole months only: a day or a range is refused, naming the field", async () => {
    for (const url of [
      "/api/public/accessibility?region=22&month=2026-03-01",
      "/api/public/accessibility?region=22&from=2026-03-01&to=2026-03-15",
    ]) {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().error.details)).toContain("month");
    }
  });

  it("answers 404 not_found for an unknown region", async () => {
    const response = await get("/api/public/accessibility?region=99&month=2026-03");
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("not_found");
  });

  it("gives the same figures as CSV, the total first and withheld cells empty", async () => {
    clock.set("2026-04-08T08:00:00Z");
    const response = await get("/api/public/accessibility?region=22&month=2026-03&format=csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    const lines = response.body.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "region,month,unitHsaId,name,kommunCode,kommunName,type,ownership,phone.offered,phone.answeredSameDay,phone.rate,phone.suppressed,resident.contacts,resident.respondedSameDay,resident.rate,resident.feedbackSameDay,resident.feedbackRate,resident.suppressed,assessment.eligible,assessment.within3,assessment.rate,assessment.suppressed",
    );
    expect(lines[1]).toBe(
      "22,2026-03,,Region Västernorrland (exempel),,,,,182,148,0.8132,false,158,136,0.8608,129,0.8165,false,63,55,0.873,false",
    );
    expect(lines[2]).toBe(
      `22,2026-03,${E1},Kramfors hälsocentral (exempel),2282,Kramfors,halsocentral,regional,100,80,0.8,false,,,,,,true,,,,true`,
    );
    expect(lines).toHaveLength(7);
  });

  it("lists the published months with figures, newest first", async () => {
    clock.set("2026-05-08T08:00:00Z");
    const response = await get("/api/public/accessibility/months?region=22");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      region: "22",
      regionName: "Region Västernorrland (exempel)",
      months: ["2026-04", "2026-03"],
    });
    clock.set("2026-05-07T08:00:00Z");
    expect((await get("/api/public/accessibility/months?region=22")).json().months).toEqual(["2026-03"]);
  });

  it("describes the datasets in DCAT-AP-SE (JSON-LD), one per region with JSON and CSV distributions", async () => {
    const response = await get("/api/public/catalog");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/ld+json");
    const catalog = response.json();
    expect(catalog["@type"]).toBe("dcat:Catalog");
    const dataset = catalog["dcat:dataset"].find(
      (d: Record<string, unknown>) => d["dcterms:identifier"] === "vardnav-accessibility-22",
    );
    expect(dataset["dcterms:publisher"]["foaf:name"]).toBe("Region Västernorrland (exempel)");
    const urls = dataset["dcat:distribution"].map(
      (d: Record<string, { "@id": string }>) => d["dcat:accessURL"]?.["@id"],
    );
    expect(urls).toEqual([
      "http://localhost:80/api/public/accessibility?region=22",
      "http://localhost:80/api/public/accessibility?region=22&format=csv",
    ]);
  });

  it("documents the public routes with their response schemas in OpenAPI", async () => {
    const doc = (await get("/api/docs/json")).json();
    const op = doc.paths["/api/public/accessibility"].get;
    expect(Object.keys(op.responses["200"].content)).toEqual(["application/json", "text/csv"]);
    expect(op.responses["200"].content["application/json"].schema.properties.units.type).toBe("array");
    expect(op.responses["404"]).toBeDefined();
    expect(
      doc.paths["/api/public/catalog"].get.responses["200"].content["application/ld+json"],
    ).toBeDefined();
  });
});
