import type { Ownership, Unit, UnitType } from "../../api/types.ts";

export interface UnitFilters {
  /** Free text matched against the unit's name, kommun and provider. */
  text: string;
  type: UnitType | null;
  ownership: Ownership | null;
  /** Kommunkod. */
  kommun: string | null;
}

export const NO_FILTERS: UnitFilters = { text: "", type: null, ownership: null, kommun: null };

const collator = new Intl.Collator("sv", { sensitivity: "base" });

function normalise(text: string): string {
  return text.trim().toLocaleLowerCase("sv");
}

export function hasFilters(filters: UnitFilters): boolean {
  return (
    normalise(filters.text) !== "" ||
    filters.type !== null ||
    filters.ownership !== null ||
    filters.kommun !== null
  );
}

/** The units that pass every filter, sorted by name in Swedish order (å, ä, ö last). */
export function filterUnits(units: readonly Unit[], filters: UnitFilters): Unit[] {
  const text = normalise(filters.text);
  return units
    .filter(
      (unit) =>
        (filters.type === null || unit.type === filters.type) &&
        (filters.ownership === null || unit.ownership === filters.ownership) &&
        (filters.kommun === null || unit.kommun.code === filters.kommun) &&
        (text === "" ||
          [unit.name, unit.kommun.name, unit.provider.name].some((field) => normalise(field).includes(text))),
    )
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** The kommuner the units lie in, once each, sorted by name: the choices of the kommun filter. */
export function kommunerOf(units: readonly Unit[]): { code: string; name: string }[] {
  const byCode = new Map(units.map((unit) => [unit.kommun.code, unit.kommun]));
  return [...byCode.values()].sort((a, b) => collator.compare(a.name, b.name));
}
