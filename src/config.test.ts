import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("configuration from the environment", () => {
  it("uses the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", LOG_LEVEL: "info", COOKIE_SECURE: false });
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
  ])("stops on %o naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrowError(`Invalid configuration: ${message}`);
  });

  it("lets --data-dir override VARDNAV_DATA_DIR", () => {
    expect(loadConfig({ VARDNAV_DATA_DIR: "/tmp/a" }, { dataDir: "/tmp/b" }).VARDNAV_DATA_DIR).toBe("/tmp/b");
  });
});
