// Reported volumes of transferred tasks: the CSV import (`vardnav import transfer-volumes FILE`, and the
// same over HTTP), the unit manager's monthly form, and the per-unit view (what a unit carries and its
// reported volumes against its share of the expected volume). A row is one transfer, unit and month;
// reporting it again replaces it. Like every CSV import: a bad row is rejected with its line and reason,
// the good rows are kept, and the file is one transaction with its audit row.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { stockholmDateOf } from "../../domain/calendar/index.ts";
import { createCsvReader, isCsvError } from "../../domain/imports/csv-reader.ts";
import { expectedShareTenths, monthsInEffect, tenthsText } from "../../domain/transfers/index.ts";
import { AppError, fromZodIssues, validationError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./transfers.repository.ts";
import {
  type UnitChoices,
  type UnitTransfers,
  type VolumeImportSummary,
  type VolumeReportResult,
  volumeReportSchema,
} from "./transfers.schemas.ts";
import { actorName, assertRegisterKeeper, assertVolumeReporter } from "./transfers-access.ts";

export const VOLUME_COLUMNS = ["transfer_id", "unit_hsa_id", "month", "volume"] as const;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_REPORTED_REJECTIONS = 1000;
const BATCH_ROWS = 5000;
const MAX_VOLUME = 10_000_000;

/** Does this version's unit list include the unit (null = every listing unit)? */
function carries(version: repo.TransferVersionRow, unit: { hsaId: string; type?: string }): boolean {
  if (version.units === null) return unit.type !== "backup";
  return version.units.includes(unit.hsaId);
}

function currentMonth(ctx: ServiceContext): string {
  return stockholmDateOf(ctx.clock.now()).toString().slice(0, 7);
}

/**
 * Imports a volume file. `regionCode` limits it to one region (HTTP: the admin's); without it (CLI, system
 * actor) each row's unit decides the region. A header without the four columns rejects the whole file.
 */
export async function importTransferVolumes(
  ctx: ServiceContext,
  by: AuditActor,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: { regionCode?: string; purpose: string; source?: string },
): Promise<VolumeImportSummary> {
  if (options.regionCode !== undefined) assertRegisterKeeper(by, options.regionCode);
  else if (by.kind === "user") throw new AppError("bad_request", "An import over HTTP names its region.");
  const units = await repo.findUnitsByHsaId(ctx.db);
  const versionsByRegion = new Map<string, Map<string, repo.TransferVersionRow>>();
  const versionsOf = async (db: Kysely<Database>, regionCode: string) => {
    let versions = versionsByRegion.get(regionCode);
    if (versions === undefined) {
      versions = new Map((await repo.findLatestVersions(db, regionCode)).map((v) => [v.transfer_id, v]));
      versionsByRegion.set(regionCode, versions);
    }
    return versions;
  };
  const summary: VolumeImportSummary = { read: 0, imported: 0, updated: 0, rejected: 0, rejections: [] };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    if (summary.rejections.length < MAX_REPORTED_REJECTIONS) summary.rejections.push({ line, reason });
  };
  const at = new Date(ctx.clock.now().epochMilliseconds);
  const regions = new Set<string>();

  await ctx.db.transaction().execute(async (trx) => {
    const csv = createCsvReader();
    let columns: string[] | null = null;
    // One statement cannot upsert a key twice, so a batch keeps the file's last row of each key; a key
    // repeated in the file is a replacement like any other.
    let batch = new Map<string, repo.VolumeUpsert>();
    const flush = async () => {
      if (batch.size === 0) return;
      const { inserted, updated } = await repo.upsertVolumes(trx, [...batch.values()], actorName(by), at);
      summary.imported += inserted;
      summary.updated += updated;
      batch = new Map();
    };
    const handle = async (items: ReturnType<typeof csv.push>) => {
      for (const item of items) {
        if (columns === null) {
          if (isCsvError(item))
            throw new AppError("bad_request", `The header row is not valid CSV: ${item.error}`);
          columns = item.fields.map((f) => f.trim().toLowerCase());
          const missing = VOLUME_COLUMNS.filter((c) => !(columns as string[]).includes(c));
          if (missing.length > 0)
            throw new AppError(
              "bad_request",
              `The file is not a transfer volume file: the header lacks ${missing.join(", ")} (expected ${VOLUME_COLUMNS.join(",")}).`,
              { missing, expected: VOLUME_COLUMNS },
            );
          continue;
        }
        summary.read += 1;
        if (isCsvError(item)) {
          reject(item.line, item.error);
          continue;
        }
        if (item.fields.length !== columns.length) {
          reject(item.line, `has ${item.fields.length} fields, the header ${columns.length}`);
          continue;
        }
        const f: Record<string, string> = {};
        columns.forEach((c, i) => {
          f[c] = (item.fields[i] ?? "").trim();
        });
        const hsaId = f.unit_hsa_id ?? "";
        const unit = units.get(hsaId);
        if (unit === undefined) {
          reject(item.line, `unit_hsa_id ${JSON.stringify(hsaId)} is not a known unit`);
          continue;
        }
        if (options.regionCode !== undefined && unit.regionCode !== options.regionCode) {
          reject(item.line, `unit ${hsaId} belongs to region ${unit.regionCode}, not ${options.regionCode}`);
          continue;
        }
        const month = f.month ?? "";
        if (!MONTH_RE.test(month)) {
          reject(item.line, `month ${JSON.stringify(month)} is not a month YYYY-MM`);
          continue;
        }
        const volumeText = f.volume ?? "";
        if (!/^\d+$/.test(volumeText) || Number(volumeText) > MAX_VOLUME) {
          reject(
            item.line,
            `volume ${JSON.stringify(volumeText)} is not a whole number from 0 to ${MAX_VOLUME}`,
          );
          continue;
        }
        const transferId = f.transfer_id ?? "";
        const version = (await versionsOf(trx, unit.regionCode)).get(transferId);
        if (version === undefined) {
          reject(
            item.line,
            `transfer_id ${JSON.stringify(transferId)} is not a transfer of region ${unit.regionCode}`,
          );
          continue;
        }
        if (!carries(version, unit)) {
          reject(item.line, `unit ${hsaId} does not take transfer ${transferId}`);
          continue;
        }
        const key = `${unit.regionCode}|${transferId}|${unit.id}|${month}`;
        if (batch.has(key)) summary.updated += 1;
        regions.add(unit.regionCode);
        batch.set(key, {
          regionCode: unit.regionCode,
          transferId,
          unitId: unit.id,
          month,
          volume: Number(volumeText),
        });
        if (batch.size >= BATCH_ROWS) await flush();
      }
    };
    for await (const chunk of chunks) await handle(csv.push(chunk));
    await handle(csv.end());
    if (columns === null) throw new AppError("bad_request", "The file is empty: no header row.");
    await flush();
    await recordAudit(trx, ctx, by, {
      action: "transfer.volumes.import",
      entityType: "transfer_volumes",
      entityId: options.source ?? null,
      regionCode: options.regionCode ?? (regions.size === 1 ? [...regions][0] : null),
      purpose: options.purpose,
      details: {
        read: summary.read,
        imported: summary.imported,
        updated: summary.updated,
        rejected: summary.rejected,
        regions: [...regions].sort(),
      },
    });
  });
  return summary;
}

