import type { Keyring, SealedAt } from "../../lib/sealing.ts";

// The outbox holds a resident's phone number or e-mail address until the message is sent, sealed
// (lib/sealing.ts, purpose `outbox-recipient`) so the address never appears in query results, exports or
// logs. The outbox row's id is made by the database, so the seal is bound to the message's contact (known
// before the insert): a sealed recipient copied to another contact's message does not open.

export interface Recipient {
  phone?: string | null;
  email?: string | null;
}

export function recipientSealedAt(contactId: string | null): SealedAt {
  return { table: "outbox_messages", column: "recipient_encrypted", row: contactId ?? "" };
}

export function sealRecipient(keyring: Keyring, contactId: string | null, recipient: Recipient): string {
  const plain = JSON.stringify({ phone: recipient.phone ?? null, email: recipient.email ?? null });
  return keyring.seal("outbox-recipient", plain, recipientSealedAt(contactId));
}

export function openRecipient(keyring: Keyring, contactId: string | null, sealed: string): Recipient {
  const plain = keyring.open("outbox-recipient", sealed, recipientSealedAt(contactId));
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
