import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import type { Actor } from "../lib/actor.ts";
import type { ServiceContext } from "../lib/context.ts";
import {
  type AuthenticatedSession,
  type AuthSettings,
  authenticateSession,
} from "../modules/auth/auth.service.ts";

export const SESSION_COOKIE = "vardnav_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    session: AuthenticatedSession | null;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Resolves the session cookie to an actor on every /api request. Cookie-authenticated writes must carry
 * the session's CSRF token in a header (a cross-site form cannot set headers), on top of SameSite cookies.
 */
export function registerAuthHooks(app: FastifyInstance, ctx: ServiceContext, settings: AuthSettings): void {
  app.decorateRequest("session", null);
  app.addHook("preHandler", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.session = await authenticateSession(ctx, settings, token);
    if (request.session && UNSAFE_METHODS.has(request.method) && !request.routeOptions.config?.skipCsrf) {
      if (request.headers[CSRF_HEADER] !== request.session.csrfToken) {
        throw new AppError(
          "csrf_failed",
          "The request lacks a valid CSRF token. Reload the page and try again.",
        );
      }
    }
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError("unauthenticated", "Sign in to continue.");
  return request.session.actor;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Public endpoints without a session (login itself) do not need a CSRF token. */
    skipCsrf?: boolean;
  }
}
