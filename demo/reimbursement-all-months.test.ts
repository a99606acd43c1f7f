import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { approveRun, budgetFollowUp, createRun } from "../src/modules/reimbursement/reimbursement.service.ts";
import { createTestContext } from "../test/support/app.ts";
import { loadDemoData } from "./load.ts";
import { DEMO_REIMBURSEMENT_MONTHS } from "./reimbursement.ts";

// The full demo period in the database: every month of both regions runs with its own model, nothing
// assumed (no missing report, rural points or rate), and the year's budget follow-up adds up.
let t: Awaited<ReturnType<typeof createTestContext>>;
const actor = systemActor("test");

beforeAll(async () => {
  t = await createTestContext();
  await loadDemoData(t.ctx, { reimbursement: "all" });
}, 600_000);
afterAll(async () => {
  await t?.database.close();
});

describe("demo reimbursement, every month", () => {
  it.each(["22", "24"])(
    "region %s runs every month of the demo period from complete inputs",
    async (region) => {
      for (const month of DEMO_REIMBURSEMENT_MONTHS) {
        const run = await createRun(t.ctx, actor, { region, month }, "test");
        expect(run.notes, `${region} ${month}`).toEqual([]);
        expect(run.modelId).toBe(
          region === "22" ? `vasternorrland-${month.slice(0, 4)}` : "vasterbotten-2025-2026",
        );
        expect(BigInt(run.totalOre) > 0n).toBe(true);
        if (month.startsWith("2026")) await approveRun(t.ctx, actor, run.id, "test");
      }
    },
    600_000,
  );

  it("follows the 2026 budget of Västernorrland over the approved year", async () => {
    const budget = await budgetFollowUp(t.ctx, actor, "22", "2026");
    expect(budget.months).toHaveLength(12);
    const line = (id: string) => budget.components.find((c) => c.component === id);
    // Pools are paid in full over a whole year when every month has someone with a key.
    expect(line("glesbygd")).toMatchObject({
      annualOre: "5400000000",
      yearToDateOre: "5400000000",
      share: "1.0000",
    });
    expect(line("multisjuka")).toMatchObject({ yearToDateOre: "700000000", unallocatedOre: "0" });
    expect(line("riktad-bemanning")).toMatchObject({ annualOre: "750000000", yearToDateOre: "750000000" });
    const home = line("hemsjukvard");
    expect(home?.annualOre).toBe("850000000");
    expect(home?.warning === null).toBe(!home?.overrun && !home?.projectedOverrun);
  }, 120_000);
});
