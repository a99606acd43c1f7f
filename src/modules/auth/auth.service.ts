import { createHash, randomBytes } from "node:crypto";
import type { UserRow } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import type { RequestSession } from "../../http/auth-hooks.ts";
import type { Actor } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { sessionEvents } from "../../lib/session-events.ts";
import { recordAudit } from "../audit/audit.service.ts";
import {
  countLoginFailuresSince,
  deleteExpiredSessions,
  deleteLoginFailures,
  deleteSession,
  findOldestLoginFailureSince,
  findSessionWithUser,
  findUnitsOfUser,
  findUserByUsername,
  insertLoginFailure,
  insertSession,
  touchSession,
} from "./auth.repository.ts";
import { verifyPassword } from "./password.ts";

export const DEFAULT_SESSION_MAX_HOURS = 24;

export interface AuthSettings {
  sessionTtlHours: number;
  /** Absolute lifetime: a session ends this long after sign-in, however active (default 24). */
  sessionMaxHours?: number | undefined;
  maxFailures: number;
  lockoutMinutes: number;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Actor["role"];
  regionCode: string | null;
  unitHsaIds: string[];
}

export function userViewOf(actor: Actor): UserView {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    regionCode: actor.regionCode,
    unitHsaIds: actor.unitHsaIds,
  };
}

/** Sessions are looked up by a hash of the cookie's token, so a leaked sessions table grants nothing. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// Verifying against a fixed hash when the user does not exist keeps the response time the same, so
// timing does not reveal which usernames exist.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$dRzY82fgceWJKqstlAB6sn56dYrekptRpYPqbR1lZQg";

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserView;
  mustChangePassword: boolean;
}

export async function login(
  ctx: ServiceContext,
  settings: AuthSettings,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const windowStart = new Date(now.getTime() - settings.lockoutMinutes * 60_000);

  const failures = await countLoginFailuresSince(ctx.db, { username }, windowStart);
  const ipFailures = input.ip ? await countLoginFailuresSince(ctx.db, { ip: input.ip }, windowStart) : 0;
  if (failures >= settings.maxFailures || ipFailures >= settings.maxFailures * 4) {
    const oldest = await findOldestLoginFailureSince(ctx.db, username, windowStart);
    const retryAt = oldest
      ? new Date(oldest.at.getTime() + settings.lockoutMinutes * 60_000)
      : new Date(now.getTime() + settings.lockoutMinutes * 60_000);
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    throw new AppError(
      "too_many_attempts",
      `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds },
    );
  }

  const user = await findUserByUsername(ctx.db, username);
  // An account without a password (SITHS sign-in only) is verified against the dummy hash too, and refused
  // whatever that says, so it answers like a wrong password, in the same time.
  const passwordOk =
    (await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH)) && !!user?.password_hash;
  if (!user || !passwordOk) {
    await insertLoginFailure(ctx.db, username, input.ip, now);
    ctx.logger.warn({ username, ip: input.ip }, "failed sign-in");
    throw new AppError("invalid_credentials", "Wrong username or password.");
  }
  if (user.disabled_at) {
    throw new AppError("account_disabled", "This account is disabled. Contact your administrator.");
  }
  return startSession(ctx, settings, user, {
    method: "password",
    ip: input.ip,
    userAgent: input.userAgent,
    purpose: "POST /api/auth/login",
  });
}

/**
 * Opens a session for an account that has proved who it is (password, or the identity provider): the
 * same session row, cookie token and audit row `auth.login` whatever the method, which the row names.
 */
export async function startSession(
  ctx: ServiceContext,
  settings: AuthSettings,
  user: Pick<UserRow, "id" | "username" | "display_name" | "role" | "region_code" | "must_change_password">,
  input: { method: "password" | "oidc"; ip: string | null; userAgent: string | null; purpose: string },
): Promise<LoginResult> {
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const sessionToken = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + settings.sessionTtlHours * 3_600_000);
  const units = await findUnitsOfUser(ctx.db, user.id);
  const actor: Actor = {
    kind: "user",
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    regionCode: user.region_code,
    unitIds: units.map((u) => u.id),
    unitHsaIds: units.map((u) => u.hsa_id),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await deleteLoginFailures(trx, user.username);
    await deleteExpiredSessions(trx, now);
    await insertSession(trx, {
      id: sessionIdOf(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(trx, ctx, actor, {
      action: "auth.login",
      entityType: "user",
      entityId: String(user.id),
      purpose: input.purpose,
      details: { ip: input.ip, method: input.method },
    });
  });
  return {
    sessionToken,
    csrfToken,
    expiresAt,
    user: userViewOf(actor),
    mustChangePassword: user.must_change_password,
  };
}

export type AuthenticatedSession = RequestSession;

// Sliding expiry is written at most this often, so each request does not cost a write.
const TOUCH_INTERVAL_MS = 5 * 60_000;

export async function authenticateSession(
  ctx: ServiceContext,
  settings: AuthSettings,
  sessionToken: string,
): Promise<AuthenticatedSession | null> {
  const sessionId = sessionIdOf(sessionToken);
  const row = await findSessionWithUser(ctx.db, sessionId);
  if (!row) return null;
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const endsAt =
    row.created_at.getTime() + (settings.sessionMaxHours ?? DEFAULT_SESSION_MAX_HOURS) * 3_600_000;
  if (row.expires_at.getTime() <= now.getTime() || endsAt <= now.getTime() || row.disabled_at) {
    await deleteSession(ctx.db, sessionId);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    // Sliding, but never past the absolute end.
    const slid = Math.min(now.getTime() + settings.sessionTtlHours * 3_600_000, endsAt);
    await touchSession(ctx.db, sessionId, now, new Date(slid));
  }
  const units = await findUnitsOfUser(ctx.db, row.user_id);
  return {
    sessionId,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
    actor: {
      kind: "user",
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      regionCode: row.region_code,
      unitIds: units.map((u) => u.id),
      unitHsaIds: units.map((u) => u.hsa_id),
    },
  };
}

/**
 * Whether a session is still valid — not signed out, not past its sliding or absolute end, its account not
 * disabled — without sliding it: a long-lived stream re-checks with this, and must not keep it alive.
 */
export async function isSessionLive(
  ctx: ServiceContext,
  settings: AuthSettings,
  sessionId: string,
): Promise<boolean> {
  const row = await findSessionWithUser(ctx.db, sessionId);
  if (!row || row.disabled_at) return false;
  const now = ctx.clock.now().epochMilliseconds;
  const endsAt =
    row.created_at.getTime() + (settings.sessionMaxHours ?? DEFAULT_SESSION_MAX_HOURS) * 3_600_000;
  return row.expires_at.getTime() > now && endsAt > now;
}

export async function logout(ctx: ServiceContext, session: AuthenticatedSession): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.sessionId);
    await recordAudit(trx, ctx, session.actor, {
      action: "auth.logout",
      entityType: "user",
      entityId: String(session.actor.userId),
      purpose: "POST /api/auth/logout",
    });
  });
  sessionEvents(ctx).ended({ sessionId: session.sessionId });
}
