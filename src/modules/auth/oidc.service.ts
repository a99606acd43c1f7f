import { OIDC_FAILURES, type OidcFailure } from "../../domain/access/value-sets.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit, systemActor } from "../audit/audit.service.ts";
import { findUserByHsaId } from "./auth.repository.ts";
import { type AuthSettings, type LoginResult, startSession } from "./auth.service.ts";

/** The reason a refusal carries in `AppError.details.reason`, for the route's redirect. */
export function oidcFailureOf(error: unknown): OidcFailure | null {
  if (!(error instanceof AppError)) return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return OIDC_FAILURES.find((failure) => failure === reason) ?? null;
}

const PURPOSE = "GET /api/auth/oidc/callback";

/**
 * Signs in the account whose HSA-id the identity provider vouched for: the same session and audit row
 * `auth.login` (method "oidc") as a password sign-in. An HSA-id no account carries, or a disabled
 * account, is refused and recorded as `auth.login_failed` — the person did prove who they are, so the
 * attempt belongs in the access log.
 */
export async function signInWithHsaId(
  ctx: ServiceContext,
  settings: AuthSettings,
  input: { hsaId: string; subject: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const user = await findUserByHsaId(ctx.db, input.hsaId);
  if (!user || user.disabled_at) {
    const reason: OidcFailure = user ? "disabled" : "unknown_account";
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, systemActor("oidc"), {
        action: "auth.login_failed",
        entityType: "user",
        entityId: user ? String(user.id) : null,
        regionCode: user?.region_code ?? null,
        purpose: PURPOSE,
        details: { method: "oidc", reason, hsaId: input.hsaId, subject: input.subject, ip: input.ip },
      }),
    );
    ctx.logger.warn({ hsaId: input.hsaId, reason, ip: input.ip }, "refused SITHS sign-in");
    throw user
      ? new AppError("account_disabled", "This account is disabled.", { reason })
      : new AppError("invalid_credentials", "No Vårdnav account has this HSA-id.", { reason });
  }
  return startSession(ctx, settings, user, {
    method: "oidc",
    ip: input.ip,
    userAgent: input.userAgent,
    purpose: PURPOSE,
  });
}
