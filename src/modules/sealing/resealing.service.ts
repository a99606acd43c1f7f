import type { ServiceContext } from "../../lib/context.ts";
import { isSealed, type SealedAt, type SealPurpose } from "../../lib/sealing.ts";
import { recordAuditNow, systemActor } from "../audit/audit.service.ts";
import { contactSealedAt, identityHash, sealPersonal } from "../contacts/personal-data.ts";
import { sealTelephonySecret, telephonySecretSealedAt } from "../contacts/telephony-systems.repository.ts";
import { recipientSealedAt } from "../notifications/recipient-crypto.ts";
import {
  isLegacySealed,
  LEGACY_PERSONAL_DATA_SETTING,
  LEGACY_RECIPIENT_KEY_SETTING,
  type LegacyKeys,
  loadLegacyKeys,
  openLegacy,
} from "./legacy-seals.ts";
import {
  type ContactSeals,
  contactsToReseal,
  deleteSettings,
  hasSetting,
  outboxToReseal,
  telephonyToReseal,
  updateContactSeals,
  updateOutboxSeal,
  updateTelephonySeal,
} from "./resealing.repository.ts";

// Brings every sealed column under the keyring's current generation: values of the previous generation
// (VARDNAV_SECRET_PREVIOUS), of the two schemes before migration 0031, and phone-system secrets kept in
// clear. Blind indexes are recomputed from the opened identity number. Idempotent: a second pass finds
// nothing. Run by `vardnav secrets rotate`, and at start-up while migration 0031's marker is set.

/** Set by migration 0031; removed once a pass leaves nothing unreadable. */
export const RESEAL_PENDING_SETTING = "sealing.reseal_pending";

export const SEALED_COLUMNS = [
  "contacts.identity_encrypted",
  "contacts.identity_hash",
  "contacts.phone_encrypted",
  "outbox_messages.recipient_encrypted",
  "telephony_systems.secret",
] as const;
export type SealedColumn = (typeof SEALED_COLUMNS)[number];

export interface ResealReport {
  /** Values re-sealed (or, for identity_hash, recomputed) per table.column. */
  resealed: Record<SealedColumn, number>;
  /** Values no key opens (another secret, or altered): left as they are, and the old keys are kept. */
  unreadable: Record<SealedColumn, number>;
  /** Whether the old schemes' keys and migration 0031's marker were removed from `settings`. */
  legacyKeysRemoved: boolean;
}

const zero = () => Object.fromEntries(SEALED_COLUMNS.map((c) => [c, 0])) as Record<SealedColumn, number>;

/** The plaintext of a stored value of any scheme, or null when no key opens it. */
function openAny(
  ctx: ServiceContext,
  purpose: SealPurpose,
  stored: string,
  at: SealedAt,
  legacyKeys: readonly Parameters<typeof openLegacy>[0][number][],
): string | null {
  if (isSealed(stored)) {
    try {
      return ctx.keyring.open(purpose, stored, at);
    } catch {
      return null;
    }
  }
  if (isLegacySealed(stored)) return openLegacy(legacyKeys, stored);
  return null;
}

async function resealContacts(
  ctx: ServiceContext,
  legacy: LegacyKeys,
  batchSize: number,
  report: ResealReport,
) {
  let after: string | null = null;
  for (;;) {
    const rows: ContactSeals[] = await contactsToReseal(ctx.db, ctx.keyring.keyId, after, batchSize);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.id ?? after;
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        let { identity_encrypted, identity_hash, phone_encrypted } = row;
        let changed = false;
        if (identity_encrypted !== null && ctx.keyring.needsReseal(identity_encrypted)) {
          const plain = openAny(
            ctx,
            "contact-personal-data",
            identity_encrypted,
            contactSealedAt("identity_encrypted", row.id),
            legacy.personalData,
          );
          if (plain === null) report.unreadable["contacts.identity_encrypted"] += 1;
          else {
            identity_encrypted = sealPersonal(ctx.keyring, "identity_encrypted", row.id, plain);
            identity_hash = identityHash(ctx.keyring, plain);
            changed = true;
          }
        }
        if (phone_encrypted !== null && ctx.keyring.needsReseal(phone_encrypted)) {
          const plain = openAny(
            ctx,
            "contact-personal-data",
            phone_encrypted,
            contactSealedAt("phone_encrypted", row.id),
            legacy.personalData,
          );
          if (plain === null) report.unreadable["contacts.phone_encrypted"] += 1;
          else {
            phone_encrypted = sealPersonal(ctx.keyring, "phone_encrypted", row.id, plain);
            changed = true;
          }
        }
        if (!changed) continue;
        if (await updateContactSeals(trx, row, { identity_encrypted, identity_hash, phone_encrypted })) {
          if (identity_encrypted !== row.identity_encrypted) {
            report.resealed["contacts.identity_encrypted"] += 1;
            if (identity_hash !== row.identity_hash) report.resealed["contacts.identity_hash"] += 1;
          }
          if (phone_encrypted !== row.phone_encrypted) report.resealed["contacts.phone_encrypted"] += 1;
        }
      }
    });
  }
}

