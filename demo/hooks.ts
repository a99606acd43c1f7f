import type { DemoHooks } from "../src/lib/demo-hooks.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { DEMO_PASSWORD } from "./accounts.ts";
import { loadDemoContactHistory, startDemoContactHistory } from "./history.ts";
import { startDemoListingHistory } from "./listing.ts";
import { startLiveDemo } from "./live-day.ts";
import { loadDemoData } from "./load.ts";
import { loadDemoPromises } from "./promises.ts";
import { runSimulation } from "./simulate.ts";

/** The demo generators as the server and the CLI take them (wired in src/main.ts and src/cli/main.ts). */
export const demoHooks: DemoHooks = {
  demoPassword: DEMO_PASSWORD,
  async load(ctx, { contacts, when = "complete", onProgress }) {
    if (when === "first-start")
      return loadDemoData(ctx, { contacts, staffing: "later", listingChanges: "later" });
    const summary = await loadDemoData(ctx, { contacts, listingHistory: "all" });
    // The older history (from 2023-01, for the grant's before/during comparison), at the default scale.
    const contactHistory =
      contacts === "none"
        ? null
        : await loadDemoContactHistory(ctx, {
            onProgress: (n) => onProgress?.(`contact history, ${n} contacts…`),
          });
    return { ...summary, contactHistory };
  },
  async refresh(ctx) {
    // Promises came with migration 0009: a demo database from before gets them on its next start.
    const demoRegions = await ctx.db
      .selectFrom("regions")
      .select("code")
      .where("is_demo", "=", true)
      .execute();
    await loadDemoPromises(
      ctx,
      systemActor("demo-loader"),
      demoRegions.map((r) => r.code),
    );
  },
  startBackground(ctx) {
    // The listing history first: staffing's coarse listing then fills only months still without any.
    const listingHistory = startDemoListingHistory(ctx);
    const contactHistory = startDemoContactHistory(ctx, { after: listingHistory.done });
    return {
      async stop() {
        await Promise.all([listingHistory.stop(), contactHistory.stop()]);
      },
    };
  },
  startLive: (ctx) => startLiveDemo(ctx),
  simulate: (ctx, options) => runSimulation(ctx, options),
};
