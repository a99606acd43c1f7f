// The value sets of accounts and units, defined once: the database types, the server's schemas and the
// web app all take them from here.

export const ROLES = [
  "staff",
  "unit_manager",
  "region_admin",
  "committee",
  "auditor",
  "system_admin",
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_TYPES = ["halsocentral", "sjukstuga", "filial", "backup"] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const OWNERSHIPS = ["regional", "private"] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
