import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  type TestApp,
} from "../../../test/support/app.ts";
import { recordAuditNow, systemActor, verifyAuditChain } from "./audit.service.ts";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "revisor.22", role: "auditor", regionCode: "22" });
  await seedUser(t.ctx, {
    username: "nurse.kramfors",
    role: "staff",
    regionCode: "22",
    unitHsaIds: ["SE2321000000-E0001"],
  });
  for (let i = 0; i < 5; i++) {
    await recordAuditNow(t.ctx, systemActor("test"), {
      action: "test.event",
      entityType: "thing",
      entityId: String(i),
      regionCode: "22",
      purpose: "test",
      details: { b: i, a: [1, { z: "å", y: null }] },
    });
  }
});
afterAll(() => t.close());

describe("the hash-chained audit log", () => {
  it("verifies an untouched chain", async () => {
    const result = await verifyAuditChain(t.ctx);
    expect(result.ok).toBe(true);
    expect(result.firstBroken).toBeNull();
    expect(result.rowsChecked).toBeGreaterThanOrEqual(8);
  });

  it("keeps the chain intact when many writers append at once", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAuditNow(t.ctx, systemActor("test"), {
          action: "test.concurrent",
          entityType: "thing",
          entityId: String(i),
          purpose: "test",
        }),
      ),
    );
    expect((await verifyAuditChain(t.ctx)).ok).toBe(true);
  });

  it("lets an auditor read the log of their region, and refuses staff", async () => {
    const auditor = await loginAs(t.app, "revisor.22");
    const rows = await t.app.inject({
      method: "GET",
      url: "/api/audit?entityType=thing&limit=3",
      headers: { cookie: auditor.cookie },
    });
    expect(rows.statusCode).toBe(200);
    expect(rows.json()).toHaveLength(3);
    const nurse = await loginAs(t.app, "nurse.kramfors");
    expect(
      (await t.app.inject({ method: "GET", url: "/api/audit", headers: { cookie: nurse.cookie } }))
        .statusCode,
    ).toBe(403);
  });

  it("lets an auditor verify the rows of their region only", async () => {
    const auditor = await loginAs(t.app, "revisor.22");
    const response = await t.app.inject({
      method: "GET",
      url: "/api/audit/verify",
      headers: { cookie: auditor.cookie },
    });
    expect(response.statusCode).toBe(200);
    const own = await t.ctx.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("region_code", "=", "22")
      .executeTakeFirstOrThrow();
    const all = await t.ctx.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(all.n)).toBeGreaterThan(Number(own.n));
    expect(response.json()).toEqual({ ok: true, rowsChecked: Number(own.n), firstBroken: null });
  });

  it("names the first altered row", async () => {
    const target = await t.ctx.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "test.event")
      .where("entity_id", "=", "2")
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger user`.execute(t.ctx.db);
    await sql`update audit_log set details = '{"b": 999}' where id = ${target.id}`.execute(t.ctx.db);
    const result = await verifyAuditChain(t.ctx);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({
      id: String(target.id),
      reason: "its content does not match its MAC: the row was altered",
    });
  });

  it("notices a deleted row at its successor", async () => {
    const rows = await t.ctx.db.selectFrom("audit_log").select("id").orderBy("id").execute();
    const first = rows[0]?.id;
    const second = rows[1]?.id;
    await sql`delete from audit_log where id = ${first}`.execute(t.ctx.db);
    const result = await verifyAuditChain(t.ctx);
    expect(result.firstBroken?.id).toBe(String(second));
    expect(result.firstBroken?.reason).toMatch(/link to the previous row/);
  });
});
