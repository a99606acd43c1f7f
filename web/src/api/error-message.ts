import type { TFunction } from "i18next";
import { isApiError } from "./client.ts";

// Codes whose message the UI words itself, in the user's language. Any other code shows the server's
// message as it is: still a sentence meant for people, never a raw dump.
const TRANSLATED_CODES = [
  "invalid_credentials",
  "account_disabled",
  "unauthenticated",
  "forbidden",
  "csrf_failed",
  "password_change_required",
  "not_found",
  "rate_limited",
  "unavailable",
  "internal",
  "network_error",
  "unexpected_response",
] as const;
type TranslatedCode = (typeof TRANSLATED_CODES)[number];

function isTranslatedCode(code: string): code is TranslatedCode {
  return (TRANSLATED_CODES as readonly string[]).includes(code);
}

function retryAfterMinutes(details: unknown): number | null {
  if (typeof details !== "object" || details === null) return null;
  const seconds = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

/** The sentence to show a user for a failed request. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.unknown");
  if (error.code === "too_many_attempts") {
    // The server's message says when to retry; keep that when the wait is not in the details.
    const minutes = retryAfterMinutes(error.details);
    return minutes === null ? error.message : t("errors.too_many_attempts", { count: minutes });
  }
  if (isTranslatedCode(error.code)) return t(`errors.${error.code}`);
  return error.message || t("errors.unknown");
}
