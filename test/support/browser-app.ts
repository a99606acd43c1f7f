import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../demo/accounts.ts";
import { loadDemoData } from "../../demo/load.ts";
import { type AppOptions, WEB_DIST_DIR } from "../../src/app.ts";
import type { Clock } from "../../src/lib/context.ts";
import { createTestApp, type TestApp } from "./app.ts";
import { launchChromium } from "./browser.ts";

/** The real server with the built web app and the demo data, listening, and Debian's Chromium. */
export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A new browser context signed in as a demo account, on `path`. */
  signIn(username: string, path: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The bootstrap of a browser test: call in beforeAll, close in afterAll. */
export async function startBrowserApp(options: {
  clock: Clock;
  webDistDir?: string;
  /** Settings beside the test defaults (SITHS sign-in's OIDC_*, …). */
  config?: Partial<AppOptions["config"]>;
  /** Listen here rather than on any free port (a redirect URI registered in advance names it). */
  port?: number;
}): Promise<BrowserApp> {
  const webDistDir = options.webDistDir ?? process.env.VARDNAV_TEST_WEB_DIST ?? WEB_DIST_DIR;
  if (!existsSync(`${webDistDir}/index.html`))
    throw new Error("web/dist is missing: run `npm run build:web` first (npm test does).");
  const t = await createTestApp({ clock: options.clock, webDistDir, config: options.config ?? {} });
  await loadDemoData(t.ctx);
  const baseUrl = await t.app.listen({ port: options.port ?? 0, host: "127.0.0.1" });
  const browser = await launchChromium();
  return {
    t,
    browser,
    baseUrl,
    async signIn(username, path) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${baseUrl}${path}`);
      await page.getByLabel("Användarnamn").fill(username);
      await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Logga in" }).click();
      return { context, page };
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
