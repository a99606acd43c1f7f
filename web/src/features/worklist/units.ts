import { useQuery } from "@tanstack/react-query";
import type { Unit, User } from "../../api/types.ts";
import { unitsQuery } from "../units/api.ts";

export interface WorklistUnits {
  /** The units whose worklist the user may open, by name. */
  own: Unit[];
  /** Every unit of the user's region: targets of transfers and referrals. */
  region: Unit[];
  /** A member of the regional backup team, who also works the region's overflow. */
  backupTeam: boolean;
}

const collator = new Intl.Collator("sv");

/** Staff and unit managers work their own units; a region admin may open any unit of the region. */
export function worklistUnitsOf(user: User, regionUnits: readonly Unit[]): WorklistUnits {
  const region = [...regionUnits].sort((a, b) => collator.compare(a.name, b.name));
  const own =
    user.role === "region_admin" ? region : region.filter((unit) => user.unitHsaIds.includes(unit.hsaId));
  return { own, region, backupTeam: own.some((unit) => unit.type === "backup") };
}

export function useWorklistUnits(user: User) {
  const query = useQuery({ ...unitsQuery(user.regionCode ?? ""), enabled: user.regionCode !== null });
  return { query, units: query.data ? worklistUnitsOf(user, query.data) : null };
}

/** The unit in the address if the user may open it, else the user's first unit. */
export function chosenUnit(units: readonly Unit[], requested: string | undefined): Unit | null {
  return units.find((unit) => unit.hsaId === requested) ?? units[0] ?? null;
}
