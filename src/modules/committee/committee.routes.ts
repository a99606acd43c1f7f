import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { ERROR_RESPONSES, errorResponseSchema } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  dashboardResponseSchema,
  kommunMapResponseSchema,
  kommunOutlinesResponseSchema,
  mapQuerySchema,
  promisesResponseSchema,
  quarterlyReportQuerySchema,
  regionQuerySchema,
} from "./committee.schemas.ts";
import { dashboardFor } from "./dashboard.service.ts";
import { kommunMapFor } from "./kommun-map.service.ts";
import { kommunOutlinesFor } from "./outlines.service.ts";
import { promisesFor } from "./promises.service.ts";
import { quarterlyReportPdf } from "./report.pdf.ts";
import { quarterlyReportData } from "./report.service.ts";
import type { CommitteeSources } from "./sources.ts";

const errors = {
  ...ERROR_RESPONSES,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

export function committeeRoutes(ctx: ServiceContext, sources: CommitteeSources): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/committee/promises",
      {
        schema: {
          tags: ["committee"],
          summary:
            "The region's promises with their status, trend and source, and the interpellation's questions",
          querystring: regionQuerySchema,
          response: { 200: promisesResponseSchema, ...errors },
        },
      },
      async (request) => promisesFor(ctx, requireActor(request), sources, request.query.region),
    );

    app.get(
      "/api/committee/dashboard",
      {
        schema: {
          tags: ["committee"],
          summary:
            "The committee's start page: promises, accessibility, physicians, money, transfers, listing",
          querystring: regionQuerySchema,
          response: { 200: dashboardResponseSchema, ...errors },
        },
      },
      async (request) => dashboardFor(ctx, requireActor(request), sources, request.query.region),
    );

    app.get(
      "/api/committee/kommun-map",
      {
        schema: {
          tags: ["committee"],
          summary: "Figures per kommun for a calendar month, quarter or year (suppression rule applied)",
          querystring: mapQuerySchema,
          response: { 200: kommunMapResponseSchema, ...errors },
        },
      },
      async (request) =>
        kommunMapFor(ctx, requireActor(request), sources, request.query.region, request.query.period),
    );

    app.get(
      "/api/geo/kommuner",
      {
        schema: {
          tags: ["committee"],
          summary: "The kommun outlines of a region (GeoJSON, simplified; public reference data)",
          querystring: regionQuerySchema,
          response: {
            200: kommunOutlinesResponseSchema,
            ...ERROR_RESPONSES,
            400: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        reply.header("cache-control", "public, max-age=86400");
        return kommunOutlinesFor(request.query.region);
      },
    );

    app.get(
      "/api/reports/quarterly",
      {
        schema: {
          tags: ["committee"],
          summary: 'The committee\'s quarterly report as PDF (FORMATS.md "Quarterly report")',
          querystring: quarterlyReportQuerySchema,
          response: {
            200: {
              description: "The report, a PDF document",
              content: {
                "application/pdf": {
                  schema: z.any().meta({ type: "string", format: "binary", description: "PDF document" }),
                },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { region, quarter, lang } = request.query;
        const data = await quarterlyReportData(ctx, requireActor(request), sources, region, quarter);
        const pdf = await quarterlyReportPdf(data, lang);
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="kvartalsrapport-${region}-${quarter}.pdf"`)
          .send(pdf);
      },
    );
  };
}