async function loadUnit(ctx: ServiceContext, hsaId: string, field = "unitHsaId") {
  const unit = (await repo.findUnitsByHsaId(ctx.db)).get(hsaId);
  if (unit === undefined)
    throw validationError("Unknown unit.", [{ path: field, message: `${hsaId} is not a known unit` }]);
  return unit;
}

/** Months of the version a unit may report: in effect (not proposed, inside [from, to]) and not ahead. */
function reportableMonths(version: repo.TransferVersionRow, year: number, nowMonth: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const month = `${year}-${String(m).padStart(2, "0")}`;
    if (month > nowMonth) break;
    const inEffect =
      version.status !== "proposed" &&
      month >= version.from_month &&
      (version.to_month === null || month <= version.to_month);
    if (inEffect) out.push(month);
  }
  return out;
}

/** The monthly form: one unit's volume of one transfer and month. */
export async function reportTransferVolume(
  ctx: ServiceContext,
  by: AuditActor,
  input: unknown,
  purpose: string,
): Promise<VolumeReportResult> {
  const parsed = volumeReportSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues("The volume report is not valid.", parsed.error.issues);
  const report = parsed.data;
  const unit = await loadUnit(ctx, report.unitHsaId);
  assertVolumeReporter(by, unit);
  return ctx.db.transaction().execute(async (trx) => {
    const version = await repo.findLatestVersion(trx, unit.regionCode, report.transferId);
    if (version === undefined || !carries(version, unit)) {
      throw validationError("The unit does not take this transfer.", [
        { path: "transferId", message: `${unit.hsaId} does not take transfer ${report.transferId}` },
      ]);
    }
    const year = Number(report.month.slice(0, 4));
    if (!reportableMonths(version, year, currentMonth(ctx)).includes(report.month)) {
      throw validationError("The month cannot be reported.", [
        {
          path: "month",
          message: `${report.month} is not a month in which ${report.transferId} is in effect, up to this month`,
        },
      ]);
    }
    const before = await repo.findVolume(trx, unit.regionCode, report.transferId, unit.id, report.month);
    await repo.upsertVolumes(
      trx,
      [
        {
          regionCode: unit.regionCode,
          transferId: report.transferId,
          unitId: unit.id,
          month: report.month,
          volume: report.volume,
        },
      ],
      actorName(by),
      new Date(ctx.clock.now().epochMilliseconds),
    );
    await recordAudit(trx, ctx, by, {
      action: "transfer.volume.report",
      entityType: "transfer_volume",
      entityId: `${unit.regionCode}/${report.transferId}/${unit.hsaId}/${report.month}`,
      regionCode: unit.regionCode,
      purpose,
      details: { volume: report.volume, replaced: before?.volume ?? null },
    });
    return { ...report, replaced: before?.volume ?? null };
  });
}

