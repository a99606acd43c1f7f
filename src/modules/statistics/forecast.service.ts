import { Temporal } from "temporal-polyfill";
import { callbackSlots, isCalendarClosed, parseIsoDate } from "../../domain/calendar/index.ts";
import {
  backtestErrors,
  capacityContacts,
  type ForecastHistory,
  forecastDay,
  meanAbsolutePercentageError,
  nurseHoursNeeded,
  riskLevel,
} from "../../domain/forecast/index.ts";
import { AppError } from "../../errors.ts";
import { type Actor, assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import { findForecastUnits, saveHandleMinutes } from "./forecast.repository.ts";
import { findHourlyHistory } from "./stats.repository.ts";
import type { ForecastAnswer as ForecastResponse } from "./stats.schemas.ts";

export const DEFAULT_HANDLE_MINUTES = 6;
/** Weeks behind the base profile, and weeks the backtest covers. */
export const FORECAST_WEEKS = 8;
export const BACKTEST_WEEKS = 4;
/** History read: a year and a bit for the seasonal factor, plus the base and backtest windows. */
const HISTORY_DAYS = 366 + 31 + (FORECAST_WEEKS + BACKTEST_WEEKS) * 7;

export type UnitForecast = ForecastResponse["units"][number];

export type { ForecastResponse };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** GET /api/forecast: expected contacts of `date` per unit of the region (or one unit), from the rollups. */
export async function forecastFor(
  ctx: ServiceContext,
  actor: Actor,
  query: {
    regionCode: string;
    date: string;
    unitHsaId?: string | undefined;
    handleMinutes?: number | undefined;
  },
): Promise<ForecastResponse> {
  assertRole(
    actor,
    // Not the committee: a unit's hourly history behind the forecast sidesteps the suppression rule.
    ["unit_manager", "region_admin", "system_admin", "staff"],
    "see the forecast",
  );
  assertRegionAccess(actor, query.regionCode);
  const target = parseIsoDate(query.date);
  const units = await findForecastUnits(ctx.db, query.regionCode, query.unitHsaId);
  if (query.unitHsaId !== undefined && units.length === 0) {
    throw new AppError("not_found", `Unit ${query.unitHsaId} is not a unit of region ${query.regionCode}.`);
  }

  const end = target.subtract({ days: 1 });
  const start = target.subtract({ days: HISTORY_DAYS });
  const rows = await findHourlyHistory(ctx.db, {
    regionCode: query.regionCode,
    from: start.toString(),
    to: end.toString(),
    unitId: units.length === 1 ? units[0]?.id : undefined,
  });
  // History starts where the region's data starts: days before it are unknown, not zero.
  let first: string | null = null;
  const byUnit = new Map<number, Map<string, number[]>>();
  for (const row of rows) {
    if (first === null || row.day < first) first = row.day;
    let days = byUnit.get(row.unitId);
    if (days === undefined) {
      days = new Map();
      byUnit.set(row.unitId, days);
    }
    let hours = days.get(row.day);
    if (hours === undefined) {
      hours = new Array<number>(24).fill(0);
      days.set(row.day, hours);
    }
    hours[row.hour] = (hours[row.hour] ?? 0) + row.contacts;
  }
  const historyStart = first === null ? target : Temporal.PlainDate.from(first);

  const errors: number[] = [];
  const out: UnitForecast[] = [];
  for (const unit of units) {
    const calendar = unitCalendarOf(unit);
    const isClosed = (d: Temporal.PlainDate) => isCalendarClosed(d, calendar);
    const history: ForecastHistory = { days: byUnit.get(unit.id) ?? new Map(), start: historyStart, end };
    const options = { weeks: FORECAST_WEEKS, isClosed };
    const forecast = forecastDay(history, target, options);
    errors.push(...backtestErrors(history, target, { ...options, backtestWeeks: BACKTEST_WEEKS }));
    const handleMinutes =
      query.handleMinutes ??
      (unit.handle_minutes === null ? DEFAULT_HANDLE_MINUTES : Number(unit.handle_minutes));
    const slots = callbackSlots(target, calendar, unit.callback_slot_minutes).length;
    const capacity = capacityContacts(slots, unit.callback_calls_per_slot);
    out.push({
      hsaId: unit.hsa_id,
      name: unit.name,
      expectedContacts: round2(forecast.total),
      byHour: forecast.byHour.map((expected, hour) => ({ hour, expected: round2(expected) })),
      handleMinutes,
      nurseHoursNeeded: round2(nurseHoursNeeded(forecast.total, handleMinutes)),
      capacityContacts: capacity,
      risk: riskLevel(forecast.total, capacity),
    });
  }
  const backtest = meanAbsolutePercentageError(errors);
  return { date: target.toString(), units: out, backtest: { ...backtest, weeks: BACKTEST_WEEKS } };
}

/** PUT /api/forecast/handle-minutes/:hsaId — the unit's minutes per contact (unit manager of it, region admin). */
export async function setHandleMinutes(
  ctx: ServiceContext,
  actor: Actor,
  hsaId: string,
  handleMinutes: number,
): Promise<{ hsaId: string; handleMinutes: number }> {
  assertRole(actor, ["unit_manager", "region_admin"], "set the handle time");
  const unit = await findUnitByHsaId(ctx.db, hsaId);
  if (unit === undefined) throw new AppError("not_found", `Unit ${hsaId} does not exist.`);
  assertRegionAccess(actor, unit.region_code);
  if (actor.role === "unit_manager" && !actor.unitIds.includes(unit.id)) {
    throw new AppError("forbidden", `You do not manage unit ${hsaId}.`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await saveHandleMinutes(trx, {
      unitId: unit.id,
      regionCode: unit.region_code,
      handleMinutes,
      at: new Date(ctx.clock.now().epochMilliseconds),
    });
    await recordAudit(trx, ctx, actor, {
      action: "forecast.handle_minutes.set",
      entityType: "unit",
      entityId: hsaId,
      regionCode: unit.region_code,
      purpose: "set the forecast's handle time",
      details: { handleMinutes },
    });
  });
  return { hsaId, handleMinutes };
}
