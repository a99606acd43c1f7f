import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { DEMO_UNIT_OPENINGS } from "../../demo/regions.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";

// The listing pages in Swedish against the real server with the demo loaded: the flows view shows the new
// private unit's inflow, the unit-structure view groups by type, ownership and kommun, and the close/open
// scenario runs. Every page is checked with axe (WCAG 2.1 A and AA).
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext;
const opening = DEMO_UNIT_OPENINGS[0] as (typeof DEMO_UNIT_OPENINGS)[number];

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  t = await createTestApp({ clock: settableClock("2026-04-02T08:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Användarnamn").fill("admin.vasternorrland");
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.close();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(path: string, heading: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  return page;
}

describe("listing and unit structure in the browser", () => {
  it("Listning: trend, age and sex, type and ownership", async () => {
    const page = await open("/listning", "Listning");
    await page.getByRole("heading", { level: 2, name: "Listade per månad", exact: true }).waitFor();
    await page.getByRole("heading", { level: 2, name: /efter driftform eller enhetstyp/ }).waitFor();
    await page.getByLabel("Dela upp efter").selectOption("type");
    await page.getByRole("img", { name: /Listade i .*Sjukstuga/ }).waitFor();
    // One unit's listing: the new private unit lists nobody before it opens, then a growing number.
    await page.getByLabel("Enhet", { exact: true }).selectOption({ label: opening.name });
    await page.getByRole("img", { name: new RegExp(`Listade i ${opening.name}`) }).waitFor();
    await page.getByRole("table", { name: /Listade efter åldersgrupp och kön/ }).waitFor();
    await expect(page.getByRole("rowheader", { name: "80+" }).count()).resolves.toBeGreaterThan(0);
    await page.getByRole("heading", { level: 2, name: /Enhetstyp och driftform/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it("Listningsflöden: the new private unit's inflow, and the Sankey by ownership", async () => {
    const page = await open("/listning/floden", "Listningsflöden");
    const row = page.getByRole("row", { name: new RegExp(opening.name) }).first();
    await row.waitFor();
    const cells = await row.getByRole("cell").allTextContents();
    // New listings, moved in, inflow, …: the inflow column is the third number.
    const inflow = Number((cells[2] ?? "").replace(/\s/g, ""));
    expect(inflow).toBeGreaterThan(500);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Gruppera efter").selectOption("ownership");
    await page.getByRole("heading", { level: 2, name: "Från → till" }).waitFor();
    await page.getByRole("img", { name: /Omlistningar mellan grupper/ }).waitFor();
    await page.getByRole("rowheader", { name: "Privat" }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it("Enhetsstruktur: grouped by type, ownership and kommun; the close/open scenario runs", async () => {
    const page = await open("/enhetsstruktur", "Enhetsstruktur");
    const types = page.getByRole("table", { name: /Per enhetstyp/ });
    await types.getByRole("rowheader", { name: "Sjukstuga", exact: true }).waitFor();
    await types.getByRole("rowheader", { name: "Hälsocentral", exact: true }).waitFor();
    await page.getByLabel("Gruppera efter").selectOption("ownership");
    await page
      .getByRole("table", { name: /Per driftform/ })
      .getByRole("rowheader", { name: "Privat" })
      .waitFor();
    await page.getByLabel("Gruppera efter").selectOption("kommun");
    const kommuner = page.getByRole("table", { name: /Per kommun/ });
    await kommuner.getByRole("rowheader", { name: "Härnösand", exact: true }).waitFor();
    await kommuner.getByRole("rowheader", { name: "Kramfors", exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Månad", { exact: true }).selectOption({ label: "mars 2026" });
    await page.getByText("Månad mars 2026").waitFor();

    // A unit closes: its listed move to the nearest unit.
    await page.getByLabel("Enhet som stänger").selectOption({ label: "Bollstabruk hälsocentral" });
    await page.getByRole("button", { name: "Beräkna scenariot" }).click();
    await page.getByRole("heading", { level: 3, name: "Resultat för mars 2026" }).waitFor();
    const moves = page.getByRole("table", { name: "Flyttar" });
    await expect(moves.getByRole("row").count()).resolves.toBe(2);
    await page
      .getByRole("table", { name: "Berörda enheter" })
      .getByRole("rowheader", { name: "Bollstabruk hälsocentral" })
      .waitFor();

    // A new unit opens and takes listed from a named unit.
    await page.getByRole("radio", { name: "En ny enhet öppnar" }).check();
    await page.getByLabel("Namn på den nya enheten").fill("Nya Kramfors hälsocentral");
    await page.getByLabel("Tar listade från").selectOption({ label: "Kramfors hälsocentral" });
    await page.getByLabel("Antal listade", { exact: true }).fill("800");
    await page.getByRole("button", { name: "Beräkna scenariot" }).click();
    const affected = page.getByRole("table", { name: "Berörda enheter" });
    await affected.getByRole("rowheader", { name: "Nya Kramfors hälsocentral" }).waitFor();
    await page.getByText(/800 listade flyttar/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 180_000);
});
