// `vardnav import staffing FILE` and its HTTP upload (FORMATS.md "Physician staffing", vardnav-staffing-v1):
// every row is checked; a bad row is rejected with its line and reason while the good rows are imported;
// the same (unit, month, profession, employment) again replaces the stored row, which goes to the history.
// One transaction: an import is all of its good rows or nothing.
import type { StaffingEmployment, StaffingProfession } from "../../db/schema.ts";
import { createCsvReader, isCsvError } from "../../domain/imports/csv-reader.ts";
import { isMonth, kronorToOre, tryParseDecimal } from "../../domain/reimbursement/index.ts";
import { EMPLOYMENTS, PROFESSIONS } from "../../domain/staffing/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./staffing.repository.ts";
import { assertStaffingAdmin } from "./staffing-access.ts";

export const STAFFING_COLUMNS = [
  "unit_hsa_id",
  "month",
  "profession",
  "employment",
  "fte",
  "agency_cost_sek",
];
const OPTIONAL_COLUMNS = ["agency_cost_sek"];
const MAX_FTE = 999_999;
const MAX_REPORTED_REJECTIONS = 1000;
const BATCH_ROWS = 5000;

export interface StaffingImportSummary {
  read: number;
  imported: number;
  updated: number;
  rejected: number;
  /** The first 1000 rejections, in file order. */
  rejections: { line: number; reason: string }[];
}

type Parsed = { ok: true; row: repo.StaffingWrite; key: string } | { ok: false; reason: string };

/** Checks one data row's fields (already keyed by column) against the contract. */
export function parseStaffingFields(fields: Record<string, string>, unit: repo.StaffingUnit): Parsed {
  const month = fields.month ?? "";
  if (!isMonth(month)) return { ok: false, reason: `month ${JSON.stringify(month)} is not a month YYYY-MM` };
  const profession = fields.profession ?? "";
  if (!(PROFESSIONS as readonly string[]).includes(profession))
    return {
      ok: false,
      reason: `profession ${JSON.stringify(profession)} is not one of ${PROFESSIONS.join(", ")}`,
    };
  const employment = fields.employment ?? "";
  if (!(EMPLOYMENTS as readonly string[]).includes(employment))
    return { ok: false, reason: `employment ${JSON.stringify(employment)} is not employed or agency` };
  const fteText = fields.fte ?? "";
  const fte = tryParseDecimal(fteText);
  if (fte === undefined || fte.n < 0n || !/^\d+(\.\d{1,2})?$/.test(fteText))
    return {
      ok: false,
      reason: `fte ${JSON.stringify(fteText)} is not a decimal ≥ 0 with at most two decimals`,
    };
  if (fte.n > BigInt(MAX_FTE) * fte.d) return { ok: false, reason: `fte ${fteText} is more than ${MAX_FTE}` };
  const costText = fields.agency_cost_sek ?? "";
  let agencyCostOre: bigint | null = null;
  if (costText !== "") {
    if (employment !== "agency")
      return {
        ok: false,
        reason: "agency_cost_sek is given for an employed row (only agency rows have a cost)",
      };
    if (!/^\d+(\.\d{1,2})?$/.test(costText))
      return {
        ok: false,
        reason: `agency_cost_sek ${JSON.stringify(costText)} is not an amount in kronor ≥ 0`,
      };
    agencyCostOre = kronorToOre(costText);
  }
  return {
    ok: true,
    key: `${unit.id}|${month}|${profession}|${employment}`,
    row: {
      regionCode: unit.regionCode,
      unitId: unit.id,
      month,
      profession: profession as StaffingProfession,
      employment: employment as StaffingEmployment,
      fte: fteText,
      agencyCostOre,
    },
  };
}

/**
 * Imports one staffing CSV. `regionCode` limits the rows to one region (HTTP: the admin's region); without
 * it (CLI, system actor) each row's unit decides its region. A header without the required columns
 * rejects the whole file (bad_request, nothing written).
 */
export async function importStaffingCsv(
  ctx: ServiceContext,
  by: AuditActor,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: { regionCode?: string; purpose: string; source?: string },
): Promise<StaffingImportSummary> {
  if (options.regionCode !== undefined) assertStaffingAdmin(by, options.regionCode);
  else if (by.kind === "user") throw new AppError("bad_request", "An import over HTTP names its region.");
  const units = await repo.findUnitsByHsaId(ctx.db);
  const summary: StaffingImportSummary = { read: 0, imported: 0, updated: 0, rejected: 0, rejections: [] };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    if (summary.rejections.length < MAX_REPORTED_REJECTIONS) summary.rejections.push({ line, reason });
  };
  const at = new Date(ctx.clock.now().epochMilliseconds);
  const regions = new Set<string>();

  await ctx.db.transaction().execute(async (trx) => {
    const csv = createCsvReader();
    let columns: string[] | null = null;
    const seen = new Map<string, number>();
    let batch: repo.StaffingWrite[] = [];
    const flush = async () => {
      const { inserted, updated } = await repo.upsertStaffing(trx, batch, "import", by.username, at);
      summary.imported += inserted;
      summary.updated += updated;
      batch = [];
    };
    const handle = async (items: ReturnType<typeof csv.push>) => {
      for (const item of items) {
        if (columns === null) {
          if (isCsvError(item))
            throw new AppError("bad_request", `The header row is not valid CSV: ${item.error}`);
          columns = item.fields.map((f) => f.trim().toLowerCase());
          const missing = STAFFING_COLUMNS.filter(
            (c) => !(columns as string[]).includes(c) && !OPTIONAL_COLUMNS.includes(c),
          );
          if (missing.length > 0) {
            throw new AppError(
              "bad_request",
              `The file is not a vardnav-staffing-v1 file: the header lacks ${missing.join(", ")} (expected ${STAFFING_COLUMNS.join(",")}).`,
              { missing, expected: STAFFING_COLUMNS },
            );
          }
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
        const fields: Record<string, string> = {};
        columns.forEach((c, i) => {
          fields[c] = (item.fields[i] ?? "").trim();
        });
        const hsaId = fields.unit_hsa_id ?? "";
        const unit = units.get(hsaId);
        if (unit === undefined) {
          reject(item.line, `unit_hsa_id ${JSON.stringify(hsaId)} is not a known unit`);
          continue;
        }
        if (unit.type === "backup") {
          reject(item.line, `unit ${hsaId} is a backup team, which has no listing to staff against`);
          continue;
        }
        if (options.regionCode !== undefined && unit.regionCode !== options.regionCode) {
          reject(item.line, `unit ${hsaId} belongs to region ${unit.regionCode}, not ${options.regionCode}`);
          continue;
        }
        const parsed = parseStaffingFields(fields, unit);
        if (!parsed.ok) {
          reject(item.line, parsed.reason);
          continue;
        }
        const earlier = seen.get(parsed.key);
        if (earlier !== undefined) {
          reject(item.line, `repeats the row of line ${earlier}`);
          continue;
        }
        seen.set(parsed.key, item.line);
        regions.add(unit.regionCode);
        batch.push(parsed.row);
        if (batch.length >= BATCH_ROWS) await flush();
      }
    };
    for await (const chunk of chunks) await handle(csv.push(chunk));
    await handle(csv.end());
    if (columns === null) throw new AppError("bad_request", "The file is empty: no header row.");
    await flush();
    await recordAudit(trx, ctx, by, {
      action: "staffing.import",
      entityType: "staffing",
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
