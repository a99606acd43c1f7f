// Listing and choice (DESIGN.md capability 5): the listing page's figures and the flows of listing
// changes. Listing per unit is not personal data (FORMATS.md "Open data" concerns contacts), so the
// committee sees it per unit; unit managers see their own units' rows, the administration its region.

import { stockholmDateOf } from "../../domain/calendar/index.ts";
import { csvCell } from "../../domain/exports/csv.ts";
import { listedByAgeBand, type Sex } from "../../domain/listing/age-bands.ts";
import {
  type FlowGrouping,
  type FlowUnit,
  type ListingChange,
  listingFlows,
} from "../../domain/listing/flows.ts";
import { AppError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import * as repo from "./listing.repository.ts";
import type { ListingFlowsResponse, ListingOverviewResponse } from "./listing.schemas.ts";

/** Who may read listing figures of a region: everyone who steers, not staff on the worklist. */
export function assertListingReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee", "unit_manager"], "see listing figures");
  assertRegionAccess(by, regionCode);
}

/** Unit managers see their own units' rows; everyone else who may read sees every unit. */
function ownUnitsOnly(by: AuditActor): Set<string> | null {
  return by.kind === "user" && by.role === "unit_manager" ? new Set(by.unitHsaIds) : null;
}

/** Code-point order, the same on every machine (no locale rules for keys). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

function checkPeriod(from: string, to: string): void {
  if (from > to) throw new AppError("bad_request", `--from ${from} is after --to ${to}.`);
  if (monthsBetween(from, to).length > 240)
    throw new AppError("bad_request", "The period is longer than 20 years.");
}

async function assertRegion(ctx: ServiceContext, regionCode: string): Promise<void> {
  if (!(await repo.regionExists(ctx.db, regionCode)))
    throw new AppError("not_found", `Region ${regionCode} does not exist.`);
}

export function currentMonth(ctx: ServiceContext): string {
  return stockholmDateOf(ctx.clock.now()).toString().slice(0, 7);
}

export async function listingFlowsFor(
  ctx: ServiceContext,
  by: AuditActor,
  query: { regionCode: string; from: string; to: string; by: FlowGrouping },
): Promise<ListingFlowsResponse> {
  assertListingReader(by, query.regionCode);
  checkPeriod(query.from, query.to);
  await assertRegion(ctx, query.regionCode);
  const units = await repo.findUnitsByHsaId(ctx.db);
  const byId = new Map([...units.values()].map((u) => [u.id, u]));
  const flowUnit = (id: number | null): FlowUnit | null => {
    if (id === null) return null;
    const u = byId.get(id);
    if (u === undefined) throw new Error(`listing change names unit id ${id}, which does not exist`);
    return { hsaId: u.hsaId, name: u.name, type: u.type, ownership: u.ownership };
  };
  const rows = await repo.findListingChanges(ctx.db, query.regionCode, query.from, query.to);
  const changes: ListingChange[] = rows.map((r) => ({
    month: r.month,
    from: flowUnit(r.fromUnitId),
    to: flowUnit(r.toUnitId),
    count: r.count,
  }));
  const flows = listingFlows(changes, query.by);
  const withData = new Set(rows.map((r) => r.month));
  const nameOf = (group: string) => (query.by === "unit" ? (units.get(group)?.name ?? group) : group);
  let flowRows = flows.rows.map((r) => ({ ...r, name: nameOf(r.group) }));
  let matrix = flows.matrix;
  const own = query.by === "unit" ? ownUnitsOnly(by) : null;
  if (own !== null) {
    flowRows = flowRows.filter((r) => own.has(r.group));
    matrix = matrix.filter((c) => own.has(c.from) || own.has(c.to));
  }
  return {
    region: query.regionCode,
    from: query.from,
    to: query.to,
    by: query.by,
    rows: flowRows,
    matrix,
    monthsWithoutData: monthsBetween(query.from, query.to).filter((m) => !withData.has(m)),
  };
}

export const FLOWS_CSV_COLUMNS = [
  "month",
  "group",
  "name",
  "new_listings",
  "moved_in",
  "inflow",
  "ended_listings",
  "moved_out",
  "outflow",
  "net",
  "within_group",
] as const;

function flowCells(r: ListingFlowsResponse["rows"][number]): (string | number)[] {
  return [
    r.month,
    r.group,
    r.name,
    r.newListings,
    r.movedIn,
    r.inflow,
    r.endedListings,
    r.movedOut,
    r.outflow,
    r.net,
    r.withinGroup,
  ];
}

export function listingFlowsCsv(flows: ListingFlowsResponse): string {
  const lines = [FLOWS_CSV_COLUMNS.join(","), ...flows.rows.map((r) => flowCells(r).map(csvCell).join(","))];
  return `${lines.join("\n")}\n`;
}

export function listingFlowsTable(flows: ListingFlowsResponse): {
  headers: string[];
  cells: (string | number)[][];
} {
  return { headers: [...FLOWS_CSV_COLUMNS], cells: flows.rows.map(flowCells) };
}

export async function listingOverviewFor(
  ctx: ServiceContext,
  by: AuditActor,
  query: { regionCode: string; from: string; to: string; unitHsaId?: string | undefined },
): Promise<ListingOverviewResponse> {
  assertListingReader(by, query.regionCode);
  checkPeriod(query.from, query.to);
  await assertRegion(ctx, query.regionCode);
  const units = await repo.findCareUnits(ctx.db, query.regionCode);
  let unit: repo.ListingUnit | null = null;
  if (query.unitHsaId !== undefined) {
    unit = units.find((u) => u.hsaId === query.unitHsaId) ?? null;
    if (unit === null)
      throw new AppError(
        "not_found",
        `Unit ${query.unitHsaId} is not a care unit of region ${query.regionCode}.`,
      );
  }
  const own = ownUnitsOnly(by);
  if (own !== null && unit !== null && !own.has(unit.hsaId))
    throw new AppError("forbidden", `You have no access to the figures of unit ${unit.hsaId}.`, {
      unitHsaId: unit.hsaId,
    });
  const perUnitMonth = await repo.findListedPerUnitMonth(ctx.db, query.regionCode, query.from, query.to);
  const byId = new Map(units.map((u) => [u.id, u]));
  const months = monthsBetween(query.from, query.to);
  const listedIn = new Map<string, number>();
  const groups = new Map<
    string,
    { month: string; type: string; ownership: string; units: Set<number>; listed: number }
  >();
  const unitListed = new Map<string, number>();
  for (const row of perUnitMonth) {
    const u = byId.get(row.unitId);
    if (u === undefined) continue;
    if (unit === null || u.id === unit.id)
      listedIn.set(row.month, (listedIn.get(row.month) ?? 0) + row.listed);
    const key = `${row.month}|${u.type}|${u.ownership}`;
    const g = groups.get(key) ?? {
      month: row.month,
      type: u.type,
      ownership: u.ownership,
      units: new Set(),
      listed: 0,
    };
    g.units.add(u.id);
    g.listed += row.listed;
    groups.set(key, g);
    unitListed.set(`${row.month}|${u.id}`, row.listed);
  }
  const lastMonth = [...listedIn.keys()].sort().at(-1) ?? null;
  const ageRows =
    lastMonth === null
      ? []
      : await repo.findListingByAgeAndSex(ctx.db, query.regionCode, lastMonth, unit?.id ?? null);
  const visibleUnits = own === null ? units : units.filter((u) => own.has(u.hsaId));
  return {
    region: query.regionCode,
    from: query.from,
    to: query.to,
    unitHsaId: unit?.hsaId ?? null,
    month: lastMonth,
    preliminary: lastMonth !== null && lastMonth >= currentMonth(ctx),
    ageBands: listedByAgeBand(ageRows.map((r) => ({ age: r.age, sex: r.sex as Sex, count: r.count }))),
    trend: months.filter((m) => listedIn.has(m)).map((m) => ({ month: m, listed: listedIn.get(m) ?? 0 })),
    byTypeAndOwnership: [...groups.values()]
      .map((g) => ({
        month: g.month,
        type: g.type,
        ownership: g.ownership,
        units: g.units.size,
        listed: g.listed,
      }))
      .sort((a, b) => byText(a.month, b.month) || byText(a.type, b.type) || byText(a.ownership, b.ownership)),
    units: visibleUnits.map((u) => ({
      hsaId: u.hsaId,
      name: u.name,
      type: u.type,
      ownership: u.ownership,
      kommunCode: u.kommunCode,
      listed: lastMonth === null ? 0 : (unitListed.get(`${lastMonth}|${u.id}`) ?? 0),
    })),
  };
}
