import { z } from "zod";
import { ROLES } from "../../domain/access/value-sets.ts";

// Request and response shapes of the sign-in and account API (docs/API.md).

export const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(500),
});

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** null only for a system admin, who spans every region. */
  regionCode: z.string().nullable(),
  unitHsaIds: z.array(z.string()),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  user: userSchema,
  csrfToken: z.string(),
  /** The account must choose a new password before anything else (POST /api/auth/password). */
  mustChangePassword: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const accountSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string().nullable(),
  disabled: z.boolean(),
  /** The HSA-id SITHS sign-in matches, or null. */
  hsaId: z.string().nullable(),
  /** false: the account has no password and signs in with SITHS only. */
  passwordSignIn: z.boolean(),
});
export const accountListSchema = z.array(accountSchema);

export const createdAccountSchema = z.object({
  id: z.number(),
  username: z.string(),
  hsaId: z.string().nullable(),
  role: z.enum(ROLES),
  regionCode: z.string().nullable(),
  unitHsaIds: z.array(z.string()),
});

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(500),
  newPassword: z.string().min(1).max(500),
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const usernameParams = z.object({ username: z.string() });
