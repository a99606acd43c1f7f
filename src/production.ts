import type { Config } from "./config.ts";
import { AppError } from "./errors.ts";
import type { ServiceContext } from "./lib/context.ts";
import { accountsWithPassword } from "./modules/auth/known-password.service.ts";

// Production mode (NODE_ENV=production): the checks a start makes before it answers anyone. The missing
// VARDNAV_SECRET and the cookie default are in config.ts; the demo and the demo password are here.

/** The demo is loaded only when asked for and never in production. */
export function demoAllowed(config: Pick<Config, "NODE_ENV">, requested: boolean): boolean {
  return requested && config.NODE_ENV !== "production";
}

/**
 * Refuses a production start while any account (disabled ones too) still has the published demo password,
 * naming the accounts. `demoPassword` comes from the demo hooks, as src/ does not import demo/.
 */
export async function assertProductionReady(
  ctx: ServiceContext,
  config: Pick<Config, "NODE_ENV">,
  demo: { demoPassword: string } | null | undefined,
): Promise<void> {
  if (config.NODE_ENV !== "production" || !demo) return;
  const accounts = await accountsWithPassword(ctx, demo.demoPassword);
  if (accounts.length > 0) {
    throw new AppError(
      "invalid_configuration",
      `Refusing to start in production: ${accounts.join(", ")} still ${accounts.length === 1 ? "has" : "have"} the demo password. ` +
        "Set a new password or remove the account (vardnav user disable does not suffice).",
      { accounts },
    );
  }
}
