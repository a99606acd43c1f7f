import type { DemoHooks } from "../src/lib/demo-hooks.ts";
import { startLiveDemo } from "./live-day.ts";
import { loadDemoData } from "./load.ts";
import { runSimulation } from "./simulate.ts";

/** The demo generators as the server and the CLI take them (wired in src/main.ts and src/cli/main.ts). */
export const demoHooks: DemoHooks = {
  load: (ctx, options) => loadDemoData(ctx, options),
  startLive: (ctx) => startLiveDemo(ctx),
  simulate: (ctx, options) => runSimulation(ctx, options),
};
