// HTTP API of the transfers register, volumes and gap (FORMATS.md "Task transfers from slutenvården").
// Validation only; every rule and access check is in the services. Money on the wire: öre as decimal
// strings (the gap) or kronor as written in the register file.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { ERROR_RESPONSES, errorResponseSchema, mediaResponse } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { transfersGapWorkbook } from "./transfers.exports.ts";
import {
  regionCode,
  transferEditSchema,
  transferGapSchema,
  transferGapYearsSchema,
  transferHistorySchema,
  transferId,
  transferListSchema,
  transferSchema,
  transferStatus,
  transfersFileSchema,
  transfersImportSummarySchema,
  transferViewSchema,
  unitChoicesSchema,
  unitTransfersSchema,
  volumeImportSummarySchema,
  volumeReportResultSchema,
  volumeReportSchema,
} from "./transfers.schemas.ts";
import { transfersGapCsv, transfersGapFor, transfersGapYears } from "./transfers-gap.service.ts";
import {
  createTransfer,
  importTransfersFile,
  listTransfers,
  transferHistory,
  updateTransfer,
} from "./transfers-register.service.ts";
import {
  importTransferVolumes,
  reportTransferVolume,
  unitChoices,
  unitTransfers,
} from "./transfers-volumes.service.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const year = z.coerce.number().int().min(2000).max(2100);
const errors = {
  ...ERROR_RESPONSES,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
} as const;

