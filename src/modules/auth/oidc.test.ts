import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  seedExampleRegion,
  settableClock,
  TEST_PASSWORD,
  type TestApp,
} from "../../../test/support/app.ts";
import {
  startTestProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestProvider,
} from "../../../test/support/oidc-provider.ts";
import { systemActor } from "../audit/audit.service.ts";
import { addUser, setUserEnabled, setUserHsaId } from "./users.service.ts";

// SITHS sign-in over HTTP against a real OpenID Connect provider (oidc-provider) on a loopback port. The
// provider signs in `idp.nextAccount` without a page; the browser flow is in test/e2e/siths-sign-in.test.ts.
// This provider releases the HSA-id claim through userinfo only, so the userinfo path is the one exercised
// here; the browser test's provider puts it in the ID token.

const REDIRECT_URI = "http://127.0.0.1:3999/api/auth/oidc/callback";
const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;
let idp: TestProvider;

/** Cookie name=value pairs from Set-Cookie headers, latest value of each name. */
function cookieJar() {
  const jar = new Map<string, string>();
  return {
    take(setCookie: string[] | string | undefined) {
      for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
        const [pair] = line.split(";");
        const at = pair?.indexOf("=") ?? -1;
        if (pair && at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
      }
    },
    header: () => [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
    get: (name: string) => jar.get(name),
  };
}

/**
 * Starts a sign-in at Vårdnav and follows the provider's redirects (its auto interaction signs in
 * `account`) until the provider sends the browser back: the callback's query and Vårdnav's state cookie.
 */
async function throughProvider(account: string | null, redirect?: string) {
  const start = await t.app.inject({
    method: "GET",
    url: `/api/auth/oidc/login${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ""}`,
  });
  expect(start.statusCode).toBe(302);
  const vardnav = cookieJar();
  vardnav.take(start.headers["set-cookie"]);
  idp.nextAccount = account;
  const provider = cookieJar();
  let location = String(start.headers.location);
  for (let hop = 0; hop < 10 && !location.startsWith(REDIRECT_URI); hop++) {
    const response = await fetch(location, { redirect: "manual", headers: { cookie: provider.header() } });
    provider.take(response.headers.getSetCookie());
    const next = response.headers.get("location");
    if (!next) throw new Error(`the provider answered ${response.status} without a redirect`);
    location = new URL(next, location).href;
  }
  expect(location.startsWith(REDIRECT_URI)).toBe(true);
  return { query: new URL(location).search, stateCookie: vardnav.header(), start };
}

async function callback(query: string, cookie: string) {
  return t.app.inject({ method: "GET", url: `/api/auth/oidc/callback${query}`, headers: { cookie } });
}

async function lastAudit(action: string) {
  return t.ctx.db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  idp = await startTestProvider({ redirectUri: REDIRECT_URI, interactions: "auto" });
  t = await createTestApp({
    clock,
    config: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
      OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
      OIDC_REDIRECT_URI: REDIRECT_URI,
    },
  });
  await seedExampleRegion(t.ctx);
  const cli = systemActor("test");
  // A nurse who signs in with SITHS only: no password at all.
  await addUser(
    t.ctx,
    cli,
    {
      username: "anna.siths",
      displayName: "Anna Andersson",
      role: "staff",
      regionCode: "22",
      unitHsaIds: ["SE2321000000-E0001"],
      hsaId: "se2321000016-1003",
    },
    "test",
  );
  await addUser(
    t.ctx,
    cli,
    {
      username: "bo.disabled",
      displayName: "Bo Berg",
      role: "committee",
      regionCode: "22",
      password: TEST_PASSWORD,
    },
    "test",
  );
  await setUserHsaId(t.ctx, cli, "bo.disabled", "SE2321000016-2002", "test");
  await setUserEnabled(t.ctx, cli, "bo.disabled", false, "test");
  idp.accounts.set("anna", { hsa_id: "SE2321000016-1003", name: "Anna Andersson" });
  idp.accounts.set("bo", { hsa_id: "SE2321000016-2002", name: "Bo Berg" });
  idp.accounts.set("stranger", { hsa_id: "SE2321000016-9999", name: "Okänd Person" });
  idp.accounts.set("nohsa", { name: "Utan HSA-id" });
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

describe("SITHS sign-in (OpenID Connect) over HTTP", () => {
  it("tells the web that SITHS sign-in is on", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/meta" });
    expect(response.json()).toMatchObject({ oidcSignIn: true });
  });

  it("sends the browser to the provider with state, nonce and a PKCE S256 challenge in a sealed cookie", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/auth/oidc/login" });
    expect(response.statusCode).toBe(302);
    const url = new URL(String(response.headers.location));
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("client_id")).toBe(TEST_CLIENT_ID);
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^vardnav_oidc=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    // Sealed: neither the state nor anything else readable in the cookie.
    expect(cookie).not.toContain(String(url.searchParams.get("state")));
  });

  it("signs in the account with the person's HSA-id: session cookie, /api/auth/me, audit row method oidc", async () => {
    const { query, stateCookie } = await throughProvider("anna", "/arbetslista");
    const response = await callback(query, stateCookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/arbetslista");
    const setCookie = [response.headers["set-cookie"]].flat().join("\n");
    const session = /vardnav_session=([^;]+)/.exec(setCookie)?.[1];
    expect(session).toBeDefined();
    expect(setCookie).toMatch(/vardnav_oidc=;/);
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: `vardnav_session=${session}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: "anna.siths", displayName: "Anna Andersson" });
    const audit = await lastAudit("auth.login");
    expect(audit.actor_username).toBe("anna.siths");
    expect(audit.details).toMatchObject({ method: "oidc" });
  });

  it("refuses a callback whose state is another sign-in's (login CSRF) and one without the state cookie", async () => {
    const mine = await throughProvider("anna");
    const other = await throughProvider("anna");
    // The attacker's code and state, delivered to a browser that started its own sign-in.
    const swapped = await callback(other.query, mine.stateCookie);
    expect(swapped.statusCode).toBe(302);
    expect(swapped.headers.location).toBe("/login?oidcError=state");
    expect(String(swapped.headers["set-cookie"])).not.toContain("vardnav_session=");
    const noCookie = await callback(mine.query, "");
    expect(noCookie.headers.location).toBe("/login?oidcError=state");
    const forged = await callback(mine.query, "vardnav_oidc=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(forged.headers.location).toBe("/login?oidcError=state");
  });

  it("refuses a code that was already used", async () => {
    const { query, stateCookie } = await throughProvider("anna");
    expect((await callback(query, stateCookie)).headers.location).toBe("/");
    const again = await callback(query, stateCookie);
    expect(again.headers.location).toBe("/login?oidcError=provider");
    expect(String(again.headers["set-cookie"])).not.toContain("vardnav_session=");
  });

  it("refuses an HSA-id no account carries, and records the attempt in the access log", async () => {
    const { query, stateCookie } = await throughProvider("stranger");
    const response = await callback(query, stateCookie);
    expect(response.headers.location).toBe("/login?oidcError=unknown_account");
    expect(String(response.headers["set-cookie"])).not.toContain("vardnav_session=");
    const audit = await lastAudit("auth.login_failed");
    expect(audit.details).toMatchObject({
      method: "oidc",
      reason: "unknown_account",
      hsaId: "SE2321000016-9999",
    });
  });

  it("refuses a disabled account and records it against the account", async () => {
    const { query, stateCookie } = await throughProvider("bo");
    const response = await callback(query, stateCookie);
    expect(response.headers.location).toBe("/login?oidcError=disabled");
    const audit = await lastAudit("auth.login_failed");
    expect(audit.details).toMatchObject({ reason: "disabled", hsaId: "SE2321000016-2002" });
    expect(audit.entity_id).not.toBeNull();
  });

  it("refuses a person the provider sends without an HSA-id, and a sign-in cancelled at the provider", async () => {
    const none = await throughProvider("nohsa");
    expect((await callback(none.query, none.stateCookie)).headers.location).toBe(
      "/login?oidcError=no_hsa_id",
    );
    const cancelled = await throughProvider(null);
    expect(cancelled.query).toContain("error=access_denied");
    expect((await callback(cancelled.query, cancelled.stateCookie)).headers.location).toBe(
      "/login?oidcError=provider",
    );
  });

  it("refuses a state cookie that has expired", async () => {
    const { query, stateCookie } = await throughProvider("anna");
    clock.set("2026-03-02T07:41:00Z");
    try {
      expect((await callback(query, stateCookie)).headers.location).toBe("/login?oidcError=state");
    } finally {
      clock.set("2026-03-02T07:30:00Z");
    }
  });

  it("lands only on a path inside the web app", async () => {
    const { query, stateCookie } = await throughProvider("anna", "//evil.example/x");
    expect((await callback(query, stateCookie)).headers.location).toBe("/");
  });

  it("refuses a password sign-in to an account without a password, like a wrong password", async () => {
    const noPassword = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "anna.siths", password: "anything-at-all" },
    });
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "no.such.user", password: "anything-at-all" },
    });
    expect(noPassword.statusCode).toBe(401);
    expect(noPassword.json()).toEqual(wrong.json());
  });
});

describe("SITHS sign-in when it is not configured", () => {
  it("is off in /api/meta and its routes answer 404", async () => {
    const plain = await createTestApp();
    try {
      expect((await plain.app.inject({ method: "GET", url: "/api/meta" })).json()).toMatchObject({
        oidcSignIn: false,
      });
      const login = await plain.app.inject({ method: "GET", url: "/api/auth/oidc/login" });
      expect(login.statusCode).toBe(404);
      expect(login.json().error.code).toBe("not_found");
    } finally {
      await plain.close();
    }
  });
});

describe("accounts for SITHS sign-in", () => {
  const by = systemActor("test");
  const nurse = { role: "staff" as const, regionCode: "22", unitHsaIds: ["SE2321000000-E0001"] };

  it("needs an HSA-id for an account without a password", async () => {
    await expect(
      addUser(t.ctx, by, { username: "no.way.in", displayName: "X", ...nurse }, "test"),
    ).rejects.toThrowError("The account is not valid.");
  });

  it("keeps an HSA-id on one account only, and never takes the last way in from an account", async () => {
    await expect(setUserHsaId(t.ctx, by, "bo.disabled", "SE2321000016-1003", "test")).rejects.toThrowError(
      "The HSA-id SE2321000016-1003 belongs to the account anna.siths.",
    );
    await expect(setUserHsaId(t.ctx, by, "anna.siths", null, "test")).rejects.toThrowError(
      "anna.siths has no password",
    );
    // An account with a password may lose its HSA-id; the change is in the access log.
    await setUserHsaId(t.ctx, by, "bo.disabled", null, "test");
    const audit = await lastAudit("user.set_hsa_id");
    expect(audit.details).toMatchObject({ hsaId: null, previous: "SE2321000016-2002" });
    await setUserHsaId(t.ctx, by, "bo.disabled", "SE2321000016-2002", "test");
  });
});
