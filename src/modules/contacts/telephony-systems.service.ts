// Phone systems of a region: registering one, listing them, disabling one and rotating its signing
// secret (HTTP `POST /api/telephony/systems`, CLI `vardnav telephony`). Secrets are shown once, when made.

import { randomBytes } from "node:crypto";
import { AppError, validationError } from "../../errors.ts";
import { assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import {
  findTelephonySystemById,
  insertTelephonySystem,
  listTelephonySystemRows,
  type TelephonySystem,
  updateTelephonySystem,
} from "./telephony-systems.repository.ts";

export interface TelephonySystemCreated {
  id: string;
  regionCode: string;
  name: string;
  /** Shown once; the phone system signs every request with it. */
  secret: string;
}

export interface TelephonySystemListing {
  id: string;
  regionCode: string;
  name: string;
  disabled: boolean;
  /** Still accepts the older unversioned signature (logged as deprecated). */
  unversionedSignature: boolean;
  createdAt: string;
  secretRotatedAt: string | null;
}

const newSecret = () => randomBytes(32).toString("base64url");

function assertMayManage(by: AuditActor, regionCode: string): void {
  if (by.kind !== "user") return;
  assertRole(by, ["region_admin", "system_admin"], "manage phone systems");
  assertRegionAccess(by, regionCode);
}

async function systemOrThrow(ctx: ServiceContext, by: AuditActor, id: string): Promise<TelephonySystem> {
  const system = await findTelephonySystemById(ctx.db, ctx.keyring, id);
  if (!system) throw new AppError("not_found", `No phone system ${id}.`, { id });
  assertMayManage(by, system.regionCode);
  return system;
}

/** Registers a phone system of a region and returns its signing secret (region admin, system admin). */
export async function registerTelephonySystem(
  ctx: ServiceContext,
  by: AuditActor,
  input: {
    id: string;
    regionCode: string;
    name: string;
    secret?: string;
    allowUnversionedSignature?: boolean;
  },
  purpose: string,
): Promise<TelephonySystemCreated> {
  assertMayManage(by, input.regionCode);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(input.id)) {
    throw validationError("The phone system is not valid.", [
      { path: "id", message: "letters, digits, '.', '_' and '-' only, at most 64" },
    ]);
  }
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) {
    throw validationError("The phone system is not valid.", [
      { path: "name", message: "1 to 200 characters" },
    ]);
  }
  if (await findTelephonySystemById(ctx.db, ctx.keyring, input.id)) {
    throw new AppError("conflict", `A phone system ${input.id} already exists.`, { id: input.id });
  }
  const region = await ctx.db
    .selectFrom("regions")
    .select("code")
    .where("code", "=", input.regionCode)
    .executeTakeFirst();
  if (!region) {
    throw validationError("The phone system is not valid.", [
      { path: "regionCode", message: `no region ${input.regionCode}` },
    ]);
  }
  const secret = input.secret ?? newSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await insertTelephonySystem(trx, ctx.keyring, {
      id: input.id,
      regionCode: input.regionCode,
      name,
      secret,
      unversionedSignature: input.allowUnversionedSignature ?? false,
    });
    await recordAudit(trx, ctx, by, {
      action: "telephony_system.create",
      entityType: "telephony_system",
      entityId: input.id,
      regionCode: input.regionCode,
      purpose,
    });
  });
  return { id: input.id, regionCode: input.regionCode, name, secret };
}

/** The phone systems of the actor's region (all regions for a system admin), without their secrets. */
export async function listTelephonySystems(
  ctx: ServiceContext,
  by: AuditActor,
  filter: { regionCode?: string | undefined },
): Promise<TelephonySystemListing[]> {
  let regionCode = filter.regionCode ?? null;
  if (by.kind === "user") {
    assertRole(by, ["region_admin", "system_admin"], "list phone systems");
    if (by.role !== "system_admin") regionCode = by.regionCode;
    if (filter.regionCode !== undefined) assertRegionAccess(by, filter.regionCode);
  }
  const systems = await listTelephonySystemRows(ctx.db, ctx.keyring, regionCode);
  return systems.map((s) => ({
    id: s.id,
    regionCode: s.regionCode,
    name: s.name,
    disabled: s.disabledAt !== null,
    unversionedSignature: s.unversionedSignature,
    createdAt: s.createdAt.toISOString(),
    secretRotatedAt: s.secretRotatedAt?.toISOString() ?? null,
  }));
}

/** Stops a phone system: its requests get 401 from now on. Idempotent. */
export async function disableTelephonySystem(
  ctx: ServiceContext,
  by: AuditActor,
  id: string,
  purpose: string,
): Promise<void> {
  const system = await systemOrThrow(ctx, by, id);
  if (system.disabledAt !== null) return;
  await ctx.db.transaction().execute(async (trx) => {
    await updateTelephonySystem(trx, ctx.keyring, id, {
      disabledAt: new Date(ctx.clock.now().epochMilliseconds),
    });
    await recordAudit(trx, ctx, by, {
      action: "telephony_system.disable",
      entityType: "telephony_system",
      entityId: id,
      regionCode: system.regionCode,
      purpose,
    });
  });
}

/** Replaces a phone system's secret; the old one stops working at once. Returns the new secret. */
export async function rotateTelephonySecret(
  ctx: ServiceContext,
  by: AuditActor,
  id: string,
  purpose: string,
): Promise<string> {
  const system = await systemOrThrow(ctx, by, id);
  const secret = newSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await updateTelephonySystem(trx, ctx.keyring, id, {
      secret,
      rotatedAt: new Date(ctx.clock.now().epochMilliseconds),
    });
    await recordAudit(trx, ctx, by, {
      action: "telephony_system.rotate",
      entityType: "telephony_system",
      entityId: id,
      regionCode: system.regionCode,
      purpose,
    });
  });
  return secret;
}

/** Switches the older unversioned signature on or off for one phone system (the region's decision). */
export async function setUnversionedSignature(
  ctx: ServiceContext,
  by: AuditActor,
  id: string,
  allowed: boolean,
  purpose: string,
): Promise<void> {
  const system = await systemOrThrow(ctx, by, id);
  if (system.unversionedSignature === allowed) return;
  await ctx.db.transaction().execute(async (trx) => {
    await updateTelephonySystem(trx, ctx.keyring, id, { unversionedSignature: allowed });
    await recordAudit(trx, ctx, by, {
      action: allowed ? "telephony_system.allow_unversioned" : "telephony_system.refuse_unversioned",
      entityType: "telephony_system",
      entityId: id,
      regionCode: system.regionCode,
      purpose,
    });
  });
}
