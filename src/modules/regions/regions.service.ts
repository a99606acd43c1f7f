import type { Temporal } from "temporal-polyfill";
import { kommunByCode } from "../../data/reference.ts";
import type { UnitRow } from "../../db/schema.ts";
import {
  isCalendarClosed,
  stockholmDateOf,
  swedishClosedHolidays,
  type UnitCalendar,
  weekdayOf,
} from "../../domain/calendar/index.ts";
import { isValidOrgNumber } from "../../domain/identity/index.ts";
import { AppError, fromZodIssues } from "../../errors.ts";
import {
  type Actor,
  assertRegionAccess,
  assertRole,
  assertUnitDataAccess,
  regionsVisibleTo,
} from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit, recordAuditNow } from "../audit/audit.service.ts";
import { type RegionFile, regionFileSchema } from "./region-file.schema.ts";
import {
  findRegion,
  findRegions,
  findStaffOfUnit,
  findUnitByHsaId,
  findUnitsByHsaIds,
  findUnitsOfRegion,
  type UnitWithProvider,
  upsertProvider,
  upsertRegion,
  upsertUnit,
} from "./regions.repository.ts";
import type { Region, RegionImportSummary, Unit } from "./regions.schemas.ts";

export type { RegionImportSummary };

/** Checks the file against FORMATS.md and the reference data; every problem is reported with its JSON path. */
export function parseRegionFile(input: unknown): RegionFile {
  const parsed = regionFileSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues("The region file is not valid.", parsed.error.issues);
  const issues: { path: string; message: string }[] = [];
  parsed.data.units.forEach((unit, index) => {
    if (!isValidOrgNumber(unit.provider.orgNr)) {
      issues.push({
        path: `units[${index}].provider.orgNr`,
        message: "not a valid organisationsnummer (check digit)",
      });
    }
    if (!kommunByCode(unit.kommun)) {
      issues.push({ path: `units[${index}].kommun`, message: `no kommun has the code ${unit.kommun}` });
    }
  });
  if (issues.length > 0) throw new AppError("validation_failed", "The region file is not valid.", { issues });
  return parsed.data;
}

