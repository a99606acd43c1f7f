import type { OutboxHeldReason } from "../db/schema.ts";
import { stockholmDateOf } from "../domain/calendar/index.ts";
import type { ServiceContext } from "../lib/context.ts";
import { identityHash } from "../modules/contacts/personal-data.ts";
import {
  addToCounts,
  countAbuse,
  findMessageContacts,
  type LimitKey,
  limitKeyId,
  lockCounts,
  markHeldMany,
  markLimitCountedMany,
  pruneCountsBefore,
} from "../modules/notifications/intake-limits.repository.ts";
import type { ClaimedMessage } from "../modules/notifications/outbox.repository.ts";
import type { Recipient } from "../modules/notifications/recipient-crypto.ts";

// The public intake's message allowance (issue 12, item 7): anyone can file a contact in another person's
// name, and each one makes Vårdnav text the number given. So the receipts of web-form contacts are counted
// per Stockholm day, per phone number and per identity number (by keyed hash, never the clear value), and a
// receipt beyond either allowance is held back — kept with its reason, not sent, counted for the region's
// admins. Staff-triggered messages (outcomes) and receipts of phone-system or staff contacts are not limited.

export interface IntakeLimits {
  perPhonePerDay: number;
  perIdentityPerDay: number;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = { perPhonePerDay: 5, perIdentityPerDay: 5 };

/**
 * The keyed hash a phone number is counted under. The one place to re-point when the keys move (it uses
 * the same HMAC key as the identity numbers' look-up hash, with its own prefix so the two never collide).
 */
export function phoneLimitKey(ctx: ServiceContext, phone: string): string {
  return identityHash(ctx.keyring, `phone:${phone.replace(/\D/g, "")}`);
}

function today(ctx: ServiceContext): string {
  return stockholmDateOf(ctx.clock.now()).toString();
}

/**
 * Decides a claimed batch's receipts against the day's allowance and records the decisions; returns the
 * messages held back (marked and counted before this returns). The allowance goes to the oldest receipts:
 * the batch is decided one message at a time in claim (id) order, as if each were checked alone, but
 * with a fixed number of statements per batch rather than per message (the dispatcher's share of an
 * intake's database work). `recipients` holds each message's opened recipient (null: could not be
 * opened, left to the send to record why).
 */
export async function applyIntakeAllowance(
  ctx: ServiceContext,
  limits: IntakeLimits,
  claimed: readonly ClaimedMessage[],
  recipients: ReadonlyMap<ClaimedMessage, Recipient | null>,
): Promise<Set<ClaimedMessage>> {
  const held = new Set<ClaimedMessage>();
  const candidates = claimed.filter(
    (m) => m.kind === "receipt" && !m.limit_counted && m.contact_id !== null && recipients.get(m) != null,
  );
  if (candidates.length === 0) return held;
  const contacts = await findMessageContacts(
    ctx.db,
    candidates.map((m) => m.contact_id as string),
  );
  const keysOf = new Map<ClaimedMessage, LimitKey[]>();
  for (const message of candidates) {
    const contact = contacts.get(message.contact_id as string);
    if (contact?.source !== "web") continue;
    const keys: LimitKey[] = [];
    if (contact.identity_hash) keys.push({ kind: "identity", keyHash: contact.identity_hash });
    const phone = recipients.get(message)?.phone;
    if (phone) keys.push({ kind: "phone", keyHash: phoneLimitKey(ctx, phone) });
    if (keys.length > 0) keysOf.set(message, keys);
  }
  if (keysOf.size === 0) return held;
  const day = today(ctx);
  const distinct = new Map<string, LimitKey>();
  for (const keys of keysOf.values()) for (const key of keys) distinct.set(limitKeyId(key), key);

  await ctx.db.transaction().execute(async (trx) => {
    const sent = await lockCounts(trx, day, [...distinct.values()]);
    const added = new Map<string, number>();
    const heldWhy: { id: string; regionCode: string; reason: OutboxHeldReason }[] = [];
    const counted: string[] = [];
    for (const message of candidates) {
      const keys = keysOf.get(message);
      if (!keys) continue;
      const countOf = (kind: LimitKey["kind"]) => {
        const key = keys.find((k) => k.kind === kind);
        return key === undefined
          ? undefined
          : (sent.get(limitKeyId(key)) ?? 0) + (added.get(limitKeyId(key)) ?? 0);
      };
      const identitySent = countOf("identity");
      const phoneSent = countOf("phone");
      const reason =
        identitySent !== undefined && identitySent >= limits.perIdentityPerDay
          ? "identity_limit"
          : phoneSent !== undefined && phoneSent >= limits.perPhonePerDay
            ? "phone_limit"
            : null;
      if (reason) {
        held.add(message);
        heldWhy.push({ id: message.id, regionCode: message.region_code, reason });
        continue;
      }
      for (const key of keys) added.set(limitKeyId(key), (added.get(limitKeyId(key)) ?? 0) + 1);
      counted.push(message.id);
    }
    await addToCounts(
      trx,
      day,
      [...added].map(([id, n]) => ({ ...(distinct.get(id) as LimitKey), n })),
    );
    await markLimitCountedMany(trx, counted);
    await markHeldMany(trx, heldWhy);
    await countAbuse(trx, day, heldWhy);
  });
  return held;
}

/** Counters of earlier days are dropped (the allowance is per day); cheap, so done on each busy tick. */
export async function pruneOldCounts(ctx: ServiceContext): Promise<void> {
  await pruneCountsBefore(ctx.db, today(ctx));
}
