import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { geometryContains, readKommunOutlines } from "../src/data/geo.ts";
import { kommunByCode, kommunerInRegion } from "../src/data/reference.ts";
import { swedishClosedHolidays } from "../src/domain/calendar/index.ts";
import { regionFileSchema } from "../src/modules/regions/region-file.schema.ts";
import {
  BACKUP_UNIT_NAME,
  DEMO_UNIT_OPENINGS,
  demoStaffingHints,
  generateDemoListing,
  generateDemoRegionFiles,
  isOpeningUnit,
  luhnCheckDigit,
  type RegionFileUnit,
  WEEKDAYS,
  type WeeklyHours,
} from "./regions.ts";

const files = generateDemoRegionFiles();
const units = files.flatMap((f) => f.units.map((u) => ({ region: f.region.code, ...u })));
const listing = generateDemoListing(files);
const staffing = demoStaffingHints(files);

function sha256(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

function isLuhnValidOrgNr(orgNr: string): boolean {
  const digits = orgNr.replace("-", "");
  return /^\d{10}$/.test(digits) && luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe("determinism", () => {
  it("gives deep-equal files, listing and staffing for the same seed, 2026 by default", () => {
    expect(generateDemoRegionFiles(2026)).toEqual(files);
    expect(generateDemoListing(generateDemoRegionFiles(), 2026)).toEqual(listing);
    expect(demoStaffingHints(files, 2026)).toEqual(staffing);
  });

  // A change of these digests means the demo data changed. Update them only when that is intended; other
  // demo parts (contacts, grants, screenshots in docs) may depend on the exact numbers.
  it("matches the pinned digests", () => {
    expect(sha256(files)).toBe("62640d5918026a56693facf53d93887e9e6901739df8994b43c47f63b6d680de");
    expect(sha256(listing)).toBe("f4e3966061187298458d0e974a72dfad56c8982d15a91f889f88d700bacfe4b4");
    expect(sha256(staffing)).toBe("3d2aba4bb9ecd32c003d3aab77b40593abe07e251634ad9003972a7c0f5fb241");
  });

  it("adds the opening unit without changing any other unit's data (the digests before it)", () => {
    const others = files.map((f) => ({ ...f, units: f.units.filter((u) => !isOpeningUnit(u.hsaId)) }));
    expect(sha256(others)).toBe("a718827a5e1a3e3eec73ebd08ff23b49de02fdbc0cd9d8e513b0e0e52f5a9a1e");
    expect(sha256(listing.filter((l) => !isOpeningUnit(l.hsaId)))).toBe(
      "b2c3dad2cbc16092a20b2052b35c716c8d3dcf51eefcbc30aa10d6889b9a8213",
    );
    expect(sha256(staffing.filter((l) => !isOpeningUnit(l.hsaId)))).toBe(
      "97e517adb5b4cce514309022fbd92f0b993375b4e6202e738138daa7343a2049",
    );
    const [opening] = DEMO_UNIT_OPENINGS;
    const unit = files[0]?.units.find((u) => u.hsaId === opening?.hsaId);
    expect(unit).toMatchObject({
      name: "Saltvik hälsocentral",
      ownership: "private",
      type: "halsocentral",
      kommun: "2280",
    });
    expect(listing.find((l) => l.hsaId === opening?.hsaId)?.listed).toBe(0);
  });

  it("keeps units, names, types and HSA-ids under another seed, and varies the rest", () => {
    const other = generateDemoRegionFiles(7);
    const shape = (fs: typeof files) =>
      fs.map((f) => f.units.map((u) => [u.hsaId, u.name, u.type, u.kommun]));
    expect(shape(other)).toEqual(shape(files));
    expect(other).not.toEqual(files);
    expect(generateDemoListing(other, 7)).not.toEqual(listing);
  });
});

describe("region files", () => {
  it("are the two demo regions", () => {
    expect(files.map((f) => f.region)).toEqual([
      { code: "22", name: "Region Västernorrland (demo)" },
      { code: "24", name: "Region Västerbotten (demo)" },
    ]);
  });

  it.each(files.map((f) => [f.region.code, f]))(
    "region %s passes the FORMATS.md schema unchanged",
    (_, file) => {
      expect(regionFileSchema.parse(file)).toEqual(file);
    },
  );

  it("use exactly the fields of FORMATS.md with every weekday present", () => {
    for (const f of files) expect(Object.keys(f).sort()).toEqual(["region", "units"]);
    for (const u of units) {
      const { region: _, ...unit } = u;
      expect(Object.keys(unit).sort()).toEqual(
        [
          "callbackCapacity",
          "closedDates",
          "hsaId",
          "kommun",
          "location",
          "name",
          "openDates",
          "openingHours",
          "ownership",
          "phoneHours",
          "provider",
          "type",
        ].sort(),
      );
      expect(Object.keys(u.phoneHours)).toEqual([...WEEKDAYS]);
      expect(Object.keys(u.openingHours)).toEqual([...WEEKDAYS]);
      expect(Object.keys(u.provider).sort()).toEqual(["name", "orgNr"]);
      expect(Object.keys(u.location).sort()).toEqual(["lat", "lon"]);
      expect(Object.keys(u.callbackCapacity).sort()).toEqual(["callsPerSlot", "slotMinutes"]);
    }
  });

  it.each(files.map((f) => [f.region.code, f]))(
    "region %s has 30–40 units in its own kommuner, each kommun served",
    (code, file) => {
      expect(file.units.length).toBeGreaterThanOrEqual(30);
      expect(file.units.length).toBeLessThanOrEqual(40);
      for (const u of file.units) expect(kommunByCode(u.kommun)?.regionCode).toBe(code);
      const served = new Set(file.units.filter((u) => u.type !== "backup").map((u) => u.kommun));
      expect([...served].sort()).toEqual(kommunerInRegion(code).map((k) => k.code));
    },
  );

  it("place units roughly in proportion to population", () => {
    for (const file of files) {
      for (const k of kommunerInRegion(file.region.code)) {
        const count = file.units.filter((u) => u.kommun === k.code && u.type !== "backup").length;
        const perUnit = (k.population ?? 0) / count;
        expect(perUnit, k.name).toBeGreaterThan(2_000);
        expect(perUnit, k.name).toBeLessThan(11_000);
      }
    }
  });

  it.each(files.map((f) => [f.region.code, f]))(
    "region %s has exactly one backup team, run by the region",
    (_, file) => {
      const backups = file.units.filter((u) => u.type === "backup");
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatchObject({ name: BACKUP_UNIT_NAME, ownership: "regional" });
    },
  );

  it("have unique, well-formed HSA-ids with a prefix per region, and unique names per region", () => {
    expect(new Set(units.map((u) => u.hsaId)).size).toBe(units.length);
    for (const u of units) expect(u.hsaId).toMatch(new RegExp(`^SE23210002${u.region}-[A-Z]\\d{4}$`));
    for (const f of files) expect(new Set(f.units.map((u) => u.name)).size).toBe(f.units.length);
  });

  it("have Kramfors and Sollefteå hälsocentraler, run by the region (the grant units)", () => {
    const file = files.find((f) => f.region.code === "22");
    expect(file?.units.find((u) => u.name === "Kramfors hälsocentral")).toMatchObject({
      kommun: "2282",
      type: "halsocentral",
      ownership: "regional",
    });
    expect(file?.units.find((u) => u.name === "Sollefteå hälsocentral")).toMatchObject({
      kommun: "2283",
      type: "halsocentral",
      ownership: "regional",
    });
  });

  it("are mostly hälsocentraler, with sjukstugor in the sparse inland kommuner and a few filialer", () => {
    for (const file of files) {
      const count = (type: string) => file.units.filter((u) => u.type === type).length;
      expect(count("halsocentral") / file.units.length).toBeGreaterThan(0.7);
      expect(count("filial")).toBeGreaterThanOrEqual(2);
      expect(count("filial")).toBeLessThanOrEqual(5);
    }
    const sjukstugaKommuner = units
      .filter((u) => u.type === "sjukstuga")
      .map((u) => kommunByCode(u.kommun)?.name);
    expect(sjukstugaKommuner.sort()).toEqual(
      ["Dorotea", "Malå", "Sollefteå", "Sorsele", "Storuman", "Vilhelmina", "Åsele"].sort(),
    );
  });
});

describe("providers", () => {
  it("have Luhn-valid organisationsnummer NNNNNN-NNNN with third digit ≥ 2", () => {
    for (const u of units) {
      expect(u.provider.orgNr).toMatch(/^\d{6}-\d{4}$/);
      expect(Number(u.provider.orgNr[2])).toBeGreaterThanOrEqual(2);
      expect(isLuhnValidOrgNr(u.provider.orgNr), u.provider.orgNr).toBe(true);
    }
  });

  it.each([
    ["556036-0793", true],
    ["232100-0016", true],
    ["556036-0794", false],
  ])("luhnCheckDigit agrees with known numbers: %s %s", (orgNr, valid) => {
    expect(isLuhnValidOrgNr(orgNr)).toBe(valid);
  });

  it("pair one name with one number, and mark every name as demo", () => {
    const byName = new Map<string, Set<string>>();
    const byNumber = new Map<string, Set<string>>();
    for (const u of units) {
      byName.set(u.provider.name, (byName.get(u.provider.name) ?? new Set()).add(u.provider.orgNr));
      byNumber.set(u.provider.orgNr, (byNumber.get(u.provider.orgNr) ?? new Set()).add(u.provider.name));
      expect(u.provider.name).toMatch(/\(demo\)$/);
    }
    for (const numbers of byName.values()) expect(numbers.size).toBe(1);
    for (const names of byNumber.values()) expect(names.size).toBe(1);
  });

  it("are the region for regional units and a company for about a quarter of the units", () => {
    for (const file of files) {
      const care = file.units.filter((u) => u.type !== "backup");
      for (const u of file.units.filter((x) => x.ownership === "regional")) {
        expect(u.provider.name).toBe(file.region.name);
      }
      const privateUnits = care.filter((u) => u.ownership === "private");
      for (const u of privateUnits) {
        expect(u.provider.name).toMatch(/ AB \(demo\)$/);
        expect(u.type).toBe("halsocentral");
      }
      expect(privateUnits.length / care.length).toBeGreaterThan(0.2);
      expect(privateUnits.length / care.length).toBeLessThan(0.3);
    }
  });
});

describe("hours and calendar", () => {
  function expectWellFormed(hours: WeeklyHours, label: string): void {
    for (const day of WEEKDAYS) {
      const windows = hours[day];
      for (const [start, end] of windows) {
        expect(start, label).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect(end, label).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect(minutes(start), label).toBeLessThan(minutes(end));
      }
      for (let i = 1; i < windows.length; i++) {
        // Sorted and not overlapping: each window starts at or after the previous one's end.
        expect(minutes((windows[i] as [string, string])[0]), label).toBeGreaterThanOrEqual(
          minutes((windows[i - 1] as [string, string])[1]),
        );
      }
    }
  }

  function within(inner: [string, string], outer: readonly [string, string][]): boolean {
    return outer.some(([s, e]) => minutes(s) <= minutes(inner[0]) && minutes(inner[1]) <= minutes(e));
  }

  it("are well-formed: HH:MM, start before end, sorted, no overlaps", () => {
    for (const u of units) {
      expectWellFormed(u.phoneHours, `${u.name} phone`);
      expectWellFormed(u.openingHours, `${u.name} opening`);
    }
  });

  it("have phone hours inside opening hours, on at least two weekdays", () => {
    for (const u of units) {
      for (const day of WEEKDAYS) {
        for (const w of u.phoneHours[day])
          expect(within(w, u.openingHours[day]), `${u.name} ${day}`).toBe(true);
      }
      expect(WEEKDAYS.filter((d) => u.phoneHours[d].length > 0).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("give the backup team phone hours 08:00–17:00 on weekdays", () => {
    for (const u of units.filter((x) => x.type === "backup")) {
      for (const day of ["mon", "tue", "wed", "thu", "fri"] as const)
        expect(u.phoneHours[day]).toEqual([["08:00", "17:00"]]);
      expect(u.phoneHours.sat).toEqual([]);
      expect(u.phoneHours.sun).toEqual([]);
    }
  });

  it("mix split phone hours, a single telephone time and shorter Fridays", () => {
    const mon = units.map((u) => u.phoneHours.mon);
    expect(mon.some((w) => w.length === 2)).toBe(true);
    expect(mon.some((w) => w.length === 1 && w[0]?.[0] === "08:00" && w[0]?.[1] === "10:00")).toBe(true);
    expect(units.some((u) => u.phoneHours.fri.length === 1 && u.phoneHours.mon.length === 2)).toBe(true);
    expect(units.some((u) => u.openingHours.sat.length > 0)).toBe(true);
  });

  it("close a few units on ordinary weekdays and open one unit per region on a holiday eve", () => {
    const closed = units.filter((u) => u.closedDates.length > 0);
    expect(closed.length).toBeGreaterThanOrEqual(4);
    for (const u of closed) {
      expect(u.closedDates).toEqual([...u.closedDates].sort());
      for (const date of u.closedDates) {
        const year = Number(date.slice(0, 4));
        expect(swedishClosedHolidays(year).has(date), date).toBe(false);
        expect(new Date(`${date}T12:00:00Z`).getUTCDay(), date).toBeGreaterThanOrEqual(1);
        expect(new Date(`${date}T12:00:00Z`).getUTCDay(), date).toBeLessThanOrEqual(5);
      }
    }
    for (const file of files) {
      const opened = file.units.filter((u) => u.openDates.length > 0);
      expect(opened).toHaveLength(1);
      for (const date of opened[0]?.openDates ?? []) {
        expect(swedishClosedHolidays(Number(date.slice(0, 4))).has(date), date).toBe(true);
      }
    }
  });
});

describe("locations", () => {
  const outlines = new Map(readKommunOutlines().features.map((f) => [f.properties.id, f.geometry]));

  it("lie inside the unit's kommun", () => {
    for (const u of units) {
      const geometry = outlines.get(u.kommun);
      expect(geometry, u.kommun).toBeDefined();
      if (geometry)
        expect(geometryContains(geometry, u.location), `${u.name} ${JSON.stringify(u.location)}`).toBe(true);
    }
  });

  it("do not put two units on the same spot", () => {
    expect(new Set(units.map((u) => `${u.location.lat},${u.location.lon}`)).size).toBe(units.length);
  });
});

describe("listing", () => {
  const listed = new Map(listing.map((l) => [l.hsaId, l.listed]));

  it("has one entry per unit, in file order, nobody at the backup team or a unit yet to open", () => {
    expect(listing.map((l) => l.hsaId)).toEqual(units.map((u) => u.hsaId));
    for (const u of units) {
      if (u.type === "backup" || isOpeningUnit(u.hsaId)) expect(listed.get(u.hsaId)).toBe(0);
      else expect(listed.get(u.hsaId)).toBeGreaterThan(500);
    }
  });

  it("adds up to 96–98 % of each kommun's population, and of each region's", () => {
    for (const file of files) {
      let regionListed = 0;
      let regionPopulation = 0;
      for (const k of kommunerInRegion(file.region.code)) {
        const sum = listing.filter((l) => l.kommun === k.code).reduce((s, l) => s + l.listed, 0);
        const population = k.population ?? 0;
        expect(sum / population, k.name).toBeGreaterThanOrEqual(0.959);
        expect(sum / population, k.name).toBeLessThanOrEqual(0.981);
        regionListed += sum;
        regionPopulation += population;
      }
      expect(regionListed / regionPopulation).toBeCloseTo(0.97, 1);
    }
  });

  it("gives the main-town unit of Kramfors and Sollefteå the largest share of its kommun", () => {
    for (const [name, kommun] of [
      ["Kramfors hälsocentral", "2282"],
      ["Sollefteå hälsocentral", "2283"],
    ]) {
      const unit = units.find((u) => u.name === name) as RegionFileUnit;
      const max = Math.max(...listing.filter((l) => l.kommun === kommun).map((l) => l.listed));
      expect(listed.get(unit.hsaId)).toBe(max);
    }
  });

  it("sizes callback capacity to listing: about one call per 15-minute slot per 2 500 listed", () => {
    for (const u of units) {
      expect(u.callbackCapacity.slotMinutes).toBe(15);
      expect(u.callbackCapacity.callsPerSlot).toBeGreaterThanOrEqual(1);
      const longestDay = Math.max(
        ...WEEKDAYS.map((d) => u.phoneHours[d].reduce((s, [a, b]) => s + minutes(b) - minutes(a), 0)),
      );
      if (u.type === "backup" || longestDay < 180) continue;
      const expected = (listed.get(u.hsaId) ?? 0) / 2500;
      expect(Math.abs(u.callbackCapacity.callsPerSlot - expected), u.name).toBeLessThanOrEqual(
        Math.max(1, expected * 0.25),
      );
    }
  });
});

describe("staffing hints", () => {
  const byName = new Map(units.map((u) => [u.name + u.region, staffing.find((s) => s.hsaId === u.hsaId)]));

  it("has one hint per unit", () => {
    expect(staffing.map((s) => s.hsaId)).toEqual(units.map((u) => u.hsaId));
  });

  it("shows Kramfors and Sollefteå clearly short of physicians, and no other unit", () => {
    for (const name of ["Kramfors hälsocentral", "Sollefteå hälsocentral"]) {
      const hint = byName.get(`${name}22`);
      expect(hint?.physicianShortage).toBe(true);
      expect(hint?.listedPerSpecialist).toBeGreaterThan(4_000);
      expect(hint?.locumFte).toBeGreaterThan(1.5);
      expect(hint?.specialistFteGainPerYear).toBeGreaterThan(0);
    }
    const others = staffing.filter((s) => s.physicianShortage);
    expect(others).toHaveLength(2);
    for (const s of staffing.filter((x) => !x.physicianShortage && x.listed > 0)) {
      expect(s.listedPerSpecialist).toBeLessThan(3_000);
    }
  });

  it("has FTEs with one decimal, never negative, and the need at 1 : 1 100", () => {
    for (const s of staffing) {
      for (const v of [s.specialistFte, s.stPhysicianFte, s.locumFte, s.nurseFte, s.specialistNeedFte]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(Math.round(v * 10) / 10).toBe(v);
      }
      expect(s.specialistNeedFte).toBeCloseTo(s.listed / 1100, 1);
    }
  });
});
