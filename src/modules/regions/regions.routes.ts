import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/auth-hooks.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { importRegionFile, listRegionsFor, listStaffOfUnit, listUnitsOfRegion } from "./regions.service.ts";

const regionCodeParams = z.object({ code: z.string().regex(/^\d{2}$/, "expected a two-digit länskod") });
const window = z.tuple([z.string(), z.string()]);

const unitViewSchema = z.object({
  hsaId: z.string(),
  name: z.string(),
  type: z.enum(["halsocentral", "sjukstuga", "filial", "backup"]),
  ownership: z.enum(["regional", "private"]),
  provider: z.object({ name: z.string(), orgNr: z.string() }),
  kommun: z.object({ code: z.string(), name: z.string() }),
  location: z.object({ lat: z.number(), lon: z.number() }),
  today: z.object({
    date: z.string(),
    open: z.boolean(),
    phoneHours: z.array(window),
    closedReason: z.string().nullable(),
  }),
  callbackCapacity: z.object({ slotMinutes: z.number(), callsPerSlot: z.number() }),
});

export function regionsRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/regions",
      {
        schema: {
          tags: ["regions"],
          summary: "Regions the signed-in user may see",
          response: { 200: z.array(z.object({ code: z.string(), name: z.string(), demo: z.boolean() })) },
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
          response: { 200: z.array(unitViewSchema) },
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
          params: z.object({ hsaId: z.string() }),
        },
      },
      async (request) =>
        listStaffOfUnit(ctx, requireActor(request), request.params.hsaId, "GET /api/units/:hsaId/staff"),
    );
  };
}
