// Demo listing history from 2023-01 to the current month: each unit's listed at the end of every month
// and the listing changes behind them (vardnav-listing-changes-v1), so the listing page, the flows view
// and the payment inputs tell one story. Residents are born, move in, move away and die (new and ended
// listings, about 0.15 % a month each); a few choose another unit each month (0.2–0.4 %), mostly one in
// the same kommun, otherwise the nearest; and the opening unit of DEMO_UNIT_OPENINGS draws from the
// town's units in its first months (5 % of their listed in the first month, decaying). Pure and seeded:
// every month is drawn from its own fork, so the history up to a month is the same whatever month ends it.
import { stockholmDateOf } from "../src/domain/calendar/index.ts";
import { haversineKm } from "../src/domain/structure/geo.ts";
import type { ServiceContext } from "../src/lib/context.ts";
import type { AuditActor } from "../src/modules/audit/audit.service.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { latestListingChangeMonth } from "../src/modules/listing/listing.repository.ts";
import { importListingChanges } from "../src/modules/listing/listing-changes-import.service.ts";
import { hasListing } from "../src/modules/reimbursement/reimbursement.repository.ts";
import { importReimbursementCsv } from "../src/modules/reimbursement/reimbursement-imports.service.ts";
import { createRng } from "./prng.ts";
import {
  DEMO_SEED,
  DEMO_UNIT_OPENINGS,
  generateDemoListing,
  generateDemoRegionFiles,
  type RegionFile,
  type RegionFileUnit,
} from "./regions.ts";
import { DEMO_REIMBURSEMENT_MONTHS, demoReimbursementInputs } from "./reimbursement.ts";

export const LISTING_HISTORY_START = "2023-01";

export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1;
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1;
  for (; index <= end; index++)
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  return out;
}

export interface DemoListingChange {
  month: string;
  /** null: a new listing. */
  from: string | null;
  /** null: an ended listing. */
  to: string | null;
  count: number;
}

export interface DemoListingHistory {
  months: string[];
  /** Listed at the end of each month, per HSA-id, in the order of `months`. */
  listed: Map<string, number[]>;
  changes: DemoListingChange[];
}

/** Where a unit's residents go when they choose another: the kommun's other units, else the two nearest. */
function destinations(unit: RegionFileUnit, open: readonly RegionFileUnit[]): RegionFileUnit[] {
  const others = open.filter((u) => u.hsaId !== unit.hsaId);
  const sameKommun = others.filter((u) => u.kommun === unit.kommun);
  if (sameKommun.length > 0) return sameKommun;
  return [...others]
    .sort((a, b) => haversineKm(unit.location, a.location) - haversineKm(unit.location, b.location))
    .slice(0, 2);
}

/** Whole persons in proportion to weights (largest remainder, ties to the earlier entry). */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest -= 1;
  }
  return parts;
}

