import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { transfersGapFor } from "../../src/modules/transfers/transfers-gap.service.ts";
import { formatOre } from "../../web/src/features/reimbursement/money.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";

// The transfer pages against the real server with the demo loaded, in Swedish: the region admin registers
// a transfer and edits it (a new version shows in the history), the unit manager of Kramfors reports a
// month's volume, and the gap page changes with it. Every page is checked with axe.
let t: TestApp;
let browser: Browser;
let baseUrl: string;
const TITLE = "Fotvård vid diabetes (test)";
const nbsp = (text: string) => text.replace(/ /g, "\u00a0");

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  t = await createTestApp({ clock: settableClock("2026-03-16T08:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(context: BrowserContext, username: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel("Användarnamn").fill(username);
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  return page;
}

describe("task transfers in the browser", () => {
  let admin: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    admin = await browser.newContext();
    page = await signIn(admin, "admin.vasternorrland", "/uppgiftsvaxling");
    await page.getByRole("heading", { level: 1, name: "Uppgiftsväxling från slutenvården" }).waitFor();
  });
  afterAll(async () => {
    await admin?.close();
  });

  it("lists the demo register, filters it, and passes axe", async () => {
    const table = page.getByRole("table", { name: /Uppgiftsväxlingar i Region Västernorrland/ });
    await table.getByText("Uppföljning av hjärtsvikt efter utskrivning (demo)").waitFor();
    await page.getByLabel("Status", { exact: true }).selectOption("proposed");
    await page.waitForURL(/status=proposed/);
    expect(await table.locator("tbody tr").count()).toBe(1);
    await table.getByText("Insulinstart vid typ 2-diabetes (demo)").waitFor();
    await page.getByLabel("Status", { exact: true }).selectOption("");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("registers a transfer, naming the field of a validation error first", async () => {
    await page.getByRole("button", { name: "Registrera ny uppgiftsväxling" }).click();
    const dialog = page.getByRole("dialog", { name: "Ny uppgiftsväxling" });
    await dialog.getByLabel("Id", { exact: true }).fill("diabetes-fotvard");
    await dialog.getByLabel("Uppgift", { exact: true }).fill(TITLE);
    await dialog.getByLabel("Klinik som lämnar uppgiften").fill("Medicinkliniken, Sundsvalls sjukhus");
    await dialog.getByLabel("Status").selectOption("in_effect");
    await dialog.getByLabel("Diarienummer för beslutet").fill("RS 2025/0999");
    await dialog.getByLabel("Beslutsdatum").fill("2025-12-10");
    await dialog.getByLabel("Första månad").fill("2026-01");
    await dialog.getByLabel("Förväntad volym per år").fill("800");
    await dialog.getByLabel("Volymenhet").fill("besök");
    await dialog.getByLabel("Beräknad kostnad per år (kr)").fill("mycket");
    await dialog.getByLabel("Beslutad ersättning per år (kr)").fill("600 000");
    await dialog.getByRole("button", { name: "Spara" }).click();
    const summary = dialog.getByRole("link", { name: /Skriv Beräknad kostnad per år \(kr\) i kronor/ });
    await summary.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel("Beräknad kostnad per år (kr)").fill("1 200 000");
    await dialog.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Uppgiftsväxlingen är sparad som version 1.").waitFor();
    await page.getByRole("table").getByText(TITLE).waitFor();
  });

  it("edits it: the change is version 2 and shows in the history", async () => {
    await page.getByRole("button", { name: `Ändra ${TITLE}` }).click();
    const dialog = page.getByRole("dialog", { name: `Ändra ${TITLE}` });
    await dialog.getByLabel("Beslutad ersättning per år (kr)").fill("900 000");
    await dialog.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Uppgiftsväxlingen är sparad som version 2.").waitFor();
    await page.getByRole("button", { name: `Historik för ${TITLE}` }).click();
    const history = page.getByRole("dialog", { name: `Historik för ${TITLE}` });
    const rows = history.getByRole("table").locator("tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(
      "Beslutad ersättning per år (kr): 600000.00 → 900000.00",
    );
    expect(await rows.nth(1).textContent()).toContain("Registrerad");
    expect(await axeViolations(page)).toEqual([]);
    await history.getByRole("button").first().click();
  });

  it("reports a volume as the unit manager, and the gap page changes with it", async () => {
    await page.goto(`${baseUrl}/uppgiftsvaxling/glapp?year=2026`);
    await page
      .getByRole("heading", { level: 1, name: "Kostnad och ersättning för flyttade uppgifter" })
      .waitFor();
    const totalAtVolume = page.getByTestId("gap-total-at-volume");
    await totalAtVolume.waitFor();
    const before = await totalAtVolume.textContent();
    const gap = await transfersGapFor(t.ctx, systemActor("test"), { regionCode: "22", year: 2026 });
    // The page answers the question with the same totals as `vardnav transfers gap`.
    expect(await page.getByTestId("gap-answer").textContent()).toContain(formatOre(gap.total.gapOre));
    expect(before).toBe(formatOre(gap.total.costAtReportedVolumeOre));
    expect(await axeViolations(page)).toEqual([]);
    // And the year before, chosen on the page.
    const gap2025 = await transfersGapFor(t.ctx, systemActor("test"), { regionCode: "22", year: 2025 });
    await page.getByLabel("År", { exact: true }).selectOption("2025");
    await page.getByRole("heading", { level: 2, name: "2025" }).waitFor();
    await page
      .getByTestId("gap-answer")
      .getByText(formatOre(gap2025.total.gapOre), { exact: false })
      .waitFor();
    expect(await page.getByTestId("gap-total").textContent()).toContain(formatOre(gap2025.total.gapOre));
    await page.getByLabel("År", { exact: true }).selectOption("2026");
    await page.getByRole("heading", { level: 2, name: "2026" }).waitFor();

    const manager = await browser.newContext();
    try {
      const unitPage = await signIn(manager, "chef.kramfors", "/uppgiftsvaxling/enhet?year=2026");
      await unitPage.getByRole("heading", { level: 1, name: "Enhetens uppgifter och volymer" }).waitFor();
      await unitPage
        .getByRole("table", { name: /Uppgifter som Kramfors hälsocentral har tagit över 2026/ })
        .waitFor();
      expect(await axeViolations(unitPage)).toEqual([]);
      await unitPage.getByLabel("Uppgift", { exact: true }).selectOption({ label: TITLE });
      await unitPage.getByLabel("Månad", { exact: true }).selectOption("2026-02");
      await unitPage.getByLabel("Volym", { exact: true }).fill("40");
      await unitPage.getByRole("button", { name: "Spara volymen" }).click();
      await unitPage.getByText("Volymen är sparad: 40 för februari 2026.").waitFor();
      await unitPage.getByTestId("reported-diabetes-fotvard").getByText(nbsp("40 besök")).waitFor();
    } finally {
      await manager.close();
    }

    await page.reload();
    await totalAtVolume.waitFor();
    // 40 visits × 1 200 000 kr / 800 = 60 000 kr more at the reported volume.
    const after = await transfersGapFor(t.ctx, systemActor("test"), { regionCode: "22", year: 2026 });
    expect(BigInt(after.total.costAtReportedVolumeOre) - BigInt(gap.total.costAtReportedVolumeOre)).toBe(
      6_000_000n,
    );
    await page
      .getByTestId("gap-total-at-volume")
      .filter({ hasText: formatOre(after.total.costAtReportedVolumeOre) })
      .waitFor();
    expect(await totalAtVolume.textContent()).not.toBe(before);
    const row = page.getByRole("row", { name: new RegExp(TITLE.replace(/[()]/g, "\\$&")) });
    expect(await row.textContent()).toContain(formatOre(6_000_000n));
  });
});
