import type { ServiceContext } from "../src/lib/context.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { findUserByUsername } from "../src/modules/auth/auth.repository.ts";
import { addUser } from "../src/modules/auth/users.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { DEMO_PASSWORD, demoAccounts } from "./accounts.ts";
import { generateDemoRegionFiles } from "./regions.ts";

export interface DemoLoadSummary {
  regions: { code: string; name: string; units: number }[];
  accounts: number;
}

/**
 * Loads the demo regions and their accounts through the same services a region admin uses, so the demo
 * exercises the real import path. Safe to run again: units are matched by HSA-id, existing accounts kept.
 */
export async function loadDemoData(ctx: ServiceContext): Promise<DemoLoadSummary> {
  const actor = systemActor("demo-loader");
  const files = generateDemoRegionFiles();
  const regions: DemoLoadSummary["regions"] = [];
  for (const file of files) {
    const summary = await importRegionFile(ctx, actor, file, { isDemo: true, purpose: "demo load" });
    regions.push({ code: summary.region.code, name: summary.region.name, units: file.units.length });
  }
  let accounts = 0;
  for (const account of demoAccounts(files)) {
    if (await findUserByUsername(ctx.db, account.username)) continue;
    await addUser(ctx, actor, { ...account, password: DEMO_PASSWORD }, "demo load");
    accounts += 1;
  }
  return { regions, accounts };
}
