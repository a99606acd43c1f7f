import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { WEB_DIST_DIR } from "../../src/app.ts";
import { createTestApp, settableClock, type TestApp } from "../support/app.ts";
import { axeViolations, launchChromium } from "../support/browser.ts";

// The reimbursement pages against the real server (built web app, API, database with the demo models and
// inputs loaded) in a real browser: the region admin's month from run to approval, the downloads, and the
// scenario comparison of the 2025 and 2026 models.
let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST_DIR}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  // Thursday 2 April 2026: March is over and can be paid.
  t = await createTestApp({ clock: settableClock("2026-04-02T08:00:00Z"), webDistDir: WEB_DIST_DIR });
  await loadDemoData(t.ctx);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
});
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

/** The value of the one option whose text contains `text` (option labels carry the model id and version). */
async function optionValue(select: Locator, text: string): Promise<string> {
  const options = await select
    .locator("option")
    .evaluateAll((nodes) =>
      nodes.map((node) => ({ value: (node as HTMLOptionElement).value, label: node.textContent ?? "" })),
    );
  const matches = options.filter((option) => option.label.includes(text));
  expect(matches, `one option containing "${text}" among ${JSON.stringify(options)}`).toHaveLength(1);
  return matches[0]?.value ?? "";
}

describe("the demo region admin in the browser", () => {
  let context: BrowserContext;
  let page: Page;
  let runPath: string;

  beforeAll(async () => {
    context = await browser.newContext();
    page = await signIn(context, "admin.vasternorrland", "/ersattning");
    await page.getByRole("heading", { level: 1, name: "Vårdvalsersättning" }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
  });

  it("sees the demo models with their validity", async () => {
    const models = page.getByRole("table", { name: /Modellversioner i Region Västernorrland/ });
    await models.getByText("vasternorrland-2026", { exact: true }).waitFor();
    expect(await models.textContent()).toContain("2025-01 – 2025-12");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("shows an invalid model file's problems with their JSON paths", async () => {
    const invalid = {
      id: "vasternorrland-2026",
      name: "Felaktig",
      validFrom: "2026-13",
      validTo: null,
      components: [{ id: "glesbygd", type: "pool", label: "Glesbygd", annualAmount: "1.005", key: "listed" }],
    };
    await page.locator("input[type=file]").setInputFiles({
      name: "modell.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(invalid)),
    });
    await page.getByRole("button", { name: "Ladda upp" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Modellen kunde inte sparas" });
    await alert.waitFor();
    const paths = await alert.locator("code").allTextContents();
    expect(paths).toEqual(["validFrom", "components[0].annualAmount"]);
    // Nothing was stored: still one version of the 2026 model.
    const models = page.getByRole("table", { name: /Modellversioner i Region Västernorrland/ });
    expect(await models.getByText("vasternorrland-2026", { exact: true }).count()).toBe(1);
  });

  it("uploads a what-if model as a scenario, which a payment run never offers", async () => {
    const list = (await (
      await context.request.get(`${baseUrl}/api/reimbursement/models?region=22`)
    ).json()) as {
      models: { id: number; modelId: string }[];
    };
    const base2026 = list.models.find((m) => m.modelId === "vasternorrland-2026");
    const detail = (await (
      await context.request.get(`${baseUrl}/api/reimbursement/models/${base2026?.id}`)
    ).json()) as { model: { components: { id: string; annualAmount?: string }[] } & Record<string, unknown> };
    const whatIf = {
      ...detail.model,
      id: "vasternorrland-2026-glesbygd-60",
      name: "Vad händer om glesbygd blir 60 MSEK (demo)",
      components: detail.model.components.map((c) =>
        c.id === "glesbygd" ? { ...c, annualAmount: "60000000.00" } : c,
      ),
    };
    await page.locator("input[type=file]").setInputFiles({
      name: "glesbygd-60.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(whatIf)),
    });
    await page.getByRole("combobox", { name: "Används för" }).selectOption("scenario");
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await page.getByText("vasternorrland-2026-glesbygd-60 version 1 är sparad.").waitFor();

    const models = page.getByRole("table", { name: /Modellversioner i Region Västernorrland/ });
    const row = models
      .getByRole("row")
      .filter({ has: page.getByText("vasternorrland-2026-glesbygd-60", { exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain("Scenario");
    const runModels = await page
      .getByRole("combobox", { name: "Modell", exact: true })
      .locator("option")
      .allTextContents();
    expect(runModels.some((label) => label.includes("vasternorrland-2026 v1"))).toBe(true);
    expect(runModels.some((label) => label.includes("glesbygd-60"))).toBe(false);
  });

  it("runs March 2026 for Västernorrland and sees the result per unit in kronor", async () => {
    await page.getByRole("textbox", { name: "Månad", exact: true }).fill("2026-03");
    await page.getByRole("button", { name: "Kör beräkning" }).click();
    await page.getByRole("heading", { level: 1, name: "Beräkning mars 2026" }).waitFor();
    runPath = new URL(page.url()).pathname;
    expect(runPath).toMatch(/^\/ersattning\/korningar\/\d+$/);
    await page.getByText("Utkast", { exact: true }).waitFor();

    const table = page.getByRole("table", { name: /Ersättning mars 2026 per enhet och komponent/ });
    const kramfors = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Kramfors hälsocentral" }) });
    await kramfors.waitFor();
    // Whole öre as Swedish kronor: no-break spaces between thousands, a decimal comma and "kr".
    expect(await kramfors.textContent()).toMatch(/\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0kr/);
    expect(await table.getByRole("columnheader", { name: "Glesbygdsersättning" }).count()).toBe(1);
    expect(await page.locator("body").textContent()).toMatch(/[0-9a-f]{64}/); // the inputs hash
    expect(await axeViolations(page)).toEqual([]);
  });

  it("approves the run after confirming, and it is locked", async () => {
    await page.getByRole("button", { name: "Godkänn" }).click();
    const dialog = page.getByRole("dialog", { name: "Godkänna beräkningen?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Godkänn" }).click();
    await page.getByText("Godkänd – låst", { exact: true }).first().waitFor();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByRole("button", { name: "Godkänn" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("downloads Kramfors hälsocentral's specification as PDF and the run as Excel", async () => {
    const pdfLink = page.getByRole("link", {
      name: "Utbetalningsspecifikation för Kramfors hälsocentral (PDF)",
    });
    const pdfHref = await pdfLink.getAttribute("href");
    expect(pdfHref).toMatch(/^\/api\/reimbursement\/runs\/\d+\/units\/[^/]+\/specification\.pdf$/);
    // The browser context's request client sends the session cookie like a click would.
    const pdf = await context.request.get(`${baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const excelHref = await page.getByRole("link", { name: "Ladda ned Excel" }).getAttribute("href");
    expect(excelHref).toMatch(/^\/api\/reimbursement\/runs\/\d+\/export\.xlsx$/);
    const excel = await context.request.get(`${baseUrl}${excelHref}`);
    expect(excel.status()).toBe(200);
    expect(excel.headers()["content-type"]).toMatch(
      /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
    );
    // An .xlsx file is a zip archive.
    expect((await excel.body()).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("lists the approved run on the overview", async () => {
    await page.getByRole("link", { name: "Tillbaka till modeller och beräkningar" }).click();
    const runs = page.getByRole("table", { name: /Beräkningar för Region Västernorrland/ });
    const march = runs
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Beräkning mars 2026" }) });
    await march.waitFor();
    expect(await march.textContent()).toContain("Godkänd – låst");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("compares the 2025 and 2026 models for March 2026 side by side", async () => {
    await page.goto(`${baseUrl}/ersattning/scenarier`);
    await page.getByRole("heading", { level: 1, name: "Scenarier" }).waitFor();
    await page.getByRole("textbox", { name: "Månad", exact: true }).fill("2026-03");
    const modelA = page.getByRole("combobox", { name: "Modell A" });
    const modelB = page.getByRole("combobox", { name: "Modell B" });
    await modelA.selectOption(await optionValue(modelA, "vasternorrland-2025 v"));
    await modelB.selectOption(await optionValue(modelB, "vasternorrland-2026 v"));
    await page.getByRole("button", { name: "Jämför" }).click();

    const perComponent = page.getByRole("table", { name: /Summa per komponent, mars 2026/ });
    await perComponent.waitFor();
    expect(await perComponent.getByRole("columnheader", { name: "Skillnad (B − A)" }).count()).toBe(1);
    // Home-care visits are new in 2026: nothing under A, a positive difference under B.
    const homeVisits = perComponent
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Hemsjukvårdsbesök" }) });
    const cells = await homeVisits.getByRole("cell").allTextContents();
    expect(cells[0]).toBe("0,00\u00a0kr");
    expect(cells[2]).toMatch(/^\+\d/);
    // Glesbygd grows from 49 to 54 MSEK a year. 49 MSEK ÷ 12 leaves 4 öre over, which go to the first four
    // months (largest remainder, ties to the earlier month): March 2025-model pays 4 083 333,34 kr, the
    // 2026 model exactly 4 500 000,00 kr.
    const rural = perComponent
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Glesbygdsersättning" }) });
    expect(await rural.getByRole("cell").allTextContents()).toEqual([
      "4\u00a0083\u00a0333,34\u00a0kr",
      "4\u00a0500\u00a0000,00\u00a0kr",
      "+416\u00a0666,66\u00a0kr",
    ]);

    const perUnit = page.getByRole("table", { name: /Per enhet och komponent, mars 2026/ });
    expect(await perUnit.getByRole("rowheader", { name: "Summa Kramfors hälsocentral" }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const csvHref = await page.getByRole("link", { name: "Ladda ned CSV" }).getAttribute("href");
    const csv = await context.request.get(`${baseUrl}${csvHref}`);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toBe("unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore");
  });
});

describe("a demo unit manager in the browser", () => {
  it("reports April 2026's multimorbid patients and home-care visits for Kramfors hälsocentral", async () => {
    const context = await browser.newContext();
    try {
      const page = await signIn(context, "chef.kramfors", "/ersattning/rapportering?month=2026-04");
      await page.getByRole("heading", { level: 1, name: "Rapportering till ersättningen" }).waitFor();
      // Only the manager's own unit is offered.
      const unit = page.getByRole("combobox", { name: "Enhet" });
      expect(await unit.locator("option").allTextContents()).toEqual(["Kramfors hälsocentral"]);
      await page.getByLabel("Identifierade multisjuka patienter").fill("37");
      await page.getByLabel("Hemsjukvårdsbesök").fill("112");
      await page.getByRole("button", { name: "Spara" }).click();
      await page.getByText("Sparat.", { exact: true }).waitFor();

      // Stored: a fresh load of the page shows the saved figures.
      await page.reload();
      await page.getByText(/Senast sparad .* av chef\.kramfors/).waitFor();
      expect(await page.getByLabel("Identifierade multisjuka patienter").inputValue()).toBe("37");
      expect(await page.getByLabel("Hemsjukvårdsbesök").inputValue()).toBe("112");
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
