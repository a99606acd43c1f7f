import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedExampleRegion } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { Keyring } from "../../lib/sealing.ts";
import { systemActor } from "../audit/audit.service.ts";
import { findActiveTelephonySystem } from "./telephony-systems.repository.ts";
import { registerTelephonySystem, rotateTelephonySecret } from "./telephony-systems.service.ts";

// A phone system's signing secret must be recoverable (requests are verified with it), so it is sealed,
// not hashed, and bound to its system's row.
let ctx: ServiceContext;
let database: TestDatabase;

beforeAll(async () => {
  const created = await createTestContext();
  database = created.database;
  ctx = {
    ...created.ctx,
    keyring: Keyring.fromSecrets({ secret: "a-test-secret-that-is-long-enough-0123456789" }),
  };
  await seedExampleRegion(ctx);
});
afterAll(() => database.close());

const rawSecret = async (id: string) =>
  (
    await ctx.db
      .selectFrom("telephony_systems")
      .select("secret")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).secret;

describe("phone-system secrets", () => {
  it("are stored sealed, never in clear, and read back for verifying signatures", async () => {
    const { secret } = await registerTelephonySystem(
      ctx,
      systemActor("test"),
      { id: "telia-22", regionCode: "22", name: "Telia" },
      "test",
    );
    const stored = await rawSecret("telia-22");
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(new RegExp(`^v2\\.${ctx.keyring.keyId}\\.`));
    expect((await findActiveTelephonySystem(ctx.db, ctx.keyring, "telia-22"))?.secret).toBe(secret);

    const rotated = await rotateTelephonySecret(ctx, systemActor("test"), "telia-22", "test");
    expect(await rawSecret("telia-22")).not.toContain(rotated);
    expect((await findActiveTelephonySystem(ctx.db, ctx.keyring, "telia-22"))?.secret).toBe(rotated);
  });

  it("does not open when copied to another system's row", async () => {
    await registerTelephonySystem(
      ctx,
      systemActor("test"),
      { id: "other-22", regionCode: "22", name: "Other" },
      "test",
    );
    await ctx.db
      .updateTable("telephony_systems")
      .set({ secret: await rawSecret("telia-22") })
      .where("id", "=", "other-22")
      .execute();
    await expect(findActiveTelephonySystem(ctx.db, ctx.keyring, "other-22")).rejects.toThrow(
      /does not authenticate/,
    );
  });
});
