// HTTP API of physician staffing and targeted grants. Validation only; the rules and every access check
// are in the services.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { requireActor } from "../../http/auth-hooks.ts";
import { responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { grantEffectFor, listGrants } from "./grant-effect.service.ts";
import {
  formBody,
  formQuery,
  formResponse,
  goalBody,
  goalResponse,
  grantEffectQuery,
  grantEffectResponse,
  grantsResponse,
  importSummaryResponse,
  regionCode,
  staffingStatsQuery,
  staffingStatsResponse,
  whatIfQuery,
  whatIfResponse,
} from "./staffing.schemas.ts";
import { getStaffingForm, saveStaffingForm } from "./staffing-form.service.ts";
import { importStaffingCsv } from "./staffing-import.service.ts";
import {
  getStaffingGoal,
  setStaffingGoal,
  staffingStatsWithUnits,
  staffingWhatIf,
} from "./staffing-stats.service.ts";

const UPLOAD_LIMIT = 50 * 1024 * 1024;

export function staffingRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_req, body, done) =>
      done(null, body),
    );

    app.post(
      "/api/staffing/imports",
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ["staffing"],
          summary: "Import a vardnav-staffing-v1 CSV (text/csv body): rejected rows with line and reason",
          querystring: z.object({ region: regionCode }),
          consumes: ["text/csv"],
          body: z.string(),
          response: responses({ 200: importSummaryResponse }),
        },
      },
      async (request) => {
        if (typeof request.body !== "string")
          throw new AppError("unsupported_media_type", "Send the file as text/csv.");
        return importStaffingCsv(ctx, requireActor(request), [request.body], {
          regionCode: request.query.region,
          purpose: "POST /api/staffing/imports",
        });
      },
    );

    app.get(
      "/api/staffing/stats",
      {
        schema: {
          tags: ["staffing"],
          summary:
            "Listed per specialist, needed FTE, gap and shortfall per unit, kommun and region (FORMATS.md)",
          querystring: staffingStatsQuery,
          response: responses({ 200: staffingStatsResponse }),
        },
      },
      async (request) => {
        const { region, from, to } = request.query;
        const answer = await staffingStatsWithUnits(ctx, requireActor(request), {
          regionCode: region,
          from,
          to,
        });
        return { ...answer, regionCode: region };
      },
    );

    app.get(
      "/api/staffing/what-if",
      {
        schema: {
          tags: ["staffing"],
          summary:
            "N more (or fewer) specialists in one unit: its, its kommun's and the region's rows before and after",
          querystring: whatIfQuery,
          response: responses({ 200: whatIfResponse }),
        },
      },
      async (request) =>
        staffingWhatIf(ctx, requireActor(request), {
          regionCode: request.query.region,
          month: request.query.month,
          unitHsaId: request.query.unit,
          additionalGpFte: request.query.additionalGpFte,
        }),
    );

    app.get(
      "/api/staffing/goal",
      {
        schema: {
          tags: ["staffing"],
          summary: "The region's goal: listed per specialist FTE (1 100 unless set)",
          querystring: z.object({ region: regionCode }),
          response: responses({ 200: goalResponse }),
        },
      },
      async (request) => getStaffingGoal(ctx, requireActor(request), request.query.region),
    );

    app.put(
      "/api/staffing/goal",
      {
        schema: {
          tags: ["staffing"],
          summary: "Set the region's goal (region admin, audited)",
          querystring: z.object({ region: regionCode }),
          body: goalBody,
          response: responses({ 200: goalResponse }),
        },
      },
      async (request) =>
        setStaffingGoal(
          ctx,
          requireActor(request),
          request.query.region,
          request.body.goalListedPerGp,
          "PUT /api/staffing/goal",
        ),
    );

    app.get(
      "/api/staffing/form",
      {
        schema: {
          tags: ["staffing"],
          summary: "A unit's staffing report for a month, prefilled from the latest earlier month",
          querystring: formQuery,
          response: responses({ 200: formResponse }),
        },
      },
      async (request) =>
        getStaffingForm(ctx, requireActor(request), {
          unitHsaId: request.query.unit,
          month: request.query.month,
        }),
    );

    app.put(
      "/api/staffing/form",
      {
        schema: {
          tags: ["staffing"],
          summary:
            "Save a unit's staffing report for a month (its unit manager or the region admin; audited)",
          body: formBody,
          response: responses({ 200: formResponse }),
        },
      },
      async (request) => saveStaffingForm(ctx, requireActor(request), request.body, "PUT /api/staffing/form"),
    );

    app.get(
      "/api/grants",
      {
        schema: {
          tags: ["grants"],
          summary:
            "The region's targeted grants: units, periods, annual amounts and amounts paid in approved runs",
          querystring: z.object({ region: regionCode }),
          response: responses({ 200: grantsResponse }),
        },
      },
      async (request) => listGrants(ctx, requireActor(request), request.query.region),
    );

    app.get(
      "/api/grants/effect",
      {
        schema: {
          tags: ["grants"],
          summary:
            "A grant's effect on staffing and accessibility, before and during, against the other units",
          querystring: grantEffectQuery,
          response: responses({ 200: grantEffectResponse }),
        },
      },
      async (request) =>
        grantEffectFor(ctx, requireActor(request), {
          regionCode: request.query.region,
          componentId: request.query.component,
        }),
    );
  };
}
