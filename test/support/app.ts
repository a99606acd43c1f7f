import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { Temporal } from "temporal-polyfill";
import { type AppOptions, buildApp } from "../../src/app.ts";
import type { Role } from "../../src/db/schema.ts";
import type { Clock, ServiceContext } from "../../src/lib/context.ts";
import { silentLogger } from "../../src/lib/context.ts";
import { developmentKeyring } from "../../src/lib/sealing.ts";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { addUser } from "../../src/modules/auth/users.service.ts";
import { importRegionFile } from "../../src/modules/regions/regions.service.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export const TEST_PASSWORD = "correct-horse-battery";

/** A clock tests can move: starts at the given instant. */
export function settableClock(start: string): Clock & { set(instant: string): void } {
  let now = Temporal.Instant.from(start);
  return {
    now: () => now,
    set(instant: string) {
      now = Temporal.Instant.from(instant);
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  database: TestDatabase;
  close(): Promise<void>;
}

export const testConfig = {
  SESSION_TTL_HOURS: 12,
  LOGIN_MAX_FAILURES: 5,
  LOGIN_LOCKOUT_MINUTES: 15,
  COOKIE_SECURE: false,
  TRUST_PROXY: false,
  PUBLIC_RATE_LIMIT_PER_MINUTE: 1000,
};

export async function createTestContext(
  clock?: Clock,
): Promise<{ ctx: ServiceContext; database: TestDatabase }> {
  const database = await createTestDatabase();
  return {
    database,
    ctx: {
      db: database.db,
      clock: clock ?? settableClock("2026-03-02T07:30:00Z"),
      logger: silentLogger,
      keyring: developmentKeyring(),
    },
  };
}

export async function createTestApp(
  options: {
    clock?: Clock;
    webDistDir?: string | null;
    /** Settings beside testConfig's (SITHS sign-in's OIDC_*, …). */
    config?: Partial<AppOptions["config"]>;
  } = {},
): Promise<TestApp> {
  const { ctx, database } = await createTestContext(options.clock);
  const app = await buildApp({
    ctx,
    config: { ...testConfig, ...options.config },
    webDistDir: options.webDistDir ?? null,
  });
  await app.ready();
  return {
    app,
    ctx,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function exampleRegionFile(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL("../fixtures/region-22-example.json", import.meta.url), "utf8"));
}

export async function seedExampleRegion(ctx: ServiceContext) {
  return importRegionFile(ctx, systemActor("test"), exampleRegionFile(), { purpose: "test seed" });
}

export async function seedUser(
  ctx: ServiceContext,
  user: { username: string; role: Role; regionCode: string | null; unitHsaIds?: string[] },
) {
  return addUser(
    ctx,
    systemActor("test"),
    { displayName: user.username, password: TEST_PASSWORD, unitHsaIds: [], ...user },
    "test seed",
  );
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0] ?? "";
  return { cookie, csrfToken: response.json().csrfToken };
}
