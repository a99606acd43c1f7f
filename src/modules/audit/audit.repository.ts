import { type Kysely, sql } from "kysely";
import type { AuditLogRow, Database } from "../../db/schema.ts";

// An arbitrary constant: the advisory lock that serialises appends, so each row links to its true
// predecessor even when many transactions write audit rows at once.
const AUDIT_CHAIN_LOCK_KEY = 7_316_001;

export async function lockAuditChain(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
}

export async function findLastAuditHash(trx: Kysely<Database>): Promise<string | null> {
  const row = await trx
    .selectFrom("audit_log")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

export interface AuditInsert {
  at: Date;
  region_code: string | null;
  actor_user_id: number | null;
  actor_username: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  purpose: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  mac_scheme: "sha256" | "hmac-sha256";
}

export async function insertAuditRow(trx: Kysely<Database>, row: AuditInsert): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({ ...row, details: JSON.stringify(row.details) })
    .execute();
}

export async function findAuditRowsAfter(
  db: Kysely<Database>,
  afterId: bigint,
  limit: number,
): Promise<AuditLogRow[]> {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("id", ">", afterId.toString())
    .orderBy("id", "asc")
    .limit(limit)
    .execute();
}

export interface AuditQuery {
  regionCode?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUsername?: string | undefined;
  limit: number;
}

export async function findAuditRows(db: Kysely<Database>, query: AuditQuery): Promise<AuditLogRow[]> {
  let q = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(query.limit);
  if (query.regionCode) q = q.where("region_code", "=", query.regionCode);
  if (query.entityType) q = q.where("entity_type", "=", query.entityType);
  if (query.entityId) q = q.where("entity_id", "=", query.entityId);
  if (query.actorUsername) q = q.where("actor_username", "=", query.actorUsername);
  return q.execute();
}

export async function insertAuditRows(trx: Kysely<Database>, rows: readonly AuditInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto("audit_log")
    .values(rows.map((row) => ({ ...row, details: JSON.stringify(row.details) })))
    .execute();
}

/** Pending public-intake entries (migration 0034) in the order they were written. */
export async function findPendingAudit(
  trx: Kysely<Database>,
  limit: number,
): Promise<{ id: bigint; entry: Record<string, unknown> }[]> {
  return trx.selectFrom("audit_pending").select(["id", "entry"]).orderBy("id").limit(limit).execute();
}

export async function deletePendingAudit(trx: Kysely<Database>, ids: readonly bigint[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .deleteFrom("audit_pending")
    .where("id", "in", [...ids])
    .execute();
}
