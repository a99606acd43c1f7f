import { z } from "zod";

// Request and response shapes of the access-log API (docs/API.md).

export const auditQuerySchema = z.object({
  regionCode: z.string().optional(),
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  actorUsername: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const auditLogSchema = z.array(
  z.object({
    id: z.string(),
    at: z.string(),
    regionCode: z.string().nullable(),
    actor: z.object({
      userId: z.number().nullable(),
      username: z.string(),
      // The role as it was when the row was written (system actors included).
      role: z.string(),
    }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    purpose: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
);

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  rowsChecked: z.number(),
  firstBroken: z.object({ id: z.string(), reason: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
export type AuditLogView = z.infer<typeof auditLogSchema>[number];
