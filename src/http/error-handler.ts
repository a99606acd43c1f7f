import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ErrorCode, formatIssuePath, HTTP_STATUS_BY_CODE } from "../errors.ts";

import type { ErrorResponse } from "./responses.ts";

export type ErrorBody = ErrorResponse;

export function errorBody(code: ErrorCode, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.code === "too_many_attempts" || error.code === "rate_limited") {
    const retry = (error.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
    if (retry) reply.header("retry-after", String(retry));
  }
  return reply
    .status(HTTP_STATUS_BY_CODE[error.code])
    .send(errorBody(error.code, error.message, error.details));
}

// Fastify's own errors (body too large, bad JSON, wrong content type) keep their meaning; everything
// else that is not an AppError is a bug and reaches the user as a generic message with the request id.
function codeForFrameworkError(error: FastifyError): ErrorCode | null {
  switch (error.statusCode) {
    case 400:
      return "bad_request";
    case 404:
      return "not_found";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "rate_limited";
    default:
      return null;
  }
}

/** The one place that turns errors into HTTP responses: `{ "error": { code, message, details } }`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return sendAppError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? "body"}${
          v.instancePath
            ? `.${formatIssuePath(
                v.instancePath
                  .split("/")
                  .filter(Boolean)
                  .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
              )}`
            : ""
        }`,
        message: v.message ?? "invalid",
      }));
      return reply.status(400).send(errorBody("validation_failed", "The request is not valid.", { issues }));
    }
    const frameworkCode = codeForFrameworkError(error);
    if (frameworkCode) {
      return reply
        .status(HTTP_STATUS_BY_CODE[frameworkCode])
        .send(errorBody(frameworkCode, error.message || "The request could not be handled."));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send(
        errorBody(
          "internal",
          "An unexpected error occurred. The request id helps the administrator find it.",
          { requestId: request.id },
        ),
      );
  });
}
