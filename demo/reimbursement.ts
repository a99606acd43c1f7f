// Demo reimbursement: models for Västernorrland 2025 and 2026 with the budget figures of DESIGN.md
// (glesbygdsersättning 49 → 54 MSEK, 2 000 kr per hemsjukvårdsbesök against an 8.5 MSEK budget line,
// 7 MSEK goal-based pool for identified multimorbid patients in 2026, 10 MSEK for accessibility in 2025,
// targeted staffing grants to Kramfors and Sollefteå hälsocentraler 2024–2027), a Västerbotten model, and
// the monthly inputs (listing by age and sex, ACG/CNI indices, rural points, unit reports, same-day rates)
// for every month of the demo period. Every other parameter is invented and labelled demo. Seeded and
// deterministic; loaded through the same services (model store, CSV imports) an administration uses.
import type { ReimbursementModel } from "../src/domain/reimbursement/index.ts";
import { canonicalJson } from "../src/lib/canonical-json.ts";
import type { ServiceContext } from "../src/lib/context.ts";
import type { AuditActor } from "../src/modules/audit/audit.service.ts";
import { findLatestModelVersion, hasListing } from "../src/modules/reimbursement/reimbursement.repository.ts";
import { createModel } from "../src/modules/reimbursement/reimbursement.service.ts";
import {
  importReimbursementCsv,
  type ReimbursementImportKind,
} from "../src/modules/reimbursement/reimbursement-imports.service.ts";
import { listedInMonth, simulateDemoListing } from "./listing.ts";
import { createRng } from "./prng.ts";
import { DEMO_SEED, GRANT_UNIT_NAMES, type RegionFile, type RegionFileUnit } from "./regions.ts";

/** The months the demo inputs cover: the demo contact period (2025-11 … 2026-11) and the rest of 2026. */
export const DEMO_REIMBURSEMENT_MONTHS: readonly string[] = Array.from({ length: 14 }, (_, i) => {
  const index = 2025 * 12 + 10 + i; // 2025-11 + i
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
});

export type DemoModel = ReimbursementModel & { sameDayRateKind: "resident" | "phone"; purpose: "payment" };

const AGE_WEIGHTS = [
  { from: 0, to: 6, weight: "1.30" },
  { from: 7, to: 19, weight: "0.60" },
  { from: 20, to: 49, weight: "0.75" },
  { from: 50, to: 64, weight: "1.00" },
  { from: 65, to: 79, weight: "1.55" },
  { from: 80, to: null, weight: "2.20" },
];

function grantUnits(file: RegionFile): RegionFileUnit[] {
  return file.units.filter(
    (u) => u.type === "halsocentral" && (GRANT_UNIT_NAMES as readonly string[]).includes(u.name),
  );
}

