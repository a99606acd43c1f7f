import { describe, expect, it } from "vitest";
import { loadConfig, oidcConfigOf } from "./config.ts";

describe("configuration from the environment", () => {
  it("uses the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", LOG_LEVEL: "info", COOKIE_SECURE: false });
    expect(config.NOTIFY_RETRY_BASE_SECONDS).toBe(30);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.VARDNAV_DATA_DIR).toMatch(/\/data$/);
  });

  it.each([
    [{ PORT: "abc" }, 'PORT: expected a port number (got "abc")'],
    [{ PORT: "70000" }, 'PORT: expected a port between 1 and 65535 (got "70000")'],
    [
      { DATABASE_URL: "mysql://x" },
      'DATABASE_URL: expected a postgres:// or postgresql:// URL (got "mysql://x")',
    ],
    [{ COOKIE_SECURE: "maybe" }, 'COOKIE_SECURE: expected true or false (got "maybe")'],
    [{ VARDNAV_SECRET: "short" }, 'VARDNAV_SECRET: must be at least 32 characters (got "short")'],
    [{ NOTIFY_RETRY_BASE_SECONDS: "0" }, "NOTIFY_RETRY_BASE_SECONDS: "],
  ])("stops on %o naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrowError(`Invalid configuration: ${message}`);
  });

  it("lets --data-dir override VARDNAV_DATA_DIR", () => {
    expect(loadConfig({ VARDNAV_DATA_DIR: "/tmp/a" }, { dataDir: "/tmp/b" }).VARDNAV_DATA_DIR).toBe("/tmp/b");
  });

  it("production mode: VARDNAV_SECRET is required, named in the message", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrowError(
      "Invalid configuration: VARDNAV_SECRET: required when NODE_ENV=production",
    );
  });

  it("takes VARDNAV_SECRET_PREVIOUS for a rotation, only beside VARDNAV_SECRET", () => {
    const config = loadConfig({ VARDNAV_SECRET: "n".repeat(32), VARDNAV_SECRET_PREVIOUS: "o".repeat(32) });
    expect(config.VARDNAV_SECRET_PREVIOUS).toBe("o".repeat(32));
    expect(() => loadConfig({ VARDNAV_SECRET_PREVIOUS: "o".repeat(32) })).toThrowError(
      "VARDNAV_SECRET_PREVIOUS: only meaningful beside VARDNAV_SECRET",
    );
  });

  it("production mode: COOKIE_SECURE defaults to true; an explicit false is kept; development defaults to false", () => {
    const secret = "s".repeat(32);
    expect(loadConfig({ NODE_ENV: "production", VARDNAV_SECRET: secret }).COOKIE_SECURE).toBe(true);
    expect(
      loadConfig({ NODE_ENV: "production", VARDNAV_SECRET: secret, COOKIE_SECURE: "false" }).COOKIE_SECURE,
    ).toBe(false);
    expect(loadConfig({}).NODE_ENV).toBe("development");
    expect(loadConfig({ NODE_ENV: "development" }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: "true" }).COOKIE_SECURE).toBe(true);
  });

  it.each([
    ["false", false],
    ["true", true],
    ["1", 1],
    ["2", 2],
    ["10.0.0.1", ["10.0.0.1"]],
    ["10.0.0.1, 10.0.0.0/8,::1", ["10.0.0.1", "10.0.0.0/8", "::1"]],
  ])("TRUST_PROXY=%s is %o (a hop count or the proxies' addresses)", (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it("TRUST_PROXY refuses what is neither, naming it", () => {
    expect(() => loadConfig({ TRUST_PROXY: "somewhere" })).toThrowError(
      /TRUST_PROXY: expected true, false, a hop count or a comma-separated list of addresses/,
    );
  });
});

describe("SITHS sign-in (OIDC_*)", () => {
  const full = {
    OIDC_ISSUER: "https://idp.example.se/oidc",
    OIDC_CLIENT_ID: "vardnav",
    OIDC_CLIENT_SECRET: "a-client-secret",
    OIDC_REDIRECT_URI: "https://vardnav.example.se/api/auth/oidc/callback",
  };

  it("is off without any of them, on with all four, the claim name defaulting to hsa_id", () => {
    expect(oidcConfigOf(loadConfig({}))).toBeNull();
    expect(oidcConfigOf(loadConfig(full))).toEqual({
      issuer: full.OIDC_ISSUER,
      clientId: "vardnav",
      clientSecret: "a-client-secret",
      redirectUri: full.OIDC_REDIRECT_URI,
      hsaIdClaim: "hsa_id",
      scope: "openid",
      allowInsecureLoopback: false,
    });
    const inera = loadConfig({ ...full, OIDC_HSA_ID_CLAIM: "http://sambi.se/attributes/1/employeeHsaId" });
    expect(oidcConfigOf(inera)?.hsaIdClaim).toBe("http://sambi.se/attributes/1/employeeHsaId");
  });

  it("stops the start when only some are set, naming the missing ones and never echoing the secret", () => {
    const attempt = () =>
      loadConfig({ OIDC_ISSUER: full.OIDC_ISSUER, OIDC_CLIENT_SECRET: "top-secret-value" });
    expect(attempt).toThrowError(
      "OIDC_CLIENT_ID: required for SITHS sign-in, since OIDC_ISSUER, OIDC_CLIENT_SECRET are set",
    );
    expect(attempt).toThrowError("OIDC_REDIRECT_URI: required for SITHS sign-in");
    expect(attempt).not.toThrowError("top-secret-value");
  });

  it("takes plain http only from a provider on this machine, and never in production", () => {
    expect(() => loadConfig({ ...full, OIDC_ISSUER: "http://idp.example.se" })).toThrowError(
      "OIDC_ISSUER: must be an https URL (plain http only for a provider on this machine, outside production)",
    );
    const local = {
      ...full,
      OIDC_ISSUER: "http://127.0.0.1:4000",
      OIDC_REDIRECT_URI: "http://localhost:3000/api/auth/oidc/callback",
    };
    expect(oidcConfigOf(loadConfig(local))?.allowInsecureLoopback).toBe(true);
    expect(() =>
      loadConfig({ ...local, NODE_ENV: "production", VARDNAV_SECRET: "s".repeat(32) }),
    ).toThrowError("OIDC_ISSUER: must be an https URL when NODE_ENV=production");
  });
});
