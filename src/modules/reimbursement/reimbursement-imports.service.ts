// CSV imports of the reimbursement inputs: listing, indices, rural points, unit reports, same-day rates.
// Like the contact import (FORMATS.md): every row is checked, a bad row is rejected with its line number
// and the reason while the good rows are imported, and the import ends with a summary (read, imported,
// updated, rejected). The file is read as a stream through the one CSV reader; rows are written in
// batches inside one transaction, so an import is all of its good rows or nothing.
import type { Kysely } from "kysely";
import type { Database, SameDayRateKind } from "../../db/schema.ts";
import { createCsvReader, isCsvError } from "../../domain/imports/csv-reader.ts";
import { isMonth, MAX_AGE, tryParseDecimal } from "../../domain/reimbursement/index.ts";
import {
  REIMBURSEMENT_IMPORT_KINDS,
  type ReimbursementImportKind,
  SAME_DAY_RATE_KINDS,
} from "../../domain/reimbursement/value-sets.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./reimbursement.repository.ts";
import { assertReimbursementAdmin } from "./reimbursement.service.ts";

export { REIMBURSEMENT_IMPORT_KINDS, type ReimbursementImportKind };

export interface ImportRejection {
  line: number;
  reason: string;
}

export interface ImportSummary {
  kind: ReimbursementImportKind;
  read: number;
  imported: number;
  updated: number;
  rejected: number;
  /** The first 1000 rejections, in file order. */
  rejections: ImportRejection[];
}

const MAX_REPORTED_REJECTIONS = 1000;
const BATCH_ROWS = 5000;

type Fields = Record<string, string>;
type Parsed<T> = { ok: true; row: T; key: string } | { ok: false; reason: string };

interface ImportSpec<T> {
  kind: ReimbursementImportKind;
  columns: readonly string[];
  /** Columns that may be left out of the header. */
  optional?: readonly string[];
  parse(fields: Fields, unit: repo.ReimbursementUnit): Parsed<T>;
  write(
    trx: Kysely<Database>,
    rows: T[],
    by: AuditActor,
    at: Date,
  ): Promise<{ inserted: number; updated: number }>;
}

const MONTH_HINT = "a month YYYY-MM";

function wholeCount(text: string, what: string, max = 100_000_000): number | string {
  if (!/^\d+$/.test(text)) return `${what} ${JSON.stringify(text)} is not a whole number ≥ 0`;
  const n = Number(text);
  if (n > max) return `${what} ${text} is more than ${max}`;
  return n;
}

function decimalText(
  text: string,
  what: string,
  rules: { positive?: boolean; atMostOne?: boolean } = {},
): string | { error: string } {
  const value = tryParseDecimal(text);
  if (value === undefined || value.n < 0n)
    return { error: `${what} ${JSON.stringify(text)} is not a decimal number ≥ 0 such as "1.0840"` };
  if (rules.positive === true && value.n === 0n) return { error: `${what} must be greater than 0` };
  if (rules.atMostOne === true && value.n > value.d) return { error: `${what} ${text} is more than 1` };
  return text;
}

const SEXES: Record<string, "female" | "male" | "unknown"> = {
  female: "female",
  f: "female",
  k: "female",
  kvinna: "female",
  male: "male",
  m: "male",
  man: "male",
  unknown: "unknown",
  u: "unknown",
  okand: "unknown",
  okänd: "unknown",
};

const listingSpec: ImportSpec<repo.ListingRowInput> = {
  kind: "listing",
  columns: ["unit_hsa_id", "month", "age", "sex", "count"],
  parse(f, unit) {
    if (!isMonth(f.month ?? ""))
      return { ok: false, reason: `month ${JSON.stringify(f.month)} is not ${MONTH_HINT}` };
    const age = wholeCount(f.age ?? "", "age", MAX_AGE);
    if (typeof age === "string") return { ok: false, reason: age };
    const sex = SEXES[(f.sex ?? "").toLowerCase()];
    if (sex === undefined)
      return { ok: false, reason: `sex ${JSON.stringify(f.sex)} is not female, male or unknown` };
    const count = wholeCount(f.count ?? "", "count");
    if (typeof count === "string") return { ok: false, reason: count };
    const month = f.month as string;
    return {
      ok: true,
      key: `${unit.id}|${month}|${age}|${sex}`,
      row: { regionCode: unit.regionCode, unitId: unit.id, month, age, sex, count },
    };
  },
  write: (trx, rows) => repo.upsertListing(trx, rows),
};

