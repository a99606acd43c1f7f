import { existsSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { BACKUP_UNIT_NAME } from "../../demo/regions.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { runDeadlineSweep } from "../../src/jobs/deadline-sweep.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";
import { insertOpenContact } from "../support/notification-fixtures.ts";

// Deadline alerts in the browser: the sweep (run here as the job would) raises alerts for contacts of
// Kramfors hälsocentral, its manager sees them at the top of the worklist, most urgent first, in words and
// with the backup team suggested, and acknowledges one; a new alert arrives without a reload.
let t: TestApp;
let browser: Browser;
let baseUrl: string;

// Monday 2 March 2026, 15:30 Stockholm (CET, UTC+1): an hour before the afternoon's deadlines.
const NOW = "2026-03-02T14:30:00Z";
const DAY = "2026-03-02";
const KRAMFORS_NAME = "Kramfors hälsocentral";

const webDistDir = process.env.VARDNAV_TEST_WEB_DIST ?? WEB_DIST_DIR;
const clock = settableClock(NOW);
let kramforsHsaId: string;

beforeAll(async () => {
  if (!existsSync(`${webDistDir}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  t = await createTestApp({ clock, webDistDir });
  await loadDemoData(t.ctx);
  const unit = await t.ctx.db
    .selectFrom("units")
    .select("hsa_id")
    .where("name", "=", KRAMFORS_NAME)
    .executeTakeFirstOrThrow();
  kramforsHsaId = unit.hsa_id;
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Användarnamn").fill(username);
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await page.getByRole("navigation", { name: "Huvudmeny" }).waitFor();
}

async function kramforsContact(deadline: string): Promise<string> {
  return insertOpenContact(t.ctx.db, {
    unitHsaId: kramforsHsaId,
    receivedAt: `${DAY}T07:30:00Z`,
    serviceDay: DAY,
    deadline,
  });
}

async function openAlerts(contactIds: string[]) {
  return t.ctx.db
    .selectFrom("staff_alerts")
    .select(["id", "kind", "contact_id", "acknowledged_at"])
    .where("contact_id", "in", contactIds)
    .orderBy("id")
    .execute();
}

function alertList(page: Page): Locator {
  return page.getByRole("region", { name: "Larm" }).getByRole("list", { name: "Okvitterade larm" });
}

describe("deadline alerts on the worklist", () => {
  it("a unit manager sees the sweep's alerts, most urgent first, and acknowledges one", async () => {
    // One deadline passed half an hour ago (16:00 → missed), one in half an hour (at risk).
    const missedId = await kramforsContact(`${DAY}T14:00:00Z`);
    const atRiskId = await kramforsContact(`${DAY}T15:00:00Z`);
    await runDeadlineSweep(t.ctx, { atRiskMinutes: 60 });
    const raised = await openAlerts([missedId, atRiskId]);
    expect(raised.map((a) => [a.contact_id, a.kind])).toEqual([
      [missedId, "missed"],
      [atRiskId, "at_risk"],
    ]);

    const page = await browser.newPage();
    // The browser's clock at the server's (settable) time, so "today" is the same day for both.
    await page.clock.setFixedTime(new Date(NOW));
    await signIn(page, "chef.kramfors");
    await page.waitForURL(/\/arbetslista/);
    await page.getByRole("heading", { level: 2, name: "Larm" }).waitFor();
    const items = alertList(page).getByRole("listitem");
    await items.filter({ hasText: "I riskzon" }).waitFor();
    const texts = await items.allTextContents();
    // Only this unit's alerts exist in the demo at this hour; the missed one comes first.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("Missad");
    expect(texts[0]).toContain("Tidsgräns kl 15:00");
    expect(texts[1]).toContain("I riskzon");
    expect(texts[1]).toContain("Tidsgräns kl 16:00");
    for (const text of texts) {
      expect(text).toContain(KRAMFORS_NAME);
      expect(text).toContain(`Förslag: låt reservteamet ${BACKUP_UNIT_NAME} ta över kontakten.`);
    }
    expect(await axeViolations(page)).toEqual([]);

    await items
      .filter({ hasText: "Missad" })
      .getByRole("button", { name: /^Kvittera/ })
      .click();
    await page.getByText(`Larmet för ${KRAMFORS_NAME} är kvitterat.`).waitFor();
    await items.filter({ hasText: "Missad" }).waitFor({ state: "detached" });
    expect(await items.count()).toBe(1);
    const after = await openAlerts([missedId, atRiskId]);
    expect(after.find((a) => a.contact_id === missedId)?.acknowledged_at).toBeInstanceOf(Date);
    expect(after.find((a) => a.contact_id === atRiskId)?.acknowledged_at).toBeNull();

    // A reload keeps it gone: the server has it as acknowledged.
    await page.reload();
    await alertList(page).getByRole("listitem").filter({ hasText: "I riskzon" }).waitFor();
    expect(await alertList(page).getByRole("listitem").filter({ hasText: "Missad" }).count()).toBe(0);

    // A new alert arrives without a reload: the sweep changes the contact, the worklist stream fires.
    const laterId = await kramforsContact(`${DAY}T15:20:00Z`);
    clock.set("2026-03-02T14:31:00Z");
    await runDeadlineSweep(t.ctx, { atRiskMinutes: 60 });
    expect((await openAlerts([laterId])).map((a) => a.kind)).toEqual(["at_risk"]);
    await alertList(page).getByText("Tidsgräns kl 16:20").waitFor();
    expect(await alertList(page).getByRole("listitem").count()).toBe(2);
    await page.close();
  });

  it("a nurse's worklist has no alerts section", async () => {
    const page = await browser.newPage();
    await signIn(page, "sjukskoterska.kramfors");
    await page.waitForURL(/\/arbetslista/);
    await page.getByRole("heading", { level: 1, name: "Arbetslista" }).waitFor();
    await page.getByText(KRAMFORS_NAME).first().waitFor();
    expect(await page.getByRole("heading", { name: "Larm" }).count()).toBe(0);
    await page.close();
  });
});
