import { describe, expect, it } from "vitest";
import { Keyring } from "../../lib/sealing.ts";
import {
  identityHash,
  identityLookupHashes,
  newStatusToken,
  openPersonal,
  personalColumns,
  statusTokenHash,
} from "./personal-data.ts";

const SECRET = "configured-secret-of-at-least-32-chars";
const keyring = Keyring.fromSecrets({ secret: SECRET });
const ID = "0b5a2c58-5f43-4b8e-9a55-6d7d1f0e0001";
const OTHER_ID = "0b5a2c58-5f43-4b8e-9a55-6d7d1f0e0002";

describe("personal data of a contact", () => {
  it("is sealed for its contact id and column: neither another contact nor the other column opens it", () => {
    const columns = personalColumns(keyring, ID, { identity: "191212121212", phone: "+46701740012" });
    expect(columns.identity_encrypted).toMatch(/^v2\./);
    expect(JSON.stringify(columns)).not.toContain("191212121212");
    expect(JSON.stringify(columns)).not.toContain("46701740012");
    const identity = columns.identity_encrypted ?? "";
    expect(openPersonal(keyring, "identity_encrypted", ID, identity)).toBe("191212121212");
    expect(openPersonal(keyring, "phone_encrypted", ID, columns.phone_encrypted ?? "")).toBe("+46701740012");
    expect(() => openPersonal(keyring, "identity_encrypted", OTHER_ID, identity)).toThrow();
    expect(() => openPersonal(keyring, "phone_encrypted", ID, identity)).toThrow();
  });

  it("keeps a blind index of the identity number that depends on the secret", () => {
    const other = Keyring.fromSecrets({ secret: "another-secret-of-at-least-32-characters!" });
    expect(identityHash(keyring, "191212121212")).toBe(identityHash(keyring, "191212121212"));
    expect(identityHash(keyring, "191212121212")).not.toBe(identityHash(other, "191212121212"));
    expect(identityHash(keyring, "191212121212")).not.toBe(identityHash(keyring, "191212121213"));
    expect(personalColumns(keyring, ID, { identity: "191212121212", phone: null }).identity_hash).toBe(
      identityHash(keyring, "191212121212"),
    );
  });

  it("looks an identity number up under both secrets while a rotation is under way", () => {
    const before = Keyring.fromSecrets({ secret: "the-secret-before-the-rotation-0000000" });
    const rotating = Keyring.fromSecrets({
      secret: SECRET,
      previousSecret: "the-secret-before-the-rotation-0000000",
    });
    expect(identityLookupHashes(rotating, "191212121212")).toEqual([
      identityHash(keyring, "191212121212"),
      identityHash(before, "191212121212"),
    ]);
  });

  it("status tokens are 32 random bytes; only the SHA-256 is kept", () => {
    const { token, hash } = newStatusToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(hash).toBe(statusTokenHash(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(newStatusToken().token).not.toBe(token);
  });
});