/** The units the actor may report for: a unit manager's own, the administration's whole region. */
export async function unitChoices(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode?: string,
): Promise<UnitChoices> {
  if (by.kind === "user" && by.role === "unit_manager") {
    const units = await repo.findUnitsByIds(ctx.db, by.unitIds);
    return { units: units.map((u) => ({ hsaId: u.hsaId, name: u.name, region: u.regionCode })) };
  }
  const region = regionCode ?? (by.kind === "user" ? by.regionCode : null);
  if (region === null) {
    // A system admin spans every region: every listing unit, region by region.
    assertRegisterKeeper(by, "");
    const units = await repo.findAllListingUnits(ctx.db);
    return { units: units.map((u) => ({ hsaId: u.hsaId, name: u.name, region: u.regionCode })) };
  }
  assertRegisterKeeper(by, region);
  const units = await repo.findListingUnits(ctx.db, region);
  return { units: units.map((u) => ({ hsaId: u.hsaId, name: u.name, region: u.regionCode })) };
}

/** The per-unit view of a year. */
export async function unitTransfers(
  ctx: ServiceContext,
  by: AuditActor,
  hsaId: string,
  year: number,
): Promise<UnitTransfers> {
  const unit = await loadUnit(ctx, hsaId, "unit");
  assertVolumeReporter(by, unit);
  const versions = await repo.findLatestVersions(ctx.db, unit.regionCode);
  const volumes = await repo.findVolumes(
    ctx.db,
    unit.regionCode,
    { from: `${year}-01`, to: `${year}-12` },
    unit.id,
  );
  const listingUnits = await repo.findListingUnits(ctx.db, unit.regionCode);
  const listed = await repo.findListedPerUnit(ctx.db, unit.regionCode, `${year}-12`);
  const shareBasis = listed.size > 0 ? "listed" : "equal";
  const nowMonth = currentMonth(ctx);
  const transfers: UnitTransfers["transfers"] = [];
  for (const version of versions) {
    if (!carries(version, unit)) continue;
    const own = volumes.filter((v) => v.transferId === version.transfer_id);
    const months = monthsInEffect(year, {
      status: version.status,
      from: version.from_month,
      to: version.to_month,
    });
    if (months === 0 && own.length === 0) continue;
    const carriers =
      version.units === null ? listingUnits : listingUnits.filter((u) => version.units?.includes(u.hsaId));
    const weightOf = (unitId: number) => (shareBasis === "listed" ? (listed.get(unitId) ?? 0) : 1);
    const totalWeight = carriers.reduce((sum, u) => sum + weightOf(u.id), 0);
    const byMonth = new Map(own.map((v) => [v.month, v.volume]));
    const shareOf = (monthCount: number) =>
      tenthsText(
        expectedShareTenths({
          expectedAnnualVolume: version.expected_annual_volume,
          monthsInEffect: monthCount,
          unitWeight: weightOf(unit.id),
          totalWeight,
        }),
      );
    // Months of the year in effect that are over: the current month is still being reported.
    const monthsOver = reportableMonths(version, year, nowMonth).filter((m) => m < nowMonth).length;
    transfers.push({
      id: version.transfer_id,
      title: version.title,
      status: version.status,
      volumeUnit: version.volume_unit,
      monthsInEffect: months,
      expectedShare: shareOf(months),
      expectedShareToDate: shareOf(monthsOver),
      reportedVolume: own.reduce((sum, v) => sum + v.volume, 0),
      months: Array.from({ length: 12 }, (_, i) => {
        const month = `${year}-${String(i + 1).padStart(2, "0")}`;
        return { month, volume: byMonth.get(month) ?? null };
      }),
      reportableMonths: reportableMonths(version, year, nowMonth),
    });
  }
  return {
    unit: { hsaId: unit.hsaId, name: unit.name, region: unit.regionCode },
    year,
    shareBasis,
    transfers,
  };
}
