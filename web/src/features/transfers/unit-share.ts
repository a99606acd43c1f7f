// The per-unit view's comparison, pure: reported volume against the expected share, exactly (the share
// comes as tenths in text, "123.4", and stays a bigint).
import { formatShare, type MoneyLanguage } from "../reimbursement/money.ts";

/** Tenths from the API's one-decimal text ("123.4" → 1234n). */
export function tenthsOf(text: string): bigint {
  const [whole = "0", tenth = "0"] = text.split(".");
  return BigInt(whole) * 10n + BigInt(tenth.slice(0, 1) || "0");
}

/** Reported as a share of expected ("17,3 %"); "–" when nothing is expected. */
export function reportedOfExpected(reported: number, expected: string, language: MoneyLanguage): string {
  return formatShare(BigInt(reported) * 10n, tenthsOf(expected), language);
}
