// The resident's status link carries a bearer token: whoever holds the link reads the contact's status.
// It is redacted wherever Vårdnav keeps text longer than the moment it is needed: every log line (the
// request URL of the status API, the link in a message) and a message body once it is delivered.

const STATUS_TOKEN = /(\/(?:api\/contacts|kontakt)\/status\/)[A-Za-z0-9_-]+/g;

export const REDACTED_TOKEN = "[redacted]";

export function redactStatusTokens(text: string): string {
  return text.replace(STATUS_TOKEN, `$1${REDACTED_TOKEN}`);
}

/** For SQL: the same pattern as a POSIX regular expression (migrations redact old rows with it). */
export const STATUS_TOKEN_POSIX = "(/(api/contacts|kontakt)/status/)[A-Za-z0-9_-]+";
