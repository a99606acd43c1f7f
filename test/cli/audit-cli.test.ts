import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// The access log as an operator meets it: append-only through `vardnav db sql`, and truncation found
// by `vardnav audit verify` through the chain head kept outside the database.
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-audit-cli-"));
const headFile = join(work, "audit-head.json");

const sqlOf = async (statement: string) => runVardnav(["db", "sql", statement], { env });

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = {
    ...database.env,
    AUDIT_HEAD_FILE: headFile,
    VARDNAV_SECRET: "a-test-secret-that-is-long-enough-0123456789",
  };
  const regionFile = join(work, "region.json");
  writeFileSync(regionFile, JSON.stringify(exampleRegionFile()));
  const imported = await runVardnav(["region", "import", regionFile], { env });
  expect(imported.status).toBe(0);
}, 120_000);
afterAll(async () => {
  await database.close();
});

describe("the append-only, keyed access log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of audit_log through vardnav db sql", async () => {
    for (const statement of [
      "update audit_log set actor_username = 'someone-else'",
      "delete from audit_log",
      "truncate audit_log",
    ]) {
      const result = await sqlOf(statement);
      expect(result.status, statement).toBe(1);
      expect(result.stderr, statement).toMatch(/audit_log is append-only/);
      // The database's refusal is the answer, without the code's insides.
      expect(result.stderr, statement).not.toMatch(/\n\s+at /);
    }
    expect((await runVardnav(["audit", "verify"], { env })).status).toBe(0);
  }, 60_000);

  it("audits vardnav db sql itself, the refused statements included", async () => {
    const rows = await sqlOf(
      "select details->>'statement' as statement from audit_log where action = 'db.sql' order by id",
    );
    const statements = JSON.parse(rows.stdout).rows.map((r: { statement: string }) => r.statement);
    expect(statements).toContain("delete from audit_log");
    expect(statements).toContain("truncate audit_log");
  }, 60_000);

  it("keeps the chain head in the head file", async () => {
    expect(existsSync(headFile)).toBe(true);
    const head = JSON.parse(readFileSync(headFile, "utf8"));
    const count = JSON.parse(
      (await sqlOf("select count(*)::int as n, max(id)::text as id from audit_log")).stdout,
    ).rows[0];
    // The file was read before this select, whose own audit row is the one more.
    expect(head.rows).toBe(count.n - 1);
    expect(head.lastMac).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it("fails verification when the newest rows are deleted with the trigger disabled", async () => {
    expect((await runVardnav(["audit", "verify"], { env })).status).toBe(0);
    expect((await sqlOf("alter table audit_log disable trigger user")).status).toBe(0);
    const newest = JSON.parse((await sqlOf("select max(id)::text as id from audit_log")).stdout).rows[0].id;
    expect((await sqlOf(`delete from audit_log where id > ${BigInt(newest) - 3n}`)).status).toBe(0);
    // Every statement after the deletion is itself audited, so the chain grows again: still it must fail.
    const verify = await runVardnav(["audit", "verify", "--format", "json"], { env });
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      ok: false,
      firstBroken: { reason: expect.stringMatching(/newest rows are gone/) },
    });
  }, 60_000);

  it("fails verification when a statement deletes the newest row, its own record included", async () => {
    // A database of its own: the chain above is already broken on purpose.
    const second = await createCliDatabase(join(work, "alone"));
    const alone = { ...env, ...second.env, AUDIT_HEAD_FILE: join(work, "alone-head.json") };
    try {
      const sqlAlone = (statement: string) => runVardnav(["db", "sql", statement], { env: alone });
      expect((await sqlAlone("alter table audit_log disable trigger user")).status).toBe(0);
      expect((await runVardnav(["audit", "verify"], { env: alone })).status).toBe(0);
      const deleted = await sqlAlone("delete from audit_log where id = (select max(id) from audit_log)");
      expect(JSON.parse(deleted.stdout).affectedRows).toBe("1");
      expect((await runVardnav(["audit", "verify"], { env: alone })).status).toBe(1);
    } finally {
      await second.close();
    }
  }, 180_000);

  it("is keyed: under another VARDNAV_SECRET the chain does not verify", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "vardnav-audit-cli-key-"));
    const otherKey = {
      ...env,
      VARDNAV_SECRET: "another-secret-that-is-also-long-enough-000",
      AUDIT_HEAD_FILE: join(fresh, "h.json"),
    };
    const verify = await runVardnav(["audit", "verify"], { env: otherKey });
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/does not match its MAC/);
  }, 60_000);
});
