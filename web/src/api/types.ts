// The HTTP API's shapes as the server's zod schemas define them (src/modules/*/*.schemas.ts, docs/API.md):
// types only, so a change to a response schema breaks the web's typecheck where it is used. The value
// sets come from the domain, where they are defined once.

export {
  OIDC_FAILURES,
  type OidcFailure,
  OWNERSHIPS,
  type Ownership,
  ROLES,
  type Role,
  UNIT_TYPES,
  type UnitType,
} from "../../../src/domain/access/value-sets.ts";
export type { Session, User } from "../../../src/modules/auth/auth.schemas.ts";
export type { Region, TimeWindow, Unit } from "../../../src/modules/regions/regions.schemas.ts";
export type { Meta } from "../../../src/modules/system/system.schemas.ts";
