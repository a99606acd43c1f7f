import type { ServiceContext } from "../../lib/context.ts";
import { findPasswordHashes } from "./auth.repository.ts";
import { verifyPassword } from "./password.ts";

/**
 * The accounts whose password is `password` (the published demo password, at a production start). Each
 * hash is salted, so every account is verified: one argon2 verification each.
 */
export async function accountsWithPassword(ctx: ServiceContext, password: string): Promise<string[]> {
  const found: string[] = [];
  for (const account of await findPasswordHashes(ctx.db)) {
    if (account.password_hash && (await verifyPassword(password, account.password_hash))) {
      found.push(account.username);
    }
  }
  return found;
}
