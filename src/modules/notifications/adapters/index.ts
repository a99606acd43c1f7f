import type { Config } from "../../../config.ts";
import type { Logger } from "../../../lib/context.ts";
import { createElksSmsAdapter } from "./elks-sms.ts";
import { createLogAdapter } from "./log.ts";
import { createSmtpEmailAdapter } from "./smtp-email.ts";
import type { NotificationAdapter } from "./types.ts";

export type NotificationConfig = Pick<
  Config,
  | "NOTIFY_ADAPTER"
  | "ELKS_API_USERNAME"
  | "ELKS_API_PASSWORD"
  | "ELKS_FROM"
  | "ELKS_API_URL"
  | "SMTP_URL"
  | "SMTP_FROM"
>;

/** The adapter NOTIFY_ADAPTER names; config.ts has already checked that its settings are present. */
export function createNotificationAdapter(config: NotificationConfig, logger: Logger): NotificationAdapter {
  switch (config.NOTIFY_ADAPTER) {
    case "sms":
      return createElksSmsAdapter({
        apiUrl: config.ELKS_API_URL,
        username: config.ELKS_API_USERNAME ?? "",
        password: config.ELKS_API_PASSWORD ?? "",
        from: config.ELKS_FROM ?? "",
      });
    case "email":
      return createSmtpEmailAdapter({ url: config.SMTP_URL ?? "", from: config.SMTP_FROM ?? "" });
    default:
      return createLogAdapter(logger);
  }
}

export type { NotificationAdapter, OutgoingMessage, SendResult } from "./types.ts";
export { PermanentSendError } from "./types.ts";
