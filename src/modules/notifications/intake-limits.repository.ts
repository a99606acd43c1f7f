import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, IntakeAbuseReason, OutboxHeldReason } from "../../db/schema.ts";
import { bodyWithoutStatusToken } from "./outbox.repository.ts";

// SQL of the public intake's message allowance and of the abuse counts (migration 0032).

export interface LimitKey {
  kind: "phone" | "identity";
  keyHash: string;
}

/**
 * Where each message's contact came from and its identity number's keyed hash, by contact id. Two steps,
 * as findContact: a join from contact_index to the partitioned contacts cannot prune partitions, and
 * probed every month's partition per contact (6 ms for a batch of 25); with the batch's received_at range
 * known, only the partitions of those days are read.
 */
export async function findMessageContacts(
  db: Kysely<Database>,
  contactIds: readonly string[],
): Promise<Map<string, { source: string; identity_hash: string | null }>> {
  if (contactIds.length === 0) return new Map();
  const indexed = await db
    .selectFrom("contact_index")
    .select(["contact_id", "received_at"])
    .where("contact_id", "in", [...new Set(contactIds)])
    .execute();
  if (indexed.length === 0) return new Map();
  const times = indexed.map((r) => r.received_at.getTime());
  const rows = await db
    .selectFrom("contacts")
    .select(["id", "source", "identity_hash"])
    .where(
      "id",
      "in",
      indexed.map((r) => r.contact_id),
    )
    .where("received_at", ">=", new Date(Math.min(...times)))
    // Dates hold milliseconds, the column microseconds: the upper bound is the next millisecond.
    .where("received_at", "<", new Date(Math.max(...times) + 1))
    .execute();
  return new Map(rows.map((r) => [String(r.id), { source: r.source, identity_hash: r.identity_hash }]));
}

/** A counter's key as one string, `kind:hash`: how lockCounts reports the counts. */
export const limitKeyId = (key: LimitKey) => `${key.kind}:${key.keyHash}`;

/**
 * Takes the row lock of each key's counter for `day`, in one statement, and returns how many messages
 * each has had (by `kind:hash`). Rows are locked in one fixed order (kind, then hash), so two dispatchers
 * counting overlapping keys cannot deadlock.
 */
export async function lockCounts(
  trx: Transaction<Database>,
  day: string,
  keys: readonly LimitKey[],
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const ordered = [...keys].sort((a, b) =>
    a.kind === b.kind ? (a.keyHash < b.keyHash ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const rows = await sql<{ kind: LimitKey["kind"]; key_hash: string; sent: number }>`
    insert into intake_message_counts (day, kind, key_hash, sent)
      select ${day}::date, k.kind, k.key_hash, 0
        from unnest(${ordered.map((k) => k.kind)}::text[], ${ordered.map((k) => k.keyHash)}::text[])
             with ordinality as k(kind, key_hash, n)
       order by k.n
    on conflict (day, kind, key_hash) do update set sent = intake_message_counts.sent
    returning kind, key_hash, sent::int as sent`.execute(trx);
  return new Map(rows.rows.map((r) => [limitKeyId({ kind: r.kind, keyHash: r.key_hash }), Number(r.sent)]));
}

/** Adds `n` messages to each key's counter of `day` (counters locked by lockCounts in this transaction). */
export async function addToCounts(
  trx: Transaction<Database>,
  day: string,
  additions: readonly (LimitKey & { n: number })[],
): Promise<void> {
  if (additions.length === 0) return;
  await sql`
    update intake_message_counts c set sent = c.sent + a.n
      from unnest(${additions.map((a) => a.kind)}::text[], ${additions.map((a) => a.keyHash)}::text[],
                  ${additions.map((a) => a.n)}::int[]) as a(kind, key_hash, n)
     where c.day = ${day}::date and c.kind = a.kind and c.key_hash = a.key_hash`.execute(trx);
}

/** Counted against the allowance: a retry of these messages is not counted again. */
export async function markLimitCountedMany(
  trx: Transaction<Database>,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable("outbox_messages")
    .set({ limit_counted: true })
    .where(
      "id",
      "in",
      ids.map((id) => BigInt(id)),
    )
    .execute();
}

/** Held back: kept (with its reason) but never sent; the status link's token is not kept. */
export async function markHeldMany(
  trx: Transaction<Database>,
  held: readonly { id: string; reason: OutboxHeldReason }[],
): Promise<void> {
  if (held.length === 0) return;
  await sql`
    update outbox_messages o
       set status = 'held', held_reason = h.reason::text, last_error = null,
           body = ${bodyWithoutStatusToken("o.body")}
      from unnest(${held.map((h) => h.id)}::bigint[], ${held.map((h) => h.reason)}::text[]) as h(id, reason)
     where o.id = h.id and o.status = 'pending'`.execute(trx);
}

/** Adds abuse events (held receipts, honeypot hits) to the daily counts, one upsert row per region and reason. */
export async function countAbuse(
  db: Kysely<Database> | Transaction<Database>,
  day: string,
  held: readonly { regionCode: string; reason: IntakeAbuseReason }[],
): Promise<void> {
  if (held.length === 0) return;
  const groups = new Map<string, { regionCode: string; reason: IntakeAbuseReason; n: number }>();
  for (const h of held) {
    const key = `${h.regionCode}:${h.reason}`;
    const group = groups.get(key) ?? { regionCode: h.regionCode, reason: h.reason, n: 0 };
    group.n += 1;
    groups.set(key, group);
  }
  const rows = [...groups.values()].sort((a, b) =>
    a.regionCode === b.regionCode ? (a.reason < b.reason ? -1 : 1) : a.regionCode < b.regionCode ? -1 : 1,
  );
  await sql`
    insert into intake_abuse_daily (region_code, day, reason, count)
      select g.region_code, ${day}::date, g.reason, g.n
        from unnest(${rows.map((r) => r.regionCode)}::text[], ${rows.map((r) => r.reason)}::text[],
                    ${rows.map((r) => r.n)}::int[]) as g(region_code, reason, n)
    on conflict (region_code, day, reason) do update set count = intake_abuse_daily.count + excluded.count`.execute(
    db,
  );
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
