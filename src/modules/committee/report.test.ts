import { extractText } from "unpdf";
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
import { formatKronor } from "../../domain/reimbursement/format-table.ts";
import { systemActor } from "../audit/audit.service.ts";
import { transfersGapFor } from "../transfers/transfers-gap.service.ts";
import type { KommunMapResponse } from "./committee.schemas.ts";
import { percentText } from "./report.pdf.ts";

// The quarterly report's text against the API for the same quarter (FORMATS.md "Quarterly report": every
// figure equals what the API gives). The PDF is read back with unpdf, as a reader's tool would.
let t: TestApp;
let units: FixtureUnits;
let committee: Session;
let svText: string;

async function pdfText(url: string): Promise<string> {
  const response = await t.app.inject({ method: "GET", url, headers: { cookie: committee.cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toBe("application/pdf");
  const { text } = await extractText(new Uint8Array(response.rawPayload), { mergePages: true });
  // pdf.js may split a line into items: collapse whitespace so "81,07 %" reads as one run.
  return text.replace(/\s+/g, " ");
}

beforeAll(async () => {
  t = await createTestApp({ clock: settableClock("2026-04-09T08:00:00Z") });
  await loadDemoData(t.ctx);
  units = await seedCommitteeRollups(t.ctx);
  await approveMarch(t.ctx);
  committee = await loginAs(t.app, "utskott.vasternorrland", DEMO_PASSWORD);
  svText = await pdfText("/api/reports/quarterly?region=22&quarter=2026Q1");
});
afterAll(async () => {
  await t?.close();
});

describe("the quarterly report PDF", () => {
  it("carries the region's four rates for the quarter exactly as the statistics API gives them", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/stats/accessibility?region=22&from=2026-01-01&to=2026-03-31&by=quarter",
      headers: { cookie: committee.cookie },
    });
    const region = response.json().rows.find((r: { unitHsaId: string | null }) => r.unitHsaId === null) as {
      phone: { rate: number };
      resident: { rate: number; feedbackRate: number };
      assessment: { rate: number };
    };
    // Hand-computed (test/support/committee.ts): 0.8107, 0.8107, 0.8021, 0.4957.
    expect([
      region.phone.rate,
      region.resident.rate,
      region.resident.feedbackRate,
      region.assessment.rate,
    ]).toEqual([0.8107, 0.8107, 0.8021, 0.4957]);
    // The table runs 2025Q2 … 2026Q1; the quarters before have no contacts ("–").
    const row = (label: string, rate: number) => `${label} – – – ${percentText(rate, "sv")}`;
    expect(svText).toContain(row("Telefon samma dag (SKR)", region.phone.rate));
    expect(svText).toContain(row("Invånarmått (svar samma dag)", region.resident.rate));
    expect(svText).toContain(row("Återkoppling samma dag", region.resident.feedbackRate));
    expect(svText).toContain(row("Medicinsk bedömning inom 3 dagar", region.assessment.rate));
    expect(percentText(0.8107, "sv")).toBe("81,07 %");
  });

  it("shows the kommun figures of the kommun map API and withholds the suppressed ones", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/committee/kommun-map?region=22&period=2026Q1",
      headers: { cookie: committee.cookie },
    });
    const map = response.json() as KommunMapResponse;
    const c = map.kommuner.find((k) => k.kommunCode === units.c.kommunCode);
    const a = map.kommuner.find((k) => k.kommunCode === units.a.kommunCode);
    if (!c || !a) throw new Error("fixture kommuner missing");
    expect(c.skrPhoneRate.rate).toBe(0.825);
    expect(svText).toContain(
      `${c.name} ${percentText(c.skrPhoneRate.rate, "sv")} ${percentText(c.residentRate.rate, "sv")}`,
    );
    expect(a.skrPhoneRate.suppressed).toBe(true);
    expect(svText).toMatch(new RegExp(`${a.name} – – `));
  });

  it("shows the unit-type and ownership figures and the payments per listed person of the API", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/committee/kommun-map?region=22&period=2026Q1",
      headers: { cookie: committee.cookie },
    });
    const map = response.json() as KommunMapResponse;
    const label: Record<string, string> = {
      halsocentral: "Hälsocentraler",
      sjukstuga: "Sjukstugor",
      filial: "Filialer",
      regional: "Regiondrivna",
      private: "Privata",
    };
    expect(map.groups.map((g) => g.key)).toEqual([
      "halsocentral",
      "sjukstuga",
      "filial",
      "regional",
      "private",
    ]);
    for (const g of map.groups) {
      const rate = (f: { rate: number | null; suppressed: boolean }) =>
        f.suppressed ? "–" : percentText(f.rate, "sv");
      const kronor = g.paymentPerListed.kronor?.replace(".", ",") ?? "–";
      expect(svText).toContain(
        `${label[g.key]} ${g.units} ${rate(g.skrPhoneRate)} ${rate(g.residentRate)} ${g.listed} ${kronor} kr`,
      );
    }
    const c = map.kommuner.find((k) => k.kommunCode === units.c.kommunCode);
    expect(svText).toContain(`${c?.paymentPerListed.kronor?.replace(".", ",")} kr`);
  });

  it("shows the money paid as the overview API gives it", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/committee/dashboard?region=22",
      headers: { cookie: committee.cookie },
    });
    const glesbygd = (
      response.json() as { money: { components: { component: string; yearToDateOre: string }[] } }
    ).money.components.find((c) => c.component === "glesbygd");
    // March is the only approved month, so the quarter and the year to date are the same amount.
    expect(glesbygd?.yearToDateOre).toBe("450000000");
    expect(svText).toContain("Glesbygdsersättning 4 500 000,00 kr 4 500 000,00 kr");
  });

  it("answers the interpellation's three questions and follows every promise", () => {
    for (const n of [1, 2, 3]) expect(svText).toContain(`Fråga ${n}.`);
    expect(svText).toContain("Hur utvecklas tillgängligheten mot samma dag-löftet");
    expect(svText).toContain("Glesbygdsersättningen höjs från 49 till 54 miljoner kronor.");
    expect(svText).toContain("Telefontillgängligheten ska minst nå rikets nivå");
    // The promise is followed quarter by quarter: 2026Q1 at 81,07 %, below the target of 87,50 %.
    expect(svText).toContain("2026Q1: 81,07 %");
    expect(svText).toContain("minst 87,50 %");
  });

  it("shows the transfers gap and physician staffing from their modules, not 'not available'", async () => {
    const gap = await transfersGapFor(t.ctx, systemActor("test"), { regionCode: "22", year: 2026 });
    const kr = (ore: string) => `${formatKronor(BigInt(ore))} kr`;
    const total = gap.total;
    expect(svText).toContain(
      `Totalt ${kr(total.estimatedCostOre)} ${kr(total.compensationOre)} ${kr(total.gapOre)}`,
    );
    expect(svText).not.toContain("Uppgifter om uppgiftsväxlingen saknas ännu i Vårdnav.");
    expect(svText).not.toContain("Uppgifter om läkarbemanning saknas ännu i Vårdnav.");
  });

  it("is in English on request with the same figures", async () => {
    const en = await pdfText("/api/reports/quarterly?region=22&quarter=2026Q1&lang=en");
    expect(en).toContain("Quarterly report to the primary care committee");
    expect(en).toContain("Telephone same day (SKR) – – – 81.07 %");
  });

  it("refuses what is not a quarter, and staff", async () => {
    const bad = await t.app.inject({
      method: "GET",
      url: "/api/reports/quarterly?region=22&quarter=2026-03",
      headers: { cookie: committee.cookie },
    });
    expect(bad.statusCode).toBe(400);
    const staff = await loginAs(t.app, "sjukskoterska.kramfors", DEMO_PASSWORD);
    const forbidden = await t.app.inject({
      method: "GET",
      url: "/api/reports/quarterly?region=22&quarter=2026Q1",
      headers: { cookie: staff.cookie },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
