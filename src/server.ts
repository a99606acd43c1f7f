import type { FastifyInstance } from "fastify";
import pino from "pino";
import { startDemoContactHistory } from "../demo/history.ts";
import { startDemoListingHistory } from "../demo/listing.ts";
import { startLiveDemo } from "../demo/live-day.ts";
import { loadDemoData } from "../demo/load.ts";
import { loadDemoPromises } from "../demo/promises.ts";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { startJobs } from "./jobs/runner.ts";
import { readSetting, writeSetting } from "./lib/settings.ts";
import { systemActor } from "./modules/audit/audit.service.ts";
import { createNotificationAdapter } from "./modules/notifications/adapters/index.ts";
import { openRuntime, type Runtime } from "./runtime.ts";

export interface StartedServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Vårdnav: database (migrated), demo data on first start unless disabled, HTTP server.
 * SIGTERM/SIGINT stop accepting connections, let running requests finish, then close the database.
 */
export async function startServer(config: Config, options: { demo: boolean }): Promise<StartedServer> {
  const pinoLogger = pino({ level: config.LOG_LEVEL });
  const runtime = await openRuntime(config, { purpose: "server", logger: pinoLogger });
  const { ctx } = runtime;
  try {
    const initialized = await readSetting<string>(ctx.db, "initialized_at");
    if (!initialized) {
      if (options.demo) {
        pinoLogger.info(
          "Empty database: loading the demo regions Västernorrland and Västerbotten (demo data, no real people)…",
        );
        // Listing changes, the older listing months, staffing and the older contact history follow in
        // the background once the server answers.
        const summary = await loadDemoData(ctx, {
          contacts: "default",
          staffing: "later",
          listingChanges: "later",
        });
        pinoLogger.info(summary, "demo data loaded");
      }
      await writeSetting(ctx.db, "initialized_at", ctx.clock.now().toString());
    } else if (options.demo) {
      // A demo database from before promises existed (migration 0009) gets them on its next start.
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
    }
    const app = await buildApp({ ctx, config, loggerInstance: pinoLogger });
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    // Background jobs (outbox dispatcher, deadline sweep) on pg-boss; stopped before the database closes.
    const jobs = await startJobs({
      ctx,
      databaseUrl: config.DATABASE_URL,
      adapter: createNotificationAdapter(config, pinoLogger),
      atRiskMinutes: config.CONTACT_AT_RISK_MINUTES,
    }).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    // Demo regions get a live day (demo/live-day.ts): today's contacts so far, then a gentle simulator.
    const liveDemo = options.demo && config.VARDNAV_DEMO_LIVE ? startLiveDemo(ctx) : null;
    // The older months of the demo listing (2023-01 on) load after the server answers, with progress in
    // the log; then staffing (whose coarse listing fills only months still without any) and the contacts
    // before the first start's thirteen months (demo/history.ts).
    const listingHistory = options.demo ? startDemoListingHistory(ctx) : null;
    const history = options.demo ? startDemoContactHistory(ctx, { after: listingHistory?.done }) : null;
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        await Promise.all([liveDemo?.stop(), listingHistory?.stop(), history?.stop()]);
        await app.close();
        await jobs.stop();
        await runtime.close();
      })();
      return stopping;
    };
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        pinoLogger.info({ signal }, "shutting down: finishing requests, then closing the database");
        stop().then(
          () => process.exit(0),
          (error) => {
            pinoLogger.error({ err: error }, "shutdown failed");
            process.exit(1);
          },
        );
      });
    }
    return { app, runtime, url: address, stop };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