/** Normalises "5565943212" and "556594-3212" to the hyphenated form providers are matched on. */
function normaliseOrgNr(orgNr: string): string {
  const digits = orgNr.replace("-", "");
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/**
 * `vardnav region import`: creates or updates a region and its units, matched by HSA-id, in one
 * transaction, so a file that fails half-way writes nothing. Units missing from the file are left alone.
 */
export async function importRegionFile(
  ctx: ServiceContext,
  by: AuditActor,
  input: unknown,
  options: { isDemo?: boolean; purpose: string },
): Promise<RegionImportSummary> {
  const file = parseRegionFile(input);
  if (by.kind === "user") {
    assertRole(by, ["system_admin", "region_admin"], "import region files");
    assertRegionAccess(by, file.region.code);
  }
  const existing = await findUnitsByHsaIds(
    ctx.db,
    file.units.map((u) => u.hsaId),
  );
  const moved = existing.filter((u) => u.region_code !== file.region.code);
  if (moved.length > 0) {
    throw new AppError("validation_failed", "The region file is not valid.", {
      issues: moved.map((u) => ({
        path: `units[${file.units.findIndex((f) => f.hsaId === u.hsa_id)}].hsaId`,
        message: `${u.hsa_id} already belongs to region ${u.region_code}`,
      })),
    });
  }
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return ctx.db.transaction().execute(async (trx) => {
    await upsertRegion(
      trx,
      { code: file.region.code, name: file.region.name, isDemo: options.isDemo ?? false },
      now,
    );
    let created = 0;
    let updated = 0;
    for (const unit of file.units) {
      const providerId = await upsertProvider(trx, {
        regionCode: file.region.code,
        name: unit.provider.name,
        orgNr: normaliseOrgNr(unit.provider.orgNr),
      });
      const outcome = await upsertUnit(
        trx,
        {
          region_code: file.region.code,
          hsa_id: unit.hsaId,
          name: unit.name,
          type: unit.type,
          ownership: unit.ownership,
          provider_id: providerId,
          kommun_code: unit.kommun,
          lat: unit.location.lat,
          lon: unit.location.lon,
          phone_hours: unit.phoneHours,
          opening_hours: unit.openingHours,
          closed_dates: unit.closedDates,
          open_dates: unit.openDates,
          callback_slot_minutes: unit.callbackCapacity.slotMinutes,
          callback_calls_per_slot: unit.callbackCapacity.callsPerSlot,
        },
        now,
      );
      if (outcome === "created") created += 1;
      else updated += 1;
    }
    await recordAudit(trx, ctx, by, {
      action: "region.import",
      entityType: "region",
      entityId: file.region.code,
      regionCode: file.region.code,
      purpose: options.purpose,
      details: { unitsCreated: created, unitsUpdated: updated },
    });
    return { region: file.region, unitsCreated: created, unitsUpdated: updated };
  });
}

export type RegionView = Region;

export async function listRegionsFor(ctx: ServiceContext, actor: Actor): Promise<RegionView[]> {
  const rows = await findRegions(ctx.db, regionsVisibleTo(actor));
  return rows.map((r) => ({ code: r.code, name: r.name, demo: r.is_demo }));
}

export function unitCalendarOf(
  unit: Pick<UnitRow, "phone_hours" | "opening_hours" | "closed_dates" | "open_dates">,
): UnitCalendar {
  return {
    phoneHours: unit.phone_hours,
    openingHours: unit.opening_hours,
    closedDates: unit.closed_dates,
    openDates: unit.open_dates,
  };
}

export type UnitToday = Unit["today"];

/** Today's phone hours as a resident would read them on the unit's page. */
export function unitToday(unit: UnitWithProvider, today: Temporal.PlainDate): UnitToday {
  const calendar = unitCalendarOf(unit);
  const date = today.toString();
  if (isCalendarClosed(today, calendar)) {
    const holiday = swedishClosedHolidays(today.year).get(date);
    // Holiday names are lower case in running Swedish text; standing alone on a page they start upper case.
    const reason = holiday ? holiday.charAt(0).toUpperCase() + holiday.slice(1) : "Stängd dag";
    return { date, open: false, phoneHours: [], closedReason: reason };
  }
  const phoneHours = (unit.phone_hours[weekdayOf(today)] ?? []).map(([s, e]) => [s, e] as [string, string]);
  return { date, open: phoneHours.length > 0, phoneHours, closedReason: null };
}

export type UnitView = Unit;

export function unitViewOf(unit: UnitWithProvider, today: Temporal.PlainDate): UnitView {
  return {
    hsaId: unit.hsa_id,
    name: unit.name,
    type: unit.type,
    ownership: unit.ownership,
    provider: { name: unit.provider_name, orgNr: unit.provider_org_nr },
    kommun: { code: unit.kommun_code, name: kommunByCode(unit.kommun_code)?.name ?? unit.kommun_code },
    location: { lat: unit.lat, lon: unit.lon },
    today: unitToday(unit, today),
    callbackCapacity: { slotMinutes: unit.callback_slot_minutes, callsPerSlot: unit.callback_calls_per_slot },
  };
}

/** Units are public facts (names, hours); every role of the region may list them. */
export async function listUnitsOfRegion(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
): Promise<UnitView[]> {
  assertRegionAccess(actor, regionCode);
  if (!(await findRegion(ctx.db, regionCode))) throw new AppError("not_found", `No region ${regionCode}.`);
  const today = stockholmDateOf(ctx.clock.now());
  const units = await findUnitsOfRegion(ctx.db, regionCode);
  return units.map((unit) => unitViewOf(unit, today));
}

export async function requireUnit(ctx: ServiceContext, hsaId: string): Promise<UnitWithProvider> {
  const unit = await findUnitByHsaId(ctx.db, hsaId);
  if (!unit) throw new AppError("not_found", `No unit with HSA-id ${hsaId}.`);
  return unit;
}

/** The staff accounts of a unit: personal data about employees, so scoped to the unit and audited. */
export async function listStaffOfUnit(ctx: ServiceContext, actor: Actor, hsaId: string, purpose: string) {
  const unit = await requireUnit(ctx, hsaId);
  assertUnitDataAccess(actor, { id: unit.id, regionCode: unit.region_code, hsaId: unit.hsa_id });
  const staff = await findStaffOfUnit(ctx.db, unit.id);
  await recordAuditNow(ctx, actor, {
    action: "unit.staff.read",
    entityType: "unit",
    entityId: unit.hsa_id,
    regionCode: unit.region_code,
    purpose,
    details: { rows: staff.length },
  });
  return staff.map((s) => ({
    id: s.id,
    username: s.username,
    displayName: s.display_name,
    role: s.role,
    disabled: s.disabled_at !== null,
  }));
}
