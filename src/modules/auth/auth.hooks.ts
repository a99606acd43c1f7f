import type { FastifyInstance } from "fastify";
import { AppError } from "../../errors.ts";
import { CSRF_HEADER, sessionCookieName } from "../../http/auth-hooks.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuthSettings, authenticateSession } from "./auth.service.ts";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Resolves the session cookie to an actor on every /api request. Cookie-authenticated writes must carry
 * the session's CSRF token in a header (a cross-site form cannot set headers), on top of SameSite cookies.
 */
export function registerAuthHooks(
  app: FastifyInstance,
  ctx: ServiceContext,
  settings: AuthSettings & { cookieSecure: boolean },
): void {
  app.decorateRequest("session", null);
  const cookieName = sessionCookieName(settings.cookieSecure);
  app.addHook("preHandler", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[cookieName];
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
