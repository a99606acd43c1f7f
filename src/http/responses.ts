// The HTTP contract's shared pieces (docs/API.md): the one error shape and the helpers every route uses
// to declare its responses. Fastify serialises each reply through the schema of its status, so a field
// that is not declared never leaves the server, and @fastify/swagger publishes the same schemas at
// /api/docs/json.
import { z } from "zod";
import { ERROR_CODES } from "../errors.ts";

/** `{ "error": { "code", "message", "details" } }`, the body of every 4xx and 5xx answer. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Every operation can fail with the common error shape (validation, authentication, rules, bugs). */
export const ERROR_RESPONSES = { "4xx": errorResponseSchema, "5xx": errorResponseSchema } as const;

/** The body of a 204: none (`reply.status(204).send(null)`). */
export const noContent = z.null().meta({ description: "No content" });

/**
 * The body of a 302 (`reply.redirect(url, 302)`): none; the `Location` header is the answer. For the
 * browser-facing steps of SITHS sign-in only: every other route answers JSON or a file.
 */
export const redirectResponse = z
  .null()
  .meta({ description: "Redirect: the Location header names where to go" });

type SuccessStatus = 200 | 201 | 202 | 204 | 302;

/**
 * A route's `schema.response`: its success bodies by status, plus the common error shape.
 * `response: responses({ 200: unitSchema })`.
 */
export function responses<T extends Partial<Record<SuccessStatus, unknown>>>(
  success: T,
): T & typeof ERROR_RESPONSES {
  return { ...success, ...ERROR_RESPONSES };
}

/**
 * A success body that is a file or a stream, described by its media type (PDF, Excel, CSV, event
 * stream). Fastify sends strings, buffers and streams of a non-JSON type as they are.
 */
export function mediaResponse(description: string, ...mediaTypes: string[]) {
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: fileBody }])) as Record<
      string,
      { schema: typeof fileBody }
    >,
  };
}

/**
 * The schema of a file or stream body: bytes of the declared media type. Typed so a route may send a
 * string, a buffer or a stream; Fastify does not serialise them.
 */
export const fileBody = z.string().meta({ format: "binary" }) as unknown as z.ZodType<
  string | Buffer | NodeJS.ReadableStream
>;
