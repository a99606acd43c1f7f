import { describe, expect, it } from "vitest";
import { Keyring, parseEnvelope, type SealedAt, SealingError, type SealPurpose } from "./sealing.ts";

const OLD = "the-old-secret-of-at-least-32-characters";
const NEW = "the-new-secret-of-at-least-32-characters";
const AT: SealedAt = {
  table: "contacts",
  column: "phone_encrypted",
  row: "2f0c6d1e-0000-4000-8000-000000000001",
};
const PURPOSES: SealPurpose[] = ["contact-personal-data", "outbox-recipient", "telephony-secret"];

describe("Keyring.seal and open", () => {
  it.each(PURPOSES)("round-trips under %s, with a fresh IV each time", (purpose) => {
    const keyring = Keyring.fromSecrets({ secret: NEW });
    const a = keyring.seal(purpose, "+46701740012", AT);
    const b = keyring.seal(purpose, "+46701740012", AT);
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^v2\\.${keyring.keyId}\\.`));
    expect(a).not.toContain("4670174");
    expect(keyring.open(purpose, a, AT)).toBe("+46701740012");
  });

  it.each([
    ["another row", { ...AT, row: "2f0c6d1e-0000-4000-8000-000000000002" }],
    ["another column", { ...AT, column: "identity_encrypted" }],
    ["another table", { ...AT, table: "outbox_messages" }],
  ])("refuses a value copied to %s (associated data)", (_name, elsewhere) => {
    const keyring = Keyring.fromSecrets({ secret: NEW });
    const sealed = keyring.seal("contact-personal-data", "191212121212", AT);
    expect(() => keyring.open("contact-personal-data", sealed, elsewhere)).toThrow(SealingError);
  });

  it("refuses a value sealed for another purpose", () => {
    const keyring = Keyring.fromSecrets({ secret: NEW });
    const sealed = keyring.seal("outbox-recipient", "x", AT);
    expect(() => keyring.open("contact-personal-data", sealed, AT)).toThrow(SealingError);
  });

  it("refuses an altered ciphertext", () => {
    const keyring = Keyring.fromSecrets({ secret: NEW });
    const parts = keyring.seal("contact-personal-data", "191212121212", AT).split(".");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => keyring.open("contact-personal-data", parts.join("."), AT)).toThrow(SealingError);
  });

  it("refuses a truncated tag, which GCM on its own would accept", () => {
    const keyring = Keyring.fromSecrets({ secret: NEW });
    const sealed = keyring.seal("contact-personal-data", "191212121212", AT);
    const parts = sealed.split(".");
    const shortTag = Buffer.from(parts[4] ?? "", "base64url").subarray(0, 12);
    parts[4] = shortTag.toString("base64url");
    const truncated = parts.join(".");
    expect(() => keyring.open("contact-personal-data", truncated, AT)).toThrow(/wrong length/);
    expect(parseEnvelope(truncated)?.tag).toHaveLength(12);
  });

  it.each([
    ["not an envelope", "191212121212"],
    ["a legacy v1 value", "v1:AAAA"],
    ["a wrong version", "v3.abcdef01.AAAA.AAAA.AAAA"],
  ])("refuses %s", (_name, stored) => {
    expect(() => Keyring.fromSecrets({ secret: NEW }).open("contact-personal-data", stored, AT)).toThrow(
      SealingError,
    );
  });
});

describe("rotation", () => {
  it("opens values of the previous generation while VARDNAV_SECRET_PREVIOUS is set, and only then", () => {
    const before = Keyring.fromSecrets({ secret: OLD });
    const sealed = before.seal("telephony-secret", "s3cret", AT);
    const rotating = Keyring.fromSecrets({ secret: NEW, previousSecret: OLD });
    const after = Keyring.fromSecrets({ secret: NEW });
    expect(rotating.previousKeyId).toBe(before.keyId);
    expect(rotating.open("telephony-secret", sealed, AT)).toBe("s3cret");
    expect(rotating.needsReseal(sealed)).toBe(true);
    expect(rotating.needsReseal(rotating.seal("telephony-secret", "s3cret", AT))).toBe(false);
    expect(() => after.open("telephony-secret", sealed, AT)).toThrow(/neither VARDNAV_SECRET/);
  });

  it("looks blind indexes up under both generations while rotating", () => {
    const before = Keyring.fromSecrets({ secret: OLD });
    const rotating = Keyring.fromSecrets({ secret: NEW, previousSecret: OLD });
    const old = before.blindIndex("identity-lookup", "191212121212");
    expect(rotating.blindIndex("identity-lookup", "191212121212")).not.toBe(old);
    expect(rotating.blindIndexes("identity-lookup", "191212121212")).toEqual([
      rotating.blindIndex("identity-lookup", "191212121212"),
      old,
    ]);
    expect(Keyring.fromSecrets({ secret: NEW }).blindIndexes("identity-lookup", "191212121212")).toHaveLength(
      1,
    );
  });

  it("keys differ per purpose and per secret; the development keyring says so", () => {
    const a = Keyring.fromSecrets({ secret: NEW });
    expect(a.macKeys("audit-log-chain")[0]).not.toEqual(
      Keyring.fromSecrets({ secret: OLD }).macKeys("audit-log-chain")[0],
    );
    expect(a.development).toBe(false);
    expect(Keyring.fromSecrets({ secret: undefined }).development).toBe(true);
  });
});
