import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../errors.ts";
import { CSRF_HEADER, requireActor, sessionCookieName } from "../../http/auth-hooks.ts";
import { noContent, responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  accountListSchema,
  createdAccountSchema,
  loginSchema,
  passwordChangeSchema,
  sessionSchema,
  usernameParams,
} from "./auth.schemas.ts";
import { type AuthSettings, login, logout, userViewOf } from "./auth.service.ts";
import { changePassword } from "./password-change.service.ts";
import { addUser, listUsers, newUserSchema, setUserEnabled } from "./users.service.ts";

export function authRoutes(
  ctx: ServiceContext,
  settings: AuthSettings & { cookieSecure: boolean; loginRateLimitPerMinute: number },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/auth/login",
      {
        config: {
          skipCsrf: true,
          anonymous: true,
          rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["auth"],
          summary: "Sign in with a local account; sets the session cookie",
          body: loginSchema,
          response: responses({ 200: sessionSchema }),
        },
      },
      async (request, reply) => {
        const result = await login(ctx, settings, {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip ?? null,
          userAgent: request.headers["user-agent"] ?? null,
        });
        // A browser-session cookie without Expires: the server alone decides when the session ends
        // (sessions.expires_at), so a client clock that is off cannot drop or prolong it.
        reply.setCookie(sessionCookieName(settings.cookieSecure), result.sessionToken, {
          httpOnly: true,
          sameSite: "lax",
          secure: settings.cookieSecure,
          path: "/",
        });
        return {
          user: result.user,
          csrfToken: result.csrfToken,
          mustChangePassword: result.mustChangePassword,
        };
      },
    );

    app.get(
      "/api/auth/me",
      {
        schema: {
          tags: ["auth"],
          summary: "The signed-in user and the CSRF token for writes",
          response: responses({ 200: sessionSchema }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return {
          user: userViewOf(actor),
          csrfToken: request.session?.csrfToken ?? "",
          mustChangePassword: request.session?.mustChangePassword ?? false,
        };
      },
    );

    app.post(
      "/api/auth/password",
      {
        config: { rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: "1 minute" } },
        schema: {
          tags: ["auth"],
          summary: `Change one's own password: the current one and a new one that passes the strength check (needs the ${CSRF_HEADER} header)`,
          body: passwordChangeSchema,
          response: responses({ 204: noContent }),
        },
      },
      async (request, reply) => {
        const session = request.session;
        if (!session) throw new AppError("unauthenticated", "Sign in to continue.");
        await changePassword(ctx, settings, session, { ...request.body, ip: request.ip ?? null });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/auth/logout",
      {
        // Without a session it still answers 204 and clears a stale cookie.
        config: { anonymous: true },
        schema: {
          tags: ["auth"],
          summary: `Sign out (needs the ${CSRF_HEADER} header)`,
          response: responses({ 204: noContent }),
        },
      },
      async (request, reply) => {
        if (request.session) await logout(ctx, request.session);
        reply.clearCookie(sessionCookieName(settings.cookieSecure), {
          path: "/",
          secure: settings.cookieSecure,
        });
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/users",
      {
        schema: {
          tags: ["users"],
          summary: "Accounts (system admin: all; region admin: own region)",
          response: responses({ 200: accountListSchema }),
        },
      },
      async (request) => listUsers(ctx, requireActor(request), "GET /api/users"),
    );

    app.post(
      "/api/users",
      {
        schema: {
          tags: ["users"],
          summary: "Create an account",
          body: newUserSchema,
          response: responses({ 201: createdAccountSchema }),
        },
      },
      async (request, reply) => {
        // The administrator chose the password: the account must replace it at its first sign-in.
        const created = await addUser(ctx, requireActor(request), request.body, "POST /api/users", {
          mustChangePassword: true,
        });
        return reply.status(201).send(created);
      },
    );

    app.post(
      "/api/users/:username/disable",
      {
        schema: {
          tags: ["users"],
          summary: "Disable an account and end its sessions",
          params: usernameParams,
          response: responses({ 204: noContent }),
        },
      },
      async (request, reply) => {
        await setUserEnabled(
          ctx,
          requireActor(request),
          request.params.username,
          false,
          "POST /api/users/:username/disable",
        );
        return reply.status(204).send(null);
      },
    );
  };
}