export function simulateDemoListing(
  files: readonly RegionFile[],
  lastMonth: string,
  seed: number = DEMO_SEED,
): DemoListingHistory {
  const months = monthRange(LISTING_HISTORY_START, lastMonth);
  const start = new Map(generateDemoListing(files, seed).map((l) => [l.hsaId, l.listed]));
  const listed = new Map<string, number[]>();
  const changes: DemoListingChange[] = [];
  for (const file of files) {
    const rng = createRng(seed).fork(`listing-history:${file.region.code}`);
    const care = file.units.filter((u) => u.type !== "backup");
    const state = new Map(care.map((u) => [u.hsaId, start.get(u.hsaId) ?? 0]));
    const openings = DEMO_UNIT_OPENINGS.filter((o) => o.regionCode === file.region.code);
    for (const u of care) listed.set(u.hsaId, []);
    for (const month of months) {
      const monthRng = rng.fork(month);
      const isOpen = (u: RegionFileUnit) => {
        const opening = openings.find((o) => o.hsaId === u.hsaId);
        return opening === undefined || month >= opening.firstMonth;
      };
      const open = care.filter(isOpen);
      const moves = new Map<string, number>();
      const add = (from: string | null, to: string | null, count: number) => {
        if (count <= 0) return;
        const key = `${from ?? ""}|${to ?? ""}`;
        moves.set(key, (moves.get(key) ?? 0) + count);
      };
      for (const unit of open) {
        const r = monthRng.fork(unit.hsaId);
        const size = state.get(unit.hsaId) ?? 0;
        add(null, unit.hsaId, Math.round(size * r.float(0.0011, 0.0021)));
        add(unit.hsaId, null, Math.round(size * r.float(0.0011, 0.0021)));
        const leaving = Math.round(size * r.float(0.002, 0.004));
        const targets = destinations(unit, open);
        split(
          leaving,
          targets.map((t) => state.get(t.hsaId) ?? 0),
        ).forEach((n, i) => {
          add(unit.hsaId, (targets[i] as RegionFileUnit).hsaId, n);
        });
      }
      for (const opening of openings) {
        if (month < opening.firstMonth) continue;
        const k = monthRange(opening.firstMonth, month).length - 1;
        const unit = care.find((u) => u.hsaId === opening.hsaId) as RegionFileUnit;
        const share = 0.05 * 0.6 ** k;
        const r = monthRng.fork(`opening:${opening.hsaId}`);
        for (const source of open.filter(
          (u) =>
            u.hsaId !== unit.hsaId &&
            (u.kommun === unit.kommun || haversineKm(u.location, unit.location) < 25),
        ))
          add(
            source.hsaId,
            unit.hsaId,
            Math.round((state.get(source.hsaId) ?? 0) * share * r.float(0.8, 1.2)),
          );
        // Families new to the town choose the new unit more often than their share.
        add(null, unit.hsaId, Math.round(40 * 0.7 ** k * r.float(0.8, 1.2)));
      }
      for (const [key, count] of [...moves].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const [fromText, toText] = key.split("|") as [string, string];
        const from = fromText === "" ? null : fromText;
        const to = toText === "" ? null : toText;
        // Nobody leaves a unit twice: a move is capped by what the unit still lists.
        const available = from === null ? count : Math.min(count, state.get(from) ?? 0);
        if (available <= 0) continue;
        if (from !== null) state.set(from, (state.get(from) ?? 0) - available);
        if (to !== null) state.set(to, (state.get(to) ?? 0) + available);
        changes.push({ month, from, to, count: available });
      }
      for (const u of care) listed.get(u.hsaId)?.push(state.get(u.hsaId) ?? 0);
    }
  }
  return { months, listed, changes };
}

/** The listing changes as the CSV an administration imports (FORMATS.md "vardnav-listing-changes-v1"). */
export function listingChangesCsv(changes: readonly DemoListingChange[]): string {
  const lines = ["month,from_unit_hsa_id,to_unit_hsa_id,count"];
  for (const c of changes) lines.push(`${c.month},${c.from ?? ""},${c.to ?? ""},${c.count}`);
  return `${lines.join("\n")}\n`;
}

/** A unit's listed at the end of `month` in the history (the start figure before the history begins). */
export function listedInMonth(history: DemoListingHistory, hsaId: string, month: string): number | undefined {
  const i = history.months.indexOf(month);
  if (i === -1) return undefined;
  return history.listed.get(hsaId)?.[i];
}

// ---------------------------------------------------------------------------------------------------
// Loading

/** The month of the clock in Stockholm (the history runs to it; it is marked preliminary in the UI). */
export function currentDemoMonth(ctx: ServiceContext): string {
  return stockholmDateOf(ctx.clock.now()).toString().slice(0, 7);
}

/**
 * Imports the listing changes 2023-01 … the current month through the same import an administration
 * uses. Months up to the latest one a region has already are left as they are, so loading again adds
 * only the months that have begun since (the demo stays alive as the clock moves).
 */
