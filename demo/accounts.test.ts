import { describe, expect, it } from "vitest";
import type { Role } from "../src/db/schema.ts";
import { DEMO_PASSWORD, demoAccounts } from "./accounts.ts";
import { generateDemoRegionFiles } from "./regions.ts";

const files = generateDemoRegionFiles();
const accounts = demoAccounts(files);
const REGION_ROLES: Role[] = ["staff", "unit_manager", "region_admin", "committee", "auditor"];

describe("demo accounts", () => {
  it("share the documented password", () => {
    expect(DEMO_PASSWORD).toBe("vardnav-demo");
  });

  it("have unique usernames in the accepted alphabet", () => {
    expect(new Set(accounts.map((a) => a.username)).size).toBe(accounts.length);
    for (const a of accounts) {
      expect(a.username).toMatch(/^[a-z0-9._-]{2,64}$/);
      expect(a.displayName.trim().length).toBeGreaterThan(0);
    }
  });

  it.each(files.map((f) => [f.region.code]))("cover every role in region %s", (code) => {
    const roles = new Set(accounts.filter((a) => a.regionCode === code).map((a) => a.role));
    for (const role of REGION_ROLES) expect(roles.has(role), role).toBe(true);
  });

  it("have one system admin, in no region", () => {
    const admins = accounts.filter((a) => a.role === "system_admin");
    expect(admins).toEqual([
      {
        username: "sysadmin",
        displayName: expect.any(String),
        role: "system_admin",
        regionCode: null,
        unitHsaIds: [],
      },
    ]);
    for (const a of accounts.filter((x) => x.role !== "system_admin")) expect(a.regionCode).not.toBeNull();
  });

  it("give staff and unit managers units of their own region, and nobody else any units", () => {
    for (const a of accounts) {
      const scoped = a.role === "staff" || a.role === "unit_manager";
      if (!scoped) {
        expect(a.unitHsaIds).toEqual([]);
        continue;
      }
      expect(a.unitHsaIds.length).toBeGreaterThan(0);
      const file = files.find((f) => f.region.code === a.regionCode);
      for (const id of a.unitHsaIds)
        expect(
          file?.units.some((u) => u.hsaId === id),
          `${a.username} ${id}`,
        ).toBe(true);
    }
  });

  it.each([
    ["sjukskoterska.kramfors", "staff", "22", "Kramfors hälsocentral"],
    ["sjukskoterska.solleftea", "staff", "22", "Sollefteå hälsocentral"],
    ["chef.kramfors", "unit_manager", "22", "Kramfors hälsocentral"],
    ["backup.vasternorrland", "staff", "22", "Regionalt backup-team"],
    ["sjukskoterska.lycksele", "staff", "24", "Lycksele hälsocentral"],
    ["sjukskoterska.vilhelmina", "staff", "24", "Vilhelmina sjukstuga"],
    ["chef.lycksele", "unit_manager", "24", "Lycksele hälsocentral"],
    ["backup.vasterbotten", "staff", "24", "Regionalt backup-team"],
  ])("%s is %s in region %s at %s", (username, role, region, unitName) => {
    const account = accounts.find((a) => a.username === username);
    const unit = files.find((f) => f.region.code === region)?.units.find((u) => u.name === unitName);
    expect(account).toMatchObject({ role, regionCode: region, unitHsaIds: [unit?.hsaId] });
  });

  it.each([
    ["admin.vasternorrland", "region_admin", "22"],
    ["utskott.vasternorrland", "committee", "22"],
    ["revisor.vasternorrland", "auditor", "22"],
    ["admin.vasterbotten", "region_admin", "24"],
    ["utskott.vasterbotten", "committee", "24"],
    ["revisor.vasterbotten", "auditor", "24"],
  ])("%s is %s in region %s", (username, role, region) => {
    expect(accounts.find((a) => a.username === username)).toMatchObject({ role, regionCode: region });
  });

  it("fail loudly when a unit they need is missing", () => {
    const [first, second] = files;
    if (!first || !second) throw new Error("expected two demo regions");
    const broken = { ...first, units: first.units.filter((u) => u.name !== "Kramfors hälsocentral") };
    expect(() => demoAccounts([broken, second])).toThrow(/Kramfors hälsocentral/);
  });
});
