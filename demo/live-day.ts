/**
 * The live demo day (issue 3 "Demo"): when the server starts on a database with demo regions, today's
 * contacts so far are seeded (a busy morning: some answered, some units overflowing) and the simulator keeps
 * running in the server at a gentle rate, so worklists fill up while someone watches. Off with
 * VARDNAV_DEMO_LIVE=false.
 *
 * The plan is per-minute deterministic (demo/simulate.ts), and the setting `demo.live_covered_until`
 * remembers up to which instant contacts were created, so a restart fills only the gap and never repeats a
 * contact.
 */
import { Temporal } from "temporal-polyfill";
import { swedishClosedHolidays } from "../src/domain/calendar/index.ts";
import { fixedClock, type ServiceContext } from "../src/lib/context.ts";
import { readSetting, writeSetting } from "../src/lib/settings.ts";
import { recordFeedback } from "../src/modules/contacts/contact-actions.service.ts";
import { createRng } from "./prng.ts";
import {
  type PlannedContact,
  planArrivals,
  prepareSimulator,
  runSimulation,
  SIMULATOR_SEED,
  type SimulatorEnvironment,
  submitPlannedContact,
} from "./simulate.ts";

const STOCKHOLM = "Europe/Stockholm";
export const COVERED_SETTING = "demo.live_covered_until";

/** The setting holding the instant up to which a region's live-day contacts exist. */
export function coveredSettingOf(regionCode: string): string {
  return `${COVERED_SETTING}.${regionCode}`;
}
/** Contacts per minute per region at weight 1 while seeding the morning: enough for a few units to overflow. */
export const SEED_RATE_PER_MINUTE = 0.35;
/** The in-process simulator's rate afterwards: a new contact every minute or two per region at peak. */
export const LIVE_RATE_PER_MINUTE = 0.25;
/** The day's first seeded contact: 06:00 Stockholm (web contacts come in before phone hours too). */
const DAY_START = Temporal.PlainTime.from("06:00");
/** On a closed day, seeding starts when the demo units closed on the last open day. */
const LAST_OPEN_DAY_CLOSE = Temporal.PlainTime.from("17:00");

export interface LiveDaySeedSummary {
  regions: string[];
  contacts: number;
  answered: number;
  overflowed: number;
  failed: number;
  from: string | null;
  to: string;
}

export async function demoRegionCodes(ctx: ServiceContext): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("regions")
    .select("code")
    .where("is_demo", "=", true)
    .orderBy("code")
    .execute();
  return rows.map((r) => r.code);
}

const OUTCOMES = [
  ["advice", 45],
  ["booked_visit", 25],
  ["digital_visit", 12],
  ["referred_1177", 10],
  ["referred_emergency", 2],
] as const;

/**
 * Answers a share of the seeded contacts whose callback time has passed, as the unit's nurse would have
 * (response and feedback in one step, a few minutes into the slot), so the morning looks worked.
 */
async function answerSome(
  ctx: ServiceContext,
  env: SimulatorEnvironment,
  seed: string,
  created: { planned: PlannedContact; contactId: string }[],
  now: Temporal.Instant,
): Promise<number> {
  let answered = 0;
  const rng = createRng(seed).fork(`answers:${stockholmDay(now)}`);
  for (const { planned, contactId } of created) {
    const row = await ctx.db
      .selectFrom("contacts")
      .select(["status", "slot_start", "overflowed", "received_at", "deadline"])
      .where("id", "=", contactId)
      .executeTakeFirst();
    if (row?.status !== "open") continue;
    // Slot contacts are called in their slot; overflow is worked through later, and less of it is done yet.
    // (A contact that arrives during a slot gets that slot, so the call comes after the later of the two.)
    const base = row.slot_start
      ? Math.max(row.slot_start.getTime(), row.received_at.getTime())
      : row.received_at.getTime() + 90 * 60_000;
    let answerMs = base + rng.int(2, 12) * 60_000;
    // Units work through their list before closing: a contact whose deadline has passed was nearly always
    // answered in time. The few left are the day's missed promises.
    const deadlinePassed = row.deadline !== null && row.deadline.getTime() <= now.epochMilliseconds;
    if (deadlinePassed && row.deadline) {
      answerMs = Math.max(
        row.received_at.getTime() + 60_000,
        Math.min(answerMs, row.deadline.getTime() - 5 * 60_000),
      );
    }
    const answerAt = Temporal.Instant.fromEpochMilliseconds(answerMs);
    if (Temporal.Instant.compare(answerAt, now) >= 0) continue;
    if (!rng.chance(deadlinePassed ? 0.96 : row.overflowed ? 0.45 : 0.85)) continue;
    const actor = env.staffActorFor(planned.unitHsaId);
    if (!actor) continue;
    const outcome = rng.weighted(OUTCOMES);
    const visitAt =
      outcome === "booked_visit"
        ? answerAt.add({ hours: rng.int(2, 26) }).round({ smallestUnit: "minute", roundingIncrement: 15 })
        : null;
    await recordFeedback({ ...ctx, clock: fixedClock(answerAt) }, actor, contactId, {
      outcome,
      ...(visitAt ? { visitAt: visitAt.toString() } : {}),
    });
    answered += 1;
  }
  return answered;
}

function stockholmDay(instant: Temporal.Instant): string {
  return instant.toZonedDateTimeISO(STOCKHOLM).toPlainDate().toString();
}

/** A weekend day or a Swedish holiday: the demo units (weekday hours) are closed. */
function isClosedDemoDay(date: Temporal.PlainDate): boolean {
  return date.dayOfWeek >= 6 || swedishClosedHolidays(date.year).has(date.toString());
}

