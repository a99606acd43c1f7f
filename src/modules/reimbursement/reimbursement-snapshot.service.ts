// A month's snapshot (FORMATS.md) built from the imported and reported inputs.

import type { Kysely } from "kysely";
import type { Database, SameDayRateKind } from "../../db/schema.ts";
import { monthOfYear, type ReimbursementSnapshot, rateText } from "../../domain/reimbursement/index.ts";
import { accessibilityStatistics } from "../statistics/stats.service.ts";
import * as repo from "./reimbursement.repository.ts";

function lastDayOfMonth(month: string): string {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), monthOfYear(month), 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, "0")}`;
}

export interface SnapshotBuild {
  snapshot: ReimbursementSnapshot;
  /** What the snapshot had to assume (missing reports, fallbacks); stored with the run. */
  notes: string[];
}

/**
 * The month's snapshot in the exact FORMATS.md shape, units ordered by HSA-id. Missing inputs become 0
 * (no report is no payment for it) and are named in the notes, so that a run never stops over one
 * late report but the administration sees what was assumed. The same-day rate is the model's kind from
 * the accessibility statistics (their monthly rollups); a unit without contacts that month falls back to
 * an imported rate.
 */
export async function buildSnapshot(
  db: Kysely<Database>,
  regionCode: string,
  month: string,
  sameDayRateKind: SameDayRateKind,
): Promise<SnapshotBuild> {
  const notes: string[] = [];
  const units = await repo.findPayableUnits(db, regionCode);
  const [listing, indices, rural, reports, imported, counted] = await Promise.all([
    repo.findListingByAge(db, regionCode, month),
    repo.findIndicesAsOf(db, regionCode, month),
    repo.findRuralPointsInForce(db, regionCode, month),
    repo.findUnitReportsOfMonth(db, regionCode, month),
    repo.findImportedSameDayRates(db, regionCode, month, sameDayRateKind),
    accessibilityStatistics(db, { regionCode, from: `${month}-01`, to: lastDayOfMonth(month), by: "month" }),
  ]);
  const listingByUnit = new Map<number, Map<number, bigint>>();
  for (const row of listing) {
    const byAge = listingByUnit.get(row.unit_id) ?? new Map<number, bigint>();
    byAge.set(row.age, BigInt(row.count));
    listingByUnit.set(row.unit_id, byAge);
  }
  const indicesByUnit = new Map<number, Record<string, string>>();
  for (const row of indices) {
    const own = indicesByUnit.get(row.unit_id) ?? {};
    own[row.name] = row.value;
    indicesByUnit.set(row.unit_id, own);
  }
  const ruralByUnit = new Map(rural.map((r) => [r.unit_id, r.points]));
  const reportByUnit = new Map(reports.map((r) => [r.unit_id, r]));
  const importedByUnit = new Map(imported.map((r) => [r.unit_id, r.rate]));
  // The statistics' own counts (DESIGN.md "Definitions"), turned into an exact rate here: the figures'
  // `rate` fields are rounded for people, the snapshot's rate is rounded once, half to even.
  const countedByHsaId = new Map<string, string>();
  for (const row of counted) {
    if (row.unitHsaId === null) continue;
    const [count, denominator] =
      sameDayRateKind === "phone"
        ? [row.phone.answeredSameDay, row.phone.offered]
        : sameDayRateKind === "resident"
          ? [row.resident.respondedSameDay, row.resident.contacts]
          : [row.resident.feedbackSameDay, row.resident.contacts];
    if (denominator > 0) countedByHsaId.set(row.unitHsaId, rateText(BigInt(count), BigInt(denominator)));
  }

  const missing = { rural: [] as string[], reports: [] as string[], rate: [] as string[] };
  const snapshotUnits: ReimbursementSnapshot["units"] = units.map((unit) => {
    const listedByAge: Record<string, number> = {};
    const byAge = [...(listingByUnit.get(unit.id) ?? new Map<number, bigint>())].sort((a, b) => a[0] - b[0]);
    for (const [age, count] of byAge) if (count > 0n) listedByAge[String(age)] = Number(count);
    const points = ruralByUnit.get(unit.id);
    if (points === undefined) missing.rural.push(unit.hsaId);
    const report = reportByUnit.get(unit.id);
    if (report === undefined) missing.reports.push(unit.hsaId);
    let rate = countedByHsaId.get(unit.hsaId);
    if (rate === undefined) rate = importedByUnit.get(unit.id);
    if (rate === undefined) missing.rate.push(unit.hsaId);
    return {
      hsaId: unit.hsaId,
      listedByAge,
      indices: indicesByUnit.get(unit.id) ?? {},
      ruralPoints: points === undefined ? 0 : /^\d+$/.test(points) ? Number(points) : points,
      multimorbidIdentified: report?.multimorbid_identified ?? 0,
      homeVisits: report?.home_visits ?? 0,
      sameDayRate: rate ?? "0",
    };
  });
  if (missing.rural.length > 0)
    notes.push(`no rural points in force, counted as 0: ${missing.rural.join(", ")}`);
  if (missing.reports.length > 0)
    notes.push(
      `no unit report (multimorbid, home visits) for ${month}, counted as 0: ${missing.reports.join(", ")}`,
    );
  if (missing.rate.length > 0)
    notes.push(
      `no contacts and no imported ${sameDayRateKind} same-day rate in ${month}, rate 0: ${missing.rate.join(", ")}`,
    );
  return { snapshot: { month, units: snapshotUnits }, notes };
}
