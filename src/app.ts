import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit, { type RateLimitPluginOptions } from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { type Config, type OidcSettingKey, oidcConfigOf } from "./config.ts";
import { AppError } from "./errors.ts";
import { errorBody, registerErrorHandling } from "./http/error-handler.ts";
import type { ServiceContext } from "./lib/context.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { registerAuthHooks } from "./modules/auth/auth.hooks.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { isSessionLive } from "./modules/auth/auth.service.ts";
import { createOidcClient, type OidcClient } from "./modules/auth/oidc.client.ts";
import { oidcRoutes } from "./modules/auth/oidc.routes.ts";
import { committeeRoutes } from "./modules/committee/committee.routes.ts";
import { committeeSources } from "./modules/committee/committee-sources.ts";
import { contactsRoutes } from "./modules/contacts/contacts.routes.ts";
import { listingRoutes } from "./modules/listing/listing.routes.ts";
import { alertsRoutes } from "./modules/notifications/alerts.routes.ts";
import { openDataRoutes } from "./modules/open-data/open-data.routes.ts";
import { regionsRoutes } from "./modules/regions/regions.routes.ts";
import { reimbursementRoutes } from "./modules/reimbursement/reimbursement.routes.ts";
import { staffingRoutes } from "./modules/staffing/staffing.routes.ts";
import { statisticsRoutes } from "./modules/statistics/stats.routes.ts";
import { structureRoutes } from "./modules/structure/structure.routes.ts";
import { systemRoutes, VERSION } from "./modules/system/system.routes.ts";
import { transfersRoutes } from "./modules/transfers/transfers.routes.ts";

export const WEB_DIST_DIR = fileURLToPath(new URL("../web/dist/", import.meta.url));

export interface AppOptions {
  ctx: ServiceContext;
  config: Pick<
    Config,
    | "SESSION_TTL_HOURS"
    | "LOGIN_MAX_FAILURES"
    | "LOGIN_LOCKOUT_MINUTES"
    | "COOKIE_SECURE"
    | "TRUST_PROXY"
    | "PUBLIC_RATE_LIMIT_PER_MINUTE"
  > &
    Partial<
      Pick<
        Config,
        "CONTACT_AT_RISK_MINUTES" | "DATABASE_URL" | "PUBLIC_BASE_URL" | "SESSION_MAX_HOURS" | OidcSettingKey
      >
    >;
  /** A pino logger for requests; none in tests. */
  loggerInstance?: FastifyServerOptions["loggerInstance"];
  /** Where the built web app lives; it is served with a fallback to index.html for client routes. */
  webDistDir?: string | null;
  /** How often an open worklist stream re-checks its session (default 30 s; tests make it short). */
  streamSessionRecheckMs?: number;
}

/**
 * TRUST_PROXY as Fastify takes it. Fastify ignores a bare hop count (it cannot check the peer), so a count
 * becomes "trust the nearest N hops": right only when every request passes exactly those proxies (the
 * server's port unreachable otherwise); a list of the proxies' addresses is the safer form.
 */
export function trustProxyOption(value: boolean | number | string[]): FastifyServerOptions["trustProxy"] {
  if (typeof value === "number") return (_address: string, hop: number) => hop < value;
  return value;
}

/** SITHS sign-in's client when OIDC_* are set (config.ts checks they are all set or none), else null. */
function oidcClientOf(config: AppOptions["config"], ctx: ServiceContext): OidcClient | null {
  const oidc = oidcConfigOf({
    NODE_ENV: config.NODE_ENV ?? "development",
    OIDC_ISSUER: config.OIDC_ISSUER,
    OIDC_CLIENT_ID: config.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: config.OIDC_CLIENT_SECRET,
    OIDC_REDIRECT_URI: config.OIDC_REDIRECT_URI,
    OIDC_HSA_ID_CLAIM: config.OIDC_HSA_ID_CLAIM ?? "hsa_id",
    OIDC_SCOPE: config.OIDC_SCOPE ?? "openid",
  });
  return oidc ? createOidcClient(oidc, ctx.logger) : null;
}

/** Builds the HTTP application: validate → authorise → service, one error format, OpenAPI at /api/docs. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { ctx, config } = options;
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: false }),
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine and ECharts set inline styles; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  // Limits apply per route (public endpoints name theirs); global: false keeps staff work unthrottled.
  await app.register(rateLimit, {
    global: false,
    // Thrown as the one AppError, so the error handler renders it like every other error.
    errorResponseBuilder: (_request, context) =>
      new AppError(
        "rate_limited",
        `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        },
      ) as unknown as ReturnType<NonNullable<RateLimitPluginOptions["errorResponseBuilder"]>>,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Vårdnav API",
        version: VERSION,
        description: "Same-day contact and steering platform for primary care",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  const authSettings = {
    sessionTtlHours: config.SESSION_TTL_HOURS,
    sessionMaxHours: config.SESSION_MAX_HOURS,
    maxFailures: config.LOGIN_MAX_FAILURES,
    lockoutMinutes: config.LOGIN_LOCKOUT_MINUTES,
  };
  registerAuthHooks(app, ctx, { ...authSettings, cookieSecure: config.COOKIE_SECURE });

  const oidc = oidcClientOf(config, ctx);
  await app.register(systemRoutes(ctx, { oidcSignIn: oidc !== null }));
  await app.register(
    authRoutes(ctx, {
      ...authSettings,
      cookieSecure: config.COOKIE_SECURE,
      loginRateLimitPerMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
    }),
  );
  await app.register(
    oidcRoutes(
      ctx,
      {
        ...authSettings,
        cookieSecure: config.COOKIE_SECURE,
        rateLimitPerMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
      },
      oidc,
    ),
  );
  await app.register(regionsRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(
    contactsRoutes(ctx, {
      publicRateLimitPerMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
      atRiskMinutes: config.CONTACT_AT_RISK_MINUTES,
      databaseUrl: config.DATABASE_URL,
      isSessionLive: (sessionId) => isSessionLive(ctx, authSettings, sessionId),
      sessionRecheckMs: options.streamSessionRecheckMs,
    }),
  );
  await app.register(reimbursementRoutes(ctx));
  await app.register(alertsRoutes(ctx));
  await app.register(statisticsRoutes(ctx));
  await app.register(staffingRoutes(ctx));
  await app.register(listingRoutes(ctx));
  await app.register(structureRoutes(ctx));
  await app.register(transfersRoutes(ctx));
  await app.register(
    openDataRoutes(ctx, {
      publicRateLimitPerMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
      publicBaseUrl: config.PUBLIC_BASE_URL,
    }),
  );
  await app.register(committeeRoutes(ctx, committeeSources()));

  const webDir = options.webDistDir === undefined ? WEB_DIST_DIR : options.webDistDir;
  const hasWeb = webDir !== null && existsSync(`${webDir}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET" || !hasWeb) {
      return reply
        .status(404)
        .send(errorBody("not_found", `No such endpoint: ${request.method} ${request.url.split("?")[0]}`));
    }
    // Client-side routes (/enheter, /login …) all load the single-page app.
    return reply.type("text/html").sendFile("index.html");
  });
  return app;
}
