import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Database } from "../../db/schema.ts";
import { parseIsoDate } from "../../domain/calendar/index.ts";
import { MIN_PUBLISHED_DENOMINATOR } from "../../domain/disclosure/suppression.ts";
import { csvCell } from "../../domain/exports/csv.ts";
import {
  type AccessibilityCounters,
  type AccessibilityFigures,
  accessibilityFromCounters,
  addCounters,
  emptyCounters,
} from "../../domain/statistics/index.ts";
import { AppError } from "../../errors.ts";
import { type Actor, assertRegionAccess, assertRole, ROLES } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { findRegion } from "../regions/regions.repository.ts";
import { assertCommitteeQuestion, committeeAccessibilityRows } from "./committee-statistics.ts";
import {
  findAccessibilityCounters,
  findHeatmap,
  findOwnReferenceValue,
  findReferenceValueRows,
  type HeatmapCell,
  type StatsGranularity,
  saveReferenceValue,
  unitIdOf,
} from "./stats.repository.ts";
import type { ReferenceValue } from "./stats.schemas.ts";

/** FORMATS.md "Accessibility statistics": one unit (or the region, unitHsaId null) and period. */
export interface AccessibilityRow extends AccessibilityFigures {
  unitHsaId: string | null;
  period: string;
}

export interface AccessibilityQuery {
  regionCode: string;
  from: string;
  to: string;
  by: StatsGranularity;
  unitHsaId?: string | undefined;
}

/** The longest period one question may cover: a daily breakdown of ten years is still cheap from rollups. */
const MAX_DAYS = 3700;

function checkPeriod(from: string, to: string): void {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (Temporal.PlainDate.compare(start, end) > 0) {
    throw new AppError("bad_request", `--from ${from} is after --to ${to}.`);
  }
  if (start.until(end).days > MAX_DAYS)
    throw new AppError("bad_request", "The period is longer than ten years.");
}

async function assertRegionExists(db: Kysely<Database>, regionCode: string): Promise<void> {
  const region = await findRegion(db, regionCode);
  if (region === undefined) throw new AppError("not_found", `Region ${regionCode} does not exist.`);
}

const isZero = (c: AccessibilityCounters) => Object.values(c).every((v) => v === 0);

/**
 * The accessibility figures of a region's units and of the region per period, from the rollups only.
 * Rows are ordered by period; in each period the region row comes first, then units by HSA-id. A unit
 * with nothing in a period has no row there.
 */
export async function accessibilityStatistics(
  db: Kysely<Database>,
  query: AccessibilityQuery,
): Promise<AccessibilityRow[]> {
  checkPeriod(query.from, query.to);
  const unitId =
    query.unitHsaId === undefined ? undefined : await unitIdOf(db, query.regionCode, query.unitHsaId);
  const rows = await findAccessibilityCounters(db, { ...query, unitId });
  // Only an empty answer needs to know whether the region exists (one round trip less on the hot path).
  if (rows.length === 0) await assertRegionExists(db, query.regionCode);
  const regionTotals = new Map<string, AccessibilityCounters>();
  const unitRows = new Map<string, AccessibilityRow[]>();
  for (const row of rows) {
    if (isZero(row.counters)) continue;
    regionTotals.set(row.period, addCounters(regionTotals.get(row.period) ?? emptyCounters(), row.counters));
    const list = unitRows.get(row.period) ?? [];
    list.push({ unitHsaId: row.hsaId, period: row.period, ...accessibilityFromCounters(row.counters) });
    unitRows.set(row.period, list);
  }
  const out: AccessibilityRow[] = [];
  for (const period of [...regionTotals.keys()].sort()) {
    out.push({
      unitHsaId: null,
      period,
      ...accessibilityFromCounters(regionTotals.get(period) ?? emptyCounters()),
    });
    out.push(
      ...(unitRows.get(period) ?? []).sort((a, b) => ((a.unitHsaId ?? "") < (b.unitHsaId ?? "") ? -1 : 1)),
    );
  }
  return out;
}

// ---- Output formats shared by the CLI and HTTP.

