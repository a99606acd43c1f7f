// The physician ratio on the database: `vardnav stats staffing`, GET /api/staffing/stats and the what-if
// (FORMATS.md "Physician staffing"). Listed comes from the listing import (reimbursement inputs), the need
// index from the imported ACG (or else CNI) index in force, the goal G from the region's setting.

import { csvLine } from "../../domain/exports/csv.ts";
import { isMonth, parseDecimal, type Rational, rational } from "../../domain/reimbursement/index.ts";
import {
  addMonths,
  DEFAULT_GOAL_LISTED_PER_GP,
  monthsOf,
  type StaffingLine,
  type StaffingRow,
  staffingRows,
  type UnitMonthInput,
  withAdditionalSpecialists,
} from "../../domain/staffing/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { readSetting, writeSetting } from "../../lib/settings.ts";
import { type AuditActor, recordAuditNow } from "../audit/audit.service.ts";
import { findRegion } from "../regions/regions.repository.ts";
import * as repo from "./staffing.repository.ts";
import { assertStaffingAdmin, assertStaffingReader, visibleUnitIds } from "./staffing-access.ts";

/** Longest span one request may ask for: ten years of months. */
const MAX_MONTHS = 120;

function goalKey(regionCode: string): string {
  return `staffing.goal_listed_per_gp.${regionCode}`;
}

/** The region's goal G (listed per specialist FTE), 1 100 unless the region set another. */
export async function goalOf(ctx: ServiceContext, regionCode: string): Promise<Rational> {
  const stored = await readSetting<string>(ctx.db, goalKey(regionCode));
  return stored === undefined ? rational(DEFAULT_GOAL_LISTED_PER_GP) : parseDecimal(stored);
}

export async function getStaffingGoal(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
): Promise<{ regionCode: string; goalListedPerGp: number }> {
  assertStaffingReader(by, regionCode);
  const goal = await goalOf(ctx, regionCode);
  return { regionCode, goalListedPerGp: Number(goal.n) / Number(goal.d) };
}

/** Sets the region's goal (a whole number of listed per specialist FTE); audited. */
export async function setStaffingGoal(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  goalListedPerGp: number,
  purpose: string,
): Promise<{ regionCode: string; goalListedPerGp: number }> {
  assertStaffingAdmin(by, regionCode);
  if (!Number.isInteger(goalListedPerGp) || goalListedPerGp < 1 || goalListedPerGp > 100_000)
    throw new AppError("validation_failed", "goalListedPerGp must be a whole number from 1 to 100000.", {
      issues: [{ path: "goalListedPerGp", message: "a whole number from 1 to 100000" }],
    });
  await writeSetting(ctx.db, goalKey(regionCode), String(goalListedPerGp), ctx.clock);
  await recordAuditNow(ctx, by, {
    action: "staffing.goal.set",
    entityType: "region",
    entityId: regionCode,
    regionCode,
    purpose,
    details: { goalListedPerGp },
  });
  return { regionCode, goalListedPerGp };
}

function assertPeriod(from: string, to: string): void {
  const issues = [];
  if (!isMonth(from)) issues.push({ path: "from", message: "expected a month YYYY-MM" });
  if (!isMonth(to)) issues.push({ path: "to", message: "expected a month YYYY-MM" });
  if (issues.length === 0 && to < from) issues.push({ path: "to", message: `${to} is before ${from}` });
  if (issues.length === 0 && monthsOf({ from, to }).length > MAX_MONTHS)
    issues.push({ path: "to", message: `at most ${MAX_MONTHS} months at a time` });
  if (issues.length > 0) throw new AppError("validation_failed", "The period is not valid.", { issues });
}

async function assertRegion(ctx: ServiceContext, regionCode: string): Promise<void> {
  if ((await findRegion(ctx.db, regionCode)) === undefined)
    throw new AppError("not_found", `Region ${regionCode} does not exist.`, { regionCode });
}

/**
 * The inputs of every care unit of the region for every month of the period (a unit with no listing or
 * staffing row that month has 0 of it, as FORMATS.md says of listing).
 */
