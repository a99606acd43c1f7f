import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// Accounts for SITHS sign-in from the command line: an HSA-id on a new or an existing account, and an
// account without a password. The CLI runs in its own process, as an operator would run it.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-cli-hsa-"));

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = { ...database.env, VARDNAV_PASSWORD: undefined };
  const file = join(work, "region.json");
  writeFileSync(file, JSON.stringify(exampleRegionFile()));
  expect((await runVardnav(["region", "import", file], { env })).status).toBe(0);
});
afterAll(async () => {
  await database.close();
});

const nurse = ["--role", "staff", "--region", "22", "--unit", "SE2321000000-E0001"];

describe("vardnav user: HSA-ids and accounts without a password", () => {
  // Few processes per test: each start of the CLI costs seconds on a busy machine. The rules themselves
  // (no password needs an HSA-id, never lock an account out) are tested on the service in oidc.test.ts.
  it("adds an account with an HSA-id and no password, and lists it", async () => {
    const add = await runVardnav(
      [
        "user",
        "add",
        "--username",
        "anna.siths",
        "--name",
        "Anna A",
        ...nurse,
        "--hsa-id",
        "se2321000016-1003",
        "--no-password",
      ],
      { env },
    );
    expect(add.stderr).toBe("");
    expect(add.status).toBe(0);
    const list = await runVardnav(["user", "list", "--format", "json"], { env });
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ username: "anna.siths", hsaId: "SE2321000016-1003", passwordSignIn: false }),
    ]);
  });

  it("sets an HSA-id on an existing account and refuses one another account holds", async () => {
    const add = await runVardnav(
      [
        "user",
        "add",
        "--username",
        "cecilia",
        "--name",
        "Cecilia C",
        ...nurse,
        "--hsa-id",
        "SE2321000016-1003",
      ],
      { env, input: "ett-langt-losenord\n" },
    );
    expect(add.status).toBe(1);
    expect(add.stderr).toBe("vardnav: The HSA-id SE2321000016-1003 belongs to the account anna.siths.\n");
    const set = await runVardnav(["user", "set-hsa-id", "anna.siths", "SE2321000016-2002"], { env });
    expect(set.stderr).toBe("");
    expect(set.stdout).toBe("anna.siths signs in with SITHS as SE2321000016-2002.\n");
  });
});
