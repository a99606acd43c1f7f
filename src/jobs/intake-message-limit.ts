import { stockholmDateOf } from "../domain/calendar/index.ts";
import type { ServiceContext } from "../lib/context.ts";
import { identityHash } from "../modules/contacts/personal-data.ts";
import {
  countAbuse,
  findMessageContact,
  incrementCounts,
  type LimitKey,
  lockCounts,
  markHeld,
  markLimitCounted,
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

/** Whether the message may be sent; a held message is marked and counted before this returns. */
export async function checkIntakeAllowance(
  ctx: ServiceContext,
  limits: IntakeLimits,
  message: ClaimedMessage,
  to: Recipient,
): Promise<"send" | "held"> {
  if (message.kind !== "receipt" || message.limit_counted || !message.contact_id) return "send";
  const contact = await findMessageContact(ctx.db, message.contact_id);
  if (contact?.source !== "web") return "send";
  const keys: LimitKey[] = [];
  if (contact.identity_hash) keys.push({ kind: "identity", keyHash: contact.identity_hash });
  if (to.phone) keys.push({ kind: "phone", keyHash: phoneLimitKey(ctx, to.phone) });
  if (keys.length === 0) return "send";
  const day = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const counts = await lockCounts(trx, day, keys);
    const identitySent = counts.get("identity");
    const phoneSent = counts.get("phone");
    const reason =
      identitySent !== undefined && identitySent >= limits.perIdentityPerDay
        ? "identity_limit"
        : phoneSent !== undefined && phoneSent >= limits.perPhonePerDay
          ? "phone_limit"
          : null;
    if (reason) {
      await markHeld(trx, message.id, reason);
      await countAbuse(trx, message.region_code, day, reason);
      return "held";
    }
    await incrementCounts(trx, day, keys);
    await markLimitCounted(trx, message.id);
    return "send";
  });
}

/** Counters of earlier days are dropped (the allowance is per day); cheap, so done on each busy tick. */
export async function pruneOldCounts(ctx: ServiceContext): Promise<void> {
  await pruneCountsBefore(ctx.db, today(ctx));
}
