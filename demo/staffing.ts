/**
 * Demo physician staffing (issue 8, item 6): a vardnav-staffing-v1 file for every care unit of the demo
 * regions from 2023-01 (or a unit's own first month) to the current month, loaded through the real import.
 *
 * Most units have one specialist in general medicine per 1 700–2 300 listed, as national surveys find
 * (about 2 000 per specialist FTE); Umeå's units come closer to the goal, Västerbotten's inland units are
 * short and lean on agency physicians (hyrläkare). Kramfors and Sollefteå hälsocentraler are far short and
 * agency-dependent before their targeted grant (2024–2027) and recruit during it, with month-to-month noise.
 * Listing for months without any (the reimbursement demo covers its own months) is written coarsely,
 * by age band, so that the ratio has a denominator for every month. Seeded and deterministic.
 */
import { stockholmDateOf } from "../src/domain/calendar/index.ts";
import { monthsOf } from "../src/domain/staffing/index.ts";
import type { ServiceContext } from "../src/lib/context.ts";
import type { AuditActor } from "../src/modules/audit/audit.service.ts";
import { hasListing } from "../src/modules/reimbursement/reimbursement.repository.ts";
import { importReimbursementCsv } from "../src/modules/reimbursement/reimbursement-imports.service.ts";
import { findStaffing } from "../src/modules/staffing/staffing.repository.ts";
import { importStaffingCsv } from "../src/modules/staffing/staffing-import.service.ts";
import { createRng } from "./prng.ts";
import {
  DEMO_SEED,
  DEMO_UNIT_OPENINGS,
  GRANT_UNIT_NAMES,
  generateDemoListing,
  type RegionFile,
  type RegionFileUnit,
} from "./regions.ts";
import { DEMO_REIMBURSEMENT_MONTHS } from "./reimbursement.ts";

export const DEMO_STAFFING_FROM = "2023-01";
export const GRANT_START = "2024-01";

/** Västerbotten's inland kommuner: long distances, few specialists, many locums. */
const INLAND_24 = new Set(["2403", "2404", "2417", "2418", "2421", "2422", "2425", "2462", "2463", "2481"]);
const UMEA = "2480";

/** Coarse listing: one age per band, a share of the unit's listed in each. */
const AGE_BANDS: readonly [age: number, share: number][] = [
  [3, 0.07],
  [13, 0.13],
  [35, 0.36],
  [57, 0.2],
  [72, 0.16],
  [86, 0.08],
];

export interface DemoStaffingOptions {
  /** The last month (default: the clock's current month). */
  to: string;
  /** A unit's first staffed month by HSA-id (a unit that opens later); default DEMO_STAFFING_FROM. */
  firstMonths?: Readonly<Record<string, string>>;
  seed?: number;
}

/** A unit's first month in the demo: 2023-01, or the month a unit that opens later opens. */
function firstMonthOf(hsaId: string): string {
  return DEMO_UNIT_OPENINGS.find((o) => o.hsaId === hsaId)?.firstMonth ?? DEMO_STAFFING_FROM;
}

const isGrantUnit = (unit: RegionFileUnit) =>
  unit.type === "halsocentral" && (GRANT_UNIT_NAMES as readonly string[]).includes(unit.name);

/** Share of the grant's recruitment reached in `month`: 0 before 2024, rising over three years, then 1. */
export function grantProgress(month: string): number {
  if (month < GRANT_START) return 0;
  const elapsed = monthsOf({ from: GRANT_START, to: month }).length;
  return Math.min(1, elapsed / 36);
}

const fte = (x: number) => Math.max(0, x).toFixed(2);

