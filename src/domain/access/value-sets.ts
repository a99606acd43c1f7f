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

/** Why a SITHS sign-in was refused; the callback sends the browser to `/login?oidcError=<reason>`. */
export const OIDC_FAILURES = [
  "state",
  "provider",
  "unavailable",
  "no_hsa_id",
  "unknown_account",
  "disabled",
] as const;
export type OidcFailure = (typeof OIDC_FAILURES)[number];
