import { describe, expect, it } from "vitest";
import { redactStatusTokens } from "./status-token-redaction.ts";

describe("redactStatusTokens", () => {
  it.each([
    ["/api/contacts/status/AbC-_9", "/api/contacts/status/[redacted]"],
    ["GET /api/contacts/status/AbC?x=1 done", "GET /api/contacts/status/[redacted]?x=1 done"],
    [
      "Följ: https://v.se/kontakt/status/Zz09 och /kontakt/status/Qq",
      "Följ: https://v.se/kontakt/status/[redacted] och /kontakt/status/[redacted]",
    ],
    ["/kontakt/status/", "/kontakt/status/"],
    ["/api/contacts/statistics", "/api/contacts/statistics"],
  ])("%j → %j", (input, expected) => {
    expect(redactStatusTokens(input)).toBe(expected);
  });
});
