import { z } from "zod";
import { IMPORT_FORMATS } from "../../domain/imports/formats.ts";

// Request and response shapes of the statistics, import and forecast API (docs/API.md; the figures are
// FORMATS.md "Accessibility statistics"). Counts and rates are null where a committee user's figure was
// withheld (fewer than 20 contacts).

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
export const regionCode = z.string().regex(/^\d{2}$/, "expected a two-digit länskod");

export const accessibilityQuerySchema = z.object({
  region: regionCode,
  from: isoDate,
  to: isoDate,
  by: z.enum(["day", "month", "quarter", "year"]).default("month"),
  unit: z.string().optional(),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
});
export const heatmapQuerySchema = z.object({
  region: regionCode,
  from: isoDate,
  to: isoDate,
  unit: z.string().optional(),
});
export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const referenceValueInputSchema = z.object({
  nationalPhoneRate: z.number().min(0).max(1).nullable(),
  goal: z.number().min(0).max(1),
});
export const contactImportQuerySchema = z.object({
  format: z.enum(IMPORT_FORMATS).default("vardnav-contacts-v1"),
  unit: z.string().optional(),
  region: regionCode.optional(),
});
export const importIdParams = z.object({ id: z.string().uuid() });
export const forecastQuerySchema = z.object({
  region: regionCode,
  date: isoDate,
  unit: z.string().optional(),
  handleMinutes: z.coerce.number().positive().max(120).optional(),
});
export const hsaIdParams = z.object({ hsaId: z.string() });
export const handleMinutesInputSchema = z.object({ handleMinutes: z.number().positive().max(120) });

// ---------------------------------------------------------------- accessibility

const count = z.number().nullable();
const rate = z.number().nullable();

export const accessibilityRowSchema = z.object({
  /** null for the whole region. */
  unitHsaId: z.string().nullable(),
  /** "2026-03" (month), "2026-03-02" (day) or "2026" (year). */
  period: z.string(),
  phone: z.object({ offered: count, answeredSameDay: count, rate }),
  resident: z.object({
    contacts: count,
    refused: count,
    overflowed: count,
    respondedSameDay: count,
    rate,
    feedbackSameDay: count,
    feedbackRate: rate,
  }),
  assessment: z.object({
    eligible: count,
    within0: count,
    within3: count,
    within7: count,
    patientChosen: count,
    rate,
  }),
  /** Committee users: true when at least one figure of this row was withheld. */
  suppressed: z.boolean(),
});
export type AccessibilityRow = z.infer<typeof accessibilityRowSchema>;

export const referenceValueSchema = z.object({
  year: z.number(),
  /** The national SKR-comparable telephone rate that year (2025: 0.875), or null when not yet known. */
  nationalPhoneRate: z.number().nullable(),
  goal: z.number(),
});
export type ReferenceValue = z.infer<typeof referenceValueSchema>;

export const accessibilitySchema = z.object({
  rows: z.array(accessibilityRowSchema),
  reference: z.array(referenceValueSchema),
  suppressed: z.boolean(),
});
export type AccessibilityAnswer = z.infer<typeof accessibilitySchema>;

export const heatmapSchema = z.object({
  cells: z.array(
    z.object({
      /** ISO weekday, 1 = Monday. */
      weekday: z.number(),
      hour: z.number(),
      contacts: count,
      unanswered: count,
      suppressed: z.literal(true).optional(),
    }),
  ),
});
export type Heatmap = z.infer<typeof heatmapSchema>;
export type HeatmapCell = Heatmap["cells"][number];

export const referenceValueListSchema = z.object({ values: z.array(referenceValueSchema) });
export type ReferenceValueList = z.infer<typeof referenceValueListSchema>;

// ---------------------------------------------------------------- imports

export const importStartedSchema = z.object({ importId: z.string() });
export type ImportStarted = z.infer<typeof importStartedSchema>;

export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(["running", "done", "failed"]),
  format: z.enum(IMPORT_FORMATS),
  /** Why the whole import failed. */
  error: z.string().nullable(),
  read: z.number(),
  imported: z.number(),
  updated: z.number(),
  rejected: z.number(),
  rejections: z.array(z.object({ line: z.number(), reason: z.string() })),
});
export type ImportJob = z.infer<typeof importJobSchema>;

// ---------------------------------------------------------------- forecast

export const forecastSchema = z.object({
  date: z.string(),
  units: z.array(
    z.object({
      hsaId: z.string(),
      name: z.string(),
      expectedContacts: z.number(),
      byHour: z.array(z.object({ hour: z.number(), expected: z.number() })),
      /** The handle time the need was computed with (the unit's own unless one was asked for). */
      handleMinutes: z.number(),
      nurseHoursNeeded: z.number(),
      capacityContacts: z.number(),
      risk: z.enum(["low", "medium", "high"]),
    }),
  ),
  backtest: z.object({ mape: z.number().nullable(), weeks: z.number(), days: z.number() }),
});
export type ForecastAnswer = z.infer<typeof forecastSchema>;
export type ForecastUnit = ForecastAnswer["units"][number];

export const handleMinutesSchema = z.object({ hsaId: z.string(), handleMinutes: z.number() });
