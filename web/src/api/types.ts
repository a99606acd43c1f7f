// Shapes of the HTTP API's answers, as the server's zod schemas define them (src/modules/*/*.routes.ts).

export const ROLES = [
  "staff",
  "unit_manager",
  "region_admin",
  "committee",
  "auditor",
  "system_admin",
] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** null only for a system admin, who spans every region. */
  regionCode: string | null;
  unitHsaIds: string[];
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Meta {
  demo: boolean;
  version: string;
}

export interface Region {
  code: string;
  name: string;
  demo: boolean;
}

export const UNIT_TYPES = ["halsocentral", "sjukstuga", "filial", "backup"] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const OWNERSHIPS = ["regional", "private"] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** A phone-hours window, ["08:00", "12:00"]: start inclusive, end exclusive, Stockholm time. */
export type TimeWindow = [string, string];

export interface Unit {
  hsaId: string;
  name: string;
  type: UnitType;
  ownership: Ownership;
  provider: { name: string; orgNr: string };
  kommun: { code: string; name: string };
  location: { lat: number; lon: number };
  today: {
    /** YYYY-MM-DD, the Stockholm date the server computed these hours for. */
    date: string;
    open: boolean;
    phoneHours: TimeWindow[];
    /** Why the unit is closed today, e.g. "Juldagen"; null when open or closed without a named reason. */
    closedReason: string | null;
  };
  callbackCapacity: { slotMinutes: number; callsPerSlot: number };
}
