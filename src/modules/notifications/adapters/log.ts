import type { Logger } from "../../../lib/context.ts";
import { maskEmail, maskPhone } from "../recipient-crypto.ts";
import type { NotificationAdapter, OutgoingMessage, SendResult } from "./types.ts";

/** The status link is a bearer credential for the resident's status page: only its first characters are logged. */
export function maskStatusLinks(text: string): string {
  return text.replace(/(\/kontakt\/status\/)([A-Za-z0-9_-]{4})[A-Za-z0-9_-]+/g, "$1$2…");
}

/**
 * The default adapter: writes the message to the log instead of sending it (development, demo, and
 * installations that have not contracted an SMS provider yet). The address and the status link are masked,
 * never logged in clear.
 */
export function createLogAdapter(logger: Logger): NotificationAdapter {
  return {
    channel: "log",
    async send(message: OutgoingMessage): Promise<SendResult> {
      logger.info(
        {
          outboxId: message.id,
          contactId: message.contactId,
          kind: message.kind,
          to: maskPhone(message.to.phone) ?? maskEmail(message.to.email),
          text: maskStatusLinks(message.body),
        },
        "resident notification (log adapter, not sent)",
      );
      return { providerRef: null };
    },
    async close() {},
  };
}
