/**
 * Demo accounts: one or more for every role in each demo region, plus one system admin. Synthetic people
 * with Swedish-looking names; all share one password, printed in the README. Never used outside the demo.
 */
import type { Role } from "../src/db/schema.ts";
import { BACKUP_UNIT_NAME, type RegionFile } from "./regions.ts";

/** The shared password of every demo account. */
export const DEMO_PASSWORD = "vardnav-demo";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Two-digit länskod; null only for the system admin. */
  regionCode: string | null;
  /** The units a staff member or unit manager works at; empty for every other role. */
  unitHsaIds: string[];
}

interface RegionAccounts {
  /** ASCII slug of the region in usernames, e.g. "vasternorrland". */
  slug: string;
  /** [username suffix, unit name, display name] of the two nurses; the first also has a manager. */
  nurses: readonly [readonly [string, string, string], readonly [string, string, string]];
  manager: string;
  backupStaff: string;
  admin: string;
  committee: string;
  auditor: string;
}

const REGIONS: Record<string, RegionAccounts> = {
  "22": {
    slug: "vasternorrland",
    nurses: [
      ["kramfors", "Kramfors hälsocentral", "Anna Sundström"],
      ["solleftea", "Sollefteå hälsocentral", "Erik Nordin"],
    ],
    manager: "Maria Holmgren",
    backupStaff: "Johan Berglund",
    admin: "Eva Hedlund",
    committee: "Lars Öberg",
    auditor: "Kristina Forsberg",
  },
  "24": {
    slug: "vasterbotten",
    nurses: [
      ["lycksele", "Lycksele hälsocentral", "Sara Lindberg"],
      ["vilhelmina", "Vilhelmina sjukstuga", "Per Lundmark"],
    ],
    manager: "Ingrid Burman",
    backupStaff: "Mikael Strömberg",
    admin: "Helena Marklund",
    committee: "Nils Granström",
    auditor: "Elin Vikström",
  },
};

function unitId(file: RegionFile, name: string): string {
  const unit = file.units.find((u) => u.name === name);
  if (!unit) throw new Error(`demo accounts: region ${file.region.code} has no unit "${name}"`);
  return unit.hsaId;
}

/**
 * For each demo region: two nurses (staff) at two units, the first unit's manager (e.g.
 * `chef.kramfors`), a nurse of the regional backup team, a region admin, a committee member and an
 * auditor; then one system admin. Throws if a unit the accounts need is missing from the files.
 */
export function demoAccounts(regionFiles: readonly RegionFile[]): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  for (const file of regionFiles) {
    const code = file.region.code;
    const r = REGIONS[code];
    if (!r) throw new Error(`demo accounts: no accounts planned for region ${code}`);
    const [first, second] = r.nurses;
    const firstUnit = unitId(file, first[1]);
    accounts.push(
      {
        username: `sjukskoterska.${first[0]}`,
        displayName: first[2],
        role: "staff",
        regionCode: code,
        unitHsaIds: [firstUnit],
      },
      {
        username: `sjukskoterska.${second[0]}`,
        displayName: second[2],
        role: "staff",
        regionCode: code,
        unitHsaIds: [unitId(file, second[1])],
      },
      {
        username: `chef.${first[0]}`,
        displayName: r.manager,
        role: "unit_manager",
        regionCode: code,
        unitHsaIds: [firstUnit],
      },
      {
        username: `backup.${r.slug}`,
        displayName: r.backupStaff,
        role: "staff",
        regionCode: code,
        unitHsaIds: [unitId(file, BACKUP_UNIT_NAME)],
      },
      {
        username: `admin.${r.slug}`,
        displayName: r.admin,
        role: "region_admin",
        regionCode: code,
        unitHsaIds: [],
      },
      {
        username: `utskott.${r.slug}`,
        displayName: r.committee,
        role: "committee",
        regionCode: code,
        unitHsaIds: [],
      },
      {
        username: `revisor.${r.slug}`,
        displayName: r.auditor,
        role: "auditor",
        regionCode: code,
        unitHsaIds: [],
      },
    );
  }
  accounts.push({
    username: "sysadmin",
    displayName: "Sven Systemsson",
    role: "system_admin",
    regionCode: null,
    unitHsaIds: [],
  });
  return accounts;
}