/** The staffing CSV of the given regions, every unit and month. */
export function demoStaffingCsv(files: readonly RegionFile[], options: DemoStaffingOptions): string {
  const seed = options.seed ?? DEMO_SEED;
  const rng = createRng(seed).fork("staffing-v1");
  const listing = new Map(generateDemoListing(files, seed).map((l) => [l.hsaId, l.listed]));
  const lines = ["unit_hsa_id,month,profession,employment,fte,agency_cost_sek"];
  for (const file of files) {
    for (const unit of file.units) {
      if (unit.type === "backup") continue;
      const r = rng.fork(unit.hsaId);
      const listed = listing.get(unit.hsaId) ?? 0;
      const grant = isGrantUnit(unit);
      // Listed per specialist FTE the unit starts from, and its agency physicians.
      const inland = file.region.code === "24" && INLAND_24.has(unit.kommun);
      const perSpecialist = grant
        ? r.float(5600, 6600)
        : unit.kommun === UMEA
          ? r.float(1250, 1550)
          : inland
            ? r.float(3100, 3900)
            : unit.type === "sjukstuga"
              ? r.float(2000, 2700)
              : r.float(1700, 2300);
      const employed0 = listed / perSpecialist;
      const agency0 = grant
        ? employed0 * r.float(0.75, 0.95)
        : inland || unit.type === "sjukstuga"
          ? employed0 * r.float(0.3, 0.5)
          : r.chance(0.3)
            ? r.float(0.2, 0.7)
            : 0;
      const st0 = listed > 6000 ? r.float(0.5, 2) : r.chance(0.4) ? 1 : 0;
      const nurses = listed / r.float(1500, 1900);
      const agencyMonthly = r.float(185_000, 235_000);
      const first = options.firstMonths?.[unit.hsaId] ?? firstMonthOf(unit.hsaId);
      for (const month of monthsOf({ from: first, to: options.to })) {
        const m = r.fork(month);
        const p = grant ? grantProgress(month) : 0;
        // The grant pays for recruitment: employed specialists double over three years while agency
        // physicians halve, so the units get closer to the goal and less dependent on staffing companies.
        const employed = employed0 * (1 + p) + m.normal(0, 0.15);
        const agency = agency0 * (1 - 0.5 * p) + (agency0 > 0 ? m.normal(0, 0.12) : 0);
        const st = st0 + (grant ? 1.5 * p : 0) + (m.chance(0.1) ? -0.5 : 0);
        const summer = month.endsWith("-07") ? 0.85 : 1;
        lines.push(`${unit.hsaId},${month},specialist_allmanmedicin,employed,${fte(employed * summer)},`);
        if (agency0 > 0) {
          const agencyFte = Math.max(0, agency * (month.endsWith("-07") ? 1.3 : 1));
          lines.push(
            `${unit.hsaId},${month},specialist_allmanmedicin,agency,${fte(agencyFte)},${Math.round(agencyFte * agencyMonthly * m.float(0.95, 1.05))}`,
          );
        }
        if (st > 0) lines.push(`${unit.hsaId},${month},st_allmanmedicin,employed,${fte(st)},`);
        lines.push(
          `${unit.hsaId},${month},distriktsskoterska,employed,${fte(nurses * 0.6 + m.normal(0, 0.2))},`,
        );
        lines.push(`${unit.hsaId},${month},sjukskoterska,employed,${fte(nurses * 0.4 + m.normal(0, 0.2))},`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Coarse listing (six age bands, both sexes) of the given months, drifting slowly from the demo listing. */
export function demoListingHistoryCsv(
  files: readonly RegionFile[],
  months: readonly string[],
  seed = DEMO_SEED,
): string {
  const listing = new Map(generateDemoListing(files, seed).map((l) => [l.hsaId, l.listed]));
  const rng = createRng(seed).fork("listing-history");
  const lines = ["unit_hsa_id,month,age,sex,count"];
  for (const file of files)
    for (const unit of file.units) {
      if (unit.type === "backup") continue;
      const r = rng.fork(unit.hsaId);
      const drift = r.float(-0.004, 0.004);
      const base = listing.get(unit.hsaId) ?? 0;
      for (const month of months) {
        if (month < firstMonthOf(unit.hsaId)) continue;
        const monthsBack = monthsOf({ from: month, to: "2025-11" }).length - 1;
        const size = Math.round(base * (1 - drift * monthsBack));
        for (const [age, share] of AGE_BANDS) {
          const count = Math.round(size * share);
          const female = Math.round(count * (age >= 80 ? 0.58 : 0.5));
          lines.push(`${unit.hsaId},${month},${age},female,${female}`);
          lines.push(`${unit.hsaId},${month},${age},male,${count - female}`);
        }
      }
    }
  return `${lines.join("\n")}\n`;
}

export interface DemoStaffingSummary {
  staffingRows: number;
  listingMonths: number;
}

/**
 * Loads demo staffing from 2023-01 to the clock's month, and coarse listing for each of those months that
 * has none yet. Skipped when the current month's staffing is there already.
 */
export async function loadDemoStaffing(
  ctx: ServiceContext,
  actor: AuditActor,
  files: readonly RegionFile[],
  options: Partial<DemoStaffingOptions> = {},
): Promise<DemoStaffingSummary> {
  const to = options.to ?? stockholmDateOf(ctx.clock.now()).toString().slice(0, 7);
  const summary: DemoStaffingSummary = { staffingRows: 0, listingMonths: 0 };
  for (const file of files) {
    const code = file.region.code;
    const missing: string[] = [];
    // Months of the reimbursement demo are left to it (it checks its last month to see whether it ran).
    for (const month of monthsOf({ from: DEMO_STAFFING_FROM, to })) {
      if (DEMO_REIMBURSEMENT_MONTHS.includes(month)) continue;
      if (!(await hasListing(ctx.db, code, month))) missing.push(month);
    }
    if (missing.length > 0) {
      const result = await importReimbursementCsv(
        ctx,
        actor,
        "listing",
        [demoListingHistoryCsv([file], missing)],
        {
          purpose: "demo load",
          source: `demo listing history ${code}`,
        },
      );
      if (result.rejected > 0)
        throw new Error(`demo listing history ${code}: ${JSON.stringify(result.rejections.slice(0, 3))}`);
      summary.listingMonths += missing.length;
    }
    if ((await findStaffing(ctx.db, code, to, to)).length > 0) continue;
    const result = await importStaffingCsv(ctx, actor, [demoStaffingCsv([file], { ...options, to })], {
      purpose: "demo load",
      source: `demo staffing ${code}`,
    });
    if (result.rejected > 0)
      throw new Error(`demo staffing ${code}: ${JSON.stringify(result.rejections.slice(0, 3))}`);
    summary.staffingRows += result.imported + result.updated;
  }
  return summary;
}
