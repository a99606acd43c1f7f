import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  alertAcknowledgedSchema,
  alertIdParams,
  alertListSchema,
  alertsQuerySchema,
} from "./alerts.schemas.ts";
import { acknowledgeStaffAlert, listAlerts } from "./alerts.service.ts";

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
          querystring: alertsQuerySchema,
          response: responses({ 200: alertListSchema }),
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
          params: alertIdParams,
          response: responses({ 200: alertAcknowledgedSchema }),
        },
      },
      async (request) =>
        acknowledgeStaffAlert(ctx, requireActor(request), request.params.id, "POST /api/alerts/:id/ack"),
    );
  };
}
