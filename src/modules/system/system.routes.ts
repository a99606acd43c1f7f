import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorBody } from "../../http/error-handler.ts";
import { responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { hasDemoRegion, pingDatabase } from "../regions/regions.repository.ts";
import { healthSchema, metaSchema } from "./system.schemas.ts";

export const VERSION = "0.1.0";

export function systemRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/health",
      {
        schema: {
          tags: ["system"],
          summary: "Liveness and database reachability",
          response: responses({ 200: healthSchema }),
        },
      },
      async (_request, reply) => {
        try {
          await pingDatabase(ctx.db);
          return { status: "ok" as const, database: "ok" as const };
        } catch (error) {
          _request.log.error({ err: error }, "health check: database unreachable");
          return reply.status(503).send(errorBody("unavailable", "The database is not reachable."));
        }
      },
    );

    app.get(
      "/api/meta",
      {
        schema: {
          tags: ["system"],
          summary: "Product version and whether this deployment holds demo data",
          response: responses({ 200: metaSchema }),
        },
      },
      async () => ({ demo: await hasDemoRegion(ctx.db), version: VERSION }),
    );
  };
}