/** The demo models of each region, in the order they were decided. */
export function demoReimbursementModels(
  files: readonly RegionFile[],
): { regionCode: string; model: DemoModel }[] {
  const out: { regionCode: string; model: DemoModel }[] = [];
  const vn = files.find((f) => f.region.code === "22");
  if (vn !== undefined) {
    const grants = grantUnits(vn).map((unit, i) => ({
      unit: unit.hsaId,
      // Demo amounts: the budget names the grants, not their size.
      annualAmount: i === 0 ? "4000000.00" : "3500000.00",
      from: "2024-01",
      to: "2027-12",
    }));
    const staffing = {
      id: "riktad-bemanning",
      label: "Riktat bemanningsstöd Kramfors och Sollefteå hälsocentraler",
      type: "grant" as const,
      grants,
    };
    out.push({
      regionCode: "22",
      model: {
        id: "vasternorrland-2025",
        name: "Vårdval Västernorrland 2025 (demo: glesbygd 49 MSEK och tillgänglighet 10 MSEK enligt budget, övrigt påhittat)",
        validFrom: "2025-01",
        validTo: "2025-12",
        sameDayRateKind: "resident",
        purpose: "payment",
        components: [
          {
            id: "vardpeng",
            label: "Vårdpeng",
            type: "capitation",
            annualPricePerPoint: "3180.00",
            ageWeights: AGE_WEIGHTS,
            indices: ["acg", "cni"],
          },
          {
            id: "glesbygd",
            label: "Glesbygdsersättning",
            type: "pool",
            annualAmount: "49000000.00",
            key: "ruralPointsTimesListed",
            minRuralPoints: 10,
          },
          {
            id: "tillganglighet",
            label: "Tillgänglighetsersättning (samma dag)",
            type: "pool",
            annualAmount: "10000000.00",
            key: "sameDayGoalMetTimesListed",
            sameDayThreshold: "0.85",
          },
          staffing,
        ],
      },
    });
    out.push({
      regionCode: "22",
      model: {
        id: "vasternorrland-2026",
        name: "Vårdval Västernorrland 2026 (demo: glesbygd 54 MSEK, hemsjukvård 2 000 kr/besök, multisjuka 7 MSEK enligt budget, övrigt påhittat)",
        validFrom: "2026-01",
        validTo: "2026-12",
        sameDayRateKind: "resident",
        purpose: "payment",
        components: [
          {
            id: "vardpeng",
            label: "Vårdpeng",
            type: "capitation",
            annualPricePerPoint: "3250.00",
            ageWeights: AGE_WEIGHTS,
            indices: ["acg", "cni"],
          },
          {
            id: "glesbygd",
            label: "Glesbygdsersättning",
            type: "pool",
            annualAmount: "54000000.00",
            key: "ruralPointsTimesListed",
            minRuralPoints: 10,
          },
          {
            id: "tillganglighet",
            label: "Tillgänglighetsersättning (samma dag)",
            type: "pool",
            annualAmount: "10000000.00",
            key: "sameDayGoalMetTimesListed",
            sameDayThreshold: "0.85",
          },
          {
            id: "hemsjukvard",
            label: "Hemsjukvårdsbesök",
            type: "perEvent",
            event: "homeVisits",
            price: "2000.00",
            annualBudget: "8500000.00",
          },
          {
            id: "multisjuka",
            label: "Målrelaterad ersättning: identifierade multisjuka",
            type: "pool",
            annualAmount: "7000000.00",
            key: "multimorbidIdentified",
          },
          staffing,
        ],
      },
    });
  }
  if (files.some((f) => f.region.code === "24")) {
    out.push({
      regionCode: "24",
      model: {
        id: "vasterbotten-2025-2026",
        name: "Vårdval Västerbotten 2025–2026 (demo: påhittade belopp)",
        validFrom: "2025-01",
        validTo: "2026-12",
        sameDayRateKind: "phone",
        purpose: "payment",
        components: [
          {
            id: "vardpeng",
            label: "Vårdpeng",
            type: "capitation",
            annualPricePerPoint: "3300.00",
            ageWeights: AGE_WEIGHTS,
            indices: ["acg"],
          },
          {
            id: "glesbygd",
            label: "Glesbygdsersättning",
            type: "pool",
            annualAmount: "42000000.00",
            key: "ruralPointsTimesListed",
            minRuralPoints: 12,
          },
          {
            id: "tillganglighet",
            label: "Tillgänglighetsersättning (telefon samma dag)",
            type: "pool",
            annualAmount: "6000000.00",
            key: "sameDayGoalMetTimesListed",
            sameDayThreshold: "0.75",
          },
          {
            id: "hemsjukvard",
            label: "Hemsjukvårdsbesök",
            type: "perEvent",
            event: "homeVisits",
            price: "1800.00",
            annualBudget: "7000000.00",
          },
        ],
      },
    });
  }
  return out;
}

