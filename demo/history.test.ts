import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSetting } from "../src/lib/settings.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { createTestContext } from "../test/support/app.ts";
import { loadDemoContactHistory } from "./history.ts";
import { generateDemoRegionFiles } from "./regions.ts";

// The background history load: stopped part-way it does not mark itself done (the next start loads it
// again, idempotently); run through, it is marked done and the contacts reach back to 2023-01.
let t: Awaited<ReturnType<typeof createTestContext>>;
const files = generateDemoRegionFiles().filter((f) => f.region.code === "22");
beforeAll(async () => {
  t = await createTestContext();
  for (const file of files)
    await importRegionFile(t.ctx, systemActor("test"), file, { isDemo: true, purpose: "test" });
}, 120_000);
afterAll(async () => {
  await t?.database.close();
});

describe("demo contact history", () => {
  it("stops when asked without marking itself done, then completes and marks it", async () => {
    let chunks = 0;
    const stopped = await loadDemoContactHistory(t.ctx, {
      files,
      scale: 0.002,
      shouldStop: () => ++chunks > 2,
    });
    expect(stopped.complete).toBe(false);
    expect(await readSetting(t.ctx.db, "demo_contact_history_loaded_at")).toBeUndefined();
    const done = await loadDemoContactHistory(t.ctx, { files, scale: 0.002 });
    expect(done.complete).toBe(true);
    expect(await readSetting(t.ctx.db, "demo_contact_history_loaded_at")).toBeDefined();
    const span = await t.ctx.db
      .selectFrom("stats_unit_day")
      .select((eb) => [eb.fn.min("day").as("first"), eb.fn.max("day").as("last")])
      .where("region_code", "=", "22")
      .executeTakeFirstOrThrow();
    expect(String(span.first).slice(0, 7)).toBe("2023-01");
    expect(String(span.last) <= "2025-11-01").toBe(true);
    // Loaded twice over the stopped part: still one contact per id.
    const duplicates = await t.ctx.db
      .selectFrom("contact_index")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .groupBy(["unit_id", "external_id"])
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    expect(duplicates).toEqual([]);
  }, 600_000);
});
