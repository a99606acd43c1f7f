import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  TEST_PASSWORD,
  type TestApp,
} from "../../../test/support/app.ts";

// Issue 12, item 8: a user changes their own password (current + new, CSRF as every write); the new one
// must pass zxcvbn (score ≥ 3, the account's names as user inputs) and must not be a published password.
// Accounts an administrator creates must change the password at their first sign-in: until then the server
// opens only the session, the change and sign-out. Seeded accounts (demo, tests) are not forced.

const KRAMFORS = "SE2321000000-E0001";
const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;
const STRONG = "tulpan-ekorre-granit-47";

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  for (const username of ["anna.svensson", "nurse.b", "nurse.c", "oidc.user"]) {
    await seedUser(t.ctx, { username, role: "staff", regionCode: "22", unitHsaIds: [KRAMFORS] });
  }
});
afterAll(() => t.close());

function change(
  session: { cookie: string; csrfToken: string } | null,
  body: Record<string, unknown>,
  csrf = true,
) {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/password",
    headers: session
      ? { cookie: session.cookie, ...(csrf ? { "x-csrf-token": session.csrfToken } : {}) }
      : {},
    payload: body,
  });
}

describe("changing one's password", () => {
  it("needs a session and the CSRF token", async () => {
    expect((await change(null, { currentPassword: TEST_PASSWORD, newPassword: STRONG })).statusCode).toBe(
      401,
    );
    const s = await loginAs(t.app, "nurse.b");
    const response = await change(s, { currentPassword: TEST_PASSWORD, newPassword: STRONG }, false);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf_failed");
  });

  it("refuses a wrong current password, and weak, personal or published new ones", async () => {
    const s = await loginAs(t.app, "anna.svensson");
    const wrong = await change(s, { currentPassword: "not it at all", newPassword: STRONG });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("invalid_credentials");
    for (const [newPassword, reason] of [
      ["short", "too_short"],
      ["Password123!", "too_weak"],
      ["anna.svensson2026", "too_weak"],
      ["vardnav-demo", "known"],
      [TEST_PASSWORD, "known"],
    ] as const) {
      const response = await change(s, { currentPassword: TEST_PASSWORD, newPassword });
      expect(response.statusCode, newPassword).toBe(400);
      expect(response.json().error.details.reason, newPassword).toBe(reason);
    }
    // Nothing changed: the old password still signs in.
    await loginAs(t.app, "anna.svensson");
  });

  it("changes it, keeps this session and ends the account's other sessions", async () => {
    const here = await loginAs(t.app, "nurse.c");
    const elsewhere = await loginAs(t.app, "nurse.c");
    const response = await change(here, { currentPassword: TEST_PASSWORD, newPassword: STRONG });
    expect(response.statusCode).toBe(204);
    const me = (s: { cookie: string }) =>
      t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } });
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    await expect(loginAs(t.app, "nurse.c")).rejects.toThrow(/401/);
    await loginAs(t.app, "nurse.c", STRONG);
    const audit = await t.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "auth.password_change")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("is refused with a clear error for an account without a password (identity provider)", async () => {
    const s = await loginAs(t.app, "oidc.user");
    await t.ctx.db
      .updateTable("users")
      .set({ password_hash: "" })
      .where("username", "=", "oidc.user")
      .execute();
    const response = await change(s, { currentPassword: TEST_PASSWORD, newPassword: STRONG });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/identity provider/);
  });
});

describe("an account created by an administrator", () => {
  it("must change the password at its first sign-in before reaching anything else", async () => {
    const admin = await loginAs(t.app, "admin.22");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
      payload: {
        username: "new.nurse",
        displayName: "Ny Sköterska",
        password: "given-by-admin-1",
        role: "staff",
        regionCode: "22",
        unitHsaIds: [KRAMFORS],
      },
    });
    expect(created.statusCode).toBe(201);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "new.nurse", password: "given-by-admin-1" },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
    const s = await loginAs(t.app, "new.nurse", "given-by-admin-1");
    const worklist = () =>
      t.app.inject({ method: "GET", url: `/api/worklist?unit=${KRAMFORS}`, headers: { cookie: s.cookie } });
    const blocked = await worklist();
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("password_change_required");
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);

    expect((await change(s, { currentPassword: "given-by-admin-1", newPassword: STRONG })).statusCode).toBe(
      204,
    );
    expect((await worklist()).statusCode).toBe(200);
    const after = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } });
    expect(after.json().mustChangePassword).toBe(false);
  });

  it("does not apply to seeded accounts (demo, tests)", async () => {
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "admin.22", password: TEST_PASSWORD },
    });
    expect(login.json().mustChangePassword).toBe(false);
  });
});
