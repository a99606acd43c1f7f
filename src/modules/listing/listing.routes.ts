import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { ERROR_RESPONSES, errorResponseSchema } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  flowsQuerySchema,
  flowsResponseSchema,
  importQuerySchema,
  importSummarySchema,
  overviewQuerySchema,
  overviewResponseSchema,
} from "./listing.schemas.ts";
import { listingFlowsCsv, listingFlowsFor, listingOverviewFor } from "./listing.service.ts";
import { importListingChanges } from "./listing-changes-import.service.ts";

const errors = {
  ...ERROR_RESPONSES,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

export function listingRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      "/api/listing/overview",
      {
        schema: {
          tags: ["listing"],
          summary:
            "Listed persons: by age band and sex (last month of the period), trend, by unit type and ownership",
          querystring: overviewQuerySchema,
          response: { 200: overviewResponseSchema, ...errors },
        },
      },
      async (request) =>
        listingOverviewFor(ctx, requireActor(request), {
          regionCode: request.query.region,
          from: request.query.from,
          to: request.query.to,
          unitHsaId: request.query.unit,
        }),
    );

    app.get(
      "/api/listing/flows",
      {
        schema: {
          tags: ["listing"],
          summary:
            "Listing flows per group and month (inflow, outflow, net; new and ended listings apart) and the from → to matrix; format=csv for text/csv",
          querystring: flowsQuerySchema,
          response: {
            200: flowsResponseSchema.or(z.string().describe("text/csv with the rows, when format=csv")),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const flows = await listingFlowsFor(ctx, requireActor(request), {
          regionCode: q.region,
          from: q.from,
          to: q.to,
          by: q.by,
        });
        if (q.format === "csv")
          return reply
            .type("text/csv; charset=utf-8")
            .header(
              "content-disposition",
              `attachment; filename="listningsfloden-${q.region}-${q.from}-${q.to}.csv"`,
            )
            .send(listingFlowsCsv(flows));
        return flows;
      },
    );

    app.post(
      "/api/listing/changes",
      {
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ["listing"],
          summary:
            "Import listing changes (vardnav-listing-changes-v1, text/csv body); rejected rows with line and reason, good rows kept",
          querystring: importQuerySchema,
          body: z.string(),
          response: { 200: importSummarySchema, ...errors },
        },
      },
      async (request) =>
        importListingChanges(ctx, requireActor(request), [request.body], {
          regionCode: request.query.region,
          purpose: "POST /api/listing/changes",
        }),
    );
  };
}
