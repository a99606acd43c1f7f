import { z } from "zod";
import { OWNERSHIPS, ROLES, UNIT_TYPES } from "../../domain/access/value-sets.ts";

// Request and response shapes of the regions and units API (docs/API.md).

export const regionCodeParams = z.object({
  code: z.string().regex(/^\d{2}$/, "expected a two-digit länskod"),
});
export const hsaIdParams = z.object({ hsaId: z.string() });

export const regionSchema = z.object({ code: z.string(), name: z.string(), demo: z.boolean() });
export type Region = z.infer<typeof regionSchema>;

/** A phone-hours window, ["08:00", "12:00"]: start inclusive, end exclusive, Stockholm time. */
const timeWindow = z.tuple([z.string(), z.string()]);
export type TimeWindow = z.infer<typeof timeWindow>;

export const unitViewSchema = z.object({
  hsaId: z.string(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  ownership: z.enum(OWNERSHIPS),
  provider: z.object({ name: z.string(), orgNr: z.string() }),
  kommun: z.object({ code: z.string(), name: z.string() }),
  location: z.object({ lat: z.number(), lon: z.number() }),
  today: z.object({
    /** YYYY-MM-DD, the Stockholm date the server computed these hours for. */
    date: z.string(),
    open: z.boolean(),
    phoneHours: z.array(timeWindow),
    /** Why the unit is closed today, e.g. "Juldagen"; null when open or closed without a named reason. */
    closedReason: z.string().nullable(),
  }),
  callbackCapacity: z.object({ slotMinutes: z.number(), callsPerSlot: z.number() }),
});
export type Unit = z.infer<typeof unitViewSchema>;

export const regionImportSummarySchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  unitsCreated: z.number(),
  unitsUpdated: z.number(),
});
export type RegionImportSummary = z.infer<typeof regionImportSummarySchema>;

export const unitStaffSchema = z.array(
  z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    disabled: z.boolean(),
  }),
);
