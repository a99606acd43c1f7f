import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { sessionEvents } from "../../lib/session-events.ts";
import { recordAudit } from "../audit/audit.service.ts";
import {
  countLoginFailuresSince,
  deleteLoginFailures,
  deleteSessionsOfUser,
  findUserById,
  insertLoginFailure,
  updatePassword,
} from "./auth.repository.ts";
import type { PasswordChange } from "./auth.schemas.ts";
import type { AuthenticatedSession, AuthSettings } from "./auth.service.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { judgeNewPassword } from "./password-policy.ts";

const PROBLEM_TEXT = {
  too_short: "The new password is too short.",
  known: "The new password is published (a demo or example password).",
  too_weak: "The new password is too easy to guess.",
} as const;

/**
 * `POST /api/auth/password`: the signed-in user replaces their password, giving the current one. A wrong
 * current password counts as a failed sign-in (the same throttle), so a stolen session cannot be used to
 * guess it. The change ends the account's other sessions (and their event streams) and lifts
 * must_change_password.
 */
export async function changePassword(
  ctx: ServiceContext,
  settings: AuthSettings,
  session: AuthenticatedSession,
  input: PasswordChange & { ip: string | null },
): Promise<void> {
  const user = await findUserById(ctx.db, session.actor.userId);
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  // Accounts of the region's identity provider (OpenID Connect) have no password here to change.
  if (!user.password_hash) {
    throw new AppError(
      "conflict",
      "This account signs in through the region's identity provider and has no password in Vårdnav.",
    );
  }
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const windowStart = new Date(now.getTime() - settings.lockoutMinutes * 60_000);
  if (
    (await countLoginFailuresSince(ctx.db, { username: user.username }, windowStart)) >= settings.maxFailures
  ) {
    throw new AppError("too_many_attempts", "Too many wrong passwords. Try again later.", {
      retryAfterSeconds: settings.lockoutMinutes * 60,
    });
  }
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await insertLoginFailure(ctx.db, user.username, input.ip, now);
    throw new AppError("invalid_credentials", "The current password is wrong.", {
      issues: [{ path: "body.currentPassword", message: "wrong password" }],
    });
  }
  const verdict =
    input.newPassword === input.currentPassword
      ? { problem: "known" as const, score: 0, warning: null }
      : judgeNewPassword(input.newPassword, [user.username, user.display_name]);
  if (verdict.problem) {
    throw new AppError("validation_failed", PROBLEM_TEXT[verdict.problem], {
      issues: [{ path: "body.newPassword", message: verdict.problem }],
      reason: verdict.problem,
      score: verdict.score,
      warning: verdict.warning,
    });
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await updatePassword(trx, user.id, hash, now);
    await deleteLoginFailures(trx, user.username);
    await deleteSessionsOfUser(trx, user.id, session.sessionId);
    await recordAudit(trx, ctx, session.actor, {
      action: "auth.password_change",
      entityType: "user",
      entityId: String(user.id),
      regionCode: user.region_code,
      purpose: "POST /api/auth/password",
      details: { forced: user.must_change_password },
    });
  });
  sessionEvents(ctx).ended({ userId: user.id, exceptSessionId: session.sessionId });
}
