import { type Kysely, sql } from "kysely";
import type { Database, NotificationKindColumn, OutboxChannel } from "../../db/schema.ts";
import { REDACTED_TOKEN, STATUS_TOKEN_POSIX } from "../../domain/notifications/status-token-redaction.ts";

export interface ClaimedMessage {
  id: string;
  region_code: string;
  contact_id: string | null;
  kind: NotificationKindColumn;
  channel: OutboxChannel;
  recipient_encrypted: string | null;
  body: string;
  attempts: number;
  /** Already counted against the public intake's daily allowance (a retry is not counted again). */
  limit_counted: boolean;
}

/**
 * Claims up to `limit` due messages in one statement: `for update skip locked` lets several dispatchers
 * (processes, or pg-boss workers) run at once without taking the same row, and moving `next_attempt_at`
 * to the end of the lease makes a claimed-but-unsent message (process killed mid-send) due again later.
 */
export async function claimDueMessages(
  db: Kysely<Database>,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedMessage[]> {
  const result = await sql<ClaimedMessage>`
    update outbox_messages
       set attempts = attempts + 1, next_attempt_at = ${leaseUntil}
     where id in (
       select id from outbox_messages
        where status = 'pending' and next_attempt_at <= ${now}
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
    returning id::text as id, region_code, contact_id::text as contact_id, kind, channel,
              recipient_encrypted, body, attempts::int as attempts, limit_counted`.execute(db);
  return [...result.rows].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

/**
 * `column` with the status link's token replaced: once a message is delivered, held or given up, the token
 * has done its job and is not kept in the database.
 */
export function bodyWithoutStatusToken(column: string) {
  return sql<string>`regexp_replace(${sql.ref(column)}, ${STATUS_TOKEN_POSIX}, ${`\\1${REDACTED_TOKEN}`}, 'g')`;
}

export interface SentMessage {
  id: string;
  at: Date;
  providerRef: string | null;
}

/** Records a batch's delivered messages, in one statement. */
export async function markSentMany(
  db: Kysely<Database>,
  sent: readonly SentMessage[],
  channel: OutboxChannel,
): Promise<void> {
  if (sent.length === 0) return;
  await sql`
    update outbox_messages o
       set status = 'sent', sent_at = s.at, channel = ${channel}, provider_ref = s.provider_ref,
           last_error = null, body = ${bodyWithoutStatusToken("o.body")}
      from unnest(${sent.map((m) => m.id)}::bigint[], ${sent.map((m) => m.at.toISOString())}::timestamptz[],
                  ${sent.map((m) => m.providerRef)}::text[]) as s(id, at, provider_ref)
     where o.id = s.id and o.status = 'pending'`.execute(db);
}

export async function markRetry(
  db: Kysely<Database>,
  id: string,
  nextAttemptAt: Date,
  error: string,
): Promise<void> {
  await db
    .updateTable("outbox_messages")
    .set({ next_attempt_at: nextAttemptAt, last_error: error })
    .where("id", "=", BigInt(id))
    .where("status", "=", "pending")
    .execute();
}

export async function markFailed(db: Kysely<Database>, id: string, error: string): Promise<void> {
  await db
    .updateTable("outbox_messages")
    .set({
      status: "failed",
      last_error: error,
      body: bodyWithoutStatusToken("body"),
    })
    .where("id", "=", BigInt(id))
    .where("status", "=", "pending")
    .execute();
}

export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
  held: number;
}

export async function countOutbox(db: Kysely<Database>, regionCode?: string): Promise<OutboxCounts> {
  let query = db
    .selectFrom("outbox_messages")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .groupBy("status");
  if (regionCode) query = query.where("region_code", "=", regionCode);
  const rows = await query.execute();
  const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0, held: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
