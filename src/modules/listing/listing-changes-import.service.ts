// `vardnav import listing-changes FILE` and POST /api/listing/changes: the CSV of FORMATS.md
// ("vardnav-listing-changes-v1": month,from_unit_hsa_id,to_unit_hsa_id,count). As every import: each row is
// checked, a bad row is rejected with its line and reason while the good rows are kept, and the whole
// import is one transaction. The same (month, from, to) again replaces its count.
import { createCsvReader, isCsvError } from "../../domain/imports/csv-reader.ts";
import { isMonth } from "../../domain/reimbursement/index.ts";
import { AppError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./listing.repository.ts";
import type { ListingChangesImportSummary } from "./listing.schemas.ts";

export const LISTING_CHANGES_COLUMNS = ["month", "from_unit_hsa_id", "to_unit_hsa_id", "count"] as const;

const MAX_REPORTED_REJECTIONS = 1000;
const BATCH_ROWS = 5000;
const MAX_COUNT = 10_000_000;

/** Importing listing changes: the region's administration (the CLI runs as the system). */
export function assertListingAdmin(by: AuditActor, regionCode: string | undefined): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin"], "import listing changes");
  if (regionCode === undefined) throw new AppError("bad_request", "An import over HTTP names its region.");
  assertRegionAccess(by, regionCode);
}

type Parsed = { ok: true; row: repo.ListingChangeInput; key: string } | { ok: false; reason: string };

function parseRow(
  fields: Record<string, string>,
  units: Map<string, repo.ListingUnit>,
  regionCode: string | undefined,
): Parsed {
  const month = fields.month ?? "";
  if (!isMonth(month)) return { ok: false, reason: `month ${JSON.stringify(month)} is not a month YYYY-MM` };
  const fromId = fields.from_unit_hsa_id ?? "";
  const toId = fields.to_unit_hsa_id ?? "";
  if (fromId === "" && toId === "")
    return { ok: false, reason: "from_unit_hsa_id and to_unit_hsa_id are both empty: a change needs a unit" };
  if (fromId !== "" && fromId === toId)
    return { ok: false, reason: `from_unit_hsa_id and to_unit_hsa_id are the same unit ${fromId}` };
  const from = fromId === "" ? null : units.get(fromId);
  if (from === undefined)
    return { ok: false, reason: `from_unit_hsa_id ${JSON.stringify(fromId)} is not a known unit` };
  const to = toId === "" ? null : units.get(toId);
  if (to === undefined)
    return { ok: false, reason: `to_unit_hsa_id ${JSON.stringify(toId)} is not a known unit` };
  const region = (from ?? to)?.regionCode as string;
  if (from !== null && to !== null && from.regionCode !== to.regionCode)
    return {
      ok: false,
      reason: `units ${fromId} and ${toId} are in different regions: record an ended listing in one and a new one in the other`,
    };
  if (regionCode !== undefined && region !== regionCode)
    return { ok: false, reason: `unit ${fromId || toId} belongs to region ${region}, not ${regionCode}` };
  for (const unit of [from, to]) {
    if (unit !== null && unit.type === "backup")
      return { ok: false, reason: `unit ${unit.hsaId} is a backup team, which lists nobody` };
  }
  const countText = fields.count ?? "";
  if (!/^\d+$/.test(countText))
    return { ok: false, reason: `count ${JSON.stringify(countText)} is not a whole number ≥ 0` };
  const count = Number(countText);
  if (count > MAX_COUNT) return { ok: false, reason: `count ${countText} is more than ${MAX_COUNT}` };
  return {
    ok: true,
    key: `${region}|${month}|${fromId}|${toId}`,
    row: { regionCode: region, month, fromUnitId: from?.id ?? null, toUnitId: to?.id ?? null, count },
  };
}

export async function importListingChanges(
  ctx: ServiceContext,
  by: AuditActor,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: { regionCode?: string; purpose: string; source?: string },
): Promise<ListingChangesImportSummary> {
  assertListingAdmin(by, options.regionCode);
  const units = await repo.findUnitsByHsaId(ctx.db);
  const summary: ListingChangesImportSummary = {
    read: 0,
    imported: 0,
    updated: 0,
    rejected: 0,
    rejections: [],
  };
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
    let batch: repo.ListingChangeInput[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const { inserted, updated } = await repo.upsertListingChanges(trx, batch, at);
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
          const missing = LISTING_CHANGES_COLUMNS.filter((c) => !(columns as string[]).includes(c));
          if (missing.length > 0)
            throw new AppError(
              "bad_request",
              `The file is not a listing-changes file: the header lacks ${missing.join(", ")} (expected ${LISTING_CHANGES_COLUMNS.join(",")}).`,
              { missing, expected: LISTING_CHANGES_COLUMNS },
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
        const fields: Record<string, string> = {};
        columns.forEach((c, i) => {
          fields[c] = (item.fields[i] ?? "").trim();
        });
        const parsed = parseRow(fields, units, options.regionCode);
        if (!parsed.ok) {
          reject(item.line, parsed.reason);
          continue;
        }
        const earlier = seen.get(parsed.key);
        if (earlier !== undefined) {
          reject(item.line, `repeats the month, from and to of line ${earlier}`);
          continue;
        }
        seen.set(parsed.key, item.line);
        regions.add(parsed.row.regionCode);
        batch.push(parsed.row);
        if (batch.length >= BATCH_ROWS) await flush();
      }
    };
    for await (const chunk of chunks) await handle(csv.push(chunk));
    await handle(csv.end());
    if (columns === null) throw new AppError("bad_request", "The file is empty: no header row.");
    await flush();
    await recordAudit(trx, ctx, by, {
      action: "listing.import.changes",
      entityType: "listing_changes",
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
