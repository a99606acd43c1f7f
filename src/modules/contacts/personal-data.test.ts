import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { readSetting } from "../../lib/settings.ts";
import {
  decryptText,
  encryptText,
  GENERATED_SECRET_KEY,
  identityHash,
  newStatusToken,
  personalDataKeys,
  statusTokenHash,
} from "./personal-data.ts";

let ctx: ServiceContext;
let database: TestDatabase;

beforeAll(async () => {
  ({ ctx, database } = await createTestContext());
});
afterAll(() => database.close());

describe("personal data keys", () => {
  it("without VARDNAV_SECRET a secret is generated once per database and reused", async () => {
    const first = await personalDataKeys(ctx);
    const stored = await readSetting<string>(ctx.db, GENERATED_SECRET_KEY);
    expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A second context on the same database (another process) derives the same keys from the stored secret.
    const again = await personalDataKeys({ ...ctx, db: ctx.db });
    expect(again.encryption.equals(first.encryption)).toBe(true);
    expect(first.encryption.symmetricKeySize).toBe(32);
  });

  it("encrypts with a fresh IV (same text, different ciphertext) and decrypts; tampering fails", async () => {
    const keys = await personalDataKeys(ctx);
    const a = encryptText(keys, "191212121212");
    const b = encryptText(keys, "191212121212");
    expect(a).not.toBe(b);
    expect(a).not.toContain("1212");
    expect(decryptText(keys, a)).toBe("191212121212");
    const raw = Buffer.from(a.slice(3), "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => decryptText(keys, `v1:${raw.toString("base64")}`)).toThrow();
  });

  it("the identity hash is keyed: same number same hash, another key another hash", async () => {
    const keys = await personalDataKeys(ctx);
    const other = await personalDataKeys({ ...ctx, secret: "another-secret-of-at-least-32-characters!" });
    expect(identityHash(keys, "191212121212")).toBe(identityHash(keys, "191212121212"));
    expect(identityHash(keys, "191212121212")).not.toBe(identityHash(other, "191212121212"));
  });

  it("after VARDNAV_SECRET is set, data written under the generated secret still decrypts", async () => {
    const generated = await personalDataKeys(ctx);
    const old = encryptText(generated, "+46701234567");
    const configured = await personalDataKeys({ ...ctx, secret: "configured-secret-of-at-least-32-chars" });
    expect(configured.encryption.equals(generated.encryption)).toBe(false);
    expect(decryptText(configured, old)).toBe("+46701234567");
    expect(decryptText(configured, encryptText(configured, "x"))).toBe("x");
  });

  it("status tokens are 32 random bytes; only the SHA-256 is kept", () => {
    const { token, hash } = newStatusToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(hash).toBe(statusTokenHash(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(newStatusToken().token).not.toBe(token);
  });
});
