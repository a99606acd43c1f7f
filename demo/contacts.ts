/**
 * Thirteen months of synthetic contacts for the demo regions (DESIGN.md "Demo data"), as a
 * vardnav-contacts-v1 CSV stream that demo/load.ts feeds through the real import path.
 *
 * Per unit and day: demand follows the unit's capacity (callback slots × calls per slot) times a
 * unit-specific load, a weekday pattern (Monday peak), a season (winter high, July low) and an hour
 * pattern (the first phone hour busiest). Phone calls in phone hours take a slot; when the day's slots run
 * out, callers are refused ("dagens tider är slut") or get a callback the next day — the hidden queue.
 * Each unit has its own chance of reaching a caller the same day, drawn around a regional mean that is
 * calibrated so that Västerbotten's (24) SKR-comparable rate for 2025 comes out near 66.5 %, with some
 * units far above and far below (demo/contacts.test.ts checks it). Deterministic: seeded PRNG, fixed dates.
 */
import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { callbackSlots, STOCKHOLM, type UnitCalendar, windowsOn } from "../src/domain/calendar/index.ts";
import type { ServiceContext } from "../src/lib/context.ts";
import { importContacts } from "../src/modules/statistics/imports.service.ts";
import { rebuildRollups } from "../src/modules/statistics/rollups.repository.ts";
import { UnitCalendarCache } from "../src/modules/statistics/unit-calendar-cache.ts";
import { createRng, type Rng } from "./prng.ts";
import { DEMO_SEED, GRANT_UNIT_NAMES, type RegionFile, type RegionFileUnit } from "./regions.ts";

/** The fixed span: thirteen months, November 2025 to November 2026 (to the day before the anchor). */
export const DEMO_CONTACTS_FROM = "2025-11-01";
export const DEMO_CONTACTS_TO = "2026-11-22";
/**
 * The older history (issue 8): from 2023-01 to the month before the span above, so that the targeted
 * grant's before/during comparison has data. Loaded after the server answers (demo/history.ts).
 */
export const DEMO_HISTORY_FROM = "2023-01-01";
export const DEMO_HISTORY_TO = "2025-10-31";
/** Kramfors and Sollefteå answer less often the same day before their grant, and recover during it. */
const GRANT_SAME_DAY_DROP = 0.25;

/** Share of realistic volume loaded by default (first start stays quick); `--full` loads 1. */
export const DEFAULT_DEMO_SCALE = 0.05;

/** The regional mean chance of reaching a phone caller the same day, before capacity runs out. */
const SAME_DAY_MEAN: Record<string, number> = { "22": 0.8, "24": 0.712 };
const SAME_DAY_SD = 0.1;
/** Units pinned far from the mean, by position in the region file (HSA-id order is stable). */
const PINNED_SAME_DAY: Record<string, Record<number, number>> = {
  "22": { 0: 0.97, 5: 0.45 },
  "24": { 1: 0.96, 13: 0.42, 20: 0.5 },
};
/** Demand over capacity: most units below 1, some above (they refuse callers on busy days). */
const LOAD_MEAN = 0.8;
const LOAD_SD = 0.18;
const PINNED_LOAD: Record<string, Record<number, number>> = {
  "22": { 5: 1.3 },
  "24": { 13: 1.35, 20: 1.25 },
};

const WEEKDAY_FACTOR = [1.35, 1.1, 1.0, 0.95, 0.9, 0.12, 0.1] as const;
const MONTH_FACTOR = [1.15, 1.1, 1.05, 1.0, 0.95, 0.85, 0.65, 0.85, 1.0, 1.05, 1.1, 1.0] as const;
const CHANNEL_SHARE = { phone: 0.75, digital: 0.2, visit: 0.04, letter: 0.01 } as const;

const HEADER =
  "contact_id,unit_hsa_id,channel,received_at,result,responded_at,feedback_at,new_problem,assessed_at,assessed_by,patient_chosen_wait";