type IndexRow = { regionCode: string; unitId: number; month: string; name: string; value: string };
const indicesSpec: ImportSpec<IndexRow> = {
  kind: "indices",
  columns: ["unit_hsa_id", "month", "name", "value"],
  parse(f, unit) {
    if (!isMonth(f.month ?? ""))
      return { ok: false, reason: `month ${JSON.stringify(f.month)} is not ${MONTH_HINT}` };
    const name = (f.name ?? "").toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(name))
      return { ok: false, reason: `name ${JSON.stringify(f.name)} is not an index name such as acg or cni` };
    const value = decimalText(f.value ?? "", "value", { positive: true });
    if (typeof value !== "string") return { ok: false, reason: value.error };
    const month = f.month as string;
    return {
      ok: true,
      key: `${unit.id}|${month}|${name}`,
      row: { regionCode: unit.regionCode, unitId: unit.id, month, name, value },
    };
  },
  write: (trx, rows) => repo.upsertIndices(trx, rows),
};

type RuralRow = {
  regionCode: string;
  unitId: number;
  validFrom: string;
  validTo: string | null;
  points: string;
};
const ruralSpec: ImportSpec<RuralRow> = {
  kind: "rural-points",
  columns: ["unit_hsa_id", "valid_from", "valid_to", "points"],
  optional: ["valid_to"],
  parse(f, unit) {
    if (!isMonth(f.valid_from ?? ""))
      return { ok: false, reason: `valid_from ${JSON.stringify(f.valid_from)} is not ${MONTH_HINT}` };
    const validTo = (f.valid_to ?? "") === "" ? null : (f.valid_to as string);
    if (validTo !== null && !isMonth(validTo))
      return { ok: false, reason: `valid_to ${JSON.stringify(validTo)} is not ${MONTH_HINT} (or empty)` };
    if (validTo !== null && validTo < (f.valid_from as string))
      return { ok: false, reason: `valid_to ${validTo} is before valid_from ${f.valid_from}` };
    const points = decimalText(f.points ?? "", "points");
    if (typeof points !== "string") return { ok: false, reason: points.error };
    const validFrom = f.valid_from as string;
    return {
      ok: true,
      key: `${unit.id}|${validFrom}`,
      row: { regionCode: unit.regionCode, unitId: unit.id, validFrom, validTo, points },
    };
  },
  write: (trx, rows) => repo.upsertRuralPoints(trx, rows),
};

type ReportRow = Omit<repo.UnitReportInput, "updatedBy" | "at">;
const unitReportsSpec: ImportSpec<ReportRow> = {
  kind: "unit-reports",
  columns: ["unit_hsa_id", "month", "multimorbid_identified", "home_visits"],
  parse(f, unit) {
    if (!isMonth(f.month ?? ""))
      return { ok: false, reason: `month ${JSON.stringify(f.month)} is not ${MONTH_HINT}` };
    const counts: (number | null)[] = [];
    for (const column of ["multimorbid_identified", "home_visits"] as const) {
      const text = f[column] ?? "";
      if (text === "") {
        counts.push(null);
        continue;
      }
      const n = wholeCount(text, column);
      if (typeof n === "string") return { ok: false, reason: n };
      counts.push(n);
    }
    const month = f.month as string;
    return {
      ok: true,
      key: `${unit.id}|${month}`,
      row: {
        regionCode: unit.regionCode,
        unitId: unit.id,
        month,
        multimorbidIdentified: counts[0] ?? null,
        homeVisits: counts[1] ?? null,
      },
    };
  },
  write: (trx, rows, by, at) =>
    repo.upsertUnitReports(
      trx,
      rows.map((r) => ({ ...r, updatedBy: by.username, at })),
    ),
};

