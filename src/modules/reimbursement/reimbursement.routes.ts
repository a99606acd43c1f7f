// HTTP API of Vårdval reimbursement (docs/API.md; shapes in reimbursement.schemas.ts). Validation only;
// every rule and every access check is in the services. Money on the wire: öre as decimal strings.

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scenarioCsv } from "../../domain/reimbursement/index.ts";
import { requireActor } from "../../http/auth-hooks.ts";
import { fileBody, mediaResponse, responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { runWorkbook, specificationPdf } from "./reimbursement.exports.ts";
import {
  budgetSchema,
  idParams,
  importKindParams,
  importSummarySchema,
  modelListSchema,
  modelViewSchema,
  newRunSchema,
  optionalRegionQuery,
  regionQuery,
  runDetailSchema,
  runListSchema,
  runSummarySchema,
  runsQuerySchema,
  runVerificationSchema,
  scenarioComparisonSchema,
  scenarioCsvQuery,
  scenarioFormatQuery,
  scenarioInputSchema,
  specificationParams,
  unitMonthQuery,
  unitReportSchema,
  unitReportViewSchema,
  yearQuery,
  yearSummarySchema,
} from "./reimbursement.schemas.ts";
import {
  approveRun,
  budgetFollowUp,
  compareModels,
  createModel,
  createRun,
  getModel,
  getRun,
  getRunForExport,
  getUnitReport,
  getUnitSpecification,
  listModels,
  listRuns,
  putUnitReport,
  updateModel,
  verifyRun,
  yearSummary,
} from "./reimbursement.service.ts";
import { importReimbursementCsv } from "./reimbursement-imports.service.ts";

export function reimbursementRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    // CSV uploads as a raw text body; the parser is scoped to this plugin.
    app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      "/api/reimbursement/models",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Reimbursement models of a region, every version",
          querystring: regionQuery,
          response: responses({ 200: modelListSchema }),
        },
      },
      async (request) => listModels(ctx, requireActor(request), request.query.region),
    );

    app.get(
      "/api/reimbursement/models/:id",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "One model version with its model JSON",
          params: idParams,
          response: responses({ 200: modelViewSchema }),
        },
      },
      async (request) => getModel(ctx, requireActor(request), request.params.id),
    );

    app.post(
      "/api/reimbursement/models",
      {
        schema: {
          tags: ["reimbursement"],
          summary:
            "Store a model (FORMATS.md shape, optional sameDayRateKind and purpose): a new version when the id exists",
          querystring: optionalRegionQuery,
          body: z.unknown(),
          response: responses({ 201: modelViewSchema }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const regionCode = request.query.region ?? actor.regionCode ?? "";
        const model = await createModel(
          ctx,
          actor,
          regionCode,
          request.body,
          "POST /api/reimbursement/models",
        );
        return reply.status(201).send(model);
      },
    );

    app.put(
      "/api/reimbursement/models/:id",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Change a model version no run has used (409 when locked)",
          params: idParams,
          body: z.unknown(),
          response: responses({ 200: modelViewSchema }),
        },
      },
      async (request) =>
        updateModel(
          ctx,
          requireActor(request),
          request.params.id,
          request.body,
          "PUT /api/reimbursement/models/:id",
        ),
    );

    app.post(
      "/api/reimbursement/runs",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Run a month from the database and store it as a draft",
          body: newRunSchema,
          response: responses({ 201: runDetailSchema }),
        },
      },
      async (request, reply) => {
        const { region: regionCode, month: m, modelId } = request.body;
        const run = await createRun(
          ctx,
          requireActor(request),
          modelId === undefined
            ? { region: regionCode, month: m }
            : { region: regionCode, month: m, model: modelId },
          "POST /api/reimbursement/runs",
        );
        const { resultText: _text, ...body } = run;
        return reply.status(201).send(body);
      },
    );

    app.get(
      "/api/reimbursement/runs",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Runs of a region, newest month first",
          querystring: runsQuerySchema,
          response: responses({ 200: runListSchema }),
        },
      },
      async (request) => listRuns(ctx, requireActor(request), request.query.region, request.query.month),
    );

    app.get(
      "/api/reimbursement/runs/:id",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "A run with its result (FORMATS.md JSON)",
          params: idParams,
          response: responses({ 200: runDetailSchema }),
        },
      },
      async (request) => {
        const { resultText: _text, ...body } = await getRun(ctx, requireActor(request), request.params.id);
        return body;
      },
    );

    app.get(
      "/api/reimbursement/runs/:id/verify",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Recompute a run from its stored snapshot",
          params: idParams,
          response: responses({ 200: runVerificationSchema }),
        },
      },
      async (request) => verifyRun(ctx, requireActor(request), request.params.id),
    );

    app.post(
      "/api/reimbursement/runs/:id/approve",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Approve a draft run (one per region and month)",
          params: idParams,
          response: responses({ 200: runSummarySchema }),
        },
      },
      async (request) =>
        approveRun(ctx, requireActor(request), request.params.id, "POST /api/reimbursement/runs/:id/approve"),
    );

    app.get(
      "/api/reimbursement/runs/:id/units/:hsaId/specification.pdf",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "A unit's payment specification (Utbetalningsspecifikation) as PDF",
          params: specificationParams,
          response: responses({ 200: mediaResponse("The specification (PDF)", "application/pdf") }),
        },
      },
      async (request, reply) => {
        const spec = await getUnitSpecification(
          ctx,
          requireActor(request),
          request.params.id,
          request.params.hsaId,
          "GET /api/reimbursement/runs/:id/units/:hsaId/specification.pdf",
        );
        const pdf = await specificationPdf(spec);
        return reply
          .type("application/pdf")
          .header(
            "content-disposition",
            `attachment; filename="utbetalningsspecifikation-${spec.run.month}-${spec.unit.hsaId}.pdf"`,
          )
          .send(pdf);
      },
    );

    app.get(
      "/api/reimbursement/runs/:id/export.xlsx",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "The run as an Excel workbook",
          params: idParams,
          response: responses({
            200: mediaResponse(
              "The run (Excel workbook)",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
          }),
        },
      },
      async (request, reply) => {
        const { run, unitNames } = await getRunForExport(ctx, requireActor(request), request.params.id);
        const xlsx = await runWorkbook(run, unitNames);
        return reply
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header(
            "content-disposition",
            `attachment; filename="ersattning-${run.regionCode}-${run.month}-${run.id}.xlsx"`,
          )
          .send(xlsx);
      },
    );

    app.get(
      "/api/reimbursement/year-summary",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Approved months of a year per unit and component",
          querystring: yearQuery,
          response: responses({ 200: yearSummarySchema }),
        },
      },
      async (request) => yearSummary(ctx, requireActor(request), request.query.region, request.query.year),
    );

    app.get(
      "/api/reimbursement/budget",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Budget follow-up per component: year to date against the annual amount",
          querystring: yearQuery,
          response: responses({ 200: budgetSchema }),
        },
      },
      async (request) => budgetFollowUp(ctx, requireActor(request), request.query.region, request.query.year),
    );

    app.post(
      "/api/reimbursement/scenarios",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "The month's snapshot under two models, per unit and component (B − A)",
          body: scenarioInputSchema,
          querystring: scenarioFormatQuery,
          response: responses({
            200: {
              description: "The comparison as JSON, or as CSV with ?format=csv",
              content: {
                "application/json": { schema: scenarioComparisonSchema },
                "text/csv": { schema: fileBody },
              },
            },
          }),
        },
      },
      async (request, reply) => {
        const comparison = await compareModels(ctx, requireActor(request), request.body);
        if (request.query.format === "csv")
          return reply.type("text/csv; charset=utf-8").send(scenarioCsv(comparison));
        return comparison;
      },
    );

    app.get(
      "/api/reimbursement/scenarios.csv",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "The scenario comparison as CSV",
          querystring: scenarioCsvQuery,
          response: responses({ 200: mediaResponse("The comparison (CSV)", "text/csv") }),
        },
      },
      async (request, reply) => {
        const comparison = await compareModels(ctx, requireActor(request), request.query);
        return reply
          .type("text/csv; charset=utf-8")
          .header(
            "content-disposition",
            `attachment; filename="scenario-${request.query.region}-${request.query.month}.csv"`,
          )
          .send(scenarioCsv(comparison));
      },
    );

    app.get(
      "/api/reimbursement/unit-reports",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "A unit's monthly report: identified multimorbid patients and home-care visits",
          querystring: unitMonthQuery,
          response: responses({ 200: unitReportViewSchema }),
        },
      },
      async (request) => getUnitReport(ctx, requireActor(request), request.query.unit, request.query.month),
    );

    app.put(
      "/api/reimbursement/unit-reports",
      {
        schema: {
          tags: ["reimbursement"],
          summary: "Report a unit's month (unit manager of the unit, region admin)",
          querystring: unitMonthQuery,
          body: unitReportSchema,
          response: responses({ 200: unitReportViewSchema }),
        },
      },
      async (request) =>
        putUnitReport(
          ctx,
          requireActor(request),
          request.query.unit,
          request.query.month,
          request.body,
          "PUT /api/reimbursement/unit-reports",
        ),
    );

    app.post(
      "/api/reimbursement/imports/:kind",
      {
        bodyLimit: 200 * 1024 * 1024,
        schema: {
          tags: ["reimbursement"],
          summary: "Import a CSV of reimbursement inputs (text/csv body); rejected rows with line and reason",
          params: importKindParams,
          querystring: regionQuery,
          body: z.string(),
          response: responses({ 200: importSummarySchema }),
        },
      },
      async (request) =>
        importReimbursementCsv(ctx, requireActor(request), request.params.kind, [request.body], {
          regionCode: request.query.region,
          purpose: `POST /api/reimbursement/imports/${request.params.kind}`,
        }),
    );
  };
}
