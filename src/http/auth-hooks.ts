import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import type { Actor } from "../lib/actor.ts";

// What every route needs from authentication: the names of the cookie and the CSRF header, and the
// signed-in actor. The hooks that resolve them (session cookie → actor, CSRF check) are in
// src/modules/auth/auth.hooks.ts; this file imports nothing from the modules.

export const SESSION_COOKIE = "vardnav_session";

/**
 * The session cookie's name. A secure cookie carries the `__Host-` prefix: browsers then accept it only
 * with Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
export const CSRF_HEADER = "x-csrf-token";

/** A resolved session, as the auth hooks put it on the request. */
export interface RequestSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  /** Created by an administrator and not yet changed: only the password change is open (auth.hooks.ts). */
  mustChangePassword: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    session: RequestSession | null;
  }
  interface FastifyContextConfig {
    /** Public endpoints without a session (login itself) do not need a CSRF token. */
    skipCsrf?: boolean;
    /** Writes that need no session (sign-in, sign-out, the resident form, the signed phone webhook). */
    anonymous?: boolean;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError("unauthenticated", "Sign in to continue.");
  return request.session.actor;
}