export const CSV_COLUMNS = [
  "unitHsaId",
  "period",
  "phone.offered",
  "phone.answeredSameDay",
  "phone.rate",
  "resident.contacts",
  "resident.refused",
  "resident.overflowed",
  "resident.respondedSameDay",
  "resident.rate",
  "resident.feedbackSameDay",
  "resident.feedbackRate",
  "assessment.eligible",
  "assessment.within0",
  "assessment.within3",
  "assessment.within7",
  "assessment.patientChosen",
  "assessment.rate",
] as const;

type Cell = string | number | null;

/** A row as the flat cells of CSV_COLUMNS (the region's unitHsaId is empty). */
export function flatCells(row: AccessibilityRow | ProtectedAccessibilityRow): Cell[] {
  return [
    row.unitHsaId,
    row.period,
    row.phone.offered,
    row.phone.answeredSameDay,
    row.phone.rate,
    row.resident.contacts,
    row.resident.refused,
    row.resident.overflowed,
    row.resident.respondedSameDay,
    row.resident.rate,
    row.resident.feedbackSameDay,
    row.resident.feedbackRate,
    row.assessment.eligible,
    row.assessment.within0,
    row.assessment.within3,
    row.assessment.within7,
    row.assessment.patientChosen,
    row.assessment.rate,
  ];
}

