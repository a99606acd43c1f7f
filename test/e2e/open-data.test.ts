import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { approveRun, createRun } from "../../src/modules/reimbursement/reimbursement.service.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";
import { addRollupDay } from "../support/rollups.ts";

// Issue 11 in a real browser, in Swedish: an anonymous visitor finds the open data from the contact page
// and downloads the CSV; a committee member reads the reimbursement overview without any way to change it.
let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  // Thursday 9 April 2026: March is published (from the 8th) and can be paid.
  t = await createTestApp({ clock: settableClock("2026-04-09T08:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  // March's figures straight into the rollups of five demo units (the demo loads no contacts by default):
  // one unit with 6 contacts, so the page shows withheld figures.
  const units = await t.ctx.db
    .selectFrom("units")
    .select("hsa_id")
    .where("region_code", "=", "22")
    .where("type", "<>", "backup")
    .orderBy("hsa_id")
    .limit(5)
    .execute();
  for (const [i, unit] of units.entries()) {
    const n = i === 0 ? 6 : 40 + 10 * i;
    await addRollupDay(t.ctx.db, unit.hsa_id, "2026-03-16", {
      offered: n,
      answeredSameDay: n - 2,
      contacts: n,
      respondedSameDay: n - 3,
      feedbackSameDay: n - 4,
      eligible: n,
      within3: n - 1,
    });
  }
  const run = await createRun(t.ctx, systemActor("test"), { region: "22", month: "2026-03" }, "test seed");
  await approveRun(t.ctx, systemActor("test"), run.id, "test seed");
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe("an anonymous visitor", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it("opens /oppna-data from the contact page's link, without signing in", async () => {
    await page.goto(`${baseUrl}/kontakt`);
    await page.getByRole("heading", { level: 1, name: "Kontakta din hälsocentral" }).waitFor();
    await page.getByRole("link", { name: /öppna data/ }).click();
    await page
      .getByRole("heading", { level: 1, name: "Öppna data: tillgänglighet i primärvården" })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe("/oppna-data");
  });

  it("sees the latest published month's table with the region total first", async () => {
    // On 9 April the newest published month is March.
    const table = page.getByRole("table", {
      name: /Tillgänglighet per enhet, Region Västernorrland.*mars 2026/,
    });
    await table.waitFor();
    expect(await page.getByRole("combobox", { name: "Månad" }).inputValue()).toBe("2026-03");
    const rows = table.getByRole("row");
    const firstBodyRow = rows.nth(1);
    expect(await firstBodyRow.getByRole("rowheader").textContent()).toContain("Hela regionen");
    // The page shows what the API gives: the total's SKR rate, formatted in Swedish.
    const api = (await (
      await context.request.get(`${baseUrl}/api/public/accessibility?region=22&month=2026-03`)
    ).json()) as { total: { phone: { rate: number } }; units: { name: string }[] };
    const rate = new Intl.NumberFormat("sv", {
      style: "percent",
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(api.total.phone.rate);
    expect(await firstBodyRow.textContent()).toContain(rate);
    expect(await rows.count()).toBe(api.units.length + 2);
    // The unit with 6 contacts and the next smallest (50) are withheld in each measure, in words.
    await page.getByText("Vissa siffror är skyddade").waitFor();
    expect(await table.getByText("skyddad", { exact: true }).count()).toBe(2 * 4);
  });

  it("downloads the month as CSV", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Ladda ned CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("tillganglighet-22-2026-03.csv");
    const path = await file.path();
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(path, "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]?.startsWith("region,month,unitHsaId,name,")).toBe(true);
    expect(lines[1]?.startsWith("22,2026-03,,Region Västernorrland")).toBe(true);
  });

  it("meets WCAG 2.1 AA (axe)", async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it("switches to English", async () => {
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("heading", { level: 1, name: "Open data: accessibility in primary care" }).waitFor();
    await page.getByRole("button", { name: "På svenska" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Öppna data: tillgänglighet i primärvården" })
      .waitFor();
  });
});

describe("a committee member", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${baseUrl}/ersattning`);
    await page.getByLabel("Användarnamn").fill("utskott.vasternorrland");
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Vårdvalsersättning" }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
  });

  it("reads the reimbursement overview, read only", async () => {
    await page.getByRole("table", { name: /Modellversioner i Region Västernorrland/ }).waitFor();
    const runs = page.getByRole("table", { name: /Beräkningar för Region Västernorrland/ });
    await runs.getByRole("link", { name: "Beräkning mars 2026" }).waitFor();
    await page.getByText("Ändringar görs av regionens Vårdvalsadministration.", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: "Ladda upp" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Ny beräkning" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("opens the approved run with every unit's payment, without approving anything", async () => {
    await page.getByRole("link", { name: "Beräkning mars 2026" }).click();
    await page.getByRole("link", { name: /Utbetalningsspecifikation för Kramfors hälsocentral/ }).waitFor();
    expect(await page.getByRole("button", { name: "Godkänn" }).count()).toBe(0);
  });

  it("reads the follow-up against budget", async () => {
    await page.goto(`${baseUrl}/ersattning/uppfoljning`);
    await page.getByRole("heading", { level: 1, name: "Uppföljning av ersättningen" }).waitFor();
    await page.getByRole("table").first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
