import { z } from "zod";

// Request and response shapes of the system API (docs/API.md).

export const healthSchema = z.object({ status: z.literal("ok"), database: z.literal("ok") });
export type Health = z.infer<typeof healthSchema>;

export const metaSchema = z.object({
  demo: z.boolean(),
  version: z.string(),
  /** SITHS sign-in through the region's identity provider is configured: the login page offers it. */
  oidcSignIn: z.boolean(),
});
export type Meta = z.infer<typeof metaSchema>;

/** `POST /api/system/backup`: the embedded database as a gzipped tar (system administrators). */
export const BACKUP_MEDIA_TYPE = "application/gzip";
