import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { addUser } from "../../src/modules/auth/users.service.ts";
import { settableClock } from "../support/app.ts";
import { axeViolations } from "../support/browser.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser-app.ts";
import {
  freePort,
  startTestProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestProvider,
} from "../support/oidc-provider.ts";

// SITHS sign-in in Chromium: Vårdnav's login page → the region's identity provider (a real oidc-provider
// started here, with its own login and consent pages) → back in Vårdnav, signed in as the account that
// carries the person's HSA-id. This provider puts the HSA-id in the ID token itself, under the claim name
// Inera's IdP uses, which OIDC_HSA_ID_CLAIM configures.

const INERA_CLAIM = "http://sambi.se/attributes/1/employeeHsaId";

let app: BrowserApp;
let idp: TestProvider;

beforeAll(async () => {
  // The callback must be registered at the provider before Vårdnav listens, so the port is chosen first.
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
  idp = await startTestProvider({
    redirectUri,
    interactions: "dev",
    claimsInIdToken: true,
    hsaIdClaim: INERA_CLAIM,
  });
  app = await startBrowserApp({
    // Monday 2 March 2026, 09:00 Stockholm.
    clock: settableClock("2026-03-02T08:00:00Z"),
    port,
    config: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
      OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_HSA_ID_CLAIM: INERA_CLAIM,
    },
  });
  const kramfors = await app.t.ctx.db
    .selectFrom("units")
    .select("hsa_id")
    .where("name", "=", "Kramfors hälsocentral")
    .executeTakeFirstOrThrow();
  // A nurse without a password: SITHS is her only way in.
  await addUser(
    app.t.ctx,
    systemActor("test"),
    {
      username: "linnea.siths",
      displayName: "Linnéa Sithsson",
      role: "staff",
      regionCode: "22",
      unitHsaIds: [kramfors.hsa_id],
      hsaId: "SE2321000016-4711",
    },
    "test",
  );
  idp.accounts.set("linnea", { [INERA_CLAIM]: "SE2321000016-4711", name: "Linnéa Sithsson" });
  idp.accounts.set("stranger", { [INERA_CLAIM]: "SE2321000016-0000", name: "Okänd" });
});
afterAll(async () => {
  await app?.close();
  await idp?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext();
  // The provider's development pages import a web font; this closed network has none to give.
  await context.route("https://fonts.googleapis.com/**", (route) => route.abort());
  return { context, page: await context.newPage() };
}

/** On the provider's own pages: any password; the login name picks the person. */
async function signInAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.href.startsWith(idp.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("SITHS sign-in in the browser", () => {
  it("signs a nurse in through the identity provider, onto her worklist", async () => {
    const { context, page } = await newPage();
    await page.goto(`${app.baseUrl}/`);
    const siths = page.getByRole("link", { name: "Logga in med SITHS-kort" });
    await siths.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await siths.click();
    await signInAtProvider(page, "linnea");
    // Back in Vårdnav, signed in: a nurse starts at today's worklist, with her name in the header.
    await page.waitForURL(`${app.baseUrl}/arbetslista`);
    await page.getByText("Inloggad som Linnéa Sithsson").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows a person whose HSA-id has no account a Swedish message on the login page", async () => {
    const { context, page } = await newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole("link", { name: "Logga in med SITHS-kort" }).click();
    await signInAtProvider(page, "stranger");
    await page.waitForURL(`${app.baseUrl}/login?oidcError=unknown_account`);
    await page.getByText("Ditt HSA-id är inte kopplat till något konto i Vårdnav").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
