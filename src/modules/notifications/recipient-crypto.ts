import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";

// The outbox holds a resident's phone number or e-mail address until the message is sent. It is sealed
// with AES-256-GCM under a data key that migration 0005 generates per database (settings
// `notifications.recipient_key`), so the address never appears in query results, exports or logs. The key
// lives in the same database: this protects against disclosure through the outbox table, not against
// someone holding a full database dump.
const KEY_SETTING = "notifications.recipient_key";
const VERSION = "v1";

export interface Recipient {
  phone?: string | null;
  email?: string | null;
}

export async function loadRecipientKey(db: Kysely<Database> | Transaction<Database>): Promise<Buffer> {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", KEY_SETTING)
    .executeTakeFirst();
  const material = row?.value;
  if (typeof material !== "string" || material.length < 32) {
    throw new AppError("internal", "The notification data key is missing (migration 0005 not applied?).");
  }
  return createHash("sha256").update(`vardnav-outbox:${material}`).digest();
}

const keyCache = new WeakMap<object, Buffer>();

/** loadRecipientKey once per database handle: the key is written by migration 0005 and never changes. */
export async function cachedRecipientKey(db: Kysely<Database>): Promise<Buffer> {
  const cached = keyCache.get(db);
  if (cached) return cached;
  const key = await loadRecipientKey(db);
  keyCache.set(db, key);
  return key;
}

export function sealRecipient(key: Buffer, recipient: Recipient): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const plain = JSON.stringify({ phone: recipient.phone ?? null, email: recipient.email ?? null });
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function openRecipient(key: Buffer, sealed: string): Recipient {
  const [version, payload] = sealed.split(":", 2);
  if (version !== VERSION || payload === undefined) throw new Error("unknown recipient seal version");
  const raw = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  const parsed = JSON.parse(plain) as { phone: string | null; email: string | null };
  return { phone: parsed.phone, email: parsed.email };
}

/** "070-17 40 0xx" → "…12": enough for staff to recognise a number in a log line, never the number. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  return digits.length <= 2 ? "…" : `…${digits.slice(-2)}`;
}

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  return at < 0 ? "…" : `…@${email.slice(at + 1)}`;
}