/** Rural points per kommun (demo): the sparser and farther from a hospital, the more. */
const RURAL_POINTS_BY_KOMMUN: Record<string, number> = {
  "2260": 18,
  "2262": 4,
  "2280": 6,
  "2281": 2,
  "2282": 14,
  "2283": 20,
  "2284": 8,
  "2401": 14,
  "2403": 22,
  "2404": 18,
  "2409": 12,
  "2417": 24,
  "2418": 28,
  "2421": 32,
  "2422": 34,
  "2425": 30,
  "2460": 8,
  "2462": 30,
  "2463": 28,
  "2480": 2,
  "2481": 18,
  "2482": 4,
};

/** A Swedish-like age profile (relative count per single year of age); rural units are older. */
function ageProfile(age: number, rural: boolean): number {
  if (age < 20) return rural ? 0.9 : 1.05;
  if (age < 65) return rural ? 1.0 : 1.15;
  if (age < 80) return rural ? 1.35 : 1.0;
  if (age < 90) return rural ? 0.7 : 0.5;
  if (age < 100) return 0.12;
  return 0.01;
}

export interface DemoReimbursementInputs {
  listing: string;
  indices: string;
  "rural-points": string;
  "unit-reports": string;
  "same-day-rates": string;
}

/** The demo inputs of one region as the CSV files an administration would import. */
export function demoReimbursementInputs(
  file: RegionFile,
  seed: number = DEMO_SEED,
  months: readonly string[] = DEMO_REIMBURSEMENT_MONTHS,
  /** Months before the reimbursement period whose listing alone is wanted (the listing history). */
  listingOnlyMonths: readonly string[] = [],
): DemoReimbursementInputs {
  // Every month is generated (so each month's figures are the same whichever months are loaded), only
  // the asked-for months are written.
  const wanted = new Set(months);
  const rng = createRng(seed).fork(`reimbursement:${file.region.code}`);
  // Each unit's listed per month comes from the listing history (demo/listing.ts), so the payment inputs,
  // the listing page and the listing changes agree.
  const lastMonth = [...DEMO_REIMBURSEMENT_MONTHS, ...listingOnlyMonths].sort().at(-1) as string;
  const history = simulateDemoListing([file], lastMonth, seed);
  const listing = ["unit_hsa_id,month,age,sex,count"];
  const indices = ["unit_hsa_id,month,name,value"];
  const rural = ["unit_hsa_id,valid_from,valid_to,points"];
  const reports = ["unit_hsa_id,month,multimorbid_identified,home_visits"];
  const rates = ["unit_hsa_id,month,kind,rate"];
  for (const unit of file.units) {
    if (unit.type === "backup") continue;
    const r = rng.fork(unit.hsaId);
    const points = (RURAL_POINTS_BY_KOMMUN[unit.kommun] ?? 6) + (unit.type === "halsocentral" ? 0 : 6);
    const isRural = points >= 12;
    rural.push(`${unit.hsaId},2024-01,,${points}`);
    const profile = Array.from({ length: 101 }, (_, age) => ageProfile(age, isRural) * r.float(0.85, 1.15));
    const profileSum = profile.reduce((a, b) => a + b, 0);
    const elderShare = profile.slice(65).reduce((a, b) => a + b, 0) / profileSum;
    const acg = r.float(0.88, 1.18);
    const cni = r.float(0.92, 1.12);
    const sameDay = r.float(0.7, 0.95);
    for (const month of DEMO_REIMBURSEMENT_MONTHS) {
      // The draw that once drifted the listing is kept, so that the other inputs' draws stay as they were.
      r.float(-0.002, 0.002);
      const size = listedInMonth(history, unit.hsaId, month) ?? 0;
      const acgOfMonth = (acg + r.float(-0.01, 0.01)).toFixed(4);
      const cniOfMonth = (cni + r.float(-0.005, 0.005)).toFixed(4);
      // About 4 250 home-care visits a year in Västernorrland (8.5 MSEK at 2 000 kr), by elderly listed.
      const homeVisits = Math.round(((size * elderShare) / 55_000) * 354 * r.float(0.8, 1.25));
      const multimorbid = Math.round(size * 0.0045 * r.float(0.6, 1.4));
      const rate = Math.min(0.99, Math.max(0.5, sameDay + r.float(-0.06, 0.06)));
      if (!wanted.has(month)) continue;
      for (let age = 0; age <= 100; age++) {
        const count = Math.round((size * (profile[age] as number)) / profileSum);
        const female = Math.round(count * (age >= 80 ? 0.58 : 0.5));
        listing.push(`${unit.hsaId},${month},${age},female,${female}`);
        listing.push(`${unit.hsaId},${month},${age},male,${count - female}`);
      }
      indices.push(`${unit.hsaId},${month},acg,${acgOfMonth}`);
      indices.push(`${unit.hsaId},${month},cni,${cniOfMonth}`);
      reports.push(`${unit.hsaId},${month},${multimorbid},${homeVisits}`);
      rates.push(`${unit.hsaId},${month},resident,${rate.toFixed(4)}`);
      rates.push(`${unit.hsaId},${month},phone,${Math.min(0.99, rate + 0.04).toFixed(4)}`);
    }
    for (const month of listingOnlyMonths) {
      const size = listedInMonth(history, unit.hsaId, month) ?? 0;
      for (let age = 0; age <= 100; age++) {
        const count = Math.round((size * (profile[age] as number)) / profileSum);
        const female = Math.round(count * (age >= 80 ? 0.58 : 0.5));
        listing.push(`${unit.hsaId},${month},${age},female,${female}`);
        listing.push(`${unit.hsaId},${month},${age},male,${count - female}`);
      }
    }
  }
  const csv = (lines: string[]) => `${lines.join("\n")}\n`;
  return {
    listing: csv(listing),
    indices: csv(indices),
    "rural-points": csv(rural),
    "unit-reports": csv(reports),
    "same-day-rates": csv(rates),
  };
}

