import type { Role, Unit } from "../../api/types.ts";
import type { HeatmapMode } from "./chart-options.ts";
import { isDate, isMonth, type Month } from "./format.ts";

// The pages keep their choices in the address (shareable, and the back button undoes a change). Anything
// malformed there is dropped, and the page falls back to its defaults.

export interface AccessibilitySearch {
  region?: string;
  from?: Month;
  to?: Month;
  unit?: string;
  heat?: HeatmapMode;
}

const REGION = /^\d{2}$/;
const HSA_ID = /^[A-Za-z0-9-]{1,64}$/;

export function validateAccessibilitySearch(search: Record<string, unknown>): AccessibilitySearch {
  const result: AccessibilitySearch = {};
  if (typeof search.region === "string" && REGION.test(search.region)) result.region = search.region;
  if (isMonth(search.from)) result.from = search.from;
  if (isMonth(search.to)) result.to = search.to;
  if (typeof search.unit === "string" && HSA_ID.test(search.unit)) result.unit = search.unit;
  if (search.heat === "contacts" || search.heat === "unanswered") result.heat = search.heat;
  return result;
}

export interface ForecastSearch {
  region?: string;
  date?: string;
  unit?: string;
  handle?: number;
}

export function validateForecastSearch(search: Record<string, unknown>): ForecastSearch {
  const result: ForecastSearch = {};
  if (typeof search.region === "string" && REGION.test(search.region)) result.region = search.region;
  if (isDate(search.date)) result.date = search.date;
  if (typeof search.unit === "string" && HSA_ID.test(search.unit)) result.unit = search.unit;
  const handle = typeof search.handle === "string" ? Number(search.handle) : search.handle;
  if (typeof handle === "number" && Number.isInteger(handle) && handle >= 1 && handle <= 60)
    result.handle = handle;
  return result;
}

export function validateRegionSearch(search: Record<string, unknown>): { region?: string } {
  return typeof search.region === "string" && REGION.test(search.region) ? { region: search.region } : {};
}

/** Staff and unit managers see their own units' statistics; the others choose among the region's units. */
export function scopedToOwnUnits(role: Role): boolean {
  return role === "staff" || role === "unit_manager";
}

/** The units a user may pick, in Swedish name order. */
export function unitChoices(
  units: readonly Unit[],
  user: { role: Role; unitHsaIds: readonly string[] },
): Unit[] {
  const collator = new Intl.Collator("sv", { sensitivity: "base" });
  return units
    .filter((unit) => !scopedToOwnUnits(user.role) || user.unitHsaIds.includes(unit.hsaId))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The unit the page shows: the one in the address when the user may pick it; else, for users scoped to
 * their units, their first unit; else null (the whole region).
 */
export function chosenUnit(
  requested: string | undefined,
  choices: readonly Unit[],
  role: Role,
): string | null {
  if (requested !== undefined && choices.some((unit) => unit.hsaId === requested)) return requested;
  return scopedToOwnUnits(role) ? (choices[0]?.hsaId ?? null) : null;
}
