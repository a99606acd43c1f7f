import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../test/support/app.ts";
import { demoAccounts } from "./accounts.ts";
import { loadDemoData } from "./load.ts";
import { generateDemoRegionFiles } from "./regions.ts";

// The generated demo through the real import path: region files accepted, every account created.
let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.database.close();
});

describe("loadDemoData", () => {
  it("imports both demo regions and every demo account, and is safe to run again", async () => {
    const files = generateDemoRegionFiles();
    const first = await loadDemoData(t.ctx);
    expect(first.regions).toEqual(
      files.map((f) => ({ code: f.region.code, name: f.region.name, units: f.units.length })),
    );
    expect(first.accounts).toBe(demoAccounts(files).length);
    const again = await loadDemoData(t.ctx);
    expect(again.accounts).toBe(0);
  });
});
