// Unit structure (interpellation question 3): every unit's figures side by side — listed, accessibility,
// listed per specialist, Vårdval payment per listed and its composition from the approved run, rural
// points — grouped by type, ownership, provider and kommun. Readers: the administration and the
// committee. Listing, staffing and payments per unit are not personal data; contact figures per unit are,
// in the committee's view, suppressed by the rule of FORMATS.md "Open data".
import type { Kysely } from "kysely";
import { kommunByCode } from "../../data/reference.ts";
import type { Database } from "../../db/schema.ts";
import { suppressedUnits } from "../../domain/disclosure/suppression.ts";
import type { ReimbursementModel, ReimbursementResult } from "../../domain/reimbursement/index.ts";
import {
  groupUnits,
  paymentPerListed,
  rate,
  ratiosOf,
  type UnitFigures,
} from "../../domain/structure/groups.ts";
import { AppError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { findListedPerUnitMonth, regionExists } from "../listing/listing.repository.ts";
import { currentMonth } from "../listing/listing.service.ts";
import { findRuralPointsInForce } from "../reimbursement/reimbursement.repository.ts";
import { accessibilityStatistics } from "../statistics/stats.service.ts";
import { findSpecialistFteByUnit } from "./staffing-source.ts";
import * as repo from "./structure.repository.ts";
import type { UnitStructureResponse } from "./structure.schemas.ts";

export function assertStructureReader(by: AuditActor, regionCode: string): void {
  if (by.kind === "system") return;
  assertRole(by, ["region_admin", "system_admin", "committee"], "see the unit structure");
  assertRegionAccess(by, regionCode);
}

export function lastDayOfMonth(month: string): string {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, "0")}`;
}

export async function assertRegionExists(db: Kysely<Database>, regionCode: string): Promise<void> {
  if (!(await regionExists(db, regionCode)))
    throw new AppError("not_found", `Region ${regionCode} does not exist.`);
}

/** The asked-for month, else the latest with an approved run, else the latest with listing, else this month. */
export async function structureMonth(
  ctx: ServiceContext,
  regionCode: string,
  month: string | undefined,
): Promise<string> {
  if (month !== undefined) return month;
  const now = currentMonth(ctx);
  return (
    (await repo.findLatestApprovedMonth(ctx.db, regionCode, now)) ??
    (await repo.findLatestListingMonth(ctx.db, regionCode, now)) ??
    now
  );
}

function kommunName(code: string): string {
  return kommunByCode(code)?.name ?? code;
}

const TYPE_LABELS: Record<string, string> = {
  halsocentral: "hälsocentral",
  sjukstuga: "sjukstuga",
  filial: "filial",
};

type RateGroup = UnitStructureResponse["units"][number]["phone"];

function rateGroup(count: number, denominator: number, suppressed: boolean): RateGroup {
  if (suppressed) return { count: null, denominator: null, rate: null, suppressed: true };
  return { count, denominator, rate: rate(count, denominator), suppressed: false };
}

export async function unitStructureFor(
  ctx: ServiceContext,
  by: AuditActor,
  query: { regionCode: string; month?: string | undefined },
): Promise<UnitStructureResponse> {
  assertStructureReader(by, query.regionCode);
  await assertRegionExists(ctx.db, query.regionCode);
  const month = await structureMonth(ctx, query.regionCode, query.month);
  const notes: string[] = [];
  const units = await repo.findStructureUnits(ctx.db, query.regionCode);
  const [listedRows, staffing, accessibility, rural, run] = await Promise.all([
    findListedPerUnitMonth(ctx.db, query.regionCode, month, month),
    findSpecialistFteByUnit(ctx.db, query.regionCode, month),
    accessibilityStatistics(ctx.db, {
      regionCode: query.regionCode,
      from: `${month}-01`,
      to: lastDayOfMonth(month),
      by: "month",
    }),
    findRuralPointsInForce(ctx.db, query.regionCode, month),
    repo.findApprovedRunWithModel(ctx.db, query.regionCode, month),
  ]);
  if (!staffing.available)
    notes.push("No staffing is reported for this month: listed per specialist is not shown.");
  const listed = new Map(listedRows.map((r) => [r.unitId, r.listed]));
  const access = new Map(
    accessibility.filter((r) => r.unitHsaId !== null).map((r) => [r.unitHsaId as string, r]),
  );
  const ruralByUnit = new Map(rural.map((r) => [r.unit_id, r.points]));
  let result: ReimbursementResult | null = null;
  let components: UnitStructureResponse["components"] = [];
  if (run !== undefined) {
    result = JSON.parse(run.result) as ReimbursementResult;
    const model = run.model as unknown as ReimbursementModel;
    components = model.components.map((c) => ({ id: c.id, label: c.label, type: c.type }));
  } else notes.push(`No approved payment run for ${month}: payment per listed is not shown.`);
  const paid = new Map((result?.units ?? []).map((u) => [u.hsaId, u]));

  const figures: UnitFigures[] = units.map((u) => {
    const a = access.get(u.hsaId);
    const payment = paid.get(u.hsaId);
    const componentsOre: Record<string, bigint> = {};
    for (const line of payment?.lines ?? [])
      componentsOre[line.component] = (componentsOre[line.component] ?? 0n) + BigInt(line.amountOre);
    return {
      hsaId: u.hsaId,
      type: u.type,
      ownership: u.ownership,
      provider: u.providerName,
      kommunCode: u.kommunCode,
      listed: listed.get(u.id) ?? 0,
      specialistFte: staffing.available ? (staffing.byUnit.get(u.id) ?? "0") : null,
      paymentOre: result === null ? null : BigInt(payment?.totalOre ?? "0"),
      componentsOre,
      phone: { offered: a?.phone.offered ?? 0, answeredSameDay: a?.phone.answeredSameDay ?? 0 },
      resident: { contacts: a?.resident.contacts ?? 0, respondedSameDay: a?.resident.respondedSameDay ?? 0 },
    };
  });

  const committee = by.kind === "user" && by.role === "committee";
  const phoneHidden = committee
    ? suppressedUnits(figures.map((f) => ({ hsaId: f.hsaId, denominator: f.phone.offered })))
    : new Set<string>();
  const residentHidden = committee
    ? suppressedUnits(figures.map((f) => ({ hsaId: f.hsaId, denominator: f.resident.contacts })))
    : new Set<string>();
  if (phoneHidden.size + residentHidden.size > 0)
    notes.push(
      "Contact figures from fewer than 20 contacts are suppressed (FORMATS.md Open data), with their groups.",
    );

  const byHsa = new Map(units.map((u) => [u.hsaId, u]));
  const unitRows = figures.map((f) => {
    const u = byHsa.get(f.hsaId) as repo.StructureUnit;
    const ratios = ratiosOf(f);
    return {
      hsaId: f.hsaId,
      name: u.name,
      type: f.type,
      ownership: f.ownership,
      provider: f.provider,
      kommunCode: f.kommunCode,
      kommunName: kommunName(f.kommunCode),
      lat: u.lat,
      lon: u.lon,
      listed: f.listed,
      specialistFte: f.specialistFte,
      listedPerSpecialist: ratios.listedPerSpecialist,
      paymentOre: f.paymentOre === null ? null : f.paymentOre.toString(),
      paymentPerListedOre: paymentPerListed(f.paymentOre, f.listed),
      componentsOre: Object.fromEntries(Object.entries(f.componentsOre).map(([c, a]) => [c, a.toString()])),
      ruralPoints: ruralByUnit.get(u.id) ?? null,
      phone: rateGroup(f.phone.answeredSameDay, f.phone.offered, phoneHidden.has(f.hsaId)),
      resident: rateGroup(f.resident.respondedSameDay, f.resident.contacts, residentHidden.has(f.hsaId)),
    };
  });
  const members = new Map<string, string[]>();
  for (const f of figures) {
    for (const [dimension, key] of [
      ["type", f.type],
      ["ownership", f.ownership],
      ["provider", f.provider],
      ["kommun", f.kommunCode],
    ] as const)
      members.set(`${dimension}|${key}`, [...(members.get(`${dimension}|${key}`) ?? []), f.hsaId]);
  }
  // A group holding a suppressed unit is suppressed too: group minus its shown units would give it back.
  const groups = groupUnits(figures).map((g) => {
    const ids = members.get(`${g.dimension}|${g.key}`) ?? [];
    return {
      dimension: g.dimension,
      key: g.key,
      label:
        g.dimension === "kommun"
          ? kommunName(g.key)
          : g.dimension === "type"
            ? (TYPE_LABELS[g.key] ?? g.key)
            : g.key,
      units: g.units,
      listed: g.listed,
      specialistFte: g.specialistFte,
      listedPerSpecialist: g.listedPerSpecialist,
      paymentOre: g.paymentOre,
      paymentPerListedOre: g.paymentPerListedOre,
      componentsOre: g.componentsOre,
      phone: rateGroup(
        g.phone.answeredSameDay,
        g.phone.offered,
        ids.some((id) => phoneHidden.has(id)),
      ),
      resident: rateGroup(
        g.resident.respondedSameDay,
        g.resident.contacts,
        ids.some((id) => residentHidden.has(id)),
      ),
    };
  });
  return {
    region: query.regionCode,
    month,
    preliminary: month >= currentMonth(ctx),
    staffingAvailable: staffing.available,
    run: run === undefined ? null : { id: run.runId, month: run.month },
    components,
    units: unitRows,
    groups,
    notes,
  };
}
