import { existsSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";
import { approveMarch, type FixtureUnits, seedCommitteeRollups } from "../support/committee.ts";

// Issue 11's "Done when" for the committee, in Swedish in a real browser against the real server: the
// committee member lands on the overview, sees the promises with their status, opens the kommun map and
// switches measure, and downloads the quarterly PDF; every page passes axe. The figures are the hand-made
// rollups of test/support/committee.ts on Thursday 9 April 2026 (2026Q1 complete, April preliminary).
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let units: FixtureUnits;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  t = await createTestApp({ clock: settableClock("2026-04-09T08:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  units = await seedCommitteeRollups(t.ctx);
  await approveMarch(t.ctx);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Användarnamn").fill("utskott.vasternorrland");
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.close();
});

async function kommunName(code: string): Promise<string> {
  const { kommunByCode } = await import("../../src/data/reference.ts");
  const name = kommunByCode(code)?.name;
  if (name === undefined) throw new Error(`no kommun ${code}`);
  return name;
}

describe("the committee member in the browser", () => {
  it("lands on the overview and sees the promises with their status", async () => {
    await page.getByRole("heading", { level: 1, name: "Översikt för primärvårdsutskottet" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/oversikt");
    const promises = page.getByRole("region", { name: "Löften" });
    const phone = promises
      .getByRole("listitem")
      .filter({ hasText: "Telefontillgängligheten ska minst nå rikets nivå" });
    await phone.waitFor();
    // March 2026: 390 of 480 → 81,3 %, below 87,5 %; better than February.
    expect(await phone.textContent()).toContain("✗ Inte uppfyllt");
    expect(await phone.textContent()).toMatch(/Senast: 81,3\s%/);
    expect(await phone.textContent()).toContain("↗ bättre");
    const staffing = promises
      .getByRole("listitem")
      .filter({ hasText: "En specialist i allmänmedicin per 1 100 listade." });
    // Physician staffing comes from the staffing register the demo loads: a figure, not "no data".
    expect(await staffing.textContent()).toMatch(/Senast: \d/);
    expect(await staffing.textContent()).not.toContain("Uppgifter saknas");
    expect(await page.getByRole("region", { name: "Läkare per listade" }).textContent()).not.toContain(
      "Uppgifter saknas",
    );
  });

  it("marks April, still running, as preliminary in the chart's table", async () => {
    const table = page.getByRole("table", { name: "Regionens andelar per månad" });
    expect(await table.getByRole("rowheader", { name: "april 2026 (preliminär)" }).count()).toBe(1);
    expect(await table.getByRole("rowheader", { name: "mars 2026", exact: true }).count()).toBe(1);
  });

  it("ranks the units by last month's SKR rate", async () => {
    const ranking = page.getByRole("table", { name: /Enheterna efter telefon samma dag \(SKR\), mars 2026/ });
    const first = ranking.getByRole("row").nth(1);
    expect(await first.textContent()).toMatch(/90,0\s%/);
  });

  it("passes axe on the overview", async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it("downloads the quarterly report as PDF", async () => {
    const tile = page.getByRole("region", { name: "Kvartalsrapport" });
    expect(await tile.getByRole("combobox", { name: "Kvartal" }).inputValue()).toBe("2026Q1");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      tile.getByRole("link", { name: "Ladda ner kvartalsrapport (PDF)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("kvartalsrapport-22-2026Q1.pdf");
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("opens the kommun map, which shows the quarter with suppressed kommuner marked", async () => {
    await page.getByRole("link", { name: "Karta per kommun" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Karta per kommun" }).waitFor();
    const table = page.getByRole("table", { name: /Telefon samma dag \(SKR\) per kommun, 2026Q1/ });
    await table.waitFor();
    const cName = await kommunName(units.c.kommunCode);
    const aName = await kommunName(units.a.kommunCode);
    // Kommun of C and D: 990 of 1 200 = 82,5 %; A's kommun is withheld (A had 10 calls in February).
    expect(await table.getByRole("row", { name: new RegExp(`^${cName} `) }).textContent()).toMatch(/82,5\s%/);
    expect(await table.getByRole("row", { name: new RegExp(`^${aName} `) }).textContent()).toContain(
      "Undertryckt",
    );
    const groups = page.getByRole("table", { name: /per enhetstyp och driftform, 2026Q1/ });
    expect(await groups.getByRole("row", { name: /^Sjukstugor / }).count()).toBe(1);
    const map = page.getByRole("img", { name: /Karta över kommunerna i Region Västernorrland/ });
    expect(await map.getAttribute("aria-label")).toMatch(new RegExp(`Högst ${cName} 82,5\\s%`));
  });

  it("switches measure to payment per listed person", async () => {
    await page.getByRole("radio", { name: "Ersättning per listad" }).check();
    const table = page.getByRole("table", { name: /Ersättning per listad per kommun, 2026Q1/ });
    await table.waitFor();
    const cName = await kommunName(units.c.kommunCode);
    expect(await table.getByRole("row", { name: new RegExp(`^${cName} `) }).textContent()).toMatch(
      /\d+,\d{2} kr per månad/,
    );
    expect(new URL(page.url()).searchParams.get("measure")).toBe("paymentPerListed");
  });

  it("lists a kommun's units when chosen", async () => {
    const cName = await kommunName(units.c.kommunCode);
    await page.getByRole("button", { name: `Visa enheter i ${cName}` }).click();
    const section = page.getByRole("region", { name: `Enheter i ${cName}` });
    await section.waitFor();
    expect(await section.textContent()).toContain(units.c.hsaId);
    expect(await section.textContent()).toContain(units.d.hsaId);
  });

  it("passes axe on the map", async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it("opens the promises page with sources and the interpellation's questions", async () => {
    await page.getByRole("link", { name: "Löften", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Regionens löften" }).waitFor();
    await page.getByText("Källa: Budget 2026, Region Västernorrland (demo)").first().waitFor();
    await page.getByRole("heading", { level: 2, name: "Interpellationens frågor" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
