import type { ServiceContext } from "../lib/context.ts";
import { type NotificationAdapter, PermanentSendError } from "../modules/notifications/adapters/index.ts";
import {
  type ClaimedMessage,
  claimDueMessages,
  markFailed,
  markRetry,
  markSentMany,
  type SentMessage,
} from "../modules/notifications/outbox.repository.ts";
import { openRecipient, type Recipient } from "../modules/notifications/recipient-crypto.ts";

import {
  applyIntakeAllowance,
  DEFAULT_INTAKE_LIMITS,
  type IntakeLimits,
  pruneOldCounts,
} from "./intake-message-limit.ts";

export const OUTBOX_DISPATCH_JOB = "vardnav-outbox-dispatch";

export interface DispatchPolicy {
  /** Messages claimed per tick. */
  batchSize: number;
  /**
   * How long a claimed message is reserved. A batch is sent concurrently, so this only has to exceed one
   * adapter call's timeout (46elks 20 s, SMTP 15 s + 30 s), so a slow send is not taken over and doubled.
   */
  leaseSeconds: number;
  /** Attempts before a message is marked failed (visible in `vardnav`'s outbox counts and the database). */
  maxAttempts: number;
  /** Backoff after the n-th failed attempt: base × 2^(n−1) seconds (30 s, 1, 2, 4, 8 min by default). */
  backoffBaseSeconds: number;
  /** The public intake's daily allowance of receipts per phone and identity number (intake-message-limit.ts). */
  intakeLimits?: IntakeLimits;
}

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = {
  batchSize: 25,
  leaseSeconds: 90,
  maxAttempts: 6,
  backoffBaseSeconds: 30,
  intakeLimits: DEFAULT_INTAKE_LIMITS,
};

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Receipts held back by the public intake's allowance (not sent, kept with the reason). */
  held: number;
}

export function backoffSeconds(policy: DispatchPolicy, attempt: number): number {
  return policy.backoffBaseSeconds * 2 ** Math.max(0, attempt - 1);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}

/** A send's outcome; a sent message is recorded with the rest of its batch (markSentMany). */
type Delivery = { outcome: "sent"; sent: SentMessage } | { outcome: "retried" | "failed" };

/** A message's recipient opened once per tick, for the allowance check and the send; or why it did not open. */
type OpenedRecipient = { to: Recipient } | { error: unknown };

function openRecipientOf(ctx: ServiceContext, message: ClaimedMessage): OpenedRecipient {
  if (!message.recipient_encrypted) return { to: {} };
  try {
    return { to: openRecipient(ctx.keyring, message.contact_id, message.recipient_encrypted) };
  } catch (error) {
    return { error };
  }
}

async function deliver(
  ctx: ServiceContext,
  adapter: NotificationAdapter,
  policy: DispatchPolicy,
  message: ClaimedMessage,
  opened: OpenedRecipient,
): Promise<Delivery> {
  if (message.attempts > policy.maxAttempts) {
    // Only reachable when earlier attempts died with the process: give up visibly rather than loop.
    await markFailed(ctx.db, message.id, "gave up: the process stopped during every attempt");
    return { outcome: "failed" };
  }
  try {
    // A recipient that does not open fails this attempt like a failed send, with the reason recorded.
    if ("error" in opened) throw opened.error;
    const { to } = opened;
    const sent = await adapter.send({
      id: message.id,
      regionCode: message.region_code,
      contactId: message.contact_id,
      kind: message.kind,
      to,
      body: message.body,
    });
    return {
      outcome: "sent",
      sent: {
        id: message.id,
        at: new Date(ctx.clock.now().epochMilliseconds),
        providerRef: sent.providerRef,
      },
    };
  } catch (error) {
    const text = errorText(error);
    if (error instanceof PermanentSendError || message.attempts >= policy.maxAttempts) {
      await markFailed(ctx.db, message.id, text);
      ctx.logger.warn(
        { outboxId: message.id, kind: message.kind, attempts: message.attempts, error: text },
        "resident notification failed for good",
      );
      return { outcome: "failed" };
    }
    const retryAt = ctx.clock.now().epochMilliseconds + backoffSeconds(policy, message.attempts) * 1000;
    await markRetry(ctx.db, message.id, new Date(retryAt), text);
    ctx.logger.info(
      { outboxId: message.id, kind: message.kind, attempts: message.attempts, error: text },
      "resident notification failed, will retry",
    );
    return { outcome: "retried" };
  }
}

/**
 * One pass of the outbox dispatcher: claim due messages, send each through the adapter, record the result.
 * Safe to run concurrently (claims skip locked rows) and at-least-once: a message is marked sent only after
 * the adapter returned, so a crash in between sends it again after the lease.
 */
export async function dispatchOutboxTick(
  ctx: ServiceContext,
  adapter: NotificationAdapter,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): Promise<DispatchResult> {
  const nowMs = ctx.clock.now().epochMilliseconds;
  const claimed = await claimDueMessages(
    ctx.db,
    new Date(nowMs),
    new Date(nowMs + policy.leaseSeconds * 1000),
    policy.batchSize,
  );
  const result: DispatchResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, held: 0 };
  if (claimed.length === 0) return result;
  const batch = claimed.map((message) => ({ message, opened: openRecipientOf(ctx, message) }));
  let held = new Set<ClaimedMessage>();
  if (policy.intakeLimits) {
    await pruneOldCounts(ctx);
    // The day's allowance goes to the oldest receipts: decided in claim (id) order before the concurrent
    // sends, so which receipt is held back never depends on which send finished first. A recipient that
    // does not open is left to deliver(), which records why.
    const recipients = new Map(
      batch.map(({ message, opened }) => [message, "to" in opened ? opened.to : null]),
    );
    held = await applyIntakeAllowance(ctx, policy.intakeLimits, claimed, recipients);
  }
  result.held = held.size;
  // Concurrently: the whole batch then takes about one send's time, well inside the lease. The sent ones
  // are recorded in one statement when the batch is done; a process killed in between sends them again
  // after the lease, as it would between one send and its own record (delivery is at least once).
  const deliveries = await Promise.all(
    batch
      .filter(({ message }) => !held.has(message))
      .map(({ message, opened }) => deliver(ctx, adapter, policy, message, opened)),
  );
  const sent: SentMessage[] = [];
  for (const delivery of deliveries) {
    result[delivery.outcome] += 1;
    if (delivery.outcome === "sent") sent.push(delivery.sent);
  }
  await markSentMany(ctx.db, sent, adapter.channel);
  return result;
}

/** Ticks until nothing is due (bounded), so a burst of contacts is sent in one job run. */
export async function drainOutbox(
  ctx: ServiceContext,
  adapter: NotificationAdapter,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
  maxTicks = 20,
): Promise<DispatchResult> {
  const total: DispatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0, held: 0 };
  for (let i = 0; i < maxTicks; i++) {
    const tick = await dispatchOutboxTick(ctx, adapter, policy);
    total.claimed += tick.claimed;
    total.sent += tick.sent;
    total.retried += tick.retried;
    total.failed += tick.failed;
    total.held += tick.held;
    if (tick.claimed < policy.batchSize) break;
  }
  return total;
}
