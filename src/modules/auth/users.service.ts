import { z } from "zod";
import type { Role } from "../../db/schema.ts";
import { AppError, fromZodIssues } from "../../errors.ts";
import { type Actor, assertRegionAccess, assertRole, ROLES } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { sessionEvents } from "../../lib/session-events.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import { findUnitsByHsaIds } from "../regions/regions.repository.ts";
import {
  deleteSessionsOfUser,
  findUserByHsaId,
  findUserByUsername,
  findUsers,
  insertUser,
  insertUserUnits,
  setUserDisabled,
  setUserHsaIdRow,
} from "./auth.repository.ts";
import { hashPassword, PASSWORD_MIN_LENGTH } from "./password.ts";

/** A person's HSA-id as the catalogue writes it (e.g. SE2321000016-1003), upper-cased on the way in. */
export const hsaIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, "expected an HSA-id such as SE2321000016-1003");

export const newUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{2,64}$/, "use 2–64 characters: a–z, 0–9, dot, dash or underscore"),
    displayName: z.string().trim().min(1, "must not be empty").max(200),
    /** Absent or null: the account signs in with SITHS only and then needs an HSA-id. */
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(500)
      .nullable()
      .default(null),
    /** The person's HSA-id, which SITHS sign-in matches against the identity provider's claim. */
    hsaId: hsaIdSchema.nullable().default(null),
    role: z.enum(ROLES),
    regionCode: z
      .string()
      .regex(/^[0-9]{2}$/, "expected a two-digit länskod")
      .nullable(),
    unitHsaIds: z.array(z.string()).default([]),
  })
  .superRefine((value, issue) => {
    if (value.password === null && value.hsaId === null) {
      issue.addIssue({
        code: "custom",
        path: ["password"],
        message: "required unless the account has an HSA-id for SITHS sign-in",
      });
    }
    if (value.role === "system_admin" && value.regionCode !== null) {
      issue.addIssue({
        code: "custom",
        path: ["regionCode"],
        message: "a system admin belongs to no region",
      });
    }
    if (value.role !== "system_admin" && value.regionCode === null) {
      issue.addIssue({ code: "custom", path: ["regionCode"], message: "required for this role" });
    }
    const scopedToUnits = value.role === "staff" || value.role === "unit_manager";
    if (scopedToUnits && value.unitHsaIds.length === 0) {
      issue.addIssue({
        code: "custom",
        path: ["unitHsaIds"],
        message: "staff and unit managers need at least one unit",
      });
    }
    if (!scopedToUnits && value.unitHsaIds.length > 0) {
      issue.addIssue({
        code: "custom",
        path: ["unitHsaIds"],
        message: "only staff and unit managers have units",
      });
    }
  });

export type NewUserInput = z.input<typeof newUserSchema>;

function assertMayManageUsers(by: AuditActor, regionCode: string | null, role?: Role): void {
  if (by.kind === "system") return;
  assertRole(by, ["system_admin", "region_admin"], "manage user accounts");
  if (by.role === "region_admin") {
    if (regionCode === null)
      throw new AppError("forbidden", "Only a system admin manages accounts without a region.");
    assertRegionAccess(by, regionCode);
    if (role === "system_admin")
      throw new AppError("forbidden", "Only a system admin creates system admins.");
  }
}

export async function addUser(
  ctx: ServiceContext,
  by: AuditActor,
  input: NewUserInput,
  purpose: string,
  /** An administrator chose the password (`POST /api/users`, `vardnav user add`): the user must replace it. */
  options: { mustChangePassword?: boolean } = {},
) {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues("The account is not valid.", parsed.error.issues);
  const user = parsed.data;
  assertMayManageUsers(by, user.regionCode, user.role);
  if (await findUserByUsername(ctx.db, user.username)) {
    throw new AppError("conflict", `The username ${user.username} is taken.`, { username: user.username });
  }
  const units = await findUnitsByHsaIds(ctx.db, user.unitHsaIds);
  const missing = user.unitHsaIds.filter((hsa) => !units.some((u) => u.hsa_id === hsa));
  if (missing.length > 0) {
    throw new AppError("validation_failed", `Unknown unit: ${missing.join(", ")}.`, {
      issues: missing.map((hsa) => ({ path: "unitHsaIds", message: `unknown unit ${hsa}` })),
    });
  }
  const foreign = units.filter((u) => u.region_code !== user.regionCode);
  if (foreign.length > 0) {
    throw new AppError(
      "validation_failed",
      `Units outside region ${user.regionCode}: ${foreign.map((u) => u.hsa_id).join(", ")}.`,
    );
  }
  if (user.hsaId !== null) await assertHsaIdFree(ctx, user.hsaId);
  const passwordHash = user.password === null ? null : await hashPassword(user.password);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username: user.username,
      display_name: user.displayName,
      password_hash: passwordHash,
      hsa_id: user.hsaId,
      role: user.role,
      region_code: user.regionCode,
      // An account that signs in only through the identity provider has no password to change.
      must_change_password: passwordHash !== null && (options.mustChangePassword ?? false),
    });
    await insertUserUnits(
      trx,
      id,
      units.map((u) => u.id),
    );
    await recordAudit(trx, ctx, by, {
      action: "user.add",
      entityType: "user",
      entityId: String(id),
      regionCode: user.regionCode,
      purpose,
      details: {
        username: user.username,
        role: user.role,
        units: user.unitHsaIds,
        mustChangePassword: passwordHash !== null && (options.mustChangePassword ?? false),
        hsaId: user.hsaId,
        password: user.password !== null,
      },
    });
    return {
      id,
      username: user.username,
      hsaId: user.hsaId,
      role: user.role,
      regionCode: user.regionCode,
      unitHsaIds: user.unitHsaIds,
    };
  });
}