export async function staffingInputs(
  ctx: ServiceContext,
  regionCode: string,
  from: string,
  to: string,
): Promise<{ inputs: UnitMonthInput[]; units: repo.StaffingUnit[] }> {
  const units = await repo.findCareUnits(ctx.db, regionCode);
  const [staffing, listed, indices] = await Promise.all([
    repo.findStaffing(ctx.db, regionCode, from, to),
    repo.findListedPerUnitMonth(ctx.db, regionCode, from, to),
    repo.findNeedIndices(ctx.db, regionCode, to),
  ]);
  const linesOf = new Map<string, StaffingLine[]>();
  for (const s of staffing) {
    const key = `${s.unitId}|${s.month}`;
    const lines = linesOf.get(key) ?? [];
    lines.push({
      profession: s.profession,
      employment: s.employment,
      fte: parseDecimal(s.fte),
      agencyCostOre: s.agencyCostOre === null ? 0n : BigInt(s.agencyCostOre),
    });
    linesOf.set(key, lines);
  }
  const listedOf = new Map(listed.map((l) => [`${l.unitId}|${l.month}`, BigInt(l.listed)]));
  // ACG is the casemix index of the demo and most regions; CNI where no ACG is imported.
  const indicesOf = new Map<number, { month: string; name: string; value: string }[]>();
  for (const i of indices) indicesOf.set(i.unitId, [...(indicesOf.get(i.unitId) ?? []), i]);
  const needIndexAt = (unitId: number, month: string): Rational | null => {
    const candidates = (indicesOf.get(unitId) ?? []).filter((i) => i.month <= month);
    for (const name of ["acg", "cni"]) {
      const latest = candidates.filter((i) => i.name === name).at(-1);
      if (latest !== undefined) return parseDecimal(latest.value);
    }
    return null;
  };
  const inputs: UnitMonthInput[] = [];
  for (const month of monthsOf({ from, to })) {
    for (const unit of units) {
      const key = `${unit.id}|${month}`;
      inputs.push({
        unitHsaId: unit.hsaId,
        kommunCode: unit.kommunCode,
        month,
        listed: listedOf.get(key) ?? 0n,
        lines: linesOf.get(key) ?? [],
        needIndex: needIndexAt(unit.id, month),
      });
    }
  }
  return { inputs, units };
}

function visibleRows(by: AuditActor, rows: StaffingRow[], units: repo.StaffingUnit[]): StaffingRow[] {
  const visible = visibleUnitIds(by);
  if (visible === "all") return rows;
  const hsaIds = new Set(units.filter((u) => visible.includes(u.id)).map((u) => u.hsaId));
  return rows.filter((r) => r.unitHsaId === null || hsaIds.has(r.unitHsaId));
}

/**
 * The FORMATS.md rows for a region and months (inclusive): per month its units, kommuner and the region.
 * Called by the CLI, the HTTP route and the committee dashboard.
 */
export async function staffingStatsFor(
  ctx: ServiceContext,
  by: AuditActor,
  query: { regionCode: string; from: string; to: string },
): Promise<StaffingRow[]> {
  assertPeriod(query.from, query.to);
  assertStaffingReader(by, query.regionCode);
  await assertRegion(ctx, query.regionCode);
  const goal = await goalOf(ctx, query.regionCode);
  const { inputs, units } = await staffingInputs(ctx, query.regionCode, query.from, query.to);
  return visibleRows(by, staffingRows(inputs, goal), units);
}

/** The HTTP answer of GET /api/staffing/stats: the rows with the goal and the care units to name them. */
export async function staffingStatsWithUnits(
  ctx: ServiceContext,
  by: AuditActor,
  query: { regionCode: string; from: string; to: string },
) {
  const rows = await staffingStatsFor(ctx, by, query);
  const goal = await goalOf(ctx, query.regionCode);
  const units = (await repo.findCareUnits(ctx.db, query.regionCode)).map((u) => ({
    hsaId: u.hsaId,
    name: u.name,
    kommunCode: u.kommunCode,
    type: u.type,
    ownership: u.ownership,
  }));
  return { ...query, goalListedPerGp: Number(goal.n) / Number(goal.d), units, rows };
}

