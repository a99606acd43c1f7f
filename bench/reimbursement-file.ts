// Benchmark: one national-scale month of reimbursement in file mode (no database). 1 150 units with
// listing by single year of age 0–100, every component type, generated from a seeded PRNG so every run
// computes the same month. Times `runReimbursement` (validation, hashing and the exact computation) as the
// median of several runs after warm-up. Target: under 1 s. Run alone with
// `node bench/reimbursement-file.ts`.
import { performance } from "node:perf_hooks";
import {
  type ReimbursementModel,
  type ReimbursementSnapshot,
  runReimbursement,
} from "../src/domain/reimbursement/index.ts";

const UNITS = 1_150;
const WARM_UPS = 2;
const RUNS = 7;

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decimal(value: number, places: number): string {
  return value.toFixed(places);
}

export function nationalModel(hsaIds: readonly string[]): ReimbursementModel {
  return {
    id: "bench-national-2026",
    name: "Benchmark: national-scale model (synthetic)",
    validFrom: "2026-01",
    validTo: "2026-12",
    components: [
      {
        id: "vardpeng",
        label: "Vårdpeng",
        type: "capitation",
        annualPricePerPoint: "3250.00",
        ageWeights: [
          { from: 0, to: 6, weight: "1.30" },
          { from: 7, to: 19, weight: "0.60" },
          { from: 20, to: 49, weight: "0.75" },
          { from: 50, to: 64, weight: "1.00" },
          { from: 65, to: 79, weight: "1.55" },
          { from: 80, to: null, weight: "2.20" },
        ],
        indices: ["acg", "cni"],
      },
      {
        id: "glesbygd",
        label: "Glesbygdsersättning",
        type: "pool",
        annualAmount: "540000000.00",
        key: "ruralPointsTimesListed",
        minRuralPoints: 10,
      },
      {
        id: "tillganglighet",
        label: "Tillgänglighetsersättning",
        type: "pool",
        annualAmount: "100000000.00",
        key: "sameDayGoalMetTimesListed",
        sameDayThreshold: "0.90",
      },
      {
        id: "multisjuka",
        label: "Identifierade multisjuka",
        type: "pool",
        annualAmount: "70000000.00",
        key: "multimorbidIdentified",
      },
      { id: "listning", label: "Listningspool", type: "pool", annualAmount: "250000000.01", key: "listed" },
      {
        id: "hemsjukvardspool",
        label: "Hemsjukvårdspool",
        type: "pool",
        annualAmount: "30000000.00",
        key: "homeVisits",
      },
      {
        id: "hemsjukvard",
        label: "Hemsjukvårdsbesök",
        type: "perEvent",
        event: "homeVisits",
        price: "2000.00",
        annualBudget: "85000000.00",
      },
      {
        id: "riktad-bemanning",
        label: "Riktade bemanningsbidrag",
        type: "grant",
        grants: hsaIds
          .filter((_, i) => i % 50 === 0)
          .map((unit, i) => ({
            unit,
            annualAmount: `${1_000_000 + i * 12_345}.${String(i % 100).padStart(2, "0")}`,
            from: "2024-01",
            to: "2027-12",
          })),
      },
    ],
  };
}

export function nationalSnapshot(seed = 20260301): ReimbursementSnapshot {
  const random = prng(seed);
  const units: ReimbursementSnapshot["units"] = [];
  for (let u = 0; u < UNITS; u++) {
    const size = 1_500 + Math.floor(random() * 16_000); // about 10.6 million residents in all
    const listedByAge: Record<string, number> = {};
    for (let age = 0; age <= 100; age++) {
      // A rough Swedish age profile: flat to 65, thinning after, few past 90.
      const profile = age < 65 ? 1 : age < 80 ? 0.85 : age < 90 ? 0.4 : 0.08;
      listedByAge[String(age)] = Math.floor(((size / 80) * profile * (0.8 + 0.4 * random())) | 0);
    }
    units.push({
      hsaId: `SE${String(2321000000 + (u % 21) * 1_000_000).padStart(10, "0")}-E${String(u).padStart(4, "0")}`,
      listedByAge,
      indices: { acg: decimal(0.8 + random() * 0.4, 4), cni: decimal(0.9 + random() * 0.25, 4) },
      ruralPoints: Math.floor(random() * 30),
      multimorbidIdentified: Math.floor(random() * 400),
      homeVisits: Math.floor(random() * 60),
      sameDayRate: decimal(0.6 + random() * 0.4, 4),
    });
  }
  // Shuffled by the PRNG: the engine must not rely on units arriving sorted.
  for (let i = units.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [units[i], units[j]] = [units[j] as (typeof units)[number], units[i] as (typeof units)[number]];
  }
  return { month: "2026-03", units };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function benchReimbursementFileMode(): Promise<{ units: number; fileModeMs: number }> {
  const snapshot = nationalSnapshot();
  const model = nationalModel(snapshot.units.map((u) => u.hsaId).sort());
  // As in file mode, the engine gets freshly parsed JSON each time.
  const modelText = JSON.stringify(model);
  const snapshotText = JSON.stringify(snapshot);
  const once = () => runReimbursement(JSON.parse(modelText), JSON.parse(snapshotText));

  for (let i = 0; i < WARM_UPS; i++) once();
  const timings: number[] = [];
  let units = 0;
  for (let i = 0; i < RUNS; i++) {
    const model = JSON.parse(modelText);
    const snap = JSON.parse(snapshotText);
    const start = performance.now();
    const result = runReimbursement(model, snap);
    timings.push(performance.now() - start);
    units = result.units.length;
  }
  return { units, fileModeMs: Math.round(median(timings) * 10) / 10 };
}

if (import.meta.main) {
  const result = await benchReimbursementFileMode();
  process.stdout.write(`${JSON.stringify({ bench: "reimbursement-file", ...result })}\n`);
}
