// Demo task transfers from slutenvården: seven per demo region from three years back (2023 when today is
// in 2026), with realistic titles, clinics, decision references, volumes and costs; some fully
// compensated, some partly, one not at all, one only proposed. Units report monthly volumes up to the
// last complete month, so the gap of this year and last year is visible. Dates are relative to the
// clock's year; every figure is invented and labelled demo. Seeded and deterministic; loaded through the
// same services an administration uses (the register file import and the volume CSV import).
import { stockholmDateOf } from "../src/domain/calendar/index.ts";
import type { ServiceContext } from "../src/lib/context.ts";
import type { AuditActor } from "../src/modules/audit/audit.service.ts";
import { findLatestVersions } from "../src/modules/transfers/transfers.repository.ts";
import type { TransferInput } from "../src/modules/transfers/transfers.schemas.ts";
import { importTransfersFile } from "../src/modules/transfers/transfers-register.service.ts";
import { importTransferVolumes } from "../src/modules/transfers/transfers-volumes.service.ts";
import { createRng } from "./prng.ts";
import { DEMO_SEED, generateDemoListing, type RegionFile } from "./regions.ts";

interface DemoTransferPlan {
  transfer: TransferInput;
  /** Kommuner whose units take the task; null = every listing unit. */
  kommuner: string[] | null;
  /** Reported volume against the expected: above 1, the task grew beyond the estimate. */
  uptake: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const month = (year: number, m: number) => `${year}-${pad(m)}`;

/** The plans of both regions for a clock year `y`. */
export function demoTransferPlans(y: number): Record<string, DemoTransferPlan[]> {
  const t = (
    fields: Omit<TransferInput, "component"> & { component?: string | null },
    kommuner: string[] | null,
    uptake: number,
  ): DemoTransferPlan => ({ transfer: { component: null, ...fields }, kommuner, uptake });
  return {
    "22": [
      t(
        {
          id: "hjartsvikt-uppfoljning",
          title: "Uppföljning av hjärtsvikt efter utskrivning (demo)",
          fromClinic: "Medicinkliniken, Sundsvalls sjukhus",
          decisionRef: `RS ${y - 3}/0218 (demo)`,
          decidedOn: `${y - 3}-02-14`,
          status: "in_effect",
          from: month(y - 3, 4),
          to: null,
          expectedAnnualVolume: 2400,
          volumeUnit: "besök",
          estimatedAnnualCost: "4320000.00",
          annualCompensation: "2160000.00",
          units: null,
        },
        null,
        1.18,
      ),
      t(
        {
          id: "ak-mottagning",
          title: "Antikoagulationsbehandling (AK-mottagning) flyttas till hälsocentralerna (demo)",
          fromClinic: "Medicinkliniken, Sundsvalls sjukhus",
          decisionRef: `RS ${y - 2}/0412 (demo)`,
          decidedOn: `${y - 2}-05-20`,
          status: "in_effect",
          from: month(y - 2, 9),
          to: null,
          expectedAnnualVolume: 5200,
          volumeUnit: "kontroller",
          estimatedAnnualCost: "2340000.00",
          annualCompensation: "2340000.00",
          units: null,
        },
        null,
        0.96,
      ),
      t(
        {
          id: "sarvard-postop",
          title: "Sårvård efter ortopedisk operation (demo)",
          fromClinic: "Ortopedkliniken, Sundsvalls sjukhus",
          decisionRef: `RS ${y - 1}/0107 (demo)`,
          decidedOn: `${y - 1}-01-28`,
          status: "in_effect",
          from: month(y - 1, 3),
          to: null,
          expectedAnnualVolume: 1800,
          volumeUnit: "besök",
          estimatedAnnualCost: "990000.00",
          annualCompensation: "0.00",
          units: null,
        },
        ["2281", "2262", "2260", "2280"],
        1.1,
      ),
      t(
        {
          id: "preop-provtagning",
          title: "Preoperativ provtagning och EKG inför planerad kirurgi (demo)",
          fromClinic: "Operationskliniken, Örnsköldsviks sjukhus",
          decisionRef: `RS ${y - 4}/0890 (demo)`,
          decidedOn: `${y - 4}-11-09`,
          status: "ended",
          from: month(y - 3, 1),
          to: month(y - 1, 6),
          expectedAnnualVolume: 3100,
          volumeUnit: "provtagningar",
          estimatedAnnualCost: "1240000.00",
          annualCompensation: "1240000.00",
          units: null,
        },
        ["2284"],
        0.9,
      ),
      t(
        {
          id: "stomivard",
          title: "Stomivård och byte av stomimaterial (demo)",
          fromClinic: "Kirurgkliniken, Sundsvalls sjukhus",
          decisionRef: `RS ${y - 1}/0733 (demo)`,
          decidedOn: `${y - 1}-10-15`,
          status: "in_effect",
          from: month(y, 1),
          to: null,
          expectedAnnualVolume: 900,
          volumeUnit: "besök",
          estimatedAnnualCost: "630000.00",
          annualCompensation: "315000.00",
          units: null,
        },
        ["2281", "2262"],
        1.05,
      ),
      t(
        {
          id: "palliativ-hemsjukvard",
          title: "Palliativ vård i hemmet i Kramfors och Sollefteå (demo)",
          fromClinic: "Medicinkliniken, Sollefteå sjukhus",
          decisionRef: `RS ${y - 2}/0051 (demo)`,
          decidedOn: `${y - 3}-12-12`,
          status: "in_effect",
          from: month(y - 2, 1),
          to: null,
          expectedAnnualVolume: 1400,
          volumeUnit: "hembesök",
          estimatedAnnualCost: "2800000.00",
          annualCompensation: "1400000.00",
          component: "hemsjukvard",
          units: null,
        },
        ["2282", "2283"],
        1.12,
      ),
      t(
        {
          id: "insulinstart",
          title: "Insulinstart vid typ 2-diabetes (demo)",
          fromClinic: "Medicinkliniken, Örnsköldsviks sjukhus",
          decisionRef: null,
          decidedOn: null,
          status: "proposed",
          from: month(y + 1, 1),
          to: null,
          expectedAnnualVolume: 600,
          volumeUnit: "patienter",
          estimatedAnnualCost: "720000.00",
          annualCompensation: "0.00",
          units: null,
        },
        null,
        0,
      ),
    ],
    "24": [
      t(
        {
          id: "hjartsvikt-uppfoljning",
          title: "Uppföljning av hjärtsvikt efter utskrivning (demo)",
          fromClinic: "Hjärtcentrum, Norrlands universitetssjukhus",
          decisionRef: `RS ${y - 1}/118 (demo)`,
          decidedOn: `${y - 1}-03-12`,
          status: "in_effect",
          from: month(y - 1, 4),
          to: null,
          expectedAnnualVolume: 1200,
          volumeUnit: "besök",
          estimatedAnnualCost: "3600000.00",
          annualCompensation: "1800000.00",
          units: null,
        },
        null,
        1.12,
      ),
      t(
        {
          id: "ak-mottagning",
          title: "Antikoagulationsbehandling (AK-mottagning) i Skellefteå (demo)",
          fromClinic: "Medicinkliniken, Skellefteå lasarett",
          decisionRef: `RS ${y - 3}/0301 (demo)`,
          decidedOn: `${y - 3}-03-22`,
          status: "in_effect",
          from: month(y - 3, 5),
          to: null,
          expectedAnnualVolume: 4100,
          volumeUnit: "kontroller",
          estimatedAnnualCost: "1845000.00",
          annualCompensation: "1845000.00",
          units: null,
        },
        ["2482", "2417"],
        1.0,
      ),
      t(
        {
          id: "kol-uppfoljning",
          title: "KOL-uppföljning och spirometri (demo)",
          fromClinic: "Lung- och allergikliniken, Norrlands universitetssjukhus",
          decisionRef: `RS ${y - 2}/0066 (demo)`,
          decidedOn: `${y - 3}-11-30`,
          status: "in_effect",
          from: month(y - 2, 2),
          to: null,
          expectedAnnualVolume: 1600,
          volumeUnit: "besök",
          estimatedAnnualCost: "1120000.00",
          annualCompensation: "560000.00",
          units: null,
        },
        null,
        1.08,
      ),
      t(
        {
          id: "sarvard-karlkirurgi",
          title: "Sårvård efter kärlkirurgi (demo)",
          fromClinic: "Kärlkirurgiska kliniken, Norrlands universitetssjukhus",
          decisionRef: `RS ${y - 2}/0514 (demo)`,
          decidedOn: `${y - 2}-06-04`,
          status: "in_effect",
          from: month(y - 2, 9),
          to: null,
          expectedAnnualVolume: 700,
          volumeUnit: "besök",
          estimatedAnnualCost: "420000.00",
          annualCompensation: "0.00",
          units: null,
        },
        ["2480", "2401", "2403", "2404", "2409", "2460"],
        1.15,
      ),
      t(
        {
          id: "palliativ-inlandet",
          title: "Palliativ vård i hemmet i inlandet (demo)",
          fromClinic: "Medicinkliniken, Lycksele lasarett",
          decisionRef: `RS ${y - 2}/0019 (demo)`,
          decidedOn: `${y - 3}-12-05`,
          status: "in_effect",
          from: month(y - 2, 1),
          to: null,
          expectedAnnualVolume: 1100,
          volumeUnit: "hembesök",
          estimatedAnnualCost: "2200000.00",
          annualCompensation: "1650000.00",
          component: "hemsjukvard",
          units: null,
        },
        ["2481", "2418", "2421", "2422", "2425", "2462", "2463"],
        1.05,
      ),
      t(
        {
          id: "preop-dagkirurgi",
          title: "Preoperativ bedömning inför dagkirurgi (demo)",
          fromClinic: "Operationscentrum, Skellefteå lasarett",
          decisionRef: `RS ${y - 3}/0720 (demo)`,
          decidedOn: `${y - 3}-09-18`,
          status: "ended",
          from: month(y - 3, 10),
          to: month(y - 1, 12),
          expectedAnnualVolume: 2000,
          volumeUnit: "bedömningar",
          estimatedAnnualCost: "800000.00",
          annualCompensation: "800000.00",
          units: null,
        },
        ["2482"],
        0.92,
      ),
      t(
        {
          id: "insulinstart",
          title: "Insulinstart vid typ 2-diabetes (demo)",
          fromClinic: "Medicinkliniken, Norrlands universitetssjukhus",
          decisionRef: null,
          decidedOn: null,
          status: "proposed",
          from: month(y + 1, 3),
          to: null,
          expectedAnnualVolume: 500,
          volumeUnit: "patienter",
          estimatedAnnualCost: "600000.00",
          annualCompensation: "0.00",
          units: null,
        },
        null,
        0,
      ),
    ],
  };
}

const SEASON = [1, 1, 1, 1, 1, 0.9, 0.6, 0.75, 1, 1, 1, 0.85];

export interface DemoTransfersSummary {
  transfers: number;
  volumeRows: number;
}

/** The register files and the volume CSV of the demo, for the clock's today (pure). */
export function generateDemoTransfers(
  files: readonly RegionFile[],
  today: string,
  seed: number = DEMO_SEED,
): { registers: { region: string; transfers: TransferInput[] }[]; volumesCsv: string } {
  const y = Number(today.slice(0, 4));
  // The last complete month: reports for a month come in during the next one.
  const todayIndex = y * 12 + Number(today.slice(5, 7)) - 1;
  const lastIndex = todayIndex - 1;
  const listing = new Map(generateDemoListing(files, seed).map((l) => [l.hsaId, l.listed]));
  const plans = demoTransferPlans(y);
  const rng = createRng(seed).fork("transfers");
  const registers: { region: string; transfers: TransferInput[] }[] = [];
  const lines = ["transfer_id,unit_hsa_id,month,volume"];
  for (const file of files) {
    const regionPlans = plans[file.region.code] ?? [];
    const listingUnits = file.units.filter((u) => u.type !== "backup");
    const transfers: TransferInput[] = [];
    for (const plan of regionPlans) {
      const carriers =
        plan.kommuner === null ? listingUnits : listingUnits.filter((u) => plan.kommuner?.includes(u.kommun));
      const transfer = {
        ...plan.transfer,
        units: plan.kommuner === null ? null : carriers.map((u) => u.hsaId),
      };
      transfers.push(transfer);
      if (transfer.status === "proposed") continue;
      const totalListed = carriers.reduce((sum, u) => sum + (listing.get(u.hsaId) ?? 0), 0);
      const start = Number(transfer.from.slice(0, 4)) * 12 + Number(transfer.from.slice(5, 7)) - 1;
      const end =
        transfer.to === null
          ? lastIndex
          : Math.min(lastIndex, Number(transfer.to.slice(0, 4)) * 12 + Number(transfer.to.slice(5, 7)) - 1);
      const transferRng = rng.fork(`${file.region.code}:${transfer.id}`);
      for (const unit of carriers) {
        const share = totalListed > 0 ? (listing.get(unit.hsaId) ?? 0) / totalListed : 1 / carriers.length;
        for (let index = start; index <= end; index += 1) {
          const monthText = month(Math.floor(index / 12), (index % 12) + 1);
          // The task is taken up over the first half year.
          const ramp = Math.min(1, 0.5 + (index - start) / 12);
          const mean =
            (transfer.expectedAnnualVolume / 12) * share * plan.uptake * ramp * (SEASON[index % 12] ?? 1);
          const volume = Math.max(0, Math.round(mean * transferRng.float(0.85, 1.15)));
          lines.push(`${transfer.id},${unit.hsaId},${monthText},${volume}`);
        }
      }
    }
    registers.push({ region: file.region.code, transfers });
  }
  return { registers, volumesCsv: `${lines.join("\n")}\n` };
}

/**
 * Loads the demo transfers once per region (a region that has any transfer is left as it is, so the
 * first start pays for this and later starts do not).
 */
export async function loadDemoTransfers(
  ctx: ServiceContext,
  actor: AuditActor,
  files: readonly RegionFile[],
): Promise<DemoTransfersSummary> {
  const pending: RegionFile[] = [];
  for (const file of files)
    if ((await findLatestVersions(ctx.db, file.region.code)).length === 0) pending.push(file);
  if (pending.length === 0) return { transfers: 0, volumeRows: 0 };
  const today = stockholmDateOf(ctx.clock.now()).toString();
  const { registers, volumesCsv } = generateDemoTransfers(pending, today);
  let transfers = 0;
  for (const register of registers) {
    const summary = await importTransfersFile(ctx, actor, register, "demo load");
    transfers += summary.created;
  }
  const volumes = await importTransferVolumes(ctx, actor, [volumesCsv], {
    purpose: "demo load",
    source: "demo",
  });
  if (volumes.rejected > 0)
    throw new Error(
      `demo transfers: ${volumes.rejected} volume rows rejected: ${volumes.rejections[0]?.reason}`,
    );
  return { transfers, volumeRows: volumes.imported };
}
