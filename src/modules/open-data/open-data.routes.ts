import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ERROR_RESPONSES, errorResponseSchema, responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { openDataCatalog } from "./catalog.ts";
import {
  dcatCatalogSchema,
  openDataMonthsQuerySchema,
  openDataMonthsSchema,
  openDataQuerySchema,
  openDataRegionsSchema,
  openDataResponses,
} from "./open-data.schemas.ts";
import {
  openDataRegions,
  publishedAccessibility,
  publishedAccessibilityCsv,
  publishedMonths,
} from "./open-data.service.ts";

/** Public routes: no session is read or needed; rate limited like the other public endpoints. */
export function openDataRoutes(
  ctx: ServiceContext,
  options: { publicRateLimitPerMinute: number; publicBaseUrl?: string | undefined },
): FastifyPluginAsyncZod {
  const publicLimit = { max: options.publicRateLimitPerMinute, timeWindow: "1 minute" };
  return async (app) => {
    app.get(
      "/api/public/accessibility",
      {
        config: { rateLimit: publicLimit },
        schema: {
          tags: ["open data"],
          summary: "Open data: a region's accessibility per unit for one published month (JSON or CSV)",
          querystring: openDataQuerySchema,
          response: openDataResponses,
        },
      },
      async (request, reply) => {
        const q = { regionCode: request.query.region, month: request.query.month };
        if (request.query.format === "csv") {
          const text = await publishedAccessibilityCsv(ctx, q);
          return reply
            .type("text/csv; charset=utf-8")
            .header(
              "content-disposition",
              `attachment; filename="tillganglighet-${q.regionCode}-${q.month}.csv"`,
            )
            .send(text);
        }
        return publishedAccessibility(ctx, q);
      },
    );

    app.get(
      "/api/public/accessibility/months",
      {
        config: { rateLimit: publicLimit },
        schema: {
          tags: ["open data"],
          summary: "The published months of a region that have figures, newest first",
          querystring: openDataMonthsQuerySchema,
          response: {
            200: openDataMonthsSchema,
            ...ERROR_RESPONSES,
            400: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request) => publishedMonths(ctx, request.query.region),
    );

    app.get(
      "/api/public/regions",
      {
        config: { rateLimit: publicLimit },
        schema: {
          tags: ["open data"],
          summary: "The regions that publish open data",
          response: responses({ 200: openDataRegionsSchema }),
        },
      },
      async () => openDataRegions(ctx),
    );

    app.get(
      "/api/public/catalog",
      {
        config: { rateLimit: publicLimit },
        schema: {
          tags: ["open data"],
          summary: "DCAT-AP-SE metadata of the open datasets (JSON-LD)",
          response: responses({
            200: {
              description: "The catalogue as JSON-LD",
              content: { "application/ld+json": { schema: dcatCatalogSchema } },
            },
          }),
        },
      },
      async (request, reply) => {
        const base = options.publicBaseUrl ?? `${request.protocol}://${request.host}`;
        return reply.type("application/ld+json; charset=utf-8").send(await openDataCatalog(ctx, base));
      },
    );
  };
}
