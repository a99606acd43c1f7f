import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  hsaIdParams,
  regionCodeParams,
  regionImportSummarySchema,
  regionSchema,
  unitStaffSchema,
  unitViewSchema,
} from "./regions.schemas.ts";
import { importRegionFile, listRegionsFor, listStaffOfUnit, listUnitsOfRegion } from "./regions.service.ts";

export function regionsRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/regions",
      {
        schema: {
          tags: ["regions"],
          summary: "Regions the signed-in user may see",
          response: responses({ 200: z.array(regionSchema) }),
        },
      },
      async (request) => listRegionsFor(ctx, requireActor(request)),
    );

    app.post(
      "/api/regions/import",
      {
        bodyLimit: 20 * 1024 * 1024,
        schema: {
          tags: ["regions"],
          summary: "Create or update a region and its units from a region file (FORMATS.md)",
          body: z.unknown(),
          response: responses({ 200: regionImportSummarySchema }),
        },
      },
      async (request) =>
        importRegionFile(ctx, requireActor(request), request.body, { purpose: "POST /api/regions/import" }),
    );

    app.get(
      "/api/regions/:code/units",
      {
        schema: {
          tags: ["regions"],
          summary: "The region's units with today's phone hours",
          params: regionCodeParams,
          response: responses({ 200: z.array(unitViewSchema) }),
        },
      },
      async (request) => listUnitsOfRegion(ctx, requireActor(request), request.params.code),
    );

    app.get(
      "/api/units/:hsaId/staff",
      {
        schema: {
          tags: ["regions"],
          summary: "Staff accounts of a unit (unit staff, unit manager, region admin)",
          params: hsaIdParams,
          response: responses({ 200: unitStaffSchema }),
        },
      },
      async (request) =>
        listStaffOfUnit(ctx, requireActor(request), request.params.hsaId, "GET /api/units/:hsaId/staff"),
    );
  };
}
