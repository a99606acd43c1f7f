import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, seedExampleRegion, seedUser, testConfig } from "../../../test/support/app.ts";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../../config.ts";
import { restoreBackup } from "../../db/backup.ts";
import { silentLogger } from "../../lib/context.ts";
import { openRuntime, type Runtime } from "../../runtime.ts";
import { verifyAuditChain } from "../audit/audit.service.ts";
import { readAuditHead } from "../audit/audit-head.ts";

// A running server owns its embedded data folder, so it makes the backup itself when a system
// administrator asks. Always on an embedded data folder of its own, whatever database the run uses.
const work = mkdtempSync(join(tmpdir(), "vardnav-backup-http-"));
const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const configOf = (name: string) =>
  loadConfig({
    VARDNAV_DATA_DIR: join(work, name),
    AUDIT_HEAD_FILE: join(work, `${name}.head.json`),
    VARDNAV_SECRET: SECRET,
  });
let runtime: Runtime;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  runtime = await openRuntime(configOf("live"), { purpose: "test", logger: silentLogger });
  await seedExampleRegion(runtime.ctx);
  await seedUser(runtime.ctx, { username: "sysadmin", role: "system_admin", regionCode: null });
  await seedUser(runtime.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  app = await buildApp({ ctx: runtime.ctx, config: testConfig, webDistDir: null });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await runtime?.close();
});

const backup = async (username?: string) => {
  const session = username ? await loginAs(app, username) : null;
  return app.inject({
    method: "POST",
    url: "/api/system/backup",
    headers: session ? { cookie: session.cookie, "x-csrf-token": session.csrfToken } : {},
  });
};

describe("POST /api/system/backup", () => {
  it("is for system administrators only", async () => {
    expect((await backup()).statusCode).toBe(401);
    expect((await backup("admin.22")).statusCode).toBe(403);
  });

  it("returns the data folder, which restores into a database whose access log verifies", async () => {
    const response = await backup("sysadmin");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/gzip");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="vardnav-.*\.tar\.gz"$/);
    const file = join(work, "backup.tar.gz");
    writeFileSync(file, response.rawPayload);
    // The server's head at the moment of the backup (it covers the backup's own audit row).
    const head = readAuditHead(configOf("live").AUDIT_HEAD_FILE ?? "");
    expect(head).not.toBeNull();

    const restoredConfig = configOf("restored");
    await restoreBackup(restoredConfig.VARDNAV_DATA_DIR, file, undefined, new Date(0));
    const restored = await openRuntime(restoredConfig, { purpose: "test", logger: silentLogger });
    try {
      const result = await verifyAuditChain(restored.ctx, { head });
      expect(result).toEqual({ ok: true, rowsChecked: head?.rows, firstBroken: null });
      const actions = await restored.ctx.db.selectFrom("audit_log").select("action").orderBy("id").execute();
      expect(actions.at(-1)?.action).toBe("db.backup");
    } finally {
      await restored.close();
    }
  }, 120_000);
});
