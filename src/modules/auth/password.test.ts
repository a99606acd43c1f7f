import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { hashPassword, verifyPassword } from "./password.ts";

// Issue 12, item 8: argon2id runs in worker threads, so a sign-in's verification (tens of milliseconds of
// WebAssembly) does not stall the event loop. Measured as progress, not speed: while a verification runs,
// setImmediate callbacks keep running and a health request is answered before the verification is done.
// On the main thread, hash-wasm computes in one synchronous stretch: one tick at most, health after it.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("argon2id off the event loop", () => {
  it("hashes and verifies (a wrong password or a malformed hash verifies nothing)", async () => {
    const hash = await hashPassword("a long passphrase");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("a long passphrase", hash)).toBe(true);
    expect(await verifyPassword("another passphrase", hash)).toBe(false);
    expect(await verifyPassword("a long passphrase", "not a hash")).toBe(false);
  });

  it("keeps the event loop turning while a verification runs", async () => {
    const hash = await hashPassword("a long passphrase");
    let ticks = 0;
    let verified = false;
    let healthBeforeVerified: boolean | null = null;
    const verification = verifyPassword("a long passphrase", hash).then((ok) => {
      verified = true;
      return ok;
    });
    const health = t.app.inject({ method: "GET", url: "/api/health" }).then((response) => {
      healthBeforeVerified = !verified;
      return response.statusCode;
    });
    while (!verified) {
      await new Promise((resolve) => setImmediate(resolve));
      ticks += 1;
    }
    expect(await verification).toBe(true);
    expect(await health).toBe(200);
    expect(healthBeforeVerified).toBe(true);
    expect(ticks).toBeGreaterThan(10);
  });

  it("queues more verifications than workers and answers each", async () => {
    const hash = await hashPassword("a long passphrase");
    const answers = await Promise.all(
      ["a long passphrase", "wrong", "a long passphrase", "wrong too"].map((p) => verifyPassword(p, hash)),
    );
    expect(answers).toEqual([true, false, true, false]);
  });
});
