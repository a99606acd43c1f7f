import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runVardnav } from "../support/cli.ts";

// NODE_ENV=production as an operator meets it: the start stops before opening anything.
const work = mkdtempSync(join(tmpdir(), "vardnav-production-cli-"));
const env = { NODE_ENV: "production", VARDNAV_DATA_DIR: join(work, "data"), DATABASE_URL: undefined };

describe("NODE_ENV=production", () => {
  it("serve without VARDNAV_SECRET stops, naming it", async () => {
    const result = await runVardnav(["serve"], { env: { ...env, VARDNAV_SECRET: undefined } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("VARDNAV_SECRET: required when NODE_ENV=production");
  }, 120_000);

  it("demo load is refused", async () => {
    const result = await runVardnav(["demo", "load"], { env: { ...env, VARDNAV_SECRET: "s".repeat(32) } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Demo data is never loaded with NODE_ENV=production");
  }, 120_000);
});
