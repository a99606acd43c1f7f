import { existsSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { createTestApp, loginAs, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";

// The statistics pages in a real browser against the real server: the demo region admin sees the trend
// chart and the unit table, sorts it and exports CSV; the committee member sees aggregates only, with
// small figures withheld.

const SAMPLE_CONTACTS = "/work/shared/examples/contacts-v1.csv";
const REGION = "22";

let t: TestApp;
let browser: Browser;
let baseUrl: string;

/** Contacts in region 22 during March 2026 as the API reports them (0 when none are loaded). */
async function marchContacts(session: { cookie: string }): Promise<number> {
  const response = await t.app.inject({
    method: "GET",
    url: `/api/stats/accessibility?region=${REGION}&from=2026-03-01&to=2026-03-31&by=month`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode).toBe(200);
  const region = response.json().rows.find((row: { unitHsaId: string | null }) => row.unitHsaId === null);
  return region?.resident.contacts ?? 0;
}

/**
 * Without demo contacts, loads the shared sample file through the upload API, its example units mapped
 * onto demo units of the region (the sample names units of the example region file).
 */
async function ensureContacts(): Promise<void> {
  const admin = await loginAs(t.app, "admin.vasternorrland", DEMO_PASSWORD);
  if ((await marchContacts(admin)) > 0) return;
  if (!existsSync(SAMPLE_CONTACTS)) throw new Error(`${SAMPLE_CONTACTS} is missing: no contacts to show`);
  const units = await t.ctx.db
    .selectFrom("units")
    .select(["hsa_id", "name"])
    .where("region_code", "=", REGION)
    .where("type", "=", "halsocentral")
    .orderBy("hsa_id")
    .execute();
  const [first, second, third] = units;
  if (!first || !second || !third) throw new Error("the demo region has fewer than three hälsocentraler");
  const csv = readFileSync(SAMPLE_CONTACTS, "utf8")
    .replaceAll("SE2321000000-E0001", first.hsa_id)
    .replaceAll("SE2321000000-E0002", second.hsa_id)
    .replaceAll("SE5560001230-E0003", third.hsa_id);
  const started = await t.app.inject({
    method: "POST",
    url: "/api/imports/contacts?format=vardnav-contacts-v1",
    headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "content-type": "text/csv" },
    payload: csv,
  });
  expect(started.statusCode).toBe(202);
  const { importId } = started.json();
  for (;;) {
    const status = await t.app.inject({
      method: "GET",
      url: `/api/imports/${importId}`,
      headers: { cookie: admin.cookie },
    });
    expect(status.statusCode).toBe(200);
    const job = status.json();
    if (job.status === "failed") throw new Error(`sample import failed: ${job.error}`);
    if (job.status === "done") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await marchContacts(admin)).toBeGreaterThan(0);
}

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/tillganglighet?from=2026-01&to=2026-03`);
  await page.getByLabel("Användarnamn").fill(username);
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { level: 1, name: "Tillgänglighet" }).waitFor();
  return page;
}

/** The unit table: the one whose caption says it can be sorted. */
function unitTable(page: Page) {
  return page.getByRole("table").filter({ hasText: "Välj en kolumnrubrik för att sortera" });
}

/** "87,5 %" → 0.875; "–" (no data or withheld) → null. */
function shareOf(text: string): number | null {
  const match = /(\d+(?:,\d+)?)\s*%/.exec(text);
  return match?.[1] ? Number(match[1].replace(",", ".")) / 100 : null;
}

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  // 1 April 2026: all of March, the month the sample file covers, lies in the past.
  t = await createTestApp({ clock: settableClock("2026-04-01T08:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  await ensureContacts();
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe("the region admin on /tillganglighet", () => {
  it("sees the trend chart, the heatmap and the unit table with Swedish rates, sorts it and exports CSV", async () => {
    const page = await signIn("admin.vasternorrland");
    const main = page.locator("main");

    // The charts draw on canvas, each with a spoken summary and a table as text alternative.
    // The trend chart, then the heatmap, which loads on its own.
    await main.locator("canvas").nth(1).waitFor();
    await main
      .getByRole("img", { name: /^Linjediagram, Region Västernorrland.*Senaste månaden med data, mars 2026/ })
      .waitFor();
    await main.getByRole("img", { name: /^Värmekarta, Alla kontakter per veckodag och timme/ }).waitFor();
    await expect(main.getByText("Diagrammets värden per månad").count()).resolves.toBe(1);

    const table = unitTable(page);
    await table.waitFor();
    const header = table.getByRole("columnheader", { name: /Telefon, SKR-jämförbar/ });
    expect(await header.getAttribute("aria-sort")).toBe("none");
    const body = table.locator("tbody");
    await body
      .getByText(/\d+,\d\s%/)
      .first()
      .waitFor();
    expect(await body.textContent()).toMatch(/\d+ av \d+/);
    expect(await table.locator("tfoot").textContent()).toContain("Hela regionen");
    // 2026's national value is not published yet: the latest one is shown, with its year.
    await main.getByText("Nationellt referensvärde för telefon 2025: 87,5 %. Mål: 100,0 %.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Sorting: ascending, then descending, with rows in that order and withheld or empty ones last.
    const phoneRates = async () => {
      const cells = await body
        .locator("tr")
        .evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[0]?.textContent ?? ""));
      return cells.map(shareOf).filter((rate): rate is number => rate !== null);
    };
    await header.getByRole("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    const ascending = await phoneRates();
    expect(ascending.length).toBeGreaterThan(0);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await header.getByRole("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("descending");
    const descending = await phoneRates();
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));

    // The export links carry the page's selection and answer with the files.
    const csvHref = await main.getByRole("link", { name: "Exportera CSV" }).getAttribute("href");
    expect(csvHref).toContain("format=csv");
    expect(csvHref).toContain("from=2026-01-01");
    expect(csvHref).toContain("to=2026-03-31");
    const csv = await page.request.get(`${baseUrl}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).split("\n")[0]).toContain("phone.rate");
    const xlsxHref = await main.getByRole("link", { name: "Exportera Excel" }).getAttribute("href");
    const xlsx = await page.request.get(`${baseUrl}${xlsxHref}`);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");

    // The admin's menu has the import, forecast and reference pages.
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    for (const name of ["Tillgänglighet", "Prognos", "Import", "Referensvärden"]) {
      await nav.getByRole("link", { name }).waitFor();
    }
    await page.close();
  });
});

