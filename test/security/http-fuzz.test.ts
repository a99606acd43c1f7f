import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs } from "../support/app.ts";
import { type MatrixRequest, REQUESTS, targetOf } from "./access-matrix.requests.ts";
import { createWorld, inject, newContact, ROLE_NAMES, type RoleName, UNIT_A, type World } from "./fixture.ts";

// Bounded HTTP fuzz (issue 12): every route of the OpenAPI document, as every role, with random path
// parameters (real ids, garbage, long strings, unicode, `../`), random query strings and random JSON, CSV
// or garbage bodies under matching and wrong content types. Every answer must be below 500, carry no
// stack trace or source path, and a 4xx must be the common JSON error shape. Fixed seed and a fixed
// number of runs per route and role, so a failure replays and the file stays about a minute on PGlite.

const SEED = 20261206;
const RUNS_PER_ROUTE_AND_ROLE = 3;

interface Route {
  method: string;
  path: string;
  params: string[];
  query: string[];
}

let world: World;
let routes: Route[];
let realIds: string[];

beforeAll(async () => {
  world = await createWorld();
  const document = (await world.t.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
      query: (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
    })),
  );
  // Signing out ends the session the other routes use: it goes last.
  routes.sort((a, b) => Number(a.path === "/api/auth/logout") - Number(b.path === "/api/auth/logout"));
  realIds = [UNIT_A, "22", "24", "1", await newContact(world.t.app, UNIT_A), "listing", "m.staff"];
}, 120_000);

afterAll(async () => {
  await world?.t.close();
});

const pathValue = () =>
  fc.oneof(
    fc.constantFrom(...realIds).map(encodeURIComponent),
    fc.uuid().map(encodeURIComponent),
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(String),
    fc.constantFrom("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%00", "9".repeat(400), "-1", "0", "1e309", "NaN"),
    fc.string({ unit: "grapheme", maxLength: 40 }).map(encodeURIComponent),
    fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).map(encodeURIComponent),
    fc.constant("x".repeat(5000)),
  );

const queryValue = () =>
  fc.oneof(
    fc.constantFrom(...realIds, "2026-03", "2026-03-02", "2026Q1", "2026", "csv", "xlsx", "all", "", "true"),
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.integer().map(String),
    fc.constant("y".repeat(3000)),
  );

type Body = { payload: string; contentType: string } | null;
const body = (): fc.Arbitrary<Body> =>
  fc.oneof(
    fc.constant(null),
    fc.json({ maxDepth: 3 }).map((payload) => ({ payload, contentType: "application/json" })),
    fc
      .dictionary(
        fc.constantFrom(
          "unitHsaId",
          "region",
          "month",
          "id",
          "username",
          "password",
          "role",
          "rows",
          "units",
        ),
        fc.oneof(
          fc.constantFrom(...realIds),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.string()),
        ),
      )
      .map((object) => ({ payload: JSON.stringify(object), contentType: "application/json" })),
    fc
      .array(
        fc.array(fc.oneof(fc.constantFrom(UNIT_A, "2026-03", "30", "female"), fc.string()), { maxLength: 6 }),
        {
          maxLength: 6,
        },
      )
      .map((rows) => ({ payload: rows.map((r) => r.join(",")).join("\n"), contentType: "text/csv" })),
    fc
      .string({ unit: "binary", maxLength: 200 })
      .chain((payload) =>
        fc
          .constantFrom(
            "application/json",
            "text/csv",
            "text/plain",
            "application/octet-stream",
            "multipart/form-data",
          )
          .map((contentType) => ({ payload, contentType })),
      ),
    fc.json().map((payload) => ({ payload, contentType: "text/csv" })),
  );

