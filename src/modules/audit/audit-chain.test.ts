import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { deriveKey, Keyring } from "../../lib/sealing.ts";
import { computeAuditHash, recordAuditNow, systemActor, verifyAuditChain } from "./audit.service.ts";
import { AuditHeadKeeper } from "./audit-head.ts";

let ctx: ServiceContext;
let database: TestDatabase;
let keeper: AuditHeadKeeper;

const append = (i: number) =>
  recordAuditNow(ctx, systemActor("test"), {
    action: "test.event",
    entityType: "thing",
    entityId: String(i),
    regionCode: "22",
    purpose: "test",
  });

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const OTHER_SECRET = "another-secret-long-enough-000000000";
const keyringOf = (secret: string, previousSecret?: string) =>
  Keyring.fromSecrets({ secret, previousSecret });

beforeAll(async () => {
  const created = await createTestContext();
  database = created.database;
  keeper = new AuditHeadKeeper(
    created.ctx.db,
    join(mkdtempSync(join(tmpdir(), "vardnav-audit-head-")), "head.json"),
    created.ctx.logger,
  );
  ctx = { ...created.ctx, keyring: keyringOf(SECRET), auditHead: keeper };
  for (let i = 0; i < 6; i++) await append(i);
});
afterAll(() => database.close());

describe("the access log in the database", () => {
  it.each([
    ["update", sql`update audit_log set purpose = 'changed'`],
    ["delete", sql`delete from audit_log`],
    ["truncate", sql`truncate audit_log`],
  ])("refuses %s", async (_name, statement) => {
    await expect(statement.execute(ctx.db)).rejects.toThrow(/audit_log is append-only/);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });
});

describe("the keyed chain", () => {
  it("keys every new row: the MAC is an HMAC under the secret, not a plain hash anyone can recompute", async () => {
    const row = await ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row.mac_scheme).toBe("hmac-sha256");
    const fields = {
      at: row.at,
      region_code: row.region_code,
      actor_user_id: row.actor_user_id,
      actor_username: row.actor_username,
      actor_role: row.actor_role,
      action: row.action,
      entity_type: row.entity_type,
      entity_id: row.entity_id,
      purpose: row.purpose,
      details: row.details,
    };
    expect(row.hash).toBe(
      computeAuditHash(row.prev_hash, fields, "hmac-sha256", deriveKey(SECRET, "audit-log-chain")),
    );
    expect(row.hash).not.toBe(computeAuditHash(row.prev_hash, fields, "sha256"));
    expect(row.hash).not.toBe(
      computeAuditHash(row.prev_hash, fields, "hmac-sha256", deriveKey(OTHER_SECRET, "audit-log-chain")),
    );
    const underOtherKey = await verifyAuditChain({ ...ctx, keyring: keyringOf(OTHER_SECRET) });
    expect(underOtherKey.ok).toBe(false);
  });

  it("keeps the head (row count and last MAC) in its file", async () => {
    const result = await verifyAuditChain(ctx);
    expect(result).toEqual({ ok: true, rowsChecked: 6, firstBroken: null });
    const head = JSON.parse(readFileSync(keeper.file, "utf8"));
    const last = await ctx.db
      .selectFrom("audit_log")
      .select(["id", "hash"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(head).toEqual({ rows: 6, lastId: String(last.id), lastMac: last.hash });
  });

  it("an auditor verifies their region: only its rows counted, a broken row of another region not named", async () => {
    await recordAuditNow(ctx, systemActor("test"), {
      action: "test.event",
      entityType: "thing",
      entityId: "other",
      regionCode: "24",
      purpose: "test",
    });
    expect(await verifyAuditChain(ctx, { regionCode: "22" })).toEqual({
      ok: true,
      rowsChecked: 6,
      firstBroken: null,
    });
    expect(await verifyAuditChain(ctx, { regionCode: "24" })).toMatchObject({ ok: true, rowsChecked: 1 });
    await sql`alter table audit_log disable trigger user`.execute(ctx.db);
    await sql`update audit_log set purpose = 'changed' where region_code = '24'`.execute(ctx.db);
    const forOther = await verifyAuditChain(ctx, { regionCode: "22" });
    expect(forOther.ok).toBe(false);
    expect(forOther.firstBroken).toEqual({
      id: "(outside your region)",
      reason: "its content does not match its MAC: the row was altered",
    });
    await sql`update audit_log set purpose = 'test' where region_code = '24'`.execute(ctx.db);
    await sql`alter table audit_log enable trigger user`.execute(ctx.db);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });

  it("fails when the newest rows are deleted with the trigger disabled, and keeps failing after new rows", async () => {
    await keeper.flush();
    await sql`alter table audit_log disable trigger user`.execute(ctx.db);
    await sql`delete from audit_log where id in (select id from audit_log order by id desc limit 2)`.execute(
      ctx.db,
    );
    await sql`alter table audit_log enable trigger user`.execute(ctx.db);
    const truncated = await verifyAuditChain(ctx);
    expect(truncated.ok).toBe(false);
    expect(truncated.rowsChecked).toBe(5);
    expect(truncated.firstBroken?.reason).toBe(
      "the newest rows are gone: the chain head kept outside the database records 7 rows, the table holds 5",
    );
    // A fresh keeper (a restarted process) finds its predecessor's head no longer in the chain and keeps
    // the file as evidence instead of overwriting it.
    const restarted = new AuditHeadKeeper(ctx.db, keeper.file, ctx.logger);
    await append(100);
    await restarted.flush();
    expect(JSON.parse(readFileSync(keeper.file, "utf8")).rows).toBe(7);
    expect((await verifyAuditChain({ ...ctx, auditHead: restarted })).ok).toBe(false);
  });
});

describe("the chain across a rotation of VARDNAV_SECRET", () => {
  it("verifies rows keyed before the rotation under VARDNAV_SECRET_PREVIOUS, never an old-key row after a new one", async () => {
    const own = await createTestContext();
    try {
      const under = (keyring: Keyring) => ({ ...own.ctx, keyring });
      const entry = (i: number) => ({
        action: "test.event",
        entityType: "thing",
        entityId: String(i),
        purpose: "test",
      });
      for (let i = 0; i < 3; i++)
        await recordAuditNow(under(keyringOf(OTHER_SECRET)), systemActor("test"), entry(i));
      const rotating = keyringOf(SECRET, OTHER_SECRET);
      for (let i = 3; i < 5; i++) await recordAuditNow(under(rotating), systemActor("test"), entry(i));
      expect(await verifyAuditChain(under(rotating), { head: null })).toEqual({
        ok: true,
        rowsChecked: 5,
        firstBroken: null,
      });
      // Without the previous secret the rows from before the rotation cannot be checked: keep it to verify them.
      expect((await verifyAuditChain(under(keyringOf(SECRET)), { head: null })).ok).toBe(false);
      // Someone holding only the old (perhaps leaked) secret cannot append after the rotation.
      await recordAuditNow(under(keyringOf(OTHER_SECRET)), systemActor("test"), entry(5));
      const forged = await verifyAuditChain(under(rotating), { head: null });
      expect(forged).toMatchObject({ ok: false, rowsChecked: 5 });
    } finally {
      await own.database.close();
    }
  });
});
