import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedExampleRegion, seedUser } from "../test/support/app.ts";
import { loadConfig } from "./config.ts";
import type { ServiceContext } from "./lib/context.ts";
import { systemActor } from "./modules/audit/audit.service.ts";
import { hashPassword } from "./modules/auth/password.ts";
import { addUser } from "./modules/auth/users.service.ts";
import { assertProductionReady, demoAllowed } from "./production.ts";

// Production mode (NODE_ENV=production): no demo, and no start while an account has the demo password.
const DEMO_PASSWORD = "the-demo-password";
let ctx: ServiceContext;
let close: () => Promise<void>;

beforeAll(async () => {
  const created = await createTestContext();
  ctx = created.ctx;
  close = () => created.database.close();
  await seedExampleRegion(ctx);
  await seedUser(ctx, { username: "utskott.a", role: "committee", regionCode: "22" });
});
afterAll(() => close());

const production = loadConfig({ NODE_ENV: "production", VARDNAV_SECRET: "s".repeat(32) });
const development = loadConfig({});

describe("production mode", () => {
  it("never loads the demo in production; a developer's start still does", () => {
    expect(demoAllowed(production, true)).toBe(false);
    expect(demoAllowed(development, true)).toBe(true);
    expect(demoAllowed(development, false)).toBe(false);
  });

  it("starts when no account has the demo password", async () => {
    await expect(
      assertProductionReady(ctx, production, { demoPassword: DEMO_PASSWORD }),
    ).resolves.toBeUndefined();
  });

  it("refuses to start while an account still has the demo password, naming it", async () => {
    await addUser(
      ctx,
      systemActor("test"),
      {
        username: "admin.demo",
        displayName: "x",
        password: DEMO_PASSWORD,
        role: "region_admin",
        regionCode: "22",
        unitHsaIds: [],
      },
      "test",
    );
    await expect(
      assertProductionReady(ctx, production, { demoPassword: DEMO_PASSWORD }),
    ).rejects.toThrowError(/admin\.demo.*demo password/);
    // Outside production the same database starts (the demo's accounts are meant to have it).
    await expect(
      assertProductionReady(ctx, development, { demoPassword: DEMO_PASSWORD }),
    ).resolves.toBeUndefined();
  });

  it("a disabled account with the demo password still blocks (it can be enabled again); a new password clears it", async () => {
    await ctx.db
      .updateTable("users")
      .set({ disabled_at: new Date() })
      .where("username", "=", "admin.demo")
      .execute();
    await expect(
      assertProductionReady(ctx, production, { demoPassword: DEMO_PASSWORD }),
    ).rejects.toThrowError(/admin\.demo/);
    const password_hash = await hashPassword("another long passphrase");
    await ctx.db.updateTable("users").set({ password_hash }).where("username", "=", "admin.demo").execute();
    await expect(
      assertProductionReady(ctx, production, { demoPassword: DEMO_PASSWORD }),
    ).resolves.toBeUndefined();
  });
});