function url(route: Route, params: string[], query: [string, string][]): string {
  let path = route.path;
  route.params.forEach((name, i) => {
    path = path.replace(`{${name}}`, params[i] ?? "x");
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** What an answer must never show: a stack frame, a source file, an error's class name. */
const LEAKS = [/\n\s+at \S/, /\bat [\w.<>]+ \(/, /\/(src|test|node_modules)\/\S+\.(ts|js)/, /\b\w*Error: /];

describe("HTTP fuzz", () => {
  it("no route answers 5xx, leaks a stack, or breaks the error shape, as any role", async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const role of ROLE_NAMES) {
      for (const route of routes) {
        const session = role === "anonymous" ? null : world.sessions[role];
        await fc
          .assert(
            fc.asyncProperty(
              fc.array(pathValue(), { minLength: route.params.length, maxLength: route.params.length }),
              fc.array(
                fc.tuple(
                  fc.oneof(fc.constantFrom(...(route.query.length ? route.query : ["q"])), fc.string()),
                  queryValue(),
                ),
                { maxLength: 5 },
              ),
              body(),
              async (params, query, requestBody) => {
                const target = url(route, params, query);
                const response = await inject(world.t.app, session, {
                  method: route.method,
                  url: target,
                  ...(requestBody
                    ? { payload: requestBody.payload, contentType: requestBody.contentType }
                    : {}),
                });
                requests += 1;
                const sent = `${target} ${requestBody?.payload ?? ""}`;
                const problem =
                  response.statusCode >= 500
                    ? `status ${response.statusCode}`
                    : LEAKS.find((leak) => leak.test(response.body) && !leak.test(sent))
                      ? "leaks a stack or source path"
                      : response.statusCode >= 400 && !hasErrorShape(response.body)
                        ? "4xx without the error shape"
                        : null;
                if (problem) {
                  failures.push(
                    `${role} ${route.method} ${target.slice(0, 200)} [${requestBody?.contentType ?? "no body"}]: ${problem}: ${response.body.slice(0, 300)}`,
                  );
                }
                return problem === null;
              },
            ),
            { seed: SEED, numRuns: RUNS_PER_ROUTE_AND_ROLE, endOnFailure: true },
          )
          .catch(() => undefined); // collected in failures, so one run lists every broken route
        if (route.path === "/api/auth/logout" && role !== "anonymous") {
          world.sessions[role as Exclude<RoleName, "anonymous">] = await loginAs(world.t.app, `m.${role}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(routes.length * ROLE_NAMES.length);
  }, 300_000);
});

/** One field of a valid request changed: a body field, a query parameter or a path segment. */
function mutate(request: MatrixRequest, where: number, value: unknown): MatrixRequest {
  const url = new URL(request.url, "http://x");
  const body = request.payload;
  if (body && typeof body === "object" && !Array.isArray(body) && where % 3 === 0) {
    const keys = Object.keys(body);
    const key = keys[where % keys.length] as string;
    return { ...request, payload: { ...body, [key]: value } };
  }
  const query = [...url.searchParams.keys()];
  if (query.length > 0 && where % 3 === 1) {
    url.searchParams.set(query[where % query.length] as string, String(value));
    return { ...request, url: `${url.pathname}${url.search}` };
  }
  if (typeof body === "string") return { ...request, payload: `${body}${String(value)}\n` };
  const segments = url.pathname.split("/");
  const last = segments.length - 1 - (where % 2);
  segments[last] = encodeURIComponent(String(value));
  return { ...request, url: `${segments.join("/")}${url.search}` };
}

describe("HTTP fuzz near valid requests", () => {
  it("one field of the access matrix's valid request changed: never a 5xx, as a region or system admin", async () => {
    const failures: string[] = [];
    let sent = 0;
    const value = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
      fc.double(),
      fc.constantFrom(null, true, [], {}, "", "2026-13", "2026-02-30", "9999-12-31", "0", "-1", "1e400"),
      fc.constant("z".repeat(5000)),
    );
    for (const role of ["region_admin", "system_admin"] as const) {
      for (const [name, build] of Object.entries(REQUESTS)) {
        if (name === "POST /api/auth/logout") continue;
        const valid = await build(world, targetOf("own"));
        await fc
          .assert(
            fc.asyncProperty(fc.nat(), value, async (where, changed) => {
              const request = mutate(valid, where, changed);
              const response = await inject(world.t.app, world.sessions[role], request);
              sent += 1;
              const problem =
                response.statusCode >= 500
                  ? `status ${response.statusCode}`
                  : response.statusCode >= 400 && !hasErrorShape(response.body)
                    ? "4xx without the error shape"
                    : null;
              if (problem)
                failures.push(
                  `${role} ${name}: ${request.method} ${request.url.slice(0, 160)} ${JSON.stringify(request.payload)?.slice(0, 200)}: ${problem}: ${response.body.slice(0, 200)}`,
                );
              return problem === null;
            }),
            { seed: SEED, numRuns: 4, endOnFailure: true },
          )
          .catch(() => undefined);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBe((Object.keys(REQUESTS).length - 1) * 2 * 4);
  }, 300_000);
});

function hasErrorShape(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof parsed.error?.code === "string" && typeof parsed.error.message === "string";
  } catch {
    return false;
  }
}
