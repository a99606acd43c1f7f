import {
  type NotificationAdapter,
  type OutgoingMessage,
  PermanentSendError,
  type SendResult,
} from "./types.ts";

export interface ElksOptions {
  apiUrl: string;
  username: string;
  password: string;
  /** Sender: an alphanumeric name (max 11 characters) or a number in E.164. */
  from: string;
  /** Per-request timeout; the dispatcher's lease is longer, so a hung request cannot double-send. */
  timeoutMs?: number;
}

/** Swedish numbers as residents type them ("070-174 00 12", "0046…", "+46…") to E.164 ("+46701740012"). */
export function toE164(phone: string): string | null {
  const compact = phone.replace(/[\s\-()]/g, "");
  let digits: string;
  if (compact.startsWith("+")) digits = compact.slice(1);
  else if (compact.startsWith("00")) digits = compact.slice(2);
  else if (compact.startsWith("0")) digits = `46${compact.slice(1)}`;
  else digits = compact;
  return /^\d{8,15}$/.test(digits) ? `+${digits}` : null;
}

/**
 * SMS through 46elks (https://46elks.se/docs/send-sms): POST form-encoded `from`, `to`, `message` with
 * HTTP basic auth; the reply is JSON with the message `id`. A 4xx other than 429 means the request itself is
 * wrong (bad number, bad sender) and is not retried; 429, 5xx and network errors are.
 */
export function createElksSmsAdapter(options: ElksOptions): NotificationAdapter {
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;
  return {
    channel: "sms",
    async send(message: OutgoingMessage): Promise<SendResult> {
      if (!message.to.phone) throw new PermanentSendError("no phone number for an SMS");
      const to = toE164(message.to.phone);
      if (!to) throw new PermanentSendError("the phone number cannot be written in E.164 form");
      const response = await fetch(options.apiUrl, {
        method: "POST",
        headers: {
          authorization,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: new URLSearchParams({ from: options.from, to, message: message.body }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
      const text = await response.text();
      if (!response.ok) {
        // 46elks explains a rejected request in plain text; it never echoes the credentials.
        const reason = `46elks answered ${response.status}: ${text.slice(0, 200)}`;
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          throw new PermanentSendError(reason);
        }
        throw new Error(reason);
      }
      let id: string | null = null;
      try {
        const parsed = JSON.parse(text) as { id?: unknown };
        id = typeof parsed.id === "string" ? parsed.id : null;
      } catch {
        id = null;
      }
      return { providerRef: id };
    },
    async close() {},
  };
}