export interface WhatIfResult {
  regionCode: string;
  month: string;
  unitHsaId: string;
  additionalGpFte: string;
  goalListedPerGp: number;
  before: { unit: StaffingRow; kommun: StaffingRow; region: StaffingRow };
  after: { unit: StaffingRow; kommun: StaffingRow; region: StaffingRow };
}

/** "N more specialists in unit X": the unit's, its kommun's and the region's rows before and after. */
export async function staffingWhatIf(
  ctx: ServiceContext,
  by: AuditActor,
  query: { regionCode: string; month: string; unitHsaId: string; additionalGpFte: string },
): Promise<WhatIfResult> {
  assertPeriod(query.month, query.month);
  assertStaffingReader(by, query.regionCode);
  await assertRegion(ctx, query.regionCode);
  if (!/^-?\d+(\.\d{1,2})?$/.test(query.additionalGpFte))
    throw new AppError(
      "validation_failed",
      "additionalGpFte is not a number of FTE with at most two decimals.",
      {
        issues: [{ path: "additionalGpFte", message: "a decimal such as 1.5 or -0.5" }],
      },
    );
  const goal = await goalOf(ctx, query.regionCode);
  const { inputs, units } = await staffingInputs(ctx, query.regionCode, query.month, query.month);
  const unit = units.find((u) => u.hsaId === query.unitHsaId);
  if (unit === undefined)
    throw new AppError(
      "not_found",
      `Unit ${query.unitHsaId} is not a care unit of region ${query.regionCode}.`,
    );
  const pick = (rows: StaffingRow[]) => {
    const find = (p: (r: StaffingRow) => boolean) => {
      const row = rows.find(p);
      if (row === undefined) throw new AppError("internal", "what-if: a row is missing");
      return row;
    };
    return {
      unit: find((r) => r.unitHsaId === unit.hsaId),
      kommun: find((r) => r.unitHsaId === null && r.kommunCode === unit.kommunCode),
      region: find((r) => r.unitHsaId === null && r.kommunCode === null),
    };
  };
  return {
    regionCode: query.regionCode,
    month: query.month,
    unitHsaId: unit.hsaId,
    additionalGpFte: query.additionalGpFte,
    goalListedPerGp: Number(goal.n) / Number(goal.d),
    before: pick(staffingRows(inputs, goal)),
    after: pick(
      staffingRows(withAdditionalSpecialists(inputs, unit.hsaId, parseDecimal(query.additionalGpFte)), goal),
    ),
  };
}

const CSV_COLUMNS = [
  "unitHsaId",
  "kommunCode",
  "month",
  "listed",
  "gpFte",
  "gpAgencyFte",
  "listedPerGp",
  "neededGpFte",
  "gpGapFte",
  "shortfallFte",
  "meetsGoal",
  "units",
  "unitsMeetingGoal",
  "stFte",
  "listedPerGpWithSt",
  "needWeightedListedPerGp",
  "physicianFte",
  "physicianAgencyFte",
  "agencyShare",
  "agencyCostOre",
] as const;

/** CSV with the JSON field names as header; empty cells for null. */
export function staffingCsv(rows: readonly StaffingRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) lines.push(csvLine(CSV_COLUMNS.map((c) => row[c])));
  return `${lines.join("\n")}\n`;
}

export function staffingTable(rows: readonly StaffingRow[]): {
  headers: string[];
  cells: (string | number | null)[][];
} {
  return {
    headers: [
      "month",
      "unit",
      "kommun",
      "listed",
      "gpFte",
      "agency",
      "listed/gp",
      "needed",
      "gap",
      "shortfall",
      "goal",
    ],
    cells: rows.map((r) => [
      r.month,
      r.unitHsaId ?? (r.kommunCode === null ? "(region)" : "(kommun)"),
      r.kommunCode ?? "",
      r.listed,
      r.gpFte,
      r.gpAgencyFte,
      r.listedPerGp ?? "-",
      r.neededGpFte,
      r.gpGapFte,
      r.shortfallFte,
      r.meetsGoal ? `yes (${r.unitsMeetingGoal}/${r.units})` : `no (${r.unitsMeetingGoal}/${r.units})`,
    ]),
  };
}

/** The month before `month` (the staffing form's prefill looks there first). */
export const previousMonth = (month: string): string => addMonths(month, -1);
