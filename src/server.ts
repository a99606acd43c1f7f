import type { FastifyInstance } from "fastify";
import pino from "pino";
import pretty from "pino-pretty";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { DEFAULT_DISPATCH_POLICY } from "./jobs/outbox-dispatch.ts";
import { startJobs } from "./jobs/runner.ts";
import type { DemoHooks } from "./lib/demo-hooks.ts";
import { readSetting, writeSetting } from "./lib/settings.ts";
import { appendPendingAudit } from "./modules/audit/audit.service.ts";
import { createNotificationAdapter } from "./modules/notifications/adapters/index.ts";
import { assertProductionReady, demoAllowed } from "./production.ts";
import { openRuntime, type Runtime, redactingStream } from "./runtime.ts";

/**
 * JSON lines for log collectors; in a terminal, pino-pretty's readable lines instead (synchronously, so
 * nothing is lost when the process exits).
 */
export function createLogger(
  level: Config["LOG_LEVEL"],
  terminal: boolean,
  destination: NodeJS.WritableStream = process.stdout,
): pino.Logger {
  // Every line passes the status-token redaction on its way out, whatever logged it (request URLs,
  // errors, adapters): the token is a credential and logs are kept and shipped.
  const redacted = redactingStream(destination);
  if (!terminal) return pino({ level }, redacted);
  return pino(
    { level },
    pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", destination: redacted }),
  );
}

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
export async function startServer(
  config: Config,
  options: {
    demo: boolean;
    demoHooks?: DemoHooks | undefined;
    /**
     * Migrations and background jobs (default true). False for a cluster follower (src/cluster.ts): the
     * leader has migrated before followers start, and jobs run once per cluster.
     */
    background?: boolean;
  },
): Promise<StartedServer> {
  const background = options.background !== false;
  // Production never loads the demo (src/production.ts), whatever the command line says.
  const demo = demoAllowed(config, options.demo) ? (options.demoHooks ?? null) : null;
  const pinoLogger = createLogger(config.LOG_LEVEL, process.stdout.isTTY === true);
  if (options.demo && !demo && config.NODE_ENV === "production") {
    pinoLogger.info("NODE_ENV=production: the demo is not loaded");
  }
  const runtime = await openRuntime(config, { purpose: "server", logger: pinoLogger, migrate: background });
  const { ctx } = runtime;
  try {
    await assertProductionReady(ctx, config, options.demoHooks);
    const initialized = await readSetting<string>(ctx.db, "initialized_at");
    if (!initialized) {
      if (demo) {
        pinoLogger.info(
          "Empty database: loading the demo regions Västernorrland and Västerbotten (demo data, no real people)…",
        );
        // Staffing, listing changes, the older listing months and the older contact history follow in
        // the background once the server answers.
        const summary = await demo.load(ctx, { contacts: "default", when: "first-start" });
        pinoLogger.info(summary, "demo data loaded");
      }
      await writeSetting(ctx.db, "initialized_at", ctx.clock.now().toString(), ctx.clock);
    } else if (demo) {
      // A demo database from an earlier version gets what that version lacked (promises, …).
      await demo.refresh(ctx);
    }
    const app = await buildApp({ ctx, config, loggerInstance: pinoLogger });
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    // Background jobs (outbox dispatcher, deadline sweep) on pg-boss; stopped before the database closes.
    const jobs = background
      ? await startJobs({
          ctx,
          databaseUrl: config.DATABASE_URL,
          adapter: createNotificationAdapter(config, pinoLogger),
          atRiskMinutes: config.CONTACT_AT_RISK_MINUTES,
          dispatchPolicy: {
            ...DEFAULT_DISPATCH_POLICY,
            backoffBaseSeconds: config.NOTIFY_RETRY_BASE_SECONDS,
            intakeLimits: {
              perPhonePerDay: config.INTAKE_MESSAGES_PER_PHONE_PER_DAY,
              perIdentityPerDay: config.INTAKE_MESSAGES_PER_IDENTITY_PER_DAY,
            },
          },
        }).catch(async (error: unknown) => {
          await app.close();
          throw error;
        })
      : null;
    // Public-intake audit entries left pending by a process that stopped before its appender ran.
    if (background) {
      appendPendingAudit(ctx).catch((error) =>
        pinoLogger.error({ err: error }, "could not append pending audit entries"),
      );
    }
    // Demo regions get a live day (demo/live-day.ts): today's contacts so far, then a gentle simulator.
    const liveDemo = demo && config.VARDNAV_DEMO_LIVE ? demo.startLive(ctx) : null;
    // The demo's older months (listing, staffing, contacts back to 2023-01) load after the server
    // answers, with progress in the log.
    const demoBackground = demo ? demo.startBackground(ctx) : null;
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        await Promise.all([liveDemo?.stop(), demoBackground?.stop()]);
        await app.close();
        await jobs?.stop();
        // This process's intakes' audit entries into the chain before the head is written and it closes.
        await appendPendingAudit(ctx).catch((error) =>
          pinoLogger.error({ err: error }, "could not append pending audit entries"),
        );
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