export interface DemoReimbursementSummary {
  modelsStored: number;
  rowsImported: number;
}

/** The month the demo is shown with (the "run March 2026"): always loaded. */
export const DEMO_SHOWCASE_MONTH = "2026-03";

/**
 * Stores the demo models (a model already stored with the same content is kept, so loading again adds
 * no versions) and imports the demo inputs of every region for the given months (upserts: loading again
 * changes nothing). Every month of the demo period is a quarter of a million listing rows, so tests that
 * only need the showcase month load just that one.
 */
export async function loadDemoReimbursement(
  ctx: ServiceContext,
  actor: AuditActor,
  files: readonly RegionFile[],
  months: readonly string[] = DEMO_REIMBURSEMENT_MONTHS,
): Promise<DemoReimbursementSummary> {
  let modelsStored = 0;
  for (const { regionCode, model } of demoReimbursementModels(files)) {
    const latest = await findLatestModelVersion(ctx.db, regionCode, model.id);
    const { sameDayRateKind: _kind, purpose: _purpose, ...pure } = model;
    if (latest !== undefined && canonicalJson(latest.model) === canonicalJson(pure)) continue;
    await createModel(ctx, actor, regionCode, model, "demo load");
    modelsStored += 1;
  }
  let rowsImported = 0;
  for (const file of files) {
    // The inputs are many rows: when the last month asked for is there, they were loaded before.
    const lastMonth = months.at(-1);
    if (lastMonth === undefined || (await hasListing(ctx.db, file.region.code, lastMonth))) continue;
    const inputs = demoReimbursementInputs(file, DEMO_SEED, months);
    for (const kind of Object.keys(inputs) as ReimbursementImportKind[]) {
      const summary = await importReimbursementCsv(ctx, actor, kind, [inputs[kind]], {
        purpose: "demo load",
        source: `demo ${kind} ${file.region.code}`,
      });
      if (summary.rejected > 0) {
        throw new Error(
          `demo ${kind} of region ${file.region.code}: ${JSON.stringify(summary.rejections.slice(0, 3))}`,
        );
      }
      rowsImported += summary.imported;
    }
  }
  return { modelsStored, rowsImported };
}
