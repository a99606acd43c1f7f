import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loginAs, settableClock } from "../support/app.ts";
import { axeViolations } from "../support/browser.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser-app.ts";

// Issue 12, items 7 and 8 in the browser, each page checked with axe: the contact form's honeypot (hidden
// from people and assistive technology), the region admin's view of what the public intake held back, and
// the forced password change of an account an administrator created.

let app: BrowserApp;

beforeAll(async () => {
  // Monday 2 March 2026, 09:00 Stockholm.
  app = await startBrowserApp({ clock: settableClock("2026-03-02T08:00:00Z") });
});
afterAll(async () => {
  await app?.close();
});

describe("protection of the public intake", () => {
  it("the contact form's honeypot is off-screen, hidden from assistive technology and out of the tab order", async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.baseUrl}/kontakt`);
    await page.getByRole("heading", { level: 1, name: "Kontakta din hälsocentral" }).waitFor();
    const honeypot = page.locator('input[name="website"]');
    expect(await honeypot.getAttribute("tabindex")).toBe("-1");
    expect(await honeypot.getAttribute("autocomplete")).toBe("off");
    expect(await honeypot.evaluate((el) => el.closest('[aria-hidden="true"]') !== null)).toBe(true);
    const box = await honeypot.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(0);
    // Not offered to assistive technology: no textbox by its label.
    expect(await page.getByRole("textbox", { name: "Lämna det här fältet tomt" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("the region admin sees what was held back per day", async () => {
    await app.t.ctx.db
      .insertInto("intake_abuse_daily")
      .values([
        { region_code: "22", day: "2026-03-02", reason: "honeypot", count: 7 },
        { region_code: "22", day: "2026-03-02", reason: "phone_limit", count: 3 },
        { region_code: "22", day: "2026-03-01", reason: "identity_limit", count: 2 },
      ])
      .execute();
    const { context, page } = await app.signIn("admin.vasternorrland", "/kontaktskydd");
    await page.getByRole("heading", { level: 1, name: "Skydd av kontaktformuläret" }).waitFor();
    const row = page.getByRole("row", { name: /2026-03-02/ });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual(["7", "3", "0"]);
    await page.getByRole("row", { name: /Summa/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("an account created by an administrator", () => {
  it("chooses its own password at its first sign-in before anything else", async () => {
    const admin = await loginAs(app.t.app, "admin.vasternorrland", DEMO_PASSWORD);
    const created = await app.t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
      payload: {
        username: "ny.admin",
        displayName: "Ny Administratör",
        password: "fran-administratoren",
        role: "region_admin",
        regionCode: "22",
      },
    });
    expect(created.statusCode, created.body).toBe(201);

    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/enheter`);
    await page.getByLabel("Användarnamn").fill("ny.admin");
    await page.getByLabel("Lösenord").fill("fran-administratoren");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.waitForURL(/\/byt-losenord$/);
    await page.getByRole("heading", { level: 1, name: "Byt lösenord" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A weak one is refused with the reason, in Swedish.
    await page.getByLabel("Nuvarande lösenord").fill("fran-administratoren");
    await page.getByLabel("Nytt lösenord").fill("Password123!");
    await page.getByLabel("Upprepa det nya lösenordet").fill("Password123!");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await page.getByText("för lätt att gissa").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Nytt lösenord").fill("tulpan-ekorre-granit-47");
    await page.getByLabel("Upprepa det nya lösenordet").fill("tulpan-ekorre-granit-47");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/byt-losenord"));
    await page.getByRole("navigation", { name: "Huvudmeny" }).waitFor();
    await context.close();
  });
});
