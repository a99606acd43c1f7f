import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { AppError } from "../../errors.ts";
import { CSRF_HEADER, sessionCookieName } from "../../http/auth-hooks.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuthSettings, authenticateSession } from "./auth.service.ts";

/** Constant-time comparison, so the time of a refusal does not reveal how much of the token matched. */
function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * What an account that must change its password may still reach: its session, the change, signing out,
 * and what is public anyway.
 */
const OPEN_BEFORE_PASSWORD_CHANGE = [
  "/api/auth/",
  "/api/health",
  "/api/meta",
  "/api/public/",
  "/api/open-data",
];

function openBeforePasswordChange(url: string): boolean {
  const path = url.split("?")[0] ?? url;
  return OPEN_BEFORE_PASSWORD_CHANGE.some((prefix) => path === prefix || path.startsWith(prefix));
}

/**
 * Resolves the session cookie to an actor on every /api request, in onRequest: before any byte of the body
 * is read, so a write without a session gets 401 without uploading anything (only routes marked
 * `anonymous` — sign-in, the resident form, the signed phone webhook — take writes without one).
 * Cookie-authenticated writes must carry the session's CSRF token in a header (a cross-site form cannot set
 * headers), on top of SameSite cookies.
 */
export function registerAuthHooks(
  app: FastifyInstance,
  ctx: ServiceContext,
  settings: AuthSettings & { cookieSecure: boolean },
): void {
  app.decorateRequest("session", null);
  const cookieName = sessionCookieName(settings.cookieSecure);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[cookieName];
    if (token) request.session = await authenticateSession(ctx, settings, token);
    if (request.session?.mustChangePassword && !openBeforePasswordChange(request.url)) {
      throw new AppError(
        "password_change_required",
        "Choose a new password before you continue (POST /api/auth/password).",
      );
    }
    if (!UNSAFE_METHODS.has(request.method)) return;
    const config = request.routeOptions.config;
    if (!request.session) {
      if (config?.anonymous) return;
      throw new AppError("unauthenticated", "Sign in to continue.");
    }
    if (!config?.skipCsrf && !sameToken(request.headers[CSRF_HEADER], request.session.csrfToken)) {
      throw new AppError(
        "csrf_failed",
        "The request lacks a valid CSRF token. Reload the page and try again.",
      );
    }
  });
}