interface UnitModel {
  unit: RegionFileUnit;
  /** Windows per hours kind and date in epoch ms, computed once (Temporal is slow per contact). */
  windows: Map<string, (readonly [number, number])[]>;
  calendar: UnitCalendar;
  sameDay: number;
  load: number;
  /** A unit of the targeted staffing grant (2024–2027): short of physicians before it. */
  grantUnit: boolean;
  /** Contacts on a typical weekday (all channels), at scale 1. */
  typicalDemand: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function calendarOf(unit: RegionFileUnit): UnitCalendar {
  return {
    phoneHours: unit.phoneHours,
    openingHours: unit.openingHours,
    closedDates: unit.closedDates,
    openDates: unit.openDates,
  };
}

function unitModels(file: RegionFile, rng: Rng): UnitModel[] {
  const models: UnitModel[] = [];
  const care = file.units.filter((u) => u.type !== "backup");
  care.forEach((unit, index) => {
    const r = rng.fork(`unit:${unit.hsaId}`);
    const calendar = calendarOf(unit);
    // A typical weekday: the Wednesday of a normal week.
    const slots = callbackSlots(
      Temporal.PlainDate.from("2026-03-04"),
      calendar,
      unit.callbackCapacity.slotMinutes,
    ).length;
    const capacity = slots * unit.callbackCapacity.callsPerSlot;
    const load = PINNED_LOAD[file.region.code]?.[index] ?? clamp(r.normal(LOAD_MEAN, LOAD_SD), 0.45, 1.2);
    const sameDay =
      PINNED_SAME_DAY[file.region.code]?.[index] ??
      clamp(r.normal(SAME_DAY_MEAN[file.region.code] ?? 0.75, SAME_DAY_SD), 0.4, 0.98);
    models.push({
      unit,
      windows: new Map(),
      calendar,
      sameDay,
      load,
      grantUnit: unit.type === "halsocentral" && (GRANT_UNIT_NAMES as readonly string[]).includes(unit.name),
      typicalDemand: (capacity * load) / CHANNEL_SHARE.phone,
    });
  });
  return models;
}

/** A count around `mean` (normal approximation of Poisson), never negative. */
function count(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

interface Row {
  id: string;
  channel: "phone" | "digital" | "visit" | "letter";
  at: number;
  result: string;
  responded: number | null;
}

export interface DemoContactOptions {
  scale?: number;
  from?: string;
  to?: string;
  seed?: number;
  /** Only these regions (codes); default all files. */
  regions?: readonly string[];
}

/**
 * The demo contacts as CSV text chunks (header first), lazily: memory stays constant however many
 * contacts the scale asks for.
 */
export function* demoContactsCsv(
  files: readonly RegionFile[],
  options: DemoContactOptions = {},
): Generator<string> {
  const scale = options.scale ?? DEFAULT_DEMO_SCALE;
  const from = Temporal.PlainDate.from(options.from ?? DEMO_CONTACTS_FROM);
  const to = Temporal.PlainDate.from(options.to ?? DEMO_CONTACTS_TO);
  const root = createRng(`contacts:${options.seed ?? DEMO_SEED}`);
  yield `${HEADER}\n`;
  let buffer: string[] = [];
  for (const file of files) {
    if (options.regions !== undefined && !options.regions.includes(file.region.code)) continue;
    const models = unitModels(file, root.fork(`region:${file.region.code}`));
    const cache = new UnitCalendarCache(models.map((m, i) => [i, m.calendar]));
    for (const [index, model] of models.entries()) {
      const rng = root.fork(`days:${model.unit.hsaId}`);
      for (let date = from; Temporal.PlainDate.compare(date, to) <= 0; date = date.add({ days: 1 })) {
        let serial = 0;
        for (const line of unitDay(model, index, cache, date, rng, scale, () => ++serial)) buffer.push(line);
        if (buffer.length >= 2000) {
          yield `${buffer.join("\n")}\n`;
          buffer = [];
        }
      }
    }
  }
  if (buffer.length > 0) yield `${buffer.join("\n")}\n`;
}

function midnight(date: Temporal.PlainDate): number {
  return date.toZonedDateTime({ timeZone: STOCKHOLM }).epochMilliseconds;
}

function windowsMs(model: UnitModel, date: Temporal.PlainDate, kind: "phone" | "opening") {
  const key = `${kind}|${date.toString()}`;
  let windows = model.windows.get(key);
  if (windows === undefined) {
    windows = windowsOn(date, model.calendar, kind).map(
      (w) => [w.start.epochMilliseconds, w.end.epochMilliseconds] as const,
    );
    if (model.windows.size > 5000) model.windows.clear();
    model.windows.set(key, windows);
  }
  return windows;
}

function nextOpenStart(model: UnitModel, date: Temporal.PlainDate, kind: "phone" | "opening"): number | null {
  for (let d = date.add({ days: 1 }), i = 0; i < 30; d = d.add({ days: 1 }), i++) {
    const windows = windowsMs(model, d, kind);
    if (windows.length > 0) return windows[0]?.[0] ?? null;
  }
  return null;
}

/**
 * The chance of reaching a caller the same day on `date`: a grant unit's is lower before 2024 and climbs
 * back over the grant's first 18 months (so the thirteen-month span from 2025-11 is unchanged).
 */
export function sameDayChance(
  model: Pick<UnitModel, "sameDay" | "grantUnit">,
  date: Temporal.PlainDate,
): number {
  if (!model.grantUnit) return model.sameDay;
  const monthsIn = (date.year - 2024) * 12 + date.month; // 1 in January 2024
  const recovered = Math.min(1, Math.max(0, monthsIn / 18));
  return clamp(model.sameDay - GRANT_SAME_DAY_DROP * (1 - recovered), 0.2, 0.98);
}

function* unitDay(
  model: UnitModel,
  index: number,
  cache: UnitCalendarCache,
  date: Temporal.PlainDate,
  rng: Rng,
  scale: number,
  nextSerial: () => number,
): Generator<string> {
  const phoneWindows = windowsMs(model, date, "phone");
  const openingWindows = windowsMs(model, date, "opening");
  const closedDay = phoneWindows.length === 0;
  const demand =
    model.typicalDemand *
    scale *
    (WEEKDAY_FACTOR[date.dayOfWeek - 1] ?? 1) *
    (MONTH_FACTOR[date.month - 1] ?? 1) *
    // A closed weekday (holiday) gets a Sunday's calls.
    (closedDay && date.dayOfWeek <= 5 ? 0.1 : 1);
  const slotMs = model.unit.callbackCapacity.slotMinutes * MINUTE;
  const slots = phoneWindows.reduce((n, [start, end]) => n + Math.ceil((end - start) / slotMs), 0);
  const capacity = slots * model.unit.callbackCapacity.callsPerSlot * scale;
  const rows: Row[] = [];
  const sameDay = sameDayChance(model, date);
  const id = () =>
    `demo-${model.unit.hsaId.slice(-5)}-${date.toString().replaceAll("-", "")}-${nextSerial()}`;

  // Phone: most calls in phone hours, heavier in the first hour; a few outside (before opening, lunch, after).
  const calls: number[] = [];
  const nPhone = count(rng, demand * CHANNEL_SHARE.phone);
  if (!closedDay) {
    const first = phoneWindows[0] as readonly [number, number];
    for (let i = 0; i < nPhone; i++) {
      if (rng.chance(0.05)) {
        calls.push(first[0] - rng.int(1, 45) * MINUTE);
        continue;
      }
      const window = rng.weighted(
        phoneWindows.map((w, k) => [w, (w[1] - w[0]) * (k === 0 ? 1.6 : 1)] as const),
      );
      // First hour of a window twice as likely.
      const length = window[1] - window[0];
      const offset = rng.chance(0.3) ? rng.next() * Math.min(HOUR, length) : rng.next() * length;
      calls.push(Math.floor(window[0] + offset));
    }
  } else {
    const base = midnight(date);
    for (let i = 0; i < nPhone; i++) calls.push(base + rng.int(8 * 60, 16 * 60) * MINUTE);
  }
  calls.sort((a, b) => a - b);
  let served = 0;
  const lastEnd = phoneWindows.length > 0 ? (phoneWindows[phoneWindows.length - 1]?.[1] ?? 0) : 0;
  const tomorrowStart = nextOpenStart(model, date, "phone");
  const nextMorning = () => {
    const start = tomorrowStart;
    return start === null ? null : start + rng.int(5, 180) * MINUTE;
  };
  for (const at of calls) {
    const inHours = phoneWindows.some(([s, e]) => at >= s && at < e);
    if (!inHours) {
      rows.push({
        id: id(),
        channel: "phone",
        at,
        result: rng.chance(0.6) ? "refused" : "abandoned",
        responded: null,
      });
      continue;
    }
    if (served >= capacity) {
      // The day's slots are gone: turned away, or booked for tomorrow.
      if (rng.chance(0.75)) rows.push({ id: id(), channel: "phone", at, result: "refused", responded: null });
      else rows.push({ id: id(), channel: "phone", at, result: "callback", responded: nextMorning() });
      continue;
    }
    served += 1;
    if (rng.chance(sameDay)) {
      if (rng.chance(0.35))
        rows.push({
          id: id(),
          channel: "phone",
          at,
          result: "answered",
          responded: at + rng.int(20, 240) * 1000,
        });
      else {
        const latest = Math.max(at + 5 * MINUTE, lastEnd - MINUTE);
        rows.push({
          id: id(),
          channel: "phone",
          at,
          result: "callback",
          responded: at + 5 * MINUTE + Math.floor(rng.next() * (latest - at - 5 * MINUTE)),
        });
      }
    } else if (rng.chance(0.3)) {
      rows.push({ id: id(), channel: "phone", at, result: "abandoned", responded: null });
    } else {
      rows.push({ id: id(), channel: "phone", at, result: "callback", responded: nextMorning() });
    }
  }

  // Digital: any time 06–23, answered on the service day (mostly) or the next open day.
  const dayStart = midnight(date);
  const nDigital = count(
    rng,
    model.typicalDemand *
      scale *
      CHANNEL_SHARE.digital *
      (MONTH_FACTOR[date.month - 1] ?? 1) *
      (date.dayOfWeek >= 6 ? 0.6 : 1),
  );
  for (let i = 0; i < nDigital; i++) {
    const at = dayStart + rng.int(6 * 60, 23 * 60 - 1) * MINUTE;
    const placed = cache.place(index, "digital", at);
    let responded: number | null = null;
    if (placed.serviceDay !== null) {
      const serviceDay =
        placed.serviceDay === date.toString() ? date : Temporal.PlainDate.from(placed.serviceDay);
      const windows = windowsMs(model, serviceDay, "opening");
      const open = windows[0]?.[0] ?? at;
      const close = windows[windows.length - 1]?.[1] ?? at + 8 * HOUR;
      if (rng.chance(0.85)) {
        const start = Math.max(open, at + 10 * MINUTE);
        responded = start < close ? start + Math.floor(rng.next() * (close - start)) : start;
      } else {
        const next = nextOpenStart(model, serviceDay, "opening");
        responded = next === null ? null : next + rng.int(10, 300) * MINUTE;
      }
    }
    rows.push({ id: id(), channel: "digital", at, result: "registered", responded });
  }

  // Visits and letters, in opening hours, handled within the hour.
  if (openingWindows.length > 0) {
    const nDesk = count(rng, demand * (CHANNEL_SHARE.visit + CHANNEL_SHARE.letter));
    for (let i = 0; i < nDesk; i++) {
      const window = rng.pick(openingWindows);
      const at = Math.floor(window[0] + rng.next() * (window[1] - window[0] - HOUR));
      rows.push({
        id: id(),
        channel: rng.chance(0.8) ? "visit" : "letter",
        at,
        result: "registered",
        responded: at + rng.int(5, 55) * MINUTE,
      });
    }
  }

  for (const row of rows) yield line(row, model.unit.hsaId, rng);
}

const ASSESSORS = [
  ["lakare", 45],
  ["sjukskoterska", 35],
  ["distriktsskoterska", 12],
  ["fysioterapeut", 3],
  ["underskoterska", 4],
  ["annan", 1],
] as const;
const ASSESSMENT_DELAY = [
  [0, 45],
  [1, 25],
  [2, 12],
  [3, 8],
  [4, 3],
  [6, 3],
  [7, 1],
  [10, 3],
] as const;

function line(row: Row, unitHsaId: string, rng: Rng): string {
  const refused = row.result === "refused";
  const feedback =
    row.responded !== null && rng.chance(0.92) ? row.responded + rng.int(0, 10) * MINUTE : null;
  const newProblem = !refused && rng.chance(0.35);
  const chosen = newProblem && rng.chance(0.04);
  let assessedAt: number | null = null;
  let assessedBy = "";
  if (newProblem && rng.chance(0.93)) {
    const days = rng.weighted(ASSESSMENT_DELAY);
    assessedAt = row.at + days * 24 * HOUR + rng.int(30, 300) * MINUTE;
    assessedBy = rng.weighted(ASSESSORS);
  }
  return [
    row.id,
    unitHsaId,
    row.channel,
    iso(row.at),
    row.result,
    row.responded === null ? "" : iso(row.responded),
    feedback === null ? "" : iso(feedback),
    newProblem ? "true" : "false",
    assessedAt === null ? "" : iso(assessedAt),
    assessedBy,
    chosen ? "true" : "false",
  ].join(",");
}

export interface DemoContactsSummary {
  scale: number;
  read: number;
  imported: number;
  updated: number;
  rejected: number;
}

/**
 * Loads the demo contacts through the real import path (importContacts: staged batches, set-based merge,
 * rollups by delta). Skipped when demo contacts are already there, unless `full` is asked for: then the
 * existing demo contacts of the demo regions are removed first (with their rollups rebuilt), so a full
 * load never mixes with a smaller one.
 */
export async function loadDemoContacts(
  ctx: ServiceContext,
  files: readonly RegionFile[],
  mode: "default" | "full",
): Promise<DemoContactsSummary | null> {
  const scale = mode === "full" ? 1 : DEFAULT_DEMO_SCALE;
  const existing = await ctx.db
    .selectFrom("contact_index")
    .select("contact_id")
    .where("external_id", "like", "demo-%")
    .limit(1)
    .executeTakeFirst();
  if (existing !== undefined && mode === "default") return null;
  const regionCodes = files.map((f) => f.region.code);
  if (existing !== undefined) {
    await ctx.db.transaction().execute(async (trx) => {
      await sql`delete from contacts where region_code in (${sql.join(regionCodes)}) and external_id like 'demo-%'`.execute(
        trx,
      );
      await sql`delete from contact_index where region_code in (${sql.join(regionCodes)}) and external_id like 'demo-%'`.execute(
        trx,
      );
      for (const code of regionCodes) await rebuildRollups(trx, code, DEMO_CONTACTS_FROM, DEMO_CONTACTS_TO);
    });
  }
  const { summary } = await importContacts(ctx, demoContactsCsv(files, { scale }), {
    format: "vardnav-contacts-v1",
  });
  return { scale, ...summary };
}
