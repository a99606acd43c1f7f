import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { runVardnav } from "../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

// The CLI in its own process, against this file's PostgreSQL test database when the run has one, else
// against a fresh embedded data folder.
let database: TestDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-cli-"));

beforeAll(async () => {
  database = await createTestDatabase();
  env = {
    DATABASE_URL: database.url ?? undefined,
    VARDNAV_DATA_DIR: join(work, "data"),
    VARDNAV_PASSWORD: undefined,
  };
  // Not createCliDatabase's migrated copy: on the embedded database this file's first command creates
  // the data folder and migrates it, as a region's first command does.
  if (database.kind === "pglite") await database.close();
});
afterAll(async () => {
  if (database.kind === "postgres") await database.close();
});

describe("vardnav CLI (foundation)", () => {
  it("imports a region file and reports what it did", async () => {
    const file = join(work, "region.json");
    writeFileSync(file, JSON.stringify(exampleRegionFile()));
    const result = await runVardnav(["region", "import", file, "--format", "json"], { env });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      region: { code: "22", name: "Region Västernorrland (exempel)" },
      unitsCreated: 4,
      unitsUpdated: 0,
    });
  });

  it("rejects a bad region file with JSON paths, non-zero, nothing on stdout", async () => {
    const bad = exampleRegionFile() as { region: { code: string }; units: Record<string, unknown>[] };
    bad.region.code = "2";
    (bad.units[0] as Record<string, unknown>).callbackCapacity = { slotMinutes: 0, callsPerSlot: 3 };
    const file = join(work, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const result = await runVardnav(["region", "import", file], { env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("vardnav: The region file is not valid.");
    expect(result.stderr).toContain('region.code: expected a two-digit länskod as text, e.g. "22"');
    expect(result.stderr).toContain("units[0].callbackCapacity.slotMinutes:");
  });

  it("adds, lists and disables users", async () => {
    const add = await runVardnav(
      [
        "user",
        "add",
        "--username",
        "ssk.kramfors",
        "--name",
        "Sara Sköterska",
        "--role",
        "staff",
        "--region",
        "22",
        "--unit",
        "SE2321000000-E0001",
      ],
      { env, input: "ett-langt-losenord\n" },
    );
    expect(add.stderr).toBe("");
    expect(add.stdout).toBe("Created ssk.kramfors (staff).\n");
    const list = await runVardnav(["user", "list", "--format", "json"], { env });
    expect(JSON.parse(list.stdout)).toEqual([
      {
        id: expect.any(Number),
        username: "ssk.kramfors",
        displayName: "Sara Sköterska",
        role: "staff",
        regionCode: "22",
        disabled: false,
        hsaId: null,
        passwordSignIn: true,
      },
    ]);
    const disable = await runVardnav(["user", "disable", "ssk.kramfors"], { env });
    expect(disable.status).toBe(0);
    const missing = await runVardnav(["user", "disable", "nobody"], { env });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe("vardnav: No account named nobody.\n");
  });

  it("verifies the audit log, and names the row after it is altered in SQL", async () => {
    const ok = await runVardnav(["audit", "verify"], { env });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Audit log intact: \d+ rows verified\.\n$/);
    const target = await runVardnav(
      ["db", "sql", "select min(id) as id from audit_log where action = 'user.add'"],
      { env },
    );
    const id = String(JSON.parse(target.stdout).rows[0].id);
    // The table is append-only: only someone who can disable its triggers can alter a row.
    expect(
      (await runVardnav(["db", "sql", "alter table audit_log disable trigger user"], { env })).status,
    ).toBe(0);
    const tamper = await runVardnav(
      ["db", "sql", `update audit_log set actor_username = 'someone-else' where id = ${id}`],
      { env },
    );
    expect(tamper.status).toBe(0);
    const broken = await runVardnav(["audit", "verify", "--format", "json"], { env });
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      firstBroken: { id, reason: expect.stringMatching(/altered/) },
    });
  });
});