/**
 * Where today's seeding starts: 06:00 on an open day. On a closed day (weekend, holiday) at the last open
 * day's closing time instead, so the worklist shows every contact that has come in since and waits for the
 * next open day — a visitor on a Saturday morning sees a list, not an empty page.
 */
export function startOfDemoDay(now: Temporal.Instant): Temporal.Instant {
  const today = now.toZonedDateTimeISO(STOCKHOLM).toPlainDate();
  if (!isClosedDemoDay(today))
    return today.toZonedDateTime({ timeZone: STOCKHOLM, plainTime: DAY_START }).toInstant();
  let lastOpen = today.subtract({ days: 1 });
  for (let i = 0; i < 14 && isClosedDemoDay(lastOpen); i++) lastOpen = lastOpen.subtract({ days: 1 });
  return lastOpen.toZonedDateTime({ timeZone: STOCKHOLM, plainTime: LAST_OPEN_DAY_CLOSE }).toInstant();
}

/**
 * Creates today's contacts from 06:00 (or from where the last run stopped) until now, backdated through the
 * real intake services, then answers some of them. Their receipts are history, not news: the outbox messages
 * of backdated contacts are marked sent as `demo-history` so a start does not flood the notification adapter.
 */
export async function seedLiveDemoDay(
  ctx: ServiceContext,
  options: { seed?: string; ratePerMinute?: number; regionCodes?: string[]; signal?: AbortSignal } = {},
): Promise<LiveDaySeedSummary> {
  const now = ctx.clock.now();
  const demoRegions = await demoRegionCodes(ctx);
  const regions = options.regionCodes
    ? demoRegions.filter((r) => options.regionCodes?.includes(r))
    : demoRegions;
  const dayStart = startOfDemoDay(now);
  const summary: LiveDaySeedSummary = {
    regions,
    contacts: 0,
    answered: 0,
    overflowed: 0,
    failed: 0,
    from: null,
    to: now.toString(),
  };
  for (const regionCode of regions) {
    const coveredText = await readSetting<string>(ctx.db, coveredSettingOf(regionCode));
    const covered = coveredText ? Temporal.Instant.from(coveredText) : null;
    const from = covered && Temporal.Instant.compare(covered, dayStart) > 0 ? covered : dayStart;
    if (Temporal.Instant.compare(from, now) >= 0) continue;
    if (summary.from === null || Temporal.Instant.compare(from, Temporal.Instant.from(summary.from)) < 0) {
      summary.from = from.toString();
    }
    const env = await prepareSimulator(ctx, regionCode);
    const seed = options.seed ?? `${SIMULATOR_SEED}:${regionCode}`;
    const planned = planArrivals({
      seed,
      units: env.units,
      from,
      to: now,
      ratePerMinute: options.ratePerMinute ?? SEED_RATE_PER_MINUTE,
    });
    const created: { planned: PlannedContact; contactId: string }[] = [];
    let reached = now;
    for (const contact of planned) {
      if (options.signal?.aborted) {
        // Stopped half-way (server shutdown): the next start continues from this contact.
        reached = contact.at;
        break;
      }
      try {
        const result = await submitPlannedContact({ ...ctx, clock: fixedClock(contact.at) }, env, contact);
        summary.contacts += 1;
        if (result.overflowed) summary.overflowed += 1;
        if (result.contactId) created.push({ planned: contact, contactId: result.contactId });
      } catch (error) {
        summary.failed += 1;
        ctx.logger.warn({ err: error, unit: contact.unitHsaId }, "seeding a demo contact failed");
      }
    }
    summary.answered += await answerSome(ctx, env, seed, created, now);
    const ids = created.map((c) => c.contactId);
    for (let i = 0; i < ids.length; i += 500) {
      await ctx.db
        .updateTable("outbox_messages")
        .set({ status: "sent", sent_at: new Date(now.epochMilliseconds), provider_ref: "demo-history" })
        .where("status", "=", "pending")
        .where("contact_id", "in", ids.slice(i, i + 500))
        .execute();
    }
    await writeSetting(ctx.db, coveredSettingOf(regionCode), reached.toString(), ctx.clock);
  }
  return summary;
}

export interface LiveDemoHandle {
  /** Resolves when the seeding is done (the server does not wait for it before listening). */
  seeded: Promise<LiveDaySeedSummary | null>;
  stop(): Promise<void>;
}

/**
 * Seeds today and then runs the simulator for every demo region until stopped. Failures are logged: a demo
 * that cannot simulate must not take the server down.
 */
export function startLiveDemo(ctx: ServiceContext, options: { ratePerMinute?: number } = {}): LiveDemoHandle {
  const controller = new AbortController();
  const seeded = seedLiveDemoDay(ctx, { signal: controller.signal }).catch((error: unknown) => {
    ctx.logger.error({ err: error }, "seeding the live demo day failed");
    return null;
  });
  const running = seeded.then(async (summary) => {
    if (!summary || summary.regions.length === 0 || controller.signal.aborted) return;
    ctx.logger.info(summary, "live demo day: today's contacts so far are in (demo data, no real people)");
    await Promise.all(
      summary.regions.map((regionCode) =>
        runSimulation(ctx, {
          regionCode,
          ratePerMinute: options.ratePerMinute ?? LIVE_RATE_PER_MINUTE,
          signal: controller.signal,
          onContact: (planned) => {
            void writeSetting(
              ctx.db,
              coveredSettingOf(regionCode),
              planned.at.add({ milliseconds: 1 }).toString(),
              ctx.clock,
            ).catch(() => {});
          },
        }).catch((error: unknown) =>
          ctx.logger.error({ err: error, regionCode }, "live demo simulator stopped"),
        ),
      ),
    );
  });
  return {
    seeded,
    async stop() {
      controller.abort();
      await running;
    },
  };
}
