import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// `vardnav telephony` in its own process: the secret alone on stdout (so a script can capture it), the
// list without secrets, rotate and disable.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-telephony-cli-"));
const SECRET_LINE = /^[A-Za-z0-9_-]{43}\n$/;

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  const region = join(work, "region.json");
  writeFileSync(region, JSON.stringify(exampleRegionFile()));
  expect((await runVardnav(["region", "import", region], { env })).status).toBe(0);
}, 300_000);
afterAll(async () => {
  await database.close();
}, 300_000);

describe("vardnav telephony", () => {
  it("add prints the new secret alone on stdout; list shows the system without it", async () => {
    const added = await runVardnav(
      ["telephony", "add", "--region", "22", "--id", "telia-22", "--name", "Telia Touchpoint"],
      { env },
    );
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(SECRET_LINE);
    expect(added.stderr).toContain("Registered telia-22");
    const secret = added.stdout.trim();

    const again = await runVardnav(
      ["telephony", "add", "--region", "22", "--id", "telia-22", "--name", "X"],
      {
        env,
      },
    );
    expect(again.status).not.toBe(0);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("telia-22 already exists");

    const list = await runVardnav(["telephony", "list", "--format", "json"], { env });
    expect(list.status).toBe(0);
    expect(list.stdout).not.toContain(secret);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        id: "telia-22",
        regionCode: "22",
        name: "Telia Touchpoint",
        disabled: false,
        unversionedSignature: false,
        secretRotatedAt: null,
      }),
    ]);
  }, 300_000);

  it("rotate prints a different secret; disable marks the system disabled", async () => {
    const rotated = await runVardnav(["telephony", "rotate", "telia-22"], { env });
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(SECRET_LINE);
    const disabled = await runVardnav(["telephony", "disable", "telia-22"], { env });
    expect(disabled.status).toBe(0);
    expect(disabled.stdout).toBe("");
    const list = await runVardnav(["telephony", "list", "--format", "json"], { env });
    const [system] = JSON.parse(list.stdout);
    expect(system.disabled).toBe(true);
    expect(system.secretRotatedAt).not.toBeNull();
    const unknown = await runVardnav(["telephony", "rotate", "nope"], { env });
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("No phone system nope");
  }, 300_000);
});
