import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";

const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, {
    username: "nurse.kramfors",
    role: "staff",
    regionCode: "22",
    unitHsaIds: ["SE2321000000-E0001"],
  });
  await seedUser(t.ctx, {
    username: "nurse.sundsvall",
    role: "staff",
    regionCode: "22",
    unitHsaIds: ["SE5560001230-E0003"],
  });
  await seedUser(t.ctx, { username: "locked.out", role: "committee", regionCode: "22" });
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
});
afterAll(() => t.close());

describe("sign-in", () => {
  it("signs in with the right password and sets an HttpOnly, SameSite session cookie", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "nurse.kramfors", password: "correct-horse-battery" },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^vardnav_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = response.json();
    expect(body.user).toMatchObject({
      username: "nurse.kramfors",
      role: "staff",
      regionCode: "22",
      unitHsaIds: ["SE2321000000-E0001"],
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it("answers a wrong password with a specific 401 and no session", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "nurse.kramfors", password: "wrong-password" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: "invalid_credentials", message: "Wrong username or password.", details: null },
    });
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  it("throttles after five failures within the window and says when to retry", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "locked.out", password: "nope-nope-nope" },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "locked.out", password: "correct-horse-battery" },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("too_many_attempts");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // After the lockout window the right password works again.
    clock.set("2026-03-02T07:46:00Z");
    const again = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "locked.out", password: "correct-horse-battery" },
    });
    expect(again.statusCode).toBe(200);
    clock.set("2026-03-02T07:30:00Z");
  });

  it("needs a session for /api/auth/me and returns the user with one", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me" })).json().error.code).toBe(
      "unauthenticated",
    );
    const session = await loginAs(t.app, "nurse.kramfors");
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: session.cookie },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe("nurse.kramfors");
  });

  it("rejects a cookie-authenticated write without the CSRF token", async () => {
    const session = await loginAs(t.app, "nurse.kramfors");
    const noToken = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: session.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("csrf_failed");
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
    });
    expect(ok.statusCode).toBe(204);
    const after = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: session.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it("ends a disabled user's sessions and refuses their sign-in", async () => {
    await seedUser(t.ctx, {
      username: "leaving.nurse",
      role: "staff",
      regionCode: "22",
      unitHsaIds: ["SE2321000000-E0001"],
    });
    const session = await loginAs(t.app, "leaving.nurse");
    const admin = await loginAs(t.app, "admin.22");
    const disable = await t.app.inject({
      method: "POST",
      url: "/api/users/leaving.nurse/disable",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
    });
    expect(disable.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
    const relogin = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "leaving.nurse", password: "correct-horse-battery" },
    });
    expect(relogin.statusCode).toBe(403);
    expect(relogin.json().error.code).toBe("account_disabled");
  });
});

describe("account administration", () => {
  it("lets a region admin create staff in their own region only", async () => {
    const admin = await loginAs(t.app, "admin.22");
    const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrfToken };
    const created = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers,
      payload: {
        username: "new.nurse",
        displayName: "Ny Sköterska",
        password: "long-enough-pw",
        role: "staff",
        regionCode: "22",
        unitHsaIds: ["SE2321000000-E0002"],
      },
    });
    expect(created.statusCode).toBe(201);
    const otherRegion = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers,
      payload: {
        username: "x.y",
        displayName: "X",
        password: "long-enough-pw",
        role: "committee",
        regionCode: "24",
      },
    });
    expect(otherRegion.statusCode).toBe(403);
    const invalid = await t.app.inject({
      method: "POST",
      url: "/api/users",
      headers,
      payload: {
        username: "Bad Name!",
        displayName: "",
        password: "short",
        role: "staff",
        regionCode: "22",
        unitHsaIds: [],
      },
    });
    expect(invalid.statusCode).toBe(400);
    const paths = invalid.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["body.username", "body.displayName", "body.password"]));
  });

  it("refuses account administration to staff", async () => {
    const nurse = await loginAs(t.app, "nurse.kramfors");
    const response = await t.app.inject({
      method: "GET",
      url: "/api/users",
      headers: { cookie: nurse.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("forbidden");
  });
});

describe("a secure cookie (production)", () => {
  it("is named with the __Host- prefix, Secure, Path=/ and no Domain, and authenticates", async () => {
    const { buildApp } = await import("../../app.ts");
    const { testConfig } = await import("../../../test/support/app.ts");
    const app = await buildApp({
      ctx: t.ctx,
      config: { ...testConfig, COOKIE_SECURE: true },
      webDistDir: null,
    });
    try {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "nurse.kramfors", password: "correct-horse-battery" },
      });
      expect(response.statusCode).toBe(200);
      const cookie = String(response.headers["set-cookie"]);
      expect(cookie).toMatch(/^__Host-vardnav_session=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      const pair = cookie.split(";")[0] ?? "";
      const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: pair } });
      expect(me.statusCode).toBe(200);
      // The unprefixed name is not read by a secure server: a cookie planted by a sibling subdomain is ignored.
      const planted = pair.replace("__Host-", "");
      const refused = await app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: planted } });
      expect(refused.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe("session lifetime", () => {
  it("ends a session 24 hours after sign-in however active it is (absolute lifetime beside the sliding one)", async () => {
    clock.set("2026-03-10T06:00:00Z");
    const session = await loginAs(t.app, "nurse.kramfors");
    const me = () =>
      t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
    // Active every two hours: the sliding 12 hours never run out.
    for (let hour = 2; hour < 24; hour += 2) {
      clock.set(Temporal.Instant.from("2026-03-10T06:00:00Z").add({ hours: hour }).toString());
      expect((await me()).statusCode).toBe(200);
    }
    clock.set("2026-03-11T05:59:59Z");
    expect((await me()).statusCode).toBe(200);
    clock.set("2026-03-11T06:00:00Z");
    expect((await me()).statusCode).toBe(401);
  });
});

describe("CSRF token comparison", () => {
  it("refuses a wrong token of the same length and of another length alike", async () => {
    clock.set("2026-03-12T08:00:00Z");
    const session = await loginAs(t.app, "nurse.kramfors");
    const wrong = session.csrfToken.replace(/^./, (c) => (c === "a" ? "b" : "a"));
    for (const token of [wrong, `${session.csrfToken}x`, ""]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { cookie: session.cookie, "x-csrf-token": token },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("csrf_failed");
    }
  });
});
