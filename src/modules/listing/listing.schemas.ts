import { z } from "zod";
import { AGE_BANDS } from "../../domain/listing/age-bands.ts";
import { FLOW_GROUPINGS } from "../../domain/listing/flows.ts";

// Request and response shapes of the listing API (FORMATS.md "Listing"). The web imports the response
// types from here (`import type`), so the server's schema is the one contract.

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM");
export const regionCodeSchema = z.string().regex(/^\d{2}$/, "expected a two-digit länskod");

export const flowsQuerySchema = z.object({
  region: regionCodeSchema,
  from: monthSchema,
  to: monthSchema,
  by: z.enum(FLOW_GROUPINGS as unknown as ["unit", "ownership", "type"]).default("unit"),
  format: z.enum(["json", "csv"]).default("json"),
});

export const flowRowSchema = z.object({
  month: monthSchema,
  group: z.string().describe("HSA-id, ownership (regional, private) or unit type, as `by` says"),
  name: z.string().describe("The unit's name, or the group key"),
  newListings: z.number().int(),
  movedIn: z.number().int(),
  inflow: z.number().int(),
  endedListings: z.number().int(),
  movedOut: z.number().int(),
  outflow: z.number().int(),
  net: z.number().int(),
  withinGroup: z.number().int(),
});

export const flowsResponseSchema = z.object({
  region: z.string(),
  from: monthSchema,
  to: monthSchema,
  by: z.enum(["unit", "ownership", "type"]),
  rows: z.array(flowRowSchema),
  matrix: z.array(
    z.object({
      from: z.string().describe('A group key, or "new" for new listings'),
      to: z.string().describe('A group key, or "ended" for ended listings'),
      count: z.number().int(),
    }),
  ),
  /** The months of the period with no listing changes imported. */
  monthsWithoutData: z.array(monthSchema),
});
export type ListingFlowsResponse = z.infer<typeof flowsResponseSchema>;

export const overviewQuerySchema = z.object({
  region: regionCodeSchema,
  from: monthSchema,
  to: monthSchema,
  unit: z.string().optional(),
});

const bandSchema = z.object({
  band: z.enum(AGE_BANDS.map((b) => b.label) as [string, ...string[]]),
  female: z.number().int(),
  male: z.number().int(),
  unknown: z.number().int(),
  total: z.number().int(),
});

export const overviewResponseSchema = z.object({
  region: z.string(),
  from: monthSchema,
  to: monthSchema,
  /** The unit the figures are limited to, or null for the region. */
  unitHsaId: z.string().nullable(),
  /** The last month of the period with listing; the age bands are of that month. */
  month: monthSchema.nullable(),
  /** True when `month` is the current, not yet complete, month. */
  preliminary: z.boolean(),
  ageBands: z.array(bandSchema),
  trend: z.array(z.object({ month: monthSchema, listed: z.number().int() })),
  byTypeAndOwnership: z.array(
    z.object({
      month: monthSchema,
      type: z.string(),
      ownership: z.string(),
      units: z.number().int(),
      listed: z.number().int(),
    }),
  ),
  units: z.array(
    z.object({
      hsaId: z.string(),
      name: z.string(),
      type: z.string(),
      ownership: z.string(),
      kommunCode: z.string(),
      listed: z.number().int(),
    }),
  ),
});
export type ListingOverviewResponse = z.infer<typeof overviewResponseSchema>;

export const importSummarySchema = z.object({
  read: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type ListingChangesImportSummary = z.infer<typeof importSummarySchema>;

export const importQuerySchema = z.object({ region: regionCodeSchema });
