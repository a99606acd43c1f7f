import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";

// The real server (built web app, API, database with the demo loaded) in a real browser.
let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  // Monday 2 March 2026, 09:00 Stockholm: units have phone hours today.
  t = await createTestApp({ clock: settableClock("2026-03-02T08:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe("a demo nurse in the browser", () => {
  it("signs in and sees the units page in Swedish", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    // Unauthenticated: the app sends her to the sign-in page.
    await page.getByLabel("Användarnamn").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Användarnamn").fill("sjukskoterska.kramfors");
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    // A nurse starts at today's worklist; the units page is one click away in the main menu.
    await page.waitForURL(/\/arbetslista$/);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Enheter" }).click();
    await page.getByRole("heading", { name: "Enheter" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    const table = page.getByRole("table");
    await table.getByText("Kramfors hälsocentral").first().waitFor();
    const body = await page.locator("body").textContent();
    expect(body).toContain("Demodata");
    expect(body).toContain("Hälsocentral");
    expect(body).toMatch(/\d\d:\d\d–\d\d:\d\d/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("shows a wrong password as a clear message", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByLabel("Användarnamn").fill("sjukskoterska.kramfors");
    await page.getByLabel("Lösenord").fill("fel-losenord");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByText("Fel användarnamn eller lösenord").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
