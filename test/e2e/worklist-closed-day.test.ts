import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { seedLiveDemoDay } from "../../demo/live-day.ts";
import { loadDemoData } from "../../demo/load.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";

// Issue 11, item 8, in the browser: on a Saturday the demo nurse's worklist shows the contacts waiting for
// Monday, with the reason, instead of an empty page.
let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  // Saturday 7 March 2026, 10:00 in Stockholm.
  t = await createTestApp({ clock: settableClock("2026-03-07T09:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  await seedLiveDemoDay(t.ctx, { regionCodes: ["22"] });
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe("the demo nurse on a Saturday", () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Användarnamn").fill("sjukskoterska.kramfors");
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Arbetslista" }).waitFor();
  });
  afterAll(async () => {
    await page?.close();
  });

  it("sees the contacts waiting until Monday, with the reason", async () => {
    await page.getByText("Väntar till måndag", { exact: true }).waitFor();
    await page.getByText("Mottagningen har stängt i dag.", { exact: false }).waitFor();
    const api = await page.request.get(`${baseUrl}/api/worklist?unit=${await kramforsHsaId()}`);
    const list = (await api.json()) as { date: string; contacts: unknown[] };
    expect(list.date).toBe("2026-03-09");
    const table = page.getByRole("table", { name: /måndag 9 mars/ });
    await table.waitFor();
    // One row per waiting contact (plus the header), or the "nothing waiting yet" line.
    if (list.contacts.length > 0) {
      expect(await table.getByRole("row").count()).toBe(list.contacts.length + 1);
    } else {
      await page.getByText("Inga kontakter väntar till måndag ännu.").waitFor();
    }
  });

  it("meets WCAG 2.1 AA (axe)", async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});

async function kramforsHsaId(): Promise<string> {
  const unit = await t.ctx.db
    .selectFrom("units")
    .select("hsa_id")
    .where("name", "like", "Kramfors%")
    .where("region_code", "=", "22")
    .executeTakeFirstOrThrow();
  return unit.hsa_id;
}
