import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/auth-hooks.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { acknowledgeStaffAlert, listAlerts } from "./alerts.service.ts";

const alertSchema = z.object({
  id: z.string(),
  kind: z.enum(["at_risk", "missed"]),
  regionCode: z.string(),
  unit: z.object({ hsaId: z.string(), name: z.string() }),
  contactId: z.string(),
  deadline: z.string().nullable(),
  message: z.string(),
  suggestedBackup: z.object({ hsaId: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});

/** Deadline alerts for unit managers and region admins (written by src/jobs/deadline-sweep.ts). */
export function alertsRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/alerts",
      {
        schema: {
          tags: ["alerts"],
          summary:
            "Deadline alerts of the units the user manages (unit manager) or the region (region admin)",
          querystring: z.object({
            region: z
              .string()
              .regex(/^\d{2}$/, "expected a two-digit länskod")
              .optional(),
            unit: z.string().min(1).optional(),
            status: z.enum(["open", "all"]).default("open"),
          }),
          response: { 200: z.object({ alerts: z.array(alertSchema) }) },
        },
      },
      async (request) => listAlerts(ctx, requireActor(request), request.query, "GET /api/alerts"),
    );

    app.post(
      "/api/alerts/:id/ack",
      {
        schema: {
          tags: ["alerts"],
          summary: "Acknowledge a deadline alert",
          params: z.object({ id: z.string() }),
          response: { 200: z.object({ id: z.string(), acknowledgedAt: z.string() }) },
        },
      },
      async (request) =>
        acknowledgeStaffAlert(ctx, requireActor(request), request.params.id, "POST /api/alerts/:id/ack"),
    );
  };
}