async function resealOutbox(
  ctx: ServiceContext,
  legacy: LegacyKeys,
  batchSize: number,
  report: ResealReport,
) {
  let after = 0n;
  for (;;) {
    const rows = await outboxToReseal(ctx.db, ctx.keyring.keyId, after, batchSize);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.id ?? after;
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const at = recipientSealedAt(row.contact_id);
        const plain = openAny(
          ctx,
          "outbox-recipient",
          row.recipient_encrypted,
          at,
          legacy.recipient ? [legacy.recipient] : [],
        );
        if (plain === null) {
          report.unreadable["outbox_messages.recipient_encrypted"] += 1;
          continue;
        }
        const next = ctx.keyring.seal("outbox-recipient", plain, at);
        if (await updateOutboxSeal(trx, row, next))
          report.resealed["outbox_messages.recipient_encrypted"] += 1;
      }
    });
  }
}

async function resealTelephony(ctx: ServiceContext, report: ResealReport) {
  const rows = await telephonyToReseal(ctx.db, ctx.keyring.keyId);
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      // Before migration 0031 the secret was stored as it is: a stored value that is no envelope is one.
      const plain = isSealed(row.secret)
        ? openAny(ctx, "telephony-secret", row.secret, telephonySecretSealedAt(row.id), [])
        : row.secret;
      if (plain === null) {
        report.unreadable["telephony_systems.secret"] += 1;
        continue;
      }
      const next = sealTelephonySecret(ctx.keyring, row.id, plain);
      if (await updateTelephonySeal(trx, row, next)) report.resealed["telephony_systems.secret"] += 1;
    }
  });
}

/**
 * Re-seals every sealed column under the current key generation, in batches, and recomputes the blind
 * indexes. When nothing is left unreadable, the old schemes' keys and migration 0031's marker are removed
 * from `settings`. Audited (as `secrets.reseal`, with the counts) when it changed anything.
 */
export async function resealAll(
  ctx: ServiceContext,
  options: { purpose: string; batchSize?: number },
): Promise<ResealReport> {
  const batchSize = options.batchSize ?? 500;
  const legacy = await loadLegacyKeys(ctx.db, ctx.keyring.legacyPersonalDataKeys());
  const report: ResealReport = { resealed: zero(), unreadable: zero(), legacyKeysRemoved: false };
  await resealContacts(ctx, legacy, batchSize, report);
  await resealOutbox(ctx, legacy, batchSize, report);
  await resealTelephony(ctx, report);
  if (Object.values(report.unreadable).every((n) => n === 0)) {
    await deleteSettings(ctx.db, [
      LEGACY_PERSONAL_DATA_SETTING,
      LEGACY_RECIPIENT_KEY_SETTING,
      RESEAL_PENDING_SETTING,
    ]);
    report.legacyKeysRemoved = true;
  }
  if (Object.values(report.resealed).some((n) => n > 0)) {
    await recordAuditNow(ctx, systemActor("sealing"), {
      action: "secrets.reseal",
      entityType: "sealed_columns",
      purpose: options.purpose,
      details: { keyId: ctx.keyring.keyId, resealed: report.resealed, unreadable: report.unreadable },
    });
  }
  return report;
}

/**
 * At start-up: while migration 0031's marker is set, the rows of the older schemes are re-sealed before
 * anything reads them (a one-time pass; the data of a region's pilot is small). Without the marker this
 * costs one settings look-up.
 */
export async function resealPendingAtStart(ctx: ServiceContext): Promise<ResealReport | null> {
  if (!(await hasSetting(ctx.db, RESEAL_PENDING_SETTING))) return null;
  const report = await resealAll(ctx, { purpose: "start-up: sealing migration 0031" });
  const unreadable = Object.values(report.unreadable).reduce((a, b) => a + b, 0);
  if (unreadable > 0) {
    ctx.logger.error(
      { unreadable: report.unreadable },
      "some sealed values open under no key: set VARDNAV_SECRET_PREVIOUS to the secret they were written under and run `vardnav secrets rotate`",
    );
  } else {
    ctx.logger.info({ resealed: report.resealed }, "sealed columns brought under the current key");
  }
  return report;
}