type RateRow = { regionCode: string; unitId: number; month: string; kind: SameDayRateKind; rate: string };
const sameDayRatesSpec: ImportSpec<RateRow> = {
  kind: "same-day-rates",
  columns: ["unit_hsa_id", "month", "kind", "rate"],
  parse(f, unit) {
    if (!isMonth(f.month ?? ""))
      return { ok: false, reason: `month ${JSON.stringify(f.month)} is not ${MONTH_HINT}` };
    const kind = f.kind as SameDayRateKind;
    if (!SAME_DAY_RATE_KINDS.includes(kind))
      return { ok: false, reason: `kind ${JSON.stringify(f.kind)} is not phone, resident or feedback` };
    const rate = decimalText(f.rate ?? "", "rate", { atMostOne: true });
    if (typeof rate !== "string") return { ok: false, reason: rate.error };
    const month = f.month as string;
    return {
      ok: true,
      key: `${unit.id}|${month}|${kind}`,
      row: { regionCode: unit.regionCode, unitId: unit.id, month, kind, rate },
    };
  },
  write: (trx, rows) => repo.upsertSameDayRates(trx, rows),
};

const SPECS: Record<ReimbursementImportKind, ImportSpec<unknown>> = {
  listing: listingSpec as ImportSpec<unknown>,
  indices: indicesSpec as ImportSpec<unknown>,
  "rural-points": ruralSpec as ImportSpec<unknown>,
  "unit-reports": unitReportsSpec as ImportSpec<unknown>,
  "same-day-rates": sameDayRatesSpec as ImportSpec<unknown>,
};

/** The header row of each import, for usage messages and the UI. */
export function importColumns(kind: ReimbursementImportKind): readonly string[] {
  return SPECS[kind].columns;
}

/**
 * Imports one CSV file of the given kind. `regionCode` limits the rows to one region (HTTP: the admin's
 * region); without it (CLI, system actor) each row's unit decides its region. A header without the
 * required columns rejects the whole file (bad_request, nothing written).
 */
export async function importReimbursementCsv(
  ctx: ServiceContext,
  by: AuditActor,
  kind: ReimbursementImportKind,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: { regionCode?: string; purpose: string; source?: string },
): Promise<ImportSummary> {
  const spec = SPECS[kind];
  if (options.regionCode !== undefined) assertReimbursementAdmin(by, options.regionCode);
  else if (by.kind === "user") throw new AppError("bad_request", "An import over HTTP names its region.");
  const units = await repo.findAllUnitsByHsaId(ctx.db);
  const summary: ImportSummary = { kind, read: 0, imported: 0, updated: 0, rejected: 0, rejections: [] };
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
    let batch: unknown[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const { inserted, updated } = await spec.write(trx, batch, by, at);
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
          const missing = spec.columns.filter(
            (c) => !(columns as string[]).includes(c) && !(spec.optional ?? []).includes(c),
          );
          if (missing.length > 0) {
            throw new AppError(
              "bad_request",
              `The file is not a ${kind} file: the header lacks ${missing.join(", ")} (expected ${spec.columns.join(",")}).`,
              { missing, expected: spec.columns },
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
        const fields: Fields = {};
        columns.forEach((c, i) => {
          fields[c] = (item.fields[i] ?? "").trim();
        });
        const hsaId = fields.unit_hsa_id ?? "";
        const unit = units.get(hsaId);
        if (unit === undefined) {
          reject(item.line, `unit_hsa_id ${JSON.stringify(hsaId)} is not a known unit`);
          continue;
        }
        if (options.regionCode !== undefined && unit.regionCode !== options.regionCode) {
          reject(item.line, `unit ${hsaId} belongs to region ${unit.regionCode}, not ${options.regionCode}`);
          continue;
        }
        const parsed = spec.parse(fields, unit);
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
      action: `reimbursement.import.${kind}`,
      entityType: "reimbursement_input",
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
