import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Debian's Chromium, headless. The background-networking flags matter: without them Chromium keeps
 * trying to reach Google's hosts, which this closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install -y chromium).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

const AXE_SOURCE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** One axe-core violation, trimmed to what a failing assertion needs to name the problem. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and returns the violations. Tests
 * assert the list is empty, so a failure prints each rule and the elements that break it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
  // (an injected <script> tag would be refused by script-src 'self', as it should be).
  await page.evaluate(readFileSync(AXE_SOURCE_PATH, "utf8"));
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    // biome-ignore lint/suspicious/noExplicitAny: axe's result shape, read in the page.
    return result.violations.map((violation: any) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      // biome-ignore lint/suspicious/noExplicitAny: axe's node shape, read in the page.
      targets: violation.nodes.map((node: any) => String(node.target.join(" "))),
    }));
  });
}
