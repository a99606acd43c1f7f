import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { AuditLogRow, Database } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../../lib/actor.ts";
import { canonicalJson } from "../../lib/canonical-json.ts";
import type { Clock, ServiceContext } from "../../lib/context.ts";
import {
  type AuditInsert,
  findAuditRows,
  findAuditRowsAfter,
  findLastAuditHash,
  insertAuditRow,
  lockAuditChain,
} from "./audit.repository.ts";
import type { AuditLogView, AuditVerification } from "./audit.schemas.ts";

export const GENESIS_HASH = "0".repeat(64);

/** Who acted: a signed-in user, or the system itself (CLI, jobs, demo loader) under a named identity. */
export type AuditActor =
  | Actor
  | { kind: "system"; username: string; role: "system"; userId: null; regionCode: null };

export function systemActor(username: string): AuditActor {
  return { kind: "system", username, role: "system", userId: null, regionCode: null };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  /** Why: the route or command that caused the access (patientdatalagen asks for the purpose). */
  purpose: string;
  details?: Record<string, unknown>;
}

type HashedFields = Omit<AuditInsert, "prev_hash" | "hash">;

/** The hash of a row covers its predecessor's hash and every field, so editing or deleting any row shows. */
export function computeAuditHash(prevHash: string, fields: HashedFields): string {
  const canonical = canonicalJson({ ...fields, at: fields.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

/**
 * Appends one row to the hash-chained audit log. Must run inside the transaction that does the audited
 * work, so the log and the change commit or fail together.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  clock: Clock,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await lockAuditChain(trx);
  const prevHash = (await findLastAuditHash(trx)) ?? GENESIS_HASH;
  const fields: HashedFields = {
    at: new Date(clock.now().epochMilliseconds),
    region_code: entry.regionCode ?? actor.regionCode ?? null,
    actor_user_id: actor.userId,
    actor_username: actor.username,
    actor_role: actor.role,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    purpose: entry.purpose,
    details: entry.details ?? {},
  };
  await insertAuditRow(trx, { ...fields, prev_hash: prevHash, hash: computeAuditHash(prevHash, fields) });
}

/** Records an audit row in its own transaction (for reads, which have no other transaction to join). */
export async function recordAuditNow(
  ctx: ServiceContext,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx.clock, actor, entry));
}

export type { AuditLogView, AuditVerification };

function fieldsOf(row: AuditLogRow): HashedFields {
  return {
    at: row.at,
    region_code: row.region_code,
    actor_user_id: row.actor_user_id,
    actor_username: row.actor_username,
    actor_role: row.actor_role,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    purpose: row.purpose,
    details: row.details,
  };
}

/** Walks the whole chain in id order and reports the first row whose link or content does not hold. */
export async function verifyAuditChain(ctx: ServiceContext, batchSize = 5000): Promise<AuditVerification> {
  let expectedPrev = GENESIS_HASH;
  let lastId = 0n;
  let checked = 0;
  for (;;) {
    const rows = await findAuditRowsAfter(ctx.db, lastId, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== expectedPrev) {
        return {
          ok: false,
          rowsChecked: checked,
          firstBroken: {
            id: String(row.id),
            reason: "its link to the previous row does not match: a row before it was removed or altered",
          },
        };
      }
      if (computeAuditHash(row.prev_hash, fieldsOf(row)) !== row.hash) {
        return {
          ok: false,
          rowsChecked: checked,
          firstBroken: {
            id: String(row.id),
            reason: "its content does not match its hash: the row was altered",
          },
        };
      }
      expectedPrev = row.hash;
      lastId = BigInt(row.id);
      checked += 1;
    }
  }
  return { ok: true, rowsChecked: checked, firstBroken: null };
}

/** The access log, for auditors (their region) and system admins (all). */
export async function listAuditLog(
  ctx: ServiceContext,
  actor: Actor,
  query: {
    regionCode?: string;
    entityType?: string;
    entityId?: string;
    actorUsername?: string;
    limit?: number;
  },
): Promise<AuditLogView[]> {
  if (actor.role !== "auditor" && actor.role !== "system_admin") {
    throw new AppError("forbidden", "Only auditors and system administrators may read the access log.");
  }
  const regionCode = actor.role === "auditor" ? (actor.regionCode ?? undefined) : query.regionCode;
  const rows = await findAuditRows(ctx.db, {
    regionCode,
    entityType: query.entityType,
    entityId: query.entityId,
    actorUsername: query.actorUsername,
    limit: Math.min(query.limit ?? 200, 1000),
  });
  await recordAuditNow(ctx, actor, {
    action: "audit.read",
    entityType: "audit_log",
    purpose: "GET /api/audit",
    details: { filters: { ...query, regionCode }, rows: rows.length },
  });
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    regionCode: row.region_code,
    actor: { userId: row.actor_user_id, username: row.actor_username, role: row.actor_role },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    purpose: row.purpose,
    details: row.details,
  }));
}