async function assertHsaIdFree(ctx: ServiceContext, hsaId: string, exceptUserId?: number) {
  const holder = await findUserByHsaId(ctx.db, hsaId);
  if (holder && holder.id !== exceptUserId) {
    throw new AppError("conflict", `The HSA-id ${hsaId} belongs to the account ${holder.username}.`, {
      hsaId,
    });
  }
}

/**
 * Gives an account the person's HSA-id for SITHS sign-in, or takes it away (null). A person has one
 * HSA-id and one account: an HSA-id another account holds is refused.
 */
export async function setUserHsaId(
  ctx: ServiceContext,
  by: AuditActor,
  username: string,
  hsaIdInput: string | null,
  purpose: string,
): Promise<{ username: string; hsaId: string | null }> {
  const parsed = hsaIdSchema.nullable().safeParse(hsaIdInput);
  if (!parsed.success) throw fromZodIssues("The HSA-id is not valid.", parsed.error.issues);
  const hsaId = parsed.data;
  const user = await findUserByUsername(ctx.db, username.trim().toLowerCase());
  if (!user) throw new AppError("not_found", `No account named ${username}.`);
  assertMayManageUsers(by, user.region_code, user.role);
  if (hsaId === null && user.password_hash === null) {
    throw new AppError(
      "conflict",
      `${user.username} has no password: without an HSA-id it could not sign in at all.`,
    );
  }
  if (hsaId !== null) await assertHsaIdFree(ctx, hsaId, user.id);
  await ctx.db.transaction().execute(async (trx) => {
    await setUserHsaIdRow(trx, user.id, hsaId);
    await recordAudit(trx, ctx, by, {
      action: "user.set_hsa_id",
      entityType: "user",
      entityId: String(user.id),
      regionCode: user.region_code,
      purpose,
      details: { username: user.username, hsaId, previous: user.hsa_id },
    });
  });
  return { username: user.username, hsaId };
}

export async function listUsers(ctx: ServiceContext, by: AuditActor, purpose: string) {
  let regionCode: string | null = null;
  if (by.kind === "user") {
    assertRole(by, ["system_admin", "region_admin"], "list user accounts");
    if (by.role === "region_admin") regionCode = by.regionCode;
  }
  const rows = await findUsers(ctx.db, regionCode);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, by, {
      action: "user.list",
      entityType: "user",
      regionCode,
      purpose,
      details: { rows: rows.length },
    }),
  );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    disabled: row.disabled_at !== null,
    hsaId: row.hsa_id,
    passwordSignIn: row.has_password === true,
  }));
}

export async function setUserEnabled(
  ctx: ServiceContext,
  by: AuditActor,
  username: string,
  enabled: boolean,
  purpose: string,
): Promise<void> {
  const user = await findUserByUsername(ctx.db, username.trim().toLowerCase());
  if (!user) throw new AppError("not_found", `No account named ${username}.`);
  assertMayManageUsers(by, user.region_code, user.role);
  if (by.kind === "user" && by.userId === user.id && !enabled) {
    throw new AppError("conflict", "You cannot disable your own account.");
  }
  const now = new Date(ctx.clock.now().epochMilliseconds);
  await ctx.db.transaction().execute(async (trx) => {
    await setUserDisabled(trx, user.id, enabled ? null : now);
    if (!enabled) await deleteSessionsOfUser(trx, user.id);
    await recordAudit(trx, ctx, by, {
      action: enabled ? "user.enable" : "user.disable",
      entityType: "user",
      entityId: String(user.id),
      regionCode: user.region_code,
      purpose,
      details: { username: user.username },
    });
  });
  // Open event streams of the account end now, not at their next re-check.
  if (!enabled) sessionEvents(ctx).ended({ userId: user.id });
}

export type { Actor };