export async function loadDemoListingChanges(
  ctx: ServiceContext,
  actor: AuditActor,
  files: readonly RegionFile[],
): Promise<number> {
  let rows = 0;
  const month = currentDemoMonth(ctx);
  for (const file of files) {
    const latest = await latestListingChangeMonth(ctx.db, file.region.code);
    if (latest !== null && latest >= month) continue;
    const history = simulateDemoListing([file], month);
    const fresh = history.changes.filter((c) => latest === null || c.month > latest);
    const summary = await importListingChanges(ctx, actor, [listingChangesCsv(fresh)], {
      purpose: "demo load",
      source: `demo listing-changes ${file.region.code}`,
    });
    if (summary.rejected > 0)
      throw new Error(
        `demo listing changes ${file.region.code}: ${JSON.stringify(summary.rejections.slice(0, 3))}`,
      );
    rows += summary.imported;
  }
  return rows;
}

/** The months of the listing history that the reimbursement demo does not load: 2023-01 up to it. */
export function listingHistoryMonths(ctx: ServiceContext, reimbursementMonths: readonly string[]): string[] {
  const first = [...reimbursementMonths].sort()[0] ?? currentDemoMonth(ctx);
  const last = currentDemoMonth(ctx) < first ? currentDemoMonth(ctx) : first;
  return monthRange(LISTING_HISTORY_START, last).filter((m) => !reimbursementMonths.includes(m));
}

/**
 * Imports the listing by age and sex of the history's older months, one region and month at a time, and
 * reports progress (month k of n). Months already there are skipped, so an interrupted load resumes.
 * The server runs it in the background after it answers; `vardnav demo load` runs it to the end.
 */
export async function loadDemoListingHistory(
  ctx: ServiceContext,
  actor: AuditActor,
  files: readonly RegionFile[],
  months: readonly string[],
  progress: (done: number, total: number, region: string, month: string) => void = () => {},
  shouldStop: () => boolean = () => false,
): Promise<number> {
  const total = files.length * months.length;
  let done = 0;
  let rows = 0;
  for (const file of files) {
    for (const month of months) {
      if (shouldStop()) return rows;
      done += 1;
      if (await hasListing(ctx.db, file.region.code, month)) continue;
      const inputs = demoReimbursementInputs(file, DEMO_SEED, [], [month]);
      const summary = await importReimbursementCsv(ctx, actor, "listing", [inputs.listing], {
        purpose: "demo load (listing history)",
        source: `demo listing ${file.region.code} ${month}`,
      });
      rows += summary.imported;
      progress(done, total, file.region.code, month);
    }
  }
  return rows;
}

/**
 * Runs the listing changes (when not there yet) and the listing history load in the background of a
 * started server: progress goes to the log, a
 * failure is logged (the demo works without the older months), and `stop()` ends it between months.
 */
export function startDemoListingHistory(ctx: ServiceContext): { done: Promise<void>; stop(): Promise<void> } {
  let stopping = false;
  const run = (async () => {
    const demoRegions = await ctx.db
      .selectFrom("regions")
      .select("code")
      .where("is_demo", "=", true)
      .execute();
    const codes = new Set(demoRegions.map((r) => r.code));
    const files = generateDemoRegionFiles().filter((f) => codes.has(f.region.code));
    if (files.length === 0) return;
    const changes = await loadDemoListingChanges(ctx, systemActor("demo-loader"), files);
    if (changes > 0) ctx.logger.info({ rows: changes }, "demo listing changes loaded");
    const months = listingHistoryMonths(ctx, DEMO_REIMBURSEMENT_MONTHS);
    const rows = await loadDemoListingHistory(
      ctx,
      systemActor("demo-loader"),
      files,
      months,
      (done, total, region, month) =>
        ctx.logger.info(
          { done, total, region, month },
          `demo listing history: ${month} of region ${region} (${done}/${total})`,
        ),
      () => stopping,
    );
    if (stopping)
      ctx.logger.info({ rows }, "demo listing history paused: the next start goes on where it stopped");
    else if (rows > 0) ctx.logger.info({ rows }, "demo listing history loaded");
  })().catch((error: unknown) => {
    ctx.logger.error({ err: error }, "demo listing history could not be loaded");
  });
  return {
    done: run,
    async stop() {
      stopping = true;
      await run;
    },
  };
}
