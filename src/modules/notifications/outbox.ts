import type { Transaction } from "kysely";
import type { Temporal } from "temporal-polyfill";
import type { Database, OutboxChannel } from "../../db/schema.ts";
import {
  residentMessageText as domainResidentMessageText,
  type MessageFacts,
  type NotificationKind,
} from "../../domain/notifications/messages.ts";
import type { Clock } from "../../lib/context.ts";
import type { Keyring } from "../../lib/sealing.ts";
import { sealRecipient } from "./recipient-crypto.ts";

export type { NotificationKind } from "../../domain/notifications/messages.ts";

export interface ResidentNotification {
  regionCode: string;
  contactId: string;
  kind: NotificationKind;
  to: { phone?: string | null; email?: string | null };
  text: string;
}

/** The channel a message is meant for, from the addresses it has: SMS first, since every contact has a phone. */
export function preferredChannel(to: ResidentNotification["to"]): OutboxChannel {
  if (to.phone) return "sms";
  if (to.email) return "email";
  return "log";
}

/**
 * Queues a message to a resident in the caller's transaction (docs/ARCHITECTURE.md "Notifications and background jobs"): it becomes
 * visible to the dispatcher exactly when the contact change commits, and disappears with a rollback. The
 * address is sealed (recipient-crypto.ts). Sending happens later, at least once, in src/jobs/outbox-dispatch.ts.
 */
export async function enqueueResidentNotification(
  trx: Transaction<Database>,
  ctx: { clock: Clock; keyring: Keyring },
  message: ResidentNotification,
): Promise<void> {
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const hasAddress = Boolean(message.to.phone || message.to.email);
  const sealed = hasAddress ? sealRecipient(ctx.keyring, message.contactId, message.to) : null;
  await trx
    .insertInto("outbox_messages")
    .values({
      region_code: message.regionCode,
      contact_id: message.contactId,
      kind: message.kind,
      channel: preferredChannel(message.to),
      recipient_encrypted: sealed,
      body: message.text,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
}

/** The Swedish text for a message; see src/domain/notifications/messages.ts for the wording. */
export function residentMessageText(
  kind: NotificationKind,
  facts: {
    unitName: string;
    slotStart?: Temporal.Instant | null;
    deadline?: Temporal.Instant | null;
    outcome?: string | null;
    statusUrl?: string | null;
  } & Omit<MessageFacts, "unitName" | "slotStart" | "deadline" | "outcome" | "statusUrl">,
): string {
  return domainResidentMessageText(kind, facts);
}
