import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { createTestContext, type settableClock } from "../test/support/app.ts";
import { demoAccounts } from "./accounts.ts";
import { loadDemoListingChanges, simulateDemoListing } from "./listing.ts";
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
    // Listing changes 2023-01 … the clock's month (March 2026), loaded once.
    expect(first.listingChanges).toBeGreaterThan(10_000);
    const again = await loadDemoData(t.ctx);
    expect(again.accounts).toBe(0);
    expect(again.listingChanges).toBe(0);
  });

  it("adds the listing changes of a month that has begun since, and only those", async () => {
    const files = generateDemoRegionFiles();
    (t.ctx.clock as ReturnType<typeof settableClock>).set("2026-04-15T08:00:00Z");
    const added = await loadDemoListingChanges(t.ctx, systemActor("test"), files);
    const april = simulateDemoListing(files, "2026-04").changes.filter((c) => c.month === "2026-04");
    expect(added).toBe(april.length);
    const months = await t.ctx.db
      .selectFrom("listing_changes")
      .select("month")
      .distinct()
      .orderBy("month")
      .execute();
    expect(months[0]?.month).toBe("2023-01");
    expect(months.at(-1)?.month).toBe("2026-04");
  });
});
