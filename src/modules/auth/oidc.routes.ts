import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { OidcFailure } from "../../domain/access/value-sets.ts";
import { AppError } from "../../errors.ts";
import { sessionCookieName } from "../../http/auth-hooks.ts";
import { redirectResponse, responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuthSettings } from "./auth.service.ts";
import type { OidcClient } from "./oidc.client.ts";
import { oidcCallbackQuery, oidcLoginQuery } from "./oidc.schemas.ts";
import { oidcFailureOf, signInWithHsaId } from "./oidc.service.ts";
import { appPathOr, OIDC_STATE_MINUTES, openLoginState, sealLoginState } from "./oidc-state.ts";

const STATE_COOKIE = "vardnav_oidc";

function stateCookieName(secure: boolean): string {
  return secure ? `__Host-${STATE_COOKIE}` : STATE_COOKIE;
}

/**
 * SITHS sign-in through the region's OpenID Connect provider (docs/SECURITY.md "SITHS sign-in"):
 * `GET /api/auth/oidc/login` sends the browser to the provider, `GET /api/auth/oidc/callback` takes it
 * back, signs in the account with the person's HSA-id and goes on into the web app. Every refusal lands
 * on the login page with a reason it shows in words; nothing from the provider's answer is echoed.
 */
export function oidcRoutes(
  ctx: ServiceContext,
  settings: AuthSettings & { cookieSecure: boolean; rateLimitPerMinute: number },
  oidc: OidcClient | null,
): FastifyPluginAsyncZod {
  const stateCookie = stateCookieName(settings.cookieSecure);
  const cookieOptions = {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET navigation, which carries Lax cookies.
    sameSite: "lax" as const,
    secure: settings.cookieSecure,
    path: "/",
  };

  function refuse(reply: FastifyReply, reason: OidcFailure) {
    reply.clearCookie(stateCookie, cookieOptions);
    return reply.redirect(`/login?oidcError=${reason}`, 302);
  }

  function notConfigured(): never {
    throw new AppError("not_found", "SITHS sign-in is not configured on this server.");
  }

  return async (app) => {
    app.get(
      "/api/auth/oidc/login",
      {
        config: {
          anonymous: true,
          rateLimit: { max: settings.rateLimitPerMinute, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["auth"],
          summary: "Start SITHS sign-in: redirects to the region's identity provider (OpenID Connect)",
          querystring: oidcLoginQuery,
          response: responses({ 302: redirectResponse }),
        },
      },
      async (request, reply) => {
        if (!oidc) notConfigured();
        let started: Awaited<ReturnType<OidcClient["authorizationRequest"]>>;
        try {
          started = await oidc.authorizationRequest();
        } catch (error) {
          request.log.error({ err: error }, "SITHS sign-in could not start");
          return refuse(reply, "unavailable");
        }
        const now = ctx.clock.now().epochMilliseconds;
        const sealed = sealLoginState(ctx.keyring, {
          ...started.checks,
          returnTo: appPathOr(request.query.redirect, "/"),
          expiresAt: now + OIDC_STATE_MINUTES * 60_000,
        });
        reply.setCookie(stateCookie, sealed, { ...cookieOptions, maxAge: OIDC_STATE_MINUTES * 60 });
        return reply.redirect(started.url, 302);
      },
    );

    app.get(
      "/api/auth/oidc/callback",
      {
        config: {
          anonymous: true,
          rateLimit: { max: settings.rateLimitPerMinute, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["auth"],
          summary:
            "The identity provider's redirect back: signs in the account with the person's HSA-id and " +
            "redirects into the web app (or to the login page with oidcError)",
          querystring: oidcCallbackQuery,
          response: responses({ 302: redirectResponse }),
        },
      },
      async (request, reply) => {
        if (!oidc) notConfigured();
        const now = ctx.clock.now().epochMilliseconds;
        const saved = openLoginState(ctx.keyring, request.cookies[stateCookie], now);
        // No sealed state of this browser, or another sign-in's: a forged or replayed callback (login CSRF).
        if (!saved || request.query.state !== saved.state) {
          request.log.warn({ hasState: saved !== null }, "SITHS callback without its sign-in state");
          return refuse(reply, "state");
        }
        if (request.query.error !== undefined || request.query.code === undefined) {
          request.log.warn({ error: request.query.error }, "the identity provider refused the sign-in");
          return refuse(reply, "provider");
        }
        let identity: Awaited<ReturnType<OidcClient["exchange"]>>;
        try {
          identity = await oidc.exchange(queryOf(request), saved);
        } catch (error) {
          const reason =
            error instanceof AppError && error.code === "unavailable" ? "unavailable" : "provider";
          request.log.warn({ err: error }, "SITHS sign-in: code exchange or ID token refused");
          return refuse(reply, reason);
        }
        if (identity.hsaId === null) {
          request.log.warn({ subject: identity.subject }, "SITHS sign-in: no HSA-id claim");
          return refuse(reply, "no_hsa_id");
        }
        try {
          const result = await signInWithHsaId(ctx, settings, {
            hsaId: identity.hsaId,
            subject: identity.subject,
            ip: request.ip ?? null,
            userAgent: request.headers["user-agent"] ?? null,
          });
          reply.clearCookie(stateCookie, cookieOptions);
          // The same session cookie as a password sign-in (auth.routes.ts).
          reply.setCookie(sessionCookieName(settings.cookieSecure), result.sessionToken, {
            httpOnly: true,
            sameSite: "lax",
            secure: settings.cookieSecure,
            path: "/",
          });
          return reply.redirect(saved.returnTo, 302);
        } catch (error) {
          const reason = oidcFailureOf(error);
          if (reason === null) throw error;
          return refuse(reply, reason);
        }
      },
    );
  };
}

/** The callback's query string exactly as it arrived (openid-client reads code, state and iss from it). */
function queryOf(request: FastifyRequest): string {
  const at = request.url.indexOf("?");
  return at < 0 ? "" : request.url.slice(at);
}
