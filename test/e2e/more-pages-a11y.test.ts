import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loginAs, settableClock } from "../support/app.ts";
import { axeViolations } from "../support/browser.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser-app.ts";

// The pages no other browser test visits, checked against WCAG 2.1 A and AA with axe-core: the
// reimbursement follow-up with an approved month, a model version, and the English interface.

let app: BrowserApp;
let modelRowId: number;

beforeAll(async () => {
  // Thursday 2 April 2026: March is over and can be paid.
  app = await startBrowserApp({ clock: settableClock("2026-04-02T08:00:00Z") });
  const admin = await loginAs(app.t.app, "admin.vasternorrland", DEMO_PASSWORD);
  const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrfToken };
  const run = await app.t.app.inject({
    method: "POST",
    url: "/api/reimbursement/runs",
    headers,
    payload: { region: "22", month: "2026-03" },
  });
  expect(run.statusCode, run.body).toBe(201);
  const approved = await app.t.app.inject({
    method: "POST",
    url: `/api/reimbursement/runs/${run.json().id}/approve`,
    headers,
    payload: {},
  });
  expect(approved.statusCode, approved.body).toBe(200);
  modelRowId = run.json().modelRowId;
});
afterAll(async () => {
  await app?.close();
});

describe("pages no other browser test visits", () => {
  it("the follow-up of 2026: the approved March per unit and the budget lines", async () => {
    const { context, page } = await app.signIn("admin.vasternorrland", "/ersattning/uppfoljning?year=2026");
    await page.getByRole("heading", { level: 1, name: "Uppföljning av ersättningen" }).waitFor();
    const table = page
      .getByRole("table")
      .filter({ has: page.getByRole("rowheader", { name: "Kramfors hälsocentral" }) });
    await table.waitFor();
    await page.locator("#budget-heading").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("a model version with its components", async () => {
    const { context, page } = await app.signIn("admin.vasternorrland", `/ersattning/modeller/${modelRowId}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByText("vasternorrland-2026").first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("the units page in English", async () => {
    const { context, page } = await app.signIn("admin.vasternorrland", "/enheter");
    await page.getByRole("heading", { level: 1, name: "Enheter" }).waitFor();
    await page.getByRole("button", { name: /English/ }).click();
    await page.getByRole("heading", { level: 1, name: "Units" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
