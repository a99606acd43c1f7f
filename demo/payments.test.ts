import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "../src/lib/context.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { createTestContext, settableClock } from "../test/support/app.ts";
import type { TestDatabase } from "../test/support/database.ts";
import { loadDemoData } from "./load.ts";
import { approveDemoRuns } from "./payments.ts";

let ctx: ServiceContext;
let database: TestDatabase;

beforeAll(async () => {
  // Thursday 9 April 2026: March is complete, April is not.
  ({ ctx, database } = await createTestContext(settableClock("2026-04-09T08:00:00Z")));
  await loadDemoData(ctx);
});
afterAll(async () => {
  await database?.close();
});

describe("approveDemoRuns", () => {
  it("approves complete months only, leaves the showcase month, and is idempotent", async () => {
    const actor = systemActor("test");
    expect(await approveDemoRuns(ctx, actor, ["22"], ["2026-03", "2026-04"], "2026-02")).toBe(1);
    expect(await approveDemoRuns(ctx, actor, ["22"], ["2026-03", "2026-04"], "2026-02")).toBe(0);
    expect(await approveDemoRuns(ctx, actor, ["22"], ["2026-03"], "2026-03")).toBe(0);
    const runs = await ctx.db
      .selectFrom("reimbursement_runs")
      .select(["month", "status"])
      .where("region_code", "=", "22")
      .execute();
    expect(runs).toEqual([{ month: "2026-03", status: "approved" }]);
  });
});
