import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../errors.ts";
import { requireActor } from "../../http/auth-hooks.ts";
import { responses } from "../../http/responses.ts";
import { assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { auditLogSchema, auditQuerySchema, auditVerificationSchema } from "./audit.schemas.ts";
import { listAuditLog, verifyAuditChain } from "./audit.service.ts";

export function auditRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/audit",
      {
        schema: {
          tags: ["audit"],
          summary: "The access log (auditors: own region; system admins: all)",
          querystring: auditQuerySchema,
          response: responses({ 200: auditLogSchema }),
        },
      },
      async (request) => listAuditLog(ctx, requireActor(request), request.query),
    );

    app.get(
      "/api/audit/verify",
      {
        schema: {
          tags: ["audit"],
          summary: "Verify the keyed chain of the access log (auditors: their region's rows)",
          response: responses({ 200: auditVerificationSchema }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        assertRole(actor, ["auditor", "system_admin"], "verify the access log");
        // An auditor verifies their region only (the chain is walked whole; other regions' rows unnamed).
        const result = await verifyAuditChain(ctx, {
          regionCode: actor.role === "auditor" ? (actor.regionCode ?? undefined) : undefined,
        });
        if (!result.ok && !result.firstBroken) throw new AppError("internal", "Verification failed.");
        return result;
      },
    );
  };
}
