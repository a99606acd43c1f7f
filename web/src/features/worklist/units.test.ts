import { describe, expect, it } from "vitest";
import type { Unit, User } from "../../api/types.ts";
import { validateWorklistSearch } from "./search.ts";
import { chosenUnit, worklistUnitsOf } from "./units.ts";

function unit(hsaId: string, name: string, type: Unit["type"] = "halsocentral"): Unit {
  return {
    hsaId,
    name,
    type,
    ownership: "regional",
    provider: { name: "Region Västernorrland", orgNr: "232100-0218" },
    kommun: { code: "2282", name: "Kramfors" },
    location: { lat: 62.93, lon: 17.78 },
    today: { date: "2026-03-02", open: true, phoneHours: [["08:00", "12:00"]], closedReason: null },
    callbackCapacity: { slotMinutes: 15, callsPerSlot: 3 },
  };
}

function user(role: User["role"], unitHsaIds: string[]): User {
  return { id: 1, username: "u", displayName: "U", role, regionCode: "22", unitHsaIds };
}

const region = [
  unit("E3", "Sollefteå hälsocentral"),
  unit("B1", "Regionalt backup-team", "backup"),
  unit("E1", "Kramfors hälsocentral"),
  unit("E2", "Ådalens vårdcentral"),
];

describe("worklistUnitsOf", () => {
  it("gives staff their own units, sorted the Swedish way, and every unit of the region as targets", () => {
    const units = worklistUnitsOf(user("staff", ["E2", "E1"]), region);
    expect(units.own.map((u) => u.hsaId)).toEqual(["E1", "E2"]);
    expect(units.region.map((u) => u.name)).toEqual([
      "Kramfors hälsocentral",
      "Regionalt backup-team",
      "Sollefteå hälsocentral",
      "Ådalens vårdcentral",
    ]);
    expect(units.backupTeam).toBe(false);
  });

  it("recognises the backup team by its unit", () => {
    expect(worklistUnitsOf(user("staff", ["B1"]), region).backupTeam).toBe(true);
  });

  it("lets a region admin open any unit of the region", () => {
    expect(worklistUnitsOf(user("region_admin", []), region).own).toHaveLength(4);
  });
});

describe("chosenUnit", () => {
  it("takes the unit in the address only when the user may open it", () => {
    const own = [region[2], region[3]] as Unit[];
    expect(chosenUnit(own, "E2")?.hsaId).toBe("E2");
    expect(chosenUnit(own, "E3")?.hsaId).toBe("E1");
    expect(chosenUnit(own, undefined)?.hsaId).toBe("E1");
    expect(chosenUnit([], "E1")).toBeNull();
  });
});

describe("validateWorklistSearch", () => {
  it.each([
    [{ enhet: "SE2321000000-E0001" }, { enhet: "SE2321000000-E0001" }],
    [{ enhet: "../x" }, {}],
    [{ enhet: 5 }, {}],
    [{}, {}],
  ])("%j → %j", (input, expected) => {
    expect(validateWorklistSearch(input)).toEqual(expected);
  });
});
