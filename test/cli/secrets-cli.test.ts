import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { fixedClock, silentLogger } from "../../src/lib/context.ts";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { findContactIdsByIdentityHashes } from "../../src/modules/contacts/contacts.repository.ts";
import { acceptWebContact } from "../../src/modules/contacts/intake.service.ts";
import { identityLookupHashes, openPersonal } from "../../src/modules/contacts/personal-data.ts";
import { findTelephonySystemById } from "../../src/modules/contacts/telephony-systems.repository.ts";
import { registerTelephonySystem } from "../../src/modules/contacts/telephony-systems.service.ts";
import { openRecipient } from "../../src/modules/notifications/recipient-crypto.ts";
import { importRegionFile } from "../../src/modules/regions/regions.service.ts";
import { openRuntime, type Runtime } from "../../src/runtime.ts";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// Key rotation and the migration of the older sealing schemes, on a real database: rows are written
// in-process under one secret, the real `vardnav` re-seals them, and they are read back with another.

const OLD = "the-old-secret-of-at-least-32-characters";
const NEW = "the-new-secret-of-at-least-32-characters";
const UNIT = "SE2321000000-E0001";
const PERSON = "191212121212";
const PHONE = "0701740012";
const CLOCK = fixedClock("2026-03-02T08:00:00Z");

const databases: CliDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.close();
}, 300_000);

/** A database of its own: PostgreSQL when the run has one, else a migrated embedded data folder. */
async function freshEnv(): Promise<Record<string, string | undefined>> {
  const database = await createCliDatabase(mkdtempSync(join(tmpdir(), "vardnav-secrets-")));
  databases.push(database);
  return { ...database.env, AUDIT_HEAD_FILE: undefined };
}

async function open(
  env: Record<string, string | undefined>,
  secrets: { VARDNAV_SECRET?: string; VARDNAV_SECRET_PREVIOUS?: string },
  resealAtStart = true,
): Promise<Runtime> {
  const config = loadConfig({ ...env, ...secrets } as NodeJS.ProcessEnv);
  return openRuntime(config, { purpose: "test", logger: silentLogger, clock: CLOCK, resealAtStart });
}

async function submitContact(runtime: Runtime): Promise<string> {
  const receipt = await acceptWebContact(runtime.ctx, {
    unitHsaId: UNIT,
    identityNumber: PERSON,
    phone: PHONE,
    description: "Ont i halsen",
    newProblem: true,
    preferredWindow: "any",
  });
  return receipt.contactId;
}

