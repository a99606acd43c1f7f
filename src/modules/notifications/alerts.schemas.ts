import { z } from "zod";

// Request and response shapes of the deadline-alert API (docs/API.md).

export const ALERT_KINDS = ["at_risk", "missed"] as const;

export const alertsQuerySchema = z.object({
  region: z
    .string()
    .regex(/^\d{2}$/, "expected a two-digit länskod")
    .optional(),
  unit: z.string().min(1).optional(),
  status: z.enum(["open", "all"]).default("open"),
});

export const alertIdParams = z.object({ id: z.string() });

export const alertSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  regionCode: z.string(),
  unit: z.object({ hsaId: z.string(), name: z.string() }),
  contactId: z.string(),
  deadline: z.string().nullable(),
  message: z.string(),
  /** The region's backup team, suggested for the contact. */
  suggestedBackup: z.object({ hsaId: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type StaffAlert = z.infer<typeof alertSchema>;

export const alertListSchema = z.object({ alerts: z.array(alertSchema) });
export type AlertList = z.infer<typeof alertListSchema>;

export const alertAcknowledgedSchema = z.object({ id: z.string(), acknowledgedAt: z.string() });
export type AlertAcknowledged = z.infer<typeof alertAcknowledgedSchema>;
