/**
 * The demo's older contact history (2023-01 to the start of the thirteen-month span), so the targeted
 * grant's before/during comparison has data (issue 8). It is nearly three times the first start's contacts,
 * so the server loads it after it answers, in the background, logging its progress; the first start stays
 * within a minute. Done once: a setting marks it complete, and an interrupted load starts again on the next
 * start (the import is idempotent by unit and contact id, and the rollups follow by delta).
 */
import type { ServiceContext } from "../src/lib/context.ts";
import { readSetting, writeSetting } from "../src/lib/settings.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { importContacts } from "../src/modules/statistics/imports.service.ts";
import { DEFAULT_DEMO_SCALE, DEMO_HISTORY_FROM, DEMO_HISTORY_TO, demoContactsCsv } from "./contacts.ts";
import { generateDemoRegionFiles, type RegionFile } from "./regions.ts";
import { loadDemoStaffing } from "./staffing.ts";

const DONE_KEY = "demo_contact_history_loaded_at";

export interface HistoryLoad {
  /** Resolves when the load is done, stopped or failed (never rejects). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Whether the demo regions are loaded and their contact history is not yet. */
export async function needsDemoContactHistory(ctx: ServiceContext): Promise<boolean> {
  if ((await readSetting<string>(ctx.db, DONE_KEY)) !== undefined) return false;
  const demo = await ctx.db
    .selectFrom("regions")
    .select("code")
    .where("is_demo", "=", true)
    .executeTakeFirst();
  if (demo === undefined) return false;
  const contact = await ctx.db
    .selectFrom("contact_index")
    .select("contact_id")
    .where("external_id", "like", "demo-%")
    .limit(1)
    .executeTakeFirst();
  return contact !== undefined;
}

/**
 * Imports the history for every demo region; `shouldStop` is asked between chunks of the generated file,
 * so a shutdown ends the load after the batch in flight.
 */
export async function loadDemoContactHistory(
  ctx: ServiceContext,
  options: {
    files?: readonly RegionFile[];
    scale?: number;
    shouldStop?: () => boolean;
    onProgress?: (contacts: number) => void;
  } = {},
): Promise<{ contacts: number; complete: boolean }> {
  const files = options.files ?? generateDemoRegionFiles();
  let lines = 0;
  let reported = 0;
  let stopped = false;
  function* chunks(): Generator<string> {
    for (const chunk of demoContactsCsv(files, {
      scale: options.scale ?? DEFAULT_DEMO_SCALE,
      from: DEMO_HISTORY_FROM,
      to: DEMO_HISTORY_TO,
    })) {
      if (options.shouldStop?.() === true) {
        stopped = true;
        return;
      }
      yield chunk;
      lines += chunk.split("\n").length - 1;
      if (lines - reported >= 50_000) {
        reported = lines;
        options.onProgress?.(lines);
      }
    }
  }
  const { summary } = await importContacts(ctx, chunks(), { format: "vardnav-contacts-v1" });
  if (!stopped) await writeSetting(ctx.db, DONE_KEY, ctx.clock.now().toString(), ctx.clock);
  return { contacts: summary.imported + summary.updated, complete: !stopped };
}

/**
 * Starts the background part of the demo at server start: the physician staffing (seconds; skipped when
 * loaded) and then the contact history, logging progress and the result.
 */
export function startDemoContactHistory(
  ctx: ServiceContext,
  options: { after?: Promise<unknown> | undefined } = {},
): HistoryLoad {
  let stopping = false;
  const done = (async () => {
    try {
      // Another background load whose data this one builds on (the listing history) finishes first.
      await options.after;
      if (stopping) return;
      const demo = await ctx.db
        .selectFrom("regions")
        .select("code")
        .where("is_demo", "=", true)
        .executeTakeFirst();
      if (demo === undefined) return;
      const staffing = await loadDemoStaffing(ctx, systemActor("demo-loader"), generateDemoRegionFiles());
      if (staffing.staffingRows > 0) ctx.logger.info(staffing, "demo: physician staffing loaded");
      if (!(await needsDemoContactHistory(ctx))) return;
      ctx.logger.info(
        { from: DEMO_HISTORY_FROM, to: DEMO_HISTORY_TO },
        "demo: loading older contact history in the background…",
      );
      const started = Date.now();
      const result = await loadDemoContactHistory(ctx, {
        shouldStop: () => stopping,
        onProgress: (contacts) => ctx.logger.info({ contacts }, "demo: contact history loading…"),
      });
      ctx.logger.info(
        { ...result, seconds: Math.round((Date.now() - started) / 1000) },
        result.complete
          ? "demo: contact history loaded"
          : "demo: contact history stopped; it resumes on the next start",
      );
    } catch (error) {
      if (!stopping) ctx.logger.error({ err: error }, "demo: contact history failed");
    }
  })();
  return {
    done,
    async stop() {
      stopping = true;
      await done;
    },
  };
}