async function rawContact(runtime: Runtime, id: string) {
  return runtime.ctx.db
    .selectFrom("contacts")
    .select(["identity_encrypted", "identity_hash", "phone_encrypted"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Everything a reader needs works under `runtime`'s keyring alone. */
async function expectReadable(runtime: Runtime, contactId: string, systemId: string, secret: string) {
  const { ctx } = runtime;
  const row = await rawContact(runtime, contactId);
  expect(openPersonal(ctx.keyring, "identity_encrypted", contactId, row.identity_encrypted ?? "")).toBe(
    PERSON,
  );
  expect(openPersonal(ctx.keyring, "phone_encrypted", contactId, row.phone_encrypted ?? "")).toBe(
    "+46701740012",
  );
  const found = await findContactIdsByIdentityHashes(ctx.db, "22", identityLookupHashes(ctx.keyring, PERSON));
  expect(found).toContain(contactId);
  const message = await ctx.db
    .selectFrom("outbox_messages")
    .select(["contact_id", "recipient_encrypted"])
    .where("contact_id", "=", contactId)
    .executeTakeFirstOrThrow();
  expect(openRecipient(ctx.keyring, message.contact_id, message.recipient_encrypted ?? "")).toMatchObject({
    phone: "+46701740012",
  });
  expect((await findTelephonySystemById(ctx.db, ctx.keyring, systemId))?.secret).toBe(secret);
}

describe("vardnav secrets rotate", () => {
  let env: Record<string, string | undefined>;
  let contactId: string;
  let secret: string;

  beforeAll(async () => {
    env = await freshEnv();
    const runtime = await open(env, { VARDNAV_SECRET: OLD });
    try {
      await importRegionFile(runtime.ctx, systemActor("test"), exampleRegionFile(), { purpose: "test" });
      contactId = await submitContact(runtime);
      secret = (
        await registerTelephonySystem(
          runtime.ctx,
          systemActor("test"),
          {
            id: "telia-22",
            regionCode: "22",
            name: "Telia",
          },
          "test",
        )
      ).secret;
    } finally {
      await runtime.close();
    }
  }, 300_000);

  it("refuses to run without VARDNAV_SECRET", async () => {
    const result = await runVardnav(["secrets", "rotate"], { env: { ...env, VARDNAV_SECRET: undefined } });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("VARDNAV_SECRET is not set");
  }, 120_000);

  it("re-seals every column under the new secret; afterwards the new secret alone reads and finds everything", async () => {
    // Before: the new secret alone opens nothing that was written under the old one.
    const newOnly = await open(env, { VARDNAV_SECRET: NEW });
    try {
      const row = await rawContact(newOnly, contactId);
      expect(() =>
        openPersonal(newOnly.ctx.keyring, "identity_encrypted", contactId, row.identity_encrypted ?? ""),
      ).toThrow(/neither VARDNAV_SECRET/);
      expect(
        await findContactIdsByIdentityHashes(
          newOnly.ctx.db,
          "22",
          identityLookupHashes(newOnly.ctx.keyring, PERSON),
        ),
      ).toEqual([]);
    } finally {
      await newOnly.close();
    }
    // During: with both set, reads and look-ups work before any row is re-sealed.
    const rotating = await open(env, { VARDNAV_SECRET: NEW, VARDNAV_SECRET_PREVIOUS: OLD });
    try {
      await expectReadable(rotating, contactId, "telia-22", secret);
    } finally {
      await rotating.close();
    }

    const rotated = await runVardnav(["secrets", "rotate", "--format", "json", "--batch-size", "1"], {
      env: { ...env, VARDNAV_SECRET: NEW, VARDNAV_SECRET_PREVIOUS: OLD },
    });
    expect(rotated.stderr).toContain("Remove VARDNAV_SECRET_PREVIOUS");
    expect(rotated.status).toBe(0);
    const report = JSON.parse(rotated.stdout);
    expect(report.resealed).toEqual({
      "contacts.identity_encrypted": 1,
      "contacts.identity_hash": 1,
      "contacts.phone_encrypted": 1,
      "outbox_messages.recipient_encrypted": 1,
      "telephony_systems.secret": 1,
    });
    expect(Object.values(report.unreadable)).toEqual([0, 0, 0, 0, 0]);

    // Idempotent: a second run finds nothing left.
    const again = await runVardnav(["secrets", "rotate"], {
      env: { ...env, VARDNAV_SECRET: NEW, VARDNAV_SECRET_PREVIOUS: OLD },
    });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/contacts\.identity_encrypted\s+0\s+0/);

    const after = await open(env, { VARDNAV_SECRET: NEW });
    try {
      await expectReadable(after, contactId, "telia-22", secret);
      const audited = await after.ctx.db
        .selectFrom("audit_log")
        .select(["action", "purpose"])
        .where("action", "=", "secrets.reseal")
        .execute();
      expect(audited).toEqual([{ action: "secrets.reseal", purpose: "vardnav secrets rotate" }]);
    } finally {
      await after.close();
    }
  }, 300_000);
});

// The formats of the two schemes before migration 0031, written out as the old code wrote them.
function legacySeal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}
const legacyPersonalKey = (secret: string, info: string) =>
  Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), "vardnav", info, 32));

