import multipart from "@fastify/multipart";
import ExcelJS from "exceljs";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../errors.ts";
import { requireActor } from "../../http/auth-hooks.ts";
import { fileBody, responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { forecastFor, setHandleMinutes } from "./forecast.service.ts";
import { getImportJob, startContactImport } from "./imports.service.ts";
import {
  accessibilityQuerySchema,
  accessibilitySchema,
  contactImportQuerySchema,
  forecastQuerySchema,
  forecastSchema,
  handleMinutesInputSchema,
  handleMinutesSchema,
  heatmapQuerySchema,
  heatmapSchema,
  hsaIdParams,
  importIdParams,
  importJobSchema,
  importStartedSchema,
  referenceValueInputSchema,
  referenceValueListSchema,
  referenceValueSchema,
  yearParams,
} from "./stats.schemas.ts";
import {
  accessibilityCsv,
  accessibilityFor,
  CSV_COLUMNS,
  flatCells,
  heatmapFor,
  listReferenceValues,
  setReferenceValue,
} from "./stats.service.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The largest upload accepted: a region's month of phone logs is a few MB; a year of a big region ~100 MB. */
const UPLOAD_LIMIT = 200 * 1024 * 1024;

/** The uploaded file as text: a raw body, or the file part of a multipart/form-data body. */
async function uploadedText(request: FastifyRequest): Promise<string> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw new AppError("bad_request", "The multipart body has no file.");
    // toBuffer() throws a 413 when the file passes the limit (multipart's fileSize).
    return (await file.toBuffer()).toString("utf8");
  }
  if (!Buffer.isBuffer(request.body)) {
    throw new AppError("unsupported_media_type", "Send the file as text/csv or multipart/form-data.");
  }
  return request.body.toString("utf8");
}

export function statisticsRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploads arrive as raw text/csv (or text/plain, octet-stream), taken as a buffer in this plugin only
    // (1 MiB but on the import route), or as multipart/form-data (a browser form), read by @fastify/multipart.
    app.addContentTypeParser(
      ["text/csv", "text/plain", "application/octet-stream"],
      { parseAs: "buffer" },
      (_request, body, done) => done(null, body),
    );
    await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10, parts: 11 } });

    app.get(
      "/api/stats/accessibility",
      {
        schema: {
          tags: ["statistics"],
          summary: "Accessibility figures per unit and region and period, from the rollups (FORMATS.md)",
          querystring: accessibilityQuerySchema,
          response: responses({
            200: {
              description: "The figures as JSON, or as CSV or Excel with ?format=csv|xlsx",
              content: {
                "application/json": { schema: accessibilitySchema },
                "text/csv": { schema: fileBody },
                [XLSX]: { schema: fileBody },
              },
            },
          }),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const result = await accessibilityFor(ctx, requireActor(request), {
          regionCode: q.region,
          from: q.from,
          to: q.to,
          by: q.by,
          unitHsaId: q.unit,
        });
        const name = `tillganglighet-${q.region}-${q.from}-${q.to}`;
        if (q.format === "csv") {
          return reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="${name}.csv"`)
            .send(accessibilityCsv(result.rows));
        }
        if (q.format === "xlsx") {
          const workbook = new ExcelJS.Workbook();
          const sheet = workbook.addWorksheet("Tillgänglighet");
          sheet.addRow([...CSV_COLUMNS]);
          for (const row of result.rows) sheet.addRow(flatCells(row));
          sheet.getRow(1).font = { bold: true };
          const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
          return reply
            .type(XLSX)
            .header("content-disposition", `attachment; filename="${name}.xlsx"`)
            .send(buffer);
        }
        return result;
      },
    );

    app.get(
      "/api/stats/heatmap",
      {
        schema: {
          tags: ["statistics"],
          summary: "Contacts and unanswered contacts per weekday (1 = Monday) and Stockholm hour",
          querystring: heatmapQuerySchema,
          response: responses({ 200: heatmapSchema }),
        },
      },
      async (request) =>
        heatmapFor(ctx, requireActor(request), {
          regionCode: request.query.region,
          from: request.query.from,
          to: request.query.to,
          unitHsaId: request.query.unit,
        }),
    );

    app.get(
      "/api/stats/reference-values",
      {
        schema: {
          tags: ["statistics"],
          summary: "National reference values and goals per year",
          response: responses({ 200: referenceValueListSchema }),
        },
      },
      async (request) => listReferenceValues(ctx, requireActor(request)),
    );

    app.put(
      "/api/stats/reference-values/:year",
      {
        schema: {
          tags: ["statistics"],
          summary: "Set the region's reference value and goal for a year (region admin, audited)",
          params: yearParams,
          body: referenceValueInputSchema,
          response: responses({ 200: referenceValueSchema }),
        },
      },
      async (request) => setReferenceValue(ctx, requireActor(request), request.params.year, request.body),
    );

    app.post(
      "/api/imports/contacts",
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ["statistics"],
          summary: "Upload a contact file (text/csv body or multipart); the import runs in the background",
          querystring: contactImportQuerySchema,
          response: responses({ 202: importStartedSchema }),
        },
      },
      async (request, reply) => {
        const text = await uploadedText(request);
        const { importId } = await startContactImport(ctx, requireActor(request), {
          text,
          format: request.query.format,
          unitHsaId: request.query.unit,
          regionCode: request.query.region,
        });
        return reply.status(202).send({ importId });
      },
    );

    app.get(
      "/api/imports/:id",
      {
        schema: {
          tags: ["statistics"],
          summary: "Progress and result of a contact import",
          params: importIdParams,
          response: responses({ 200: importJobSchema }),
        },
      },
      async (request) => getImportJob(ctx, requireActor(request), request.params.id),
    );

    app.get(
      "/api/forecast",
      {
        schema: {
          tags: ["statistics"],
          summary: "Expected contacts per unit and hour, nurse hours needed and risk against capacity",
          querystring: forecastQuerySchema,
          response: responses({ 200: forecastSchema }),
        },
      },
      async (request) =>
        forecastFor(ctx, requireActor(request), {
          regionCode: request.query.region,
          date: request.query.date,
          unitHsaId: request.query.unit,
          handleMinutes: request.query.handleMinutes,
        }),
    );

    app.put(
      "/api/forecast/handle-minutes/:hsaId",
      {
        schema: {
          tags: ["statistics"],
          summary: "Set a unit's handle time (minutes per contact) for the forecast (audited)",
          params: hsaIdParams,
          body: handleMinutesInputSchema,
          response: responses({ 200: handleMinutesSchema }),
        },
      },
      async (request) =>
        setHandleMinutes(ctx, requireActor(request), request.params.hsaId, request.body.handleMinutes),
    );
  };
}
