import { PgBoss } from "pg-boss";
import type { ServiceContext } from "../lib/context.ts";
import type { NotificationAdapter } from "../modules/notifications/adapters/index.ts";
import { bossDatabaseOverKysely } from "./boss-db.ts";
import { DEADLINE_SWEEP_JOB, runDeadlineSweep } from "./deadline-sweep.ts";
import {
  DEFAULT_DISPATCH_POLICY,
  type DispatchPolicy,
  drainOutbox,
  OUTBOX_DISPATCH_JOB,
} from "./outbox-dispatch.ts";

export interface JobsOptions {
  ctx: ServiceContext;
  /** PostgreSQL: pg-boss opens its own small pool here. Absent (PGlite): pg-boss runs over ctx.db. */
  databaseUrl?: string | undefined;
  adapter: NotificationAdapter;
  atRiskMinutes: number;
  dispatchPolicy?: DispatchPolicy;
  /** How often this process asks for a dispatch run; pg-boss collapses the asks into one queued job. */
  nudgeIntervalMs?: number;
}

export interface JobsHandle {
  boss: PgBoss;
  /** Asks for a dispatch run now (also done every nudgeIntervalMs). */
  nudgeDispatch(): Promise<void>;
  /** Stops polling, lets running jobs finish (bounded), closes the adapter. Idempotent. */
  stop(): Promise<void>;
}

const STOCKHOLM = "Europe/Stockholm";

/**
 * The background jobs on pg-boss: the outbox dispatcher and the deadline sweep, each a pg-boss queue with a
 * cron schedule (every minute, so one runs even when every process was restarted) and the `short` policy
 * (at most one queued job per queue across all server processes). The dispatcher is also
 * nudged every few seconds so a receipt goes out within seconds of the 201. The outbox table stays the source
 * of truth: a lost pg-boss job loses nothing, the next run claims whatever is due.
 */
export async function startJobs(options: JobsOptions): Promise<JobsHandle> {
  const { ctx, adapter } = options;
  const policy = options.dispatchPolicy ?? DEFAULT_DISPATCH_POLICY;
  const boss = options.databaseUrl
    ? new PgBoss({ connectionString: options.databaseUrl, max: 4, application_name: "vardnav-jobs" })
    : new PgBoss({ db: bossDatabaseOverKysely(ctx.db), backend: "pglite" });
  boss.on("error", (error) => ctx.logger.error({ err: error }, "job queue error"));
  await boss.start();

  // `short`: at most one job waits in each queue, so the nudges of many processes collapse into one; any number
  // may run (claims skip locked rows), so a job left active by a killed process blocks nothing.
  const queueOptions = { policy: "short", retryLimit: 0, expireInSeconds: 300 } as const;
  await boss.createQueue(OUTBOX_DISPATCH_JOB, queueOptions);
  await boss.createQueue(DEADLINE_SWEEP_JOB, queueOptions);

  await boss.work(OUTBOX_DISPATCH_JOB, { pollingIntervalSeconds: 1 }, async () => {
    const result = await drainOutbox(ctx, adapter, policy);
    if (result.claimed > 0) ctx.logger.debug(result, "outbox dispatched");
  });
  await boss.work(DEADLINE_SWEEP_JOB, { pollingIntervalSeconds: 5 }, async () => {
    await runDeadlineSweep(ctx, { atRiskMinutes: options.atRiskMinutes });
  });
  await boss.schedule(OUTBOX_DISPATCH_JOB, "* * * * *", null, { tz: STOCKHOLM });
  await boss.schedule(DEADLINE_SWEEP_JOB, "* * * * *", null, { tz: STOCKHOLM });

  const nudgeDispatch = async () => {
    try {
      await boss.send(OUTBOX_DISPATCH_JOB, null);
    } catch (error) {
      ctx.logger.warn({ err: error }, "could not queue an outbox dispatch");
    }
  };
  const timer = setInterval(() => void nudgeDispatch(), options.nudgeIntervalMs ?? 2000);
  timer.unref();
  void nudgeDispatch();

  let stopping: Promise<void> | null = null;
  return {
    boss,
    nudgeDispatch,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await boss.stop({ graceful: true, timeout: 15_000 });
        await adapter.close();
      })();
      return stopping;
    },
  };
}
