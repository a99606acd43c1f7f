import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { runVardnav } from "../support/cli.ts";

// Backups are of the embedded database: this file runs the CLI on a data folder of its own even when the
// test run has a PostgreSQL database.
const work = mkdtempSync(join(tmpdir(), "vardnav-backup-cli-"));
const dataDir = join(work, "data");
const env = {
  DATABASE_URL: undefined,
  VARDNAV_DATA_DIR: dataDir,
  VARDNAV_SECRET: "a-test-secret-that-is-long-enough-0123456789",
};
const backupFile = join(work, "vardnav.backup.tar.gz");
const run = (args: string[]) => runVardnav(args, { env });
const countRegions = async () =>
  JSON.parse((await run(["db", "sql", "select count(*)::int as n from regions"])).stdout).rows[0].n;

beforeAll(async () => {
  const regionFile = join(work, "region.json");
  writeFileSync(regionFile, JSON.stringify(exampleRegionFile()));
  expect((await run(["region", "import", regionFile])).status).toBe(0);
}, 120_000);

describe("vardnav backup and restore", () => {
  it("backs up, restores over a changed database (kept aside), and the access log verifies", async () => {
    const backup = await run(["backup", backupFile]);
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(existsSync(backupFile)).toBe(true);
    expect(existsSync(`${backupFile}.audit-head.json`)).toBe(true);
    expect(await countRegions()).toBe(1);

    // A change after the backup: the restore brings the database back to before it.
    expect(
      (await run(["db", "sql", "insert into regions (code, name) values ('99', 'Testregion')"])).status,
    ).toBe(0);
    expect(await countRegions()).toBe(2);

    const restore = await run(["restore", backupFile]);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(
      /^Restored .* \(the database that was there is kept at .*pgdata\.replaced-/,
    );
    expect(readdirSync(dataDir).filter((name) => name.startsWith("pgdata.replaced-"))).toHaveLength(1);
    expect(await countRegions()).toBe(1);

    const verify = await run(["audit", "verify"]);
    expect(verify.stdout).toMatch(/^Audit log intact: \d+ rows verified\.\n$/);
    expect(verify.status).toBe(0);
  }, 180_000);

  it("refuses to restore into a data folder in use", async () => {
    writeFileSync(
      join(dataDir, "vardnav.lock"),
      JSON.stringify({ pid: process.pid, purpose: "server", since: new Date().toISOString() }),
    );
    const restore = await run(["restore", backupFile]);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/is in use by another Vårdnav process \(pid \d+, server/);
  }, 60_000);
});
