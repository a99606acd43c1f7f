import type { NotificationKindColumn as NotificationKind, OutboxChannel } from "../../../db/schema.ts";
import type { Recipient } from "../recipient-crypto.ts";

/** One message as the dispatcher hands it to an adapter: the recipient already unsealed. */
export interface OutgoingMessage {
  id: string;
  regionCode: string;
  contactId: string | null;
  kind: NotificationKind;
  to: Recipient;
  body: string;
}

export interface SendResult {
  /** The provider's id for the message (46elks id, SMTP Message-ID), or null. */
  providerRef: string | null;
}

/** Delivers messages to residents over one channel. */
export interface NotificationAdapter {
  readonly channel: OutboxChannel;
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): Promise<void>;
}

/**
 * A failure that retrying cannot fix (no address for the channel, the provider rejected the request as
 * invalid): the dispatcher marks the message failed at once instead of backing off six times.
 */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentSendError";
  }
}
