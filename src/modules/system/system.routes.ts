import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { errorBody } from "../../http/error-handler.ts";
import { mediaResponse, responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { hasDemoRegion, pingDatabase } from "../regions/regions.repository.ts";
import { backupDatabase } from "./backup.service.ts";
import { BACKUP_MEDIA_TYPE, healthSchema, metaSchema } from "./system.schemas.ts";

export const VERSION = "0.1.0";

export function systemRoutes(
  ctx: ServiceContext,
  options: { oidcSignIn: boolean } = { oidcSignIn: false },
): FastifyPluginAsyncZod {
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
          summary: "Product version, whether this deployment holds demo data, whether SITHS sign-in is on",
          response: responses({ 200: metaSchema }),
        },
      },
      async () => ({
        demo: await hasDemoRegion(ctx.db),
        version: VERSION,
        oidcSignIn: options.oidcSignIn,
      }),
    );

    app.post(
      "/api/system/backup",
      {
        schema: {
          tags: ["system"],
          summary: "A backup of the embedded database, made by the running server (system administrators)",
          response: responses({
            200: mediaResponse(
              "The data folder as a gzipped tar (restore with vardnav restore)",
              BACKUP_MEDIA_TYPE,
            ),
          }),
        },
      },
      async (request, reply) => {
        const backup = await backupDatabase(ctx, requireActor(request));
        return reply
          .type(BACKUP_MEDIA_TYPE)
          .header("content-disposition", `attachment; filename="${backup.fileName}"`)
          .send(backup.bytes);
      },
    );
  };
}
