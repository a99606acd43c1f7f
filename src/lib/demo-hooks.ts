import type { Temporal } from "temporal-polyfill";
import type { ServiceContext } from "./context.ts";

// The demo data generators live in demo/, outside src/: nothing in src/ imports them. The entry points
// (src/main.ts, src/cli/main.ts) hand them to the server and the CLI as these hooks.

export type DemoContactVolume = "none" | "default" | "full";

export interface DemoSimulationOptions {
  regionCode: string;
  ratePerMinute: number;
  /** Stop after this many seconds; run until aborted when absent. */
  durationSeconds?: number | undefined;
  seed?: string;
  signal?: AbortSignal;
  onContact?: (
    planned: {
      at: Temporal.Instant;
      unitHsaId: string;
      phoneEvent: string | null;
      staffChannel: string | null;
    },
    result: { source: string; overflowed: boolean },
  ) => void;
}

export interface DemoLoadRequest {
  contacts: DemoContactVolume;
  /**
   * "first-start": what the server needs to answer (the older history follows in `startBackground`);
   * "complete": everything now (`vardnav demo load`, tests).
   */
  when?: "first-start" | "complete";
  onProgress?: (message: string) => void;
}

export interface DemoHooks {
  /** The demo accounts' published password: a production start refuses while any account has it. */
  demoPassword: string;
  /** Loads the demo regions, accounts and contacts through the real services; answers a summary. */
  load(ctx: ServiceContext, options: DemoLoadRequest): Promise<object>;
  /** At a later start: adds to a demo database what an earlier version did not load. */
  refresh(ctx: ServiceContext): Promise<void>;
  /** The older months of the demo (from 2023-01), loaded after the server answers; resumable. */
  startBackground(ctx: ServiceContext): { stop(): Promise<void> };
  /** Seeds today's contacts in demo regions and keeps a simulator running until stopped. */
  startLive(ctx: ServiceContext): { stop(): Promise<void> };
  /** Synthetic residents contacting a demo region's units; answers a summary. */
  simulate(ctx: ServiceContext, options: DemoSimulationOptions): Promise<object>;
}
