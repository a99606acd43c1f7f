import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { BACKUP_UNIT_NAME } from "../../demo/regions.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";

// Issue 3's browser test: a resident sends the web form, the nurse's open worklist shows the contact
// without a reload (server-sent events), she calls back and records the outcome, and the resident's
// status page shows it. The real server (built web app, API, demo data) in a real browser.
let t: TestApp;
let browser: Browser;
let baseUrl: string;

// Monday 2 March 2026, 09:00 Stockholm: Kramfors hälsocentral has phone hours and free callback slots.
const NOW = "2026-03-02T08:00:00Z";
// Skatteverket's test personnummer (Tolvan Tolvansson): valid, and 113 years old on the test day.
const IDENTITY_NUMBER = "19121212-1212";
const DESCRIPTION = "Halsont och feber sedan i går, test i webbläsaren";

// A copy of the built app can be named instead of web/dist, so that a build running alongside (which
// empties web/dist) cannot pull the files from under the test.
const webDistDir = process.env.VARDNAV_TEST_WEB_DIST ?? WEB_DIST_DIR;

// The at-risk test moves it towards closing time; the tests after it do not depend on the hour.
const clock = settableClock(NOW);

beforeAll(async () => {
  if (!existsSync(`${webDistDir}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  t = await createTestApp({ clock, webDistDir });
  await loadDemoData(t.ctx);
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
  // Signed in once the app has left the login page for the role's start page.
  await page.waitForURL((url) => url.pathname !== "/login");
  await page.getByRole("navigation", { name: "Huvudmeny" }).waitFor();
}

/** Form controls in the accessibility tree that have no name: `- textbox` instead of `- textbox "…"`. */
function unnamedControls(ariaSnapshot: string): string[] {
  return ariaSnapshot
    .split("\n")
    .filter((line) => /^\s*- (textbox|searchbox|radio|checkbox|combobox|button)\b/.test(line))
    .filter((line) => !/^\s*- \w+ "[^"]+"/.test(line));
}

describe("the same-day flow in the browser", () => {
  it("the resident form is public, in Swedish, and every field has an accessible name", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/kontakt`);
    // No login redirect: the form itself, under the demo banner.
    await page.getByRole("heading", { level: 1, name: "Kontakta din hälsocentral" }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/kontakt`);
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    await page.getByRole("note").filter({ hasText: "Demodata" }).waitFor();
    expect(await page.locator("h1").count()).toBe(1);

    await page.getByLabel("Sök mottagning").fill("Kramfors");
    await page.getByRole("radio", { name: /Kramfors hälsocentral/ }).waitFor();
    for (const label of [
      "Personnummer eller samordningsnummer",
      "Telefonnummer",
      "Beskriv kort vad du behöver hjälp med",
    ]) {
      expect(await page.getByLabel(label).count(), label).toBe(1);
    }
    expect(
      await page.getByRole("radiogroup", { name: "Gäller det ett nytt eller försämrat besvär?" }).count(),
    ).toBe(1);
    expect(await page.getByRole("radiogroup", { name: "Mottagning" }).count()).toBe(1);
    expect(unnamedControls(await page.locator("main").ariaSnapshot())).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // Sending an empty form: a summary of the problems takes focus, and each field points at its message.
    await page.getByLabel("Sök mottagning").fill("");
    await page.getByRole("radio", { name: /Kramfors hälsocentral/ }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Skicka" }).click();
    const summary = page.getByRole("region", { name: /^Formuläret har \d+ fel$/ });
    await summary.getByRole("heading", { name: "Formuläret har 5 fel" }).waitFor();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    const identity = page.getByLabel("Personnummer eller samordningsnummer");
    expect(await identity.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await identity.getAttribute("aria-describedby")) ?? "";
    const described = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
      describedBy.split(/\s+/).filter(Boolean),
    );
    expect(described).toContain("Fyll i ditt personnummer");
    expect(await axeViolations(page)).toEqual([]);
    // A wrong check digit is caught in the browser, before anything is sent.
    await identity.fill("19121212-1213");
    await identity.blur();
    await page.getByText("Personnumret stämmer inte").first().waitFor();
    // The summary's links move focus to the field: the search box while there is no unit to choose.
    await summary.getByRole("link", { name: /mottagning/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("contact-unit-search");
    await summary.getByRole("link", { name: /telefonnummer/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("contact-phone");

    // Keyboard only: from the search box, Tab reaches the matches and Space chooses one.
    await page.getByLabel("Sök mottagning").fill("Kramfors");
    await page.getByRole("radio", { name: /Kramfors hälsocentral/ }).waitFor();
    await page.getByLabel("Sök mottagning").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("radio");
    await page.keyboard.press("Space");
    expect(await page.locator('input[type="radio"]:checked').count()).toBe(2); // the unit, and "any time"
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("contact-identity");
    // Choosing the unit takes its message off the summary.
    await summary.getByRole("heading", { name: "Formuläret har 4 fel" }).waitFor();
    expect(await summary.getByRole("link", { name: /mottagning/ }).count()).toBe(0);
    await context.close();
  });

  it("a web contact reaches the open worklist live and the outcome reaches the resident", async () => {
    // The nurse has her worklist open before the resident sends anything.
    const nurseContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const nurse = await nurseContext.newPage();
    await signIn(nurse, "sjukskoterska.kramfors");
    await nurse.goto(`${baseUrl}/arbetslista`);
    await nurse.getByRole("heading", { level: 1, name: "Arbetslista" }).waitFor();
    await nurse.locator('[data-stream="live"]').waitFor();
    await nurse.getByRole("table").waitFor();
    expect(await axeViolations(nurse)).toEqual([]);
    expect(await nurse.getByRole("row").filter({ hasText: DESCRIPTION }).count()).toBe(0);
    // Survives only as long as the page is not reloaded.
    await nurse.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // The resident, on a phone-sized screen.
    const residentContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const resident = await residentContext.newPage();
    await resident.goto(`${baseUrl}/kontakt`);
    await resident.getByLabel("Sök mottagning").fill("Kramfors");
    await resident.getByRole("radio", { name: /Kramfors hälsocentral/ }).check();
    await resident.getByLabel("Personnummer eller samordningsnummer").fill(IDENTITY_NUMBER);
    await resident.getByLabel("Telefonnummer").fill("070-123 45 67");
    await resident.getByLabel("Beskriv kort vad du behöver hjälp med").fill(DESCRIPTION);
    await resident
      .getByRole("radiogroup", { name: "Gäller det ett nytt eller försämrat besvär?" })
      .getByRole("radio", { name: "Ja" })
      .check();
    await resident.getByRole("button", { name: "Skicka" }).click();

    // The receipt: the promise, and focus on the news that replaced the form.
    const receiptHeading = resident.getByRole("heading", {
      name: "Kramfors hälsocentral har fått din kontakt",
    });
    await receiptHeading.waitFor();
    expect(await receiptHeading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await axeViolations(resident)).toEqual([]);
    const promise = (await resident.getByTestId("contact-promise").textContent()) ?? "";
    expect(promise).toMatch(
      /^(Vi ringer dig mellan kl \d\d:\d\d och \d\d:\d\d|Återkoppling senast kl \d\d:\d\d)$/,
    );
    const statusHref = await resident
      .getByRole("link", { name: "Öppna din statussida" })
      .getAttribute("href");
    expect(statusHref).toMatch(/^\/kontakt\/status\/[A-Za-z0-9_-]{20,}$/);
    await resident.getByRole("link", { name: "Öppna din statussida" }).click();
    await resident
      .getByTestId("contact-state")
      .filter({ hasText: "Mottagen – väntar på att vi ringer" })
      .waitFor();

    // The nurse's list gets the contact by itself: same page, no reload.
    const row = nurse.getByRole("row").filter({ hasText: DESCRIPTION });
    await row.waitFor({ timeout: 15_000 });
    expect(await nurse.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    expect(await row.textContent()).toContain("19121212-1212, 113 år");

    // She takes the call, reaches the resident and gives advice.
    await row.getByRole("button", { name: /Öppna kontakten/ }).click();
    const drawer = nurse.getByRole("dialog");
    await drawer.getByRole("button", { name: "Jag ringer nu" }).click();
    await drawer.getByRole("button", { name: "Släpp" }).waitFor();
    await drawer.getByRole("button", { name: "Svar givet" }).click();
    await drawer.getByText("Svaret är registrerat.").waitFor();
    await drawer.getByRole("radio", { name: "Råd" }).check();
    await drawer.getByRole("button", { name: "Spara återkoppling" }).click();
    await drawer.getByText("Återkopplingen är registrerad och kontakten är klar.").waitFor();
    expect(await axeViolations(nurse)).toEqual([]);
    await nurse.keyboard.press("Escape");
    await row.getByText("Klar").waitFor();
    // Closing the drawer gives focus back to the row's button, so keyboard users keep their place.
    // The drawer's close transition runs first, so the focus arrives a moment after the row updates.
    await nurse.waitForFunction(() =>
      /^Öppna kontakten för 19121212-1212/.test(document.activeElement?.getAttribute("aria-label") ?? ""),
    );

    // A new problem stays on the three-day list until licensed staff have assessed it.
    await nurse
      .getByRole("navigation", { name: "Arbetslistans vyer" })
      .getByRole("link", { name: "Tredagarslistan" })
      .click();
    const waiting = nurse.getByRole("row").filter({ hasText: DESCRIPTION });
    await waiting.getByText(/Bedöms senast/).waitFor();
    expect(await axeViolations(nurse)).toEqual([]);
    await waiting.getByRole("button", { name: /Öppna kontakten/ }).click();
    await drawer.getByLabel("Bedömd av (yrke)").selectOption("sjukskoterska");
    await drawer.getByRole("button", { name: "Registrera bedömning" }).click();
    await drawer.getByText("Den medicinska bedömningen är registrerad.").waitFor();
    await nurse.keyboard.press("Escape");
    await waiting.waitFor({ state: "detached" });

    // A letter that came in the post goes on today's list too.
    await nurse
      .getByRole("navigation", { name: "Arbetslistans vyer" })
      .getByRole("link", { name: "Dagens kontakter" })
      .click();
    await nurse.getByRole("button", { name: "Registrera besök eller brev" }).click();
    const dialog = nurse.getByRole("dialog");
    await dialog.getByRole("radio", { name: "Brev" }).check();
    await dialog.getByLabel("Personnummer eller samordningsnummer").fill(IDENTITY_NUMBER);
    await dialog.getByLabel("Ärende").fill("Brev om förnyelse av recept");
    await dialog.getByRole("radio", { name: "Nej" }).check();
    await dialog.getByRole("button", { name: "Registrera" }).click();
    await nurse.getByText("Kontakten är registrerad.").waitFor();
    await nurse.getByRole("row").filter({ hasText: "Brev: Brev om förnyelse av recept" }).waitFor();

    // The resident's status page shows the outcome.
    await resident.reload();
    await resident.getByTestId("contact-state").filter({ hasText: "Klar" }).waitFor();
    expect(await resident.getByTestId("contact-outcome").textContent()).toMatch(/råd/i);
    expect(await resident.locator("body").textContent()).not.toContain(IDENTITY_NUMBER);
    expect(await axeViolations(resident)).toEqual([]);

    await residentContext.close();
    await nurseContext.close();
  });

  it("an unanswered contact close to its deadline stands out in words, not by colour alone", async () => {
    const nurseContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const nurse = await nurseContext.newPage();
    await signIn(nurse, "sjukskoterska.kramfors");
    await nurse.goto(`${baseUrl}/arbetslista`);
    await nurse.locator('[data-stream="live"]').waitFor();

    const units = await t.app.inject({
      method: "GET",
      url: "/api/public/units?q=Kramfors%20h%C3%A4lsocentral",
    });
    const kramfors = units.json().units.find((u: { name: string }) => u.name === "Kramfors hälsocentral");
    const send = (description: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/contacts",
        payload: {
          unitHsaId: kramfors.hsaId,
          identityNumber: IDENTITY_NUMBER,
          phone: "070-765 43 21",
          description,
          newProblem: false,
          preferredWindow: "any",
        },
      });
    const first = await send("Ryggvärk, vill ha råd");
    expect(first.statusCode).toBe(201);
    const row = nurse.getByRole("row").filter({ hasText: "Ryggvärk, vill ha råd" });
    await row.waitFor();
    expect(await row.getByText("I riskzon").count()).toBe(0);

    // Half an hour before the deadline, still unanswered: the next change anywhere on the list brings
    // the warning along (the server decides "at risk" when it answers).
    const deadline = Date.parse(first.json().deadline);
    clock.set(new Date(deadline - 30 * 60_000).toISOString());
    expect((await send("Utslag på armen")).statusCode).toBe(201);
    await row.getByText("I riskzon – snart sista tid").waitFor();
    expect(await axeViolations(nurse)).toEqual([]);
    expect(Number(await nurse.locator('[data-counter="atRisk"]').textContent())).toBeGreaterThanOrEqual(1);
    await nurseContext.close();
  });

  it("the backup team sees the region's overflow and takes a contact over in one step", async () => {
    // Late in the day Kramfors' callback slots run out; further contacts are still accepted, as overflow.
    const units = await t.app.inject({
      method: "GET",
      url: "/api/public/units?q=Kramfors%20h%C3%A4lsocentral",
    });
    const kramfors = units.json().units.find((u: { name: string }) => u.name === "Kramfors hälsocentral");
    let overflowed = false;
    let description = "";
    for (let i = 0; i < 200 && !overflowed; i++) {
      // "Sen kontakt 5, …" is no part of "Sen kontakt 50, …": each row can be found by its text.
      description = `Sen kontakt ${i}, ont i magen`;
      const reply = await t.app.inject({
        method: "POST",
        url: "/api/contacts",
        payload: {
          unitHsaId: kramfors.hsaId,
          identityNumber: IDENTITY_NUMBER,
          phone: "070-111 22 33",
          description,
          newProblem: false,
          preferredWindow: "any",
        },
      });
      expect(reply.statusCode).toBe(201);
      overflowed = reply.json().overflowed;
    }
    expect(overflowed).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "backup.vasternorrland");
    await page.goto(`${baseUrl}/arbetslista`);
    await page
      .getByRole("navigation", { name: "Arbetslistans vyer" })
      .getByRole("link", { name: "Regionens överflöd" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Regionens överflöd" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: description });
    await row.getByText("Kramfors hälsocentral").waitFor();
    await row.getByText("Överflöd").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole("button", { name: /Öppna kontakten/ }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: `Ta över till ${BACKUP_UNIT_NAME}` })
      .click();
    await page.getByRole("dialog").getByText("Kontakten är övertagen av stödteamet.").waitFor();
    await page.keyboard.press("Escape");
    // Still open overflow of the region, now the backup team's, with its history.
    await row.getByText(BACKUP_UNIT_NAME).waitFor();
    await row.getByText("Flyttad hit").waitFor();
    await context.close();
  });
});
