import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { ERROR_RESPONSES, errorResponseSchema } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  scenarioBodySchema,
  scenarioResponseSchema,
  structureQuerySchema,
  structureResponseSchema,
} from "./structure.schemas.ts";
import { unitStructureFor } from "./structure.service.ts";
import { runStructureScenario } from "./structure-scenario.service.ts";

const errors = {
  ...ERROR_RESPONSES,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

export function structureRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/structure/units",
      {
        schema: {
          tags: ["structure"],
          summary:
            "Every unit side by side (listed, accessibility, listed per specialist, payment per listed and its composition, rural points), grouped by type, ownership, provider and kommun",
          querystring: structureQuerySchema,
          response: { 200: structureResponseSchema, ...errors },
        },
      },
      async (request) =>
        unitStructureFor(ctx, requireActor(request), {
          regionCode: request.query.region,
          month: request.query.month,
        }),
    );

    app.post(
      "/api/structure/scenario",
      {
        schema: {
          tags: ["structure"],
          summary:
            "Close/open scenario: a unit closes (its listed to named or nearest units) or a new unit opens taking N listed; effects on listed per specialist, monthly payment (reimbursement engine) and distance",
          body: scenarioBodySchema,
          response: { 200: scenarioResponseSchema, ...errors, 409: errorResponseSchema },
        },
      },
      async (request) => runStructureScenario(ctx, requireActor(request), request.body),
    );
  };
}