describe("the committee member on /tillganglighet", () => {
  it("sees the same aggregates with figures from fewer than 20 contacts withheld and explained", async () => {
    const page = await signIn("utskott.vasternorrland");
    const main = page.locator("main");
    await main.locator("canvas").first().waitFor();
    const table = unitTable(page);
    await table.waitFor();

    // The API withholds small figures for this user; the page shows them as "–" with the reason.
    const answer = await page.request.get(
      `${baseUrl}/api/stats/accessibility?region=${REGION}&from=2026-01-01&to=2026-03-31&by=month`,
    );
    const json = await answer.json();
    expect(json.suppressed).toBe(true);
    await main.getByText("Du ser sammanställda siffror").waitFor();
    await main.getByText("Färre än 20 kontakter – visas inte").first().waitFor();
    expect(await table.locator("tbody").textContent()).toContain("–");
    await main.getByText("Vita rutor: färre än 20 kontakter – visas inte.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Aggregates only: no pages about contacts or administration in the menu.
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    await nav.getByRole("link", { name: "Tillgänglighet" }).waitFor();
    expect(await nav.getByRole("link", { name: "Import" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Prognos" }).count()).toBe(0);
    // Typing the address of an admin page leads back to the start page: the committee's overview.
    await page.goto(`${baseUrl}/import`);
    await page.getByRole("heading", { level: 1, name: "Översikt för primärvårdsutskottet" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/oversikt");
    await page.close();
  });
});

describe("the region admin on /import, /prognos and /referensvarden", () => {
  it("uploads a contact file and sees the summary and each rejected row with its line and reason", async () => {
    const page = await signIn("admin.vasternorrland");
    const unit = await t.ctx.db
      .selectFrom("units")
      .select("hsa_id")
      .where("region_code", "=", REGION)
      .where("type", "=", "halsocentral")
      .orderBy("hsa_id")
      .executeTakeFirstOrThrow();
    const header = readFileSync(SAMPLE_CONTACTS, "utf8").split("\n")[0];
    const csv = [
      header,
      `ui-1,${unit.hsa_id},phone,2026-03-10T09:00:00+01:00,answered,2026-03-10T09:02:00+01:00,2026-03-10T09:05:00+01:00,false,,,false`,
      "ui-2,SE0000000000-X9999,phone,2026-03-10T09:00:00+01:00,answered,,,false,,,false",
    ].join("\n");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Import" }).click();
    await page.getByRole("heading", { level: 1, name: "Importera kontakter" }).waitFor();
    await page.locator("input[type=file]").setInputFiles({
      name: "kontakter.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${csv}\n`),
    });
    await page.getByRole("button", { name: "Importera" }).click();
    await page.getByText("Importen är klar, men några rader avvisades").waitFor();
    const summary = page.getByRole("table").filter({ hasText: "Sammanfattning" });
    expect(await summary.getByRole("row", { name: /Lästa rader/ }).textContent()).toContain("2");
    expect(await summary.getByRole("row", { name: /Nya kontakter/ }).textContent()).toContain("1");
    const rejections = page.getByRole("table").filter({ hasText: "Varje avvisad rad" });
    const rejected = rejections.locator("tbody tr");
    expect(await rejected.count()).toBe(1);
    expect(await rejected.locator("td").first().textContent()).toBe("3");
    expect(await rejected.locator("td").nth(1).textContent()).toContain("SE0000000000-X9999");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("sees tomorrow's forecast per unit with a worded risk and the backtest error", async () => {
    const page = await signIn("admin.vasternorrland");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Prognos" }).click();
    await page.getByRole("heading", { level: 1, name: "Prognos" }).waitFor();
    // The server's clock says 1 April 2026: the forecast is for the day after.
    await page.getByText("Prognos för torsdag 2 april 2026").waitFor();
    await page.getByText("Så träffsäker är prognosen").waitFor();
    const table = page.getByRole("table").filter({ hasText: "Prognos per enhet" });
    await table.locator("tbody tr").first().waitFor();
    expect(await table.locator("tbody").textContent()).toMatch(/(Låg|Viss|Hög) risk/);
    expect(await axeViolations(page)).toEqual([]);
    await table
      .getByRole("button", { name: /Visa per timme/ })
      .first()
      .click();
    await page.getByRole("img", { name: /^Stapeldiagram, förväntade kontakter per timme/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Another day through the date field, which keeps the choice in the address.
    const dateField = page.getByLabel("Datum");
    expect(await dateField.inputValue()).toBe("2026-04-02");
    await dateField.fill("2026-04-07");
    await page.waitForURL((url) => url.searchParams.get("date") === "2026-04-07");
    await page.getByText("Prognos för tisdag 7 april 2026").waitFor();
    await table.locator("tbody tr").first().waitFor();
    await page.close();
  });

  it("sets a year's national reference, which /tillganglighet then shows beside the rates", async () => {
    const page = await signIn("admin.vasternorrland");
    await page
      .getByRole("navigation", { name: "Huvudmeny" })
      .getByRole("link", { name: "Referensvärden" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Referensvärden" }).waitFor();
    await page.getByRole("textbox", { name: "År", exact: true }).fill("2026");
    await page.getByLabel("Nationellt referensvärde, telefon (%)").fill("88,5");
    await page.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Referensvärdet för 2026 är sparat.").waitFor();
    await page.getByRole("table").filter({ hasText: "Referensvärden per år" }).getByText("88,5 %").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/tillganglighet?from=2026-01&to=2026-03`);
    await page.getByText("Nationellt referensvärde för telefon 2026: 88,5 %. Mål: 100,0 %.").waitFor();
    await page.close();
  });
});

describe("a nurse on /tillganglighet", () => {
  it("sees her own unit's figures only, with no choice of the whole region", async () => {
    const page = await signIn("sjukskoterska.kramfors");
    const unitSelect = page.getByLabel("Enhet", { exact: true });
    await unitSelect.waitFor();
    const options = await unitSelect.locator("option").allTextContents();
    expect(options).toEqual(["Kramfors hälsocentral"]);
    await unitTable(page).waitFor();
    expect(await unitTable(page).textContent()).toContain("Kramfors hälsocentral");
    expect(await axeViolations(page)).toEqual([]);
    // The export is for her unit alone.
    const csvHref = await page.getByRole("link", { name: "Exportera CSV" }).getAttribute("href");
    expect(new URLSearchParams(csvHref?.split("?")[1]).get("unit")).toMatch(/^SE/);
    await page.close();
  });
});
