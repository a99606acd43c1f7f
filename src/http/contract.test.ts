import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestApp, type TestApp } from "../../test/support/app.ts";
import { AppError } from "../errors.ts";
import { registerErrorHandling } from "./error-handler.ts";
import { responses } from "./responses.ts";

// The one HTTP contract (docs/API.md): every operation the app registers — including routes added
// later — declares its success body field by field (or a file's media type) and the common error
// shape. Walks the OpenAPI document, which lists every route that is not hidden.

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  $ref?: string;
}
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** Problems with a JSON body's schema: an undeclared body ({}), or an object without its fields. */
function undeclared(schema: JsonSchema | undefined, at: string): string[] {
  if (!schema || Object.keys(schema).length === 0) return [`${at}: no schema`];
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) return alternatives.flatMap((s, i) => undeclared(s, `${at}|${i}`));
  if (schema.type === "object" && !schema.properties) return [`${at}: object without declared fields`];
  if (schema.type === "array") return undeclared(schema.items, `${at}[]`);
  return [];
}

let t: TestApp;
let operations: { name: string; operation: Operation }[];

beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({ method: "GET", url: "/api/docs/json" });
  expect(response.statusCode).toBe(200);
  const document = response.json() as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation: item[method] as Operation,
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

describe("the OpenAPI document", () => {
  it("lists the application's operations", () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => o.name)).toContain("GET /api/health");
  });

  it("describes every operation's success body, field by field or by media type", () => {
    const problems = operations.flatMap(({ name, operation }) => {
      const success = Object.entries(operation.responses ?? {}).filter(([status]) =>
        /^(2..|302)$/.test(status),
      );
      if (success.length === 0) return [`${name}: no success response`];
      return success.flatMap(([status, response]) => {
        if (status === "204" || status === "302") return [];
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) return [`${name} ${status}: no body described`];
        return content.flatMap(([mediaType, { schema }]) =>
          mediaType.includes("json")
            ? undeclared(schema, `${name} ${status} ${mediaType}`)
            : schema?.format === "binary" || schema?.type === "string"
              ? []
              : [`${name} ${status} ${mediaType}: no schema`],
        );
      });
    });
    expect(problems).toEqual([]);
  });

  it("gives every operation the common error shape for 4XX and 5XX", () => {
    const problems = operations.flatMap(({ name, operation }) =>
      ["4XX", "5XX"].flatMap((status) => {
        const schema = operation.responses?.[status]?.content?.["application/json"]?.schema;
        const code = schema?.properties?.error?.properties?.code;
        return code?.enum?.includes("validation_failed") && code.enum.includes("internal")
          ? []
          : [`${name}: no ${status} error response`];
      }),
    );
    expect(problems).toEqual([]);
  });
});

describe("serialisation through the schemas", () => {
  it("answers without a session with the error shape", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/auth/me" });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: "unauthenticated", message: expect.any(String), details: null },
    });
  });
});

describe("a route declared with responses()", () => {
  async function tinyApp() {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    app.get(
      "/thing/:id",
      {
        schema: {
          params: z.object({ id: z.string() }),
          response: responses({ 200: z.object({ name: z.string() }) }),
        },
      },
      async (request) => {
        if (request.params.id === "gone") throw new AppError("not_found", "No such thing.", { id: "gone" });
        // A field the schema does not declare: it must not reach the client.
        return { name: "Kramfors", secret: "19121212-1212" } as { name: string };
      },
    );
    await app.ready();
    return app;
  }

  it("sends only the declared fields", async () => {
    const app = await tinyApp();
    const response = await app.inject({ method: "GET", url: "/thing/1" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"name":"Kramfors"}');
    await app.close();
  });

  it("sends an error through the common error shape", async () => {
    const app = await tinyApp();
    const response = await app.inject({ method: "GET", url: "/thing/gone" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: "not_found", message: "No such thing.", details: { id: "gone" } },
    });
    await app.close();
  });
});
