import nodemailer from "nodemailer";
import {
  type NotificationAdapter,
  type OutgoingMessage,
  PermanentSendError,
  type SendResult,
} from "./types.ts";

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's connection URL). */
  url: string;
  from: string;
}

const SUBJECT_BY_KIND: Record<OutgoingMessage["kind"], string> = {
  receipt: "Vi har tagit emot din kontakt",
  callback_moved: "Din återuppringning har flyttats",
  outcome: "Din kontakt är avslutad",
  not_reached: "Vi nådde dig inte",
};

/** E-mail over SMTP with nodemailer; a 5xx reply to the recipient is permanent, anything else is retried. */
export function createSmtpEmailAdapter(options: SmtpOptions): NotificationAdapter {
  // Bounded timeouts (nodemailer's defaults run to minutes), so a send ends well inside the dispatcher's lease.
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    channel: "email",
    async send(message: OutgoingMessage): Promise<SendResult> {
      if (!message.to.email) throw new PermanentSendError("no e-mail address for an e-mail");
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to.email,
          subject: SUBJECT_BY_KIND[message.kind],
          text: message.body,
        });
        return { providerRef: info.messageId ?? null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (typeof code === "number" && code >= 500 && code < 600) {
          throw new PermanentSendError(`the mail server refused the message (${code})`);
        }
        throw error;
      }
    },
    async close() {
      transport.close();
    },
  };
}