export function transfersRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Volume files as a raw text body; the parser is scoped to this plugin.
    app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      "/api/transfers",
      {
        schema: {
          tags: ["transfers"],
          summary: "The register: latest version of every transfer of a region, filtered by status and year",
          querystring: z.object({
            region: regionCode,
            status: transferStatus.optional(),
            year: year.optional(),
          }),
          response: { 200: transferListSchema, ...errors },
        },
      },
      async (request) =>
        listTransfers(ctx, requireActor(request), request.query.region, {
          status: request.query.status,
          year: request.query.year,
        }),
    );

    app.post(
      "/api/transfers",
      {
        schema: {
          tags: ["transfers"],
          summary: "Register a new transfer (region admin); version 1",
          querystring: z.object({ region: regionCode }),
          body: transferSchema,
          response: { 201: transferViewSchema, ...errors, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const view = await createTransfer(
          ctx,
          requireActor(request),
          request.query.region,
          request.body,
          "POST /api/transfers",
        );
        return reply.status(201).send(view);
      },
    );

    app.put(
      "/api/transfers/:id",
      {
        schema: {
          tags: ["transfers"],
          summary: "Change a transfer (region admin): stored as its next version",
          params: z.object({ id: transferId }),
          querystring: z.object({ region: regionCode }),
          body: transferEditSchema,
          response: { 200: transferViewSchema, ...errors },
        },
      },
      async (request) =>
        updateTransfer(
          ctx,
          requireActor(request),
          request.query.region,
          request.params.id,
          request.body,
          "PUT /api/transfers/:id",
        ),
    );

    app.get(
      "/api/transfers/:id/history",
      {
        schema: {
          tags: ["transfers"],
          summary: "Every version of a transfer, newest first: who, when and what changed",
          params: z.object({ id: transferId }),
          querystring: z.object({ region: regionCode }),
          response: { 200: transferHistorySchema, ...errors },
        },
      },
      async (request) => transferHistory(ctx, requireActor(request), request.query.region, request.params.id),
    );

    app.post(
      "/api/transfers/import",
      {
        schema: {
          tags: ["transfers"],
          summary: "Import a register file (vardnav-transfers-v1): each transfer becomes its next version",
          body: transfersFileSchema,
          response: { 200: transfersImportSummarySchema, ...errors },
        },
      },
      async (request) =>
        importTransfersFile(ctx, requireActor(request), request.body, "POST /api/transfers/import"),
    );

    app.post(
      "/api/transfers/volumes/import",
      {
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ["transfers"],
          summary:
            "Import reported volumes (text/csv: transfer_id,unit_hsa_id,month,volume); rejected rows with line and reason",
          querystring: z.object({ region: regionCode }),
          body: z.string(),
          response: { 200: volumeImportSummarySchema, ...errors },
        },
      },
      async (request) =>
        importTransferVolumes(ctx, requireActor(request), [request.body], {
          regionCode: request.query.region,
          purpose: "POST /api/transfers/volumes/import",
        }),
    );

    app.put(
      "/api/transfers/volumes",
      {
        schema: {
          tags: ["transfers"],
          summary:
            "Report one unit's volume of a transfer for a month (unit manager of the unit, region admin)",
          body: volumeReportSchema,
          response: { 200: volumeReportResultSchema, ...errors },
        },
      },
      async (request) =>
        reportTransferVolume(ctx, requireActor(request), request.body, "PUT /api/transfers/volumes"),
    );

    app.get(
      "/api/transfers/units",
      {
        schema: {
          tags: ["transfers"],
          summary: "The units the signed-in user may report transfer volumes for",
          querystring: z.object({ region: regionCode.optional() }),
          response: { 200: unitChoicesSchema, ...errors },
        },
      },
      async (request) => unitChoices(ctx, requireActor(request), request.query.region),
    );

    app.get(
      "/api/transfers/units/:hsaId",
      {
        schema: {
          tags: ["transfers"],
          summary:
            "The transfers a unit carries in a year, its reported volumes and its share of the expected volume",
          params: z.object({ hsaId: z.string().min(1).max(64) }),
          querystring: z.object({ year }),
          response: { 200: unitTransfersSchema, ...errors },
        },
      },
      async (request) => unitTransfers(ctx, requireActor(request), request.params.hsaId, request.query.year),
    );

    app.get(
      "/api/transfers/gap",
      {
        schema: {
          tags: ["transfers"],
          summary: "The compensation gap of a region and year (FORMATS.md JSON, or CSV with format=csv)",
          querystring: z.object({ region: regionCode, year, format: z.enum(["json", "csv"]).optional() }),
          response: {
            200: {
              content: {
                "application/json": { schema: transferGapSchema },
                "text/csv": { schema: z.string() },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const gap = await transfersGapFor(ctx, requireActor(request), {
          regionCode: request.query.region,
          year: request.query.year,
        });
        if (request.query.format === "csv") {
          return reply
            .type("text/csv; charset=utf-8")
            .header(
              "content-disposition",
              `attachment; filename="uppgiftsvaxling-${gap.region}-${gap.year}.csv"`,
            )
            .send(transfersGapCsv(gap));
        }
        return reply.type("application/json").send(gap);
      },
    );

    app.get(
      "/api/transfers/gap.xlsx",
      {
        schema: {
          tags: ["transfers"],
          summary: "The compensation gap of a region and year as an Excel workbook",
          querystring: z.object({ region: regionCode, year }),
          response: {
            200: mediaResponse("The gap as an Excel workbook", XLSX),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const gap = await transfersGapFor(ctx, requireActor(request), {
          regionCode: request.query.region,
          year: request.query.year,
        });
        const xlsx = await transfersGapWorkbook(gap, new Date(ctx.clock.now().epochMilliseconds));
        return reply
          .type(XLSX)
          .header(
            "content-disposition",
            `attachment; filename="uppgiftsvaxling-${gap.region}-${gap.year}.xlsx"`,
          )
          .send(xlsx);
      },
    );

    app.get(
      "/api/transfers/gap/years",
      {
        schema: {
          tags: ["transfers"],
          summary: "Gap totals per year, from the first transfer to next year",
          querystring: z.object({ region: regionCode }),
          response: { 200: transferGapYearsSchema, ...errors },
        },
      },
      async (request) => transfersGapYears(ctx, requireActor(request), request.query.region),
    );
  };
}
