import { AppError } from "../../errors.ts";
import { type Actor, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAuditNow } from "../audit/audit.service.ts";

/**
 * A running server owns the data folder (the lock), so `vardnav backup` cannot run beside it: a system
 * administrator asks the server instead. The backup holds every resident's personal data, so it is audited.
 */
export async function backupDatabase(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ fileName: string; bytes: Buffer }> {
  assertRole(actor, ["system_admin"], "back up the database");
  if (!ctx.dumpDataDir) {
    throw new AppError(
      "bad_request",
      "This server runs on PostgreSQL: back it up with PostgreSQL's tools (docs/OPERATIONS.md).",
    );
  }
  await recordAuditNow(ctx, actor, {
    action: "db.backup",
    entityType: "database",
    purpose: "POST /api/system/backup",
  });
  await ctx.auditHead?.flush();
  const blob = await ctx.dumpDataDir();
  const stamp = ctx.clock.now().toString().slice(0, 19).replaceAll(":", "");
  return { fileName: `vardnav-${stamp}.tar.gz`, bytes: Buffer.from(await blob.arrayBuffer()) };
}