describe("rows of the sealing schemes before migration 0031", () => {
  it("are re-sealed by the next start, with the old keys then removed from settings", async () => {
    const env = await freshEnv();
    const generated = randomBytes(32).toString("base64url");
    let contactId: string;
    let configuredId: string;
    const before = await open(env, { VARDNAV_SECRET: undefined }, false);
    try {
      const { ctx } = before;
      await importRegionFile(ctx, systemActor("test"), exampleRegionFile(), { purpose: "test" });
      contactId = await submitContact(before);
      configuredId = await submitContact(before);
      // A database that started without VARDNAV_SECRET: its contacts' key was generated into settings.
      await ctx.db
        .insertInto("settings")
        .values({ key: "personal_data_secret", value: JSON.stringify(generated) })
        .execute();
      const underGenerated = legacyPersonalKey(generated, "personal-data-encryption");
      const hashKey = legacyPersonalKey(generated, "identity-number-hash");
      await ctx.db
        .updateTable("contacts")
        .set({
          identity_encrypted: legacySeal(underGenerated, PERSON),
          identity_hash: createHmac("sha256", hashKey).update(PERSON).digest("hex"),
          phone_encrypted: legacySeal(underGenerated, "+46701740012"),
        })
        .where("id", "=", contactId)
        .execute();
      // ...and one written after VARDNAV_SECRET was configured, under the key derived from it.
      const underConfigured = legacyPersonalKey(NEW, "personal-data-encryption");
      await ctx.db
        .updateTable("contacts")
        .set({
          identity_encrypted: legacySeal(underConfigured, PERSON),
          phone_encrypted: legacySeal(underConfigured, "+46701740012"),
        })
        .where("id", "=", configuredId)
        .execute();
      // The outbox's key was generated by migration 0005 into settings.
      const material = (
        await ctx.db
          .selectFrom("settings")
          .select("value")
          .where("key", "=", "notifications.recipient_key")
          .executeTakeFirstOrThrow()
      ).value as string;
      const outboxKey = createHash("sha256").update(`vardnav-outbox:${material}`).digest();
      await ctx.db
        .updateTable("outbox_messages")
        .set({
          recipient_encrypted: legacySeal(outboxKey, JSON.stringify({ phone: "+46701740012", email: null })),
        })
        .execute();
      // Phone-system secrets were stored in clear.
      await ctx.db
        .insertInto("telephony_systems")
        .values({ id: "old-22", region_code: "22", name: "Old", secret: "a-secret-stored-in-clear" })
        .execute();
    } finally {
      await before.close();
    }

    const started = await open(env, { VARDNAV_SECRET: NEW });
    try {
      const { ctx } = started;
      await expectReadable(started, contactId, "old-22", "a-secret-stored-in-clear");
      const found = await findContactIdsByIdentityHashes(
        ctx.db,
        "22",
        identityLookupHashes(ctx.keyring, PERSON),
      );
      expect(found.sort()).toEqual([contactId, configuredId].sort());
      const configured = await rawContact(started, configuredId);
      expect(
        openPersonal(ctx.keyring, "identity_encrypted", configuredId, configured.identity_encrypted ?? ""),
      ).toBe(PERSON);
      const raw = await ctx.db
        .selectFrom("telephony_systems")
        .select("secret")
        .where("id", "=", "old-22")
        .executeTakeFirstOrThrow();
      expect(raw.secret).toMatch(/^v2\./);
      expect(raw.secret).not.toContain("a-secret-stored-in-clear");
      const settings = await ctx.db
        .selectFrom("settings")
        .select("key")
        .where("key", "in", ["personal_data_secret", "notifications.recipient_key", "sealing.reseal_pending"])
        .execute();
      expect(settings).toEqual([]);
      const audited = await ctx.db
        .selectFrom("audit_log")
        .select(["purpose", "details"])
        .where("action", "=", "secrets.reseal")
        .executeTakeFirstOrThrow();
      expect(audited.purpose).toBe("start-up: sealing migration 0031");
      expect(audited.details).toMatchObject({
        resealed: {
          "contacts.identity_encrypted": 2,
          "contacts.phone_encrypted": 2,
          "outbox_messages.recipient_encrypted": 2,
          "telephony_systems.secret": 1,
        },
      });
    } finally {
      await started.close();
    }
  }, 300_000);
});