export function accessibilityCsv(rows: readonly (AccessibilityRow | ProtectedAccessibilityRow)[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) lines.push(flatCells(row).map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}

const percent = (rate: number | null) => (rate === null ? "–" : `${(rate * 100).toFixed(1)} %`);

/** `--format table`: one line per row, counts beside each rate. */
export function accessibilityTable(rows: readonly AccessibilityRow[]): {
  headers: string[];
  cells: Cell[][];
} {
  return {
    headers: [
      "unit",
      "period",
      "phone",
      "offered",
      "resident",
      "contacts",
      "refused",
      "overflowed",
      "feedback",
      "3-day",
      "eligible",
      "≤0d",
      "≤7d",
      "chosen",
    ],
    cells: rows.map((r) => [
      r.unitHsaId ?? "(region)",
      r.period,
      percent(r.phone.rate),
      r.phone.offered,
      percent(r.resident.rate),
      r.resident.contacts,
      r.resident.refused,
      r.resident.overflowed,
      percent(r.resident.feedbackRate),
      percent(r.assessment.rate),
      r.assessment.eligible,
      r.assessment.within0,
      r.assessment.within7,
      r.assessment.patientChosen,
    ]),
  };
}

// ---- HTTP: role checks, committee suppression, reference values.

/** DESIGN.md: figures from fewer than 20 contacts are suppressed in public and committee views. */
export const SUPPRESSION_THRESHOLD = MIN_PUBLISHED_DENOMINATOR;

export type Nullable<T> = { [K in keyof T]: T[K] | null };
export interface ProtectedAccessibilityRow {
  unitHsaId: string | null;
  period: string;
  phone: Nullable<AccessibilityFigures["phone"]>;
  resident: Nullable<AccessibilityFigures["resident"]>;
  assessment: Nullable<AccessibilityFigures["assessment"]>;
  suppressed: boolean;
}

export type { ReferenceValue };

/** The reference values of `years` for a region: the region's own row, else the national default. */
export async function referenceValuesFor(
  db: Kysely<Database>,
  regionCode: string | null,
  years?: readonly number[],
): Promise<ReferenceValue[]> {
  const rows = await findReferenceValueRows(db, regionCode, years);
  const byYear = new Map<number, ReferenceValue & { own: boolean }>();
  for (const row of rows) {
    const own = row.region_code !== null;
    const existing = byYear.get(row.year);
    if (existing?.own && !own) continue;
    byYear.set(row.year, {
      year: row.year,
      nationalPhoneRate: row.national_phone_rate === null ? null : Number(row.national_phone_rate),
      goal: Number(row.goal),
      own,
    });
  }
  return [...byYear.values()].map(({ own: _own, ...value }) => value);
}

function yearsBetween(from: string, to: string): number[] {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return years;
}

export interface AccessibilityResponse {
  rows: ProtectedAccessibilityRow[];
  reference: ReferenceValue[];
  suppressed: boolean;
}

/**
 * GET /api/stats/accessibility: any role of the region sees aggregates; committee users only whole months,
 * quarters and years, with the region's suppression rule over every unit (FORMATS.md "Open data"):
 * otherwise a range minus a sub-range, or the total minus the shown units, gives a withheld figure back.
 */
export async function accessibilityFor(
  ctx: ServiceContext,
  actor: Actor,
  query: AccessibilityQuery,
): Promise<AccessibilityResponse> {
  assertRole(actor, ROLES, "see accessibility statistics");
  assertRegionAccess(actor, query.regionCode);
  checkPeriod(query.from, query.to);
  const reference = await referenceValuesFor(ctx.db, query.regionCode, yearsBetween(query.from, query.to));
  if (actor.role === "committee") {
    const protectedRows = await committeeAccessibilityRows(ctx.db, query);
    return { rows: protectedRows, reference, suppressed: protectedRows.some((r) => r.suppressed) };
  }
  const rows = await accessibilityStatistics(ctx.db, query);
  return { rows: rows.map((r) => ({ ...r, suppressed: false })), reference, suppressed: false };
}

/** A heatmap cell from fewer than SUPPRESSION_THRESHOLD contacts, as committee users see it. */
export interface SuppressedHeatmapCell {
  weekday: number;
  hour: number;
  contacts: null;
  unanswered: null;
  suppressed: true;
}

export async function heatmapFor(
  ctx: ServiceContext,
  actor: Actor,
  query: { regionCode: string; from: string; to: string; unitHsaId?: string | undefined },
): Promise<{ cells: (HeatmapCell | SuppressedHeatmapCell)[] }> {
  assertRole(actor, ROLES, "see accessibility statistics");
  assertRegionAccess(actor, query.regionCode);
  checkPeriod(query.from, query.to);
  if (actor.role === "committee") {
    // A unit's cells add up to its month, which may be withheld (secondary suppression is invisible to a
    // cell threshold): committee users get the region's heatmap only, over whole months.
    assertCommitteeQuestion("month", query.from, query.to);
    if (query.unitHsaId !== undefined) {
      throw new AppError("forbidden", "Committee views show the heatmap of the whole region only.", {
        unitHsaId: query.unitHsaId,
      });
    }
  }
  const unitId =
    query.unitHsaId === undefined ? undefined : await unitIdOf(ctx.db, query.regionCode, query.unitHsaId);
  const cells = await findHeatmap(ctx.db, { ...query, unitId });
  if (actor.role === "committee") {
    // Cells are small by nature; committee users see only cells with at least the threshold of contacts.
    return {
      cells: cells.map((c) =>
        c.contacts < SUPPRESSION_THRESHOLD
          ? { weekday: c.weekday, hour: c.hour, contacts: null, unanswered: null, suppressed: true as const }
          : c,
      ),
    };
  }
  return { cells };
}

export async function listReferenceValues(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ values: ReferenceValue[] }> {
  assertRole(actor, ROLES, "see reference values");
  return { values: await referenceValuesFor(ctx.db, actor.regionCode) };
}

/** PUT /api/stats/reference-values/:year — the region admin's own values for a year, audited. */
export async function setReferenceValue(
  ctx: ServiceContext,
  actor: Actor,
  year: number,
  input: { nationalPhoneRate: number | null; goal: number },
): Promise<ReferenceValue> {
  assertRole(actor, ["region_admin"], "edit reference values");
  const regionCode = actor.regionCode;
  if (regionCode === null)
    throw new AppError("forbidden", "A region admin without a region cannot edit values.");
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findOwnReferenceValue(trx, regionCode, year);
    const values = {
      national_phone_rate: input.nationalPhoneRate,
      goal: input.goal,
      updated_at: new Date(ctx.clock.now().epochMilliseconds),
      updated_by: actor.username,
    };
    await saveReferenceValue(trx, { regionCode, year, existingId: before?.id ?? null }, values);
    await recordAudit(trx, ctx, actor, {
      action: "stats.reference_value.set",
      entityType: "stats_reference_value",
      entityId: `${regionCode}:${year}`,
      regionCode,
      purpose: "edit reference values",
      details: {
        year,
        before: before ? { nationalPhoneRate: before.national_phone_rate, goal: before.goal } : null,
        after: input,
      },
    });
    return { year, nationalPhoneRate: input.nationalPhoneRate, goal: input.goal };
  });
}
