import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, IntakeAbuseReason, OutboxHeldReason } from "../../db/schema.ts";
import { REDACTED_TOKEN, STATUS_TOKEN_POSIX } from "../../domain/notifications/status-token-redaction.ts";

// SQL of the public intake's message allowance and of the abuse counts (migration 0032).

export interface LimitKey {
  kind: "phone" | "identity";
  keyHash: string;
}

/** Where a message's contact came from and its identity number's keyed hash (null: no such contact). */
export async function findMessageContact(
  db: Kysely<Database>,
  contactId: string,
): Promise<{ source: string; identity_hash: string | null } | undefined> {
  return db
    .selectFrom("contact_index")
    .innerJoin("contacts", (join) =>
      join
        .onRef("contacts.id", "=", "contact_index.contact_id")
        .onRef("contacts.received_at", "=", "contact_index.received_at"),
    )
    .select(["contacts.source", "contacts.identity_hash"])
    .where("contact_index.contact_id", "=", contactId)
    .executeTakeFirst();
}

/**
 * Takes the row lock of each key's counter for `day` and returns how many messages it has had. Keys are
 * locked in one fixed order (kind, then hash), so two dispatchers counting the same pair cannot deadlock.
 */
export async function lockCounts(
  trx: Transaction<Database>,
  day: string,
  keys: readonly LimitKey[],
): Promise<Map<LimitKey["kind"], number>> {
  const ordered = [...keys].sort((a, b) =>
    a.kind === b.kind ? (a.keyHash < b.keyHash ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const counts = new Map<LimitKey["kind"], number>();
  for (const key of ordered) {
    const row = await sql<{ sent: number }>`
      insert into intake_message_counts (day, kind, key_hash, sent)
        values (${day}, ${key.kind}, ${key.keyHash}, 0)
      on conflict (day, kind, key_hash) do update set sent = intake_message_counts.sent
      returning sent::int as sent`.execute(trx);
    counts.set(key.kind, Number(row.rows[0]?.sent ?? 0));
  }
  return counts;
}

export async function incrementCounts(
  trx: Transaction<Database>,
  day: string,
  keys: readonly LimitKey[],
): Promise<void> {
  for (const key of keys) {
    await trx
      .updateTable("intake_message_counts")
      .set((eb) => ({ sent: eb("sent", "+", 1) }))
      .where("day", "=", day)
      .where("kind", "=", key.kind)
      .where("key_hash", "=", key.keyHash)
      .execute();
  }
}

/** Counted against the allowance: a retry of this message is not counted again. */
export async function markLimitCounted(trx: Transaction<Database>, id: string): Promise<void> {
  await trx
    .updateTable("outbox_messages")
    .set({ limit_counted: true })
    .where("id", "=", BigInt(id))
    .execute();
}

/** Held back: kept (with its reason) but never sent; the status link's token is not kept. */
export async function markHeld(
  trx: Transaction<Database>,
  id: string,
  reason: OutboxHeldReason,
): Promise<void> {
  await trx
    .updateTable("outbox_messages")
    .set({
      status: "held",
      held_reason: reason,
      last_error: null,
      body: sql<string>`regexp_replace(body, ${STATUS_TOKEN_POSIX}, ${`\\1${REDACTED_TOKEN}`}, 'g')`,
    })
    .where("id", "=", BigInt(id))
    .where("status", "=", "pending")
    .execute();
}

export async function countAbuse(
  db: Kysely<Database> | Transaction<Database>,
  regionCode: string,
  day: string,
  reason: IntakeAbuseReason,
): Promise<void> {
  await sql`
    insert into intake_abuse_daily (region_code, day, reason, count)
      values (${regionCode}, ${day}, ${reason}, 1)
    on conflict (region_code, day, reason) do update set count = intake_abuse_daily.count + 1`.execute(db);
}

/** Counters of days before `day` are no longer needed: the allowance is per day. */
export async function pruneCountsBefore(db: Kysely<Database>, day: string): Promise<void> {
  await db.deleteFrom("intake_message_counts").where("day", "<", day).execute();
}

export async function findAbuseCounts(
  db: Kysely<Database>,
  regionCode: string,
  from: string,
  to: string,
): Promise<{ day: string; reason: IntakeAbuseReason; count: number }[]> {
  return db
    .selectFrom("intake_abuse_daily")
    .select(["day", "reason", "count"])
    .where("region_code", "=", regionCode)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .orderBy("day", "desc")
    .orderBy("reason")
    .execute();
}
