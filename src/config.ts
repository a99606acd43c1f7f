import { resolve } from "node:path";
import { z } from "zod";
import { AppError } from "./errors.ts";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const PROXY_ADDRESS = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(?:\/[0-9]{1,3})?$/;

/**
 * TRUST_PROXY: `true` trusts every X-Forwarded-For hop (only behind a proxy that overwrites it), a number
 * the last N hops, a comma-separated list the proxies at those addresses (CIDR allowed); Fastify takes all.
 */
const trustProxyFromEnv = z.string().transform((value, check): boolean | number | string[] => {
  const text = value.trim().toLowerCase();
  if (text === "true" || text === "yes") return true;
  if (text === "false" || text === "no" || text === "0") return false;
  if (/^[0-9]{1,2}$/.test(text)) return Number(text);
  const addresses = text.split(",").map((a) => a.trim());
  if (addresses.every((a) => PROXY_ADDRESS.test(a))) return addresses;
  check.addIssue({
    code: "custom",
    message: "expected true, false, a hop count or a comma-separated list of addresses",
  });
  return z.NEVER;
});

const configSchema = z.object({
  /** `production` turns on the hard edges: no demo, VARDNAV_SECRET required, secure `__Host-` cookie. */
  NODE_ENV: z
    .enum(["development", "test", "production"], { message: "expected development, test or production" })
    .default("development"),
  PORT: z.coerce
    .number({ message: "expected a port number" })
    .int("expected a whole number")
    .min(1, "expected a port between 1 and 65535")
    .max(65535, "expected a port between 1 and 65535")
    .default(3000),
  HOST: z.string().min(1, "must not be empty").default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
    .optional(),
  VARDNAV_DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  /** Where the access log's chain head is kept, outside the database; default `<data folder>.audit-head.json`. */
  AUDIT_HEAD_FILE: z.string().min(1, "must not be empty").optional(),
  /** Connections each server process keeps to PostgreSQL (ignored on the embedded database). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(20),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Absolute session lifetime from sign-in, beside the sliding SESSION_TTL_HOURS. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Default: true when NODE_ENV=production, else false. */
  COOKIE_SECURE: booleanFromEnv.optional(),
  TRUST_PROXY: trustProxyFromEnv.default(false),
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /**
   * The address residents reach Vårdnav at (e.g. https://vardnav.region.se). Messages to residents link
   * to their status page with it; without it the link is a path, which an SMS cannot open.
   */
  PUBLIC_BASE_URL: z.url({ message: "expected an http(s) URL" }).optional(),
  /**
   * The root of every key (lib/sealing.ts): sealing of personal data and secrets, blind indexes, the
   * access log's chain. Required in production; absent, a public development secret is used.
   */
  VARDNAV_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** During a rotation only: the secret being replaced, still accepted for reading (docs/OPERATIONS.md). */
  VARDNAV_SECRET_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
  // Notifications to residents (docs/OPERATIONS.md "Notifications and jobs").
  NOTIFY_ADAPTER: z.enum(["log", "sms", "email"], { message: "expected log, sms or email" }).default("log"),
  ELKS_API_USERNAME: z.string().min(1).optional(),
  ELKS_API_PASSWORD: z.string().min(1).optional(),
  ELKS_FROM: z.string().min(1).max(15).optional(),
  ELKS_API_URL: z.url({ message: "expected an http(s) URL" }).default("https://api.46elks.com/a1/sms"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "expected an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().min(3).optional(),
  /** Minutes before its deadline an unanswered contact counts as at risk (worklist, deadline sweep). */
  CONTACT_AT_RISK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /**
   * Public-intake receipts sent per recipient phone number and per identity number and Stockholm day;
   * beyond it the dispatcher holds the message back (counted, shown to region admins). 0 holds them all.
   */
  INTAKE_MESSAGES_PER_PHONE_PER_DAY: z.coerce.number().int().min(0).max(10_000).default(5),
  INTAKE_MESSAGES_PER_IDENTITY_PER_DAY: z.coerce.number().int().min(0).max(10_000).default(5),
  /**
   * The first wait after a failed send (the SMS or mail provider down); each further failure doubles it.
   * 30 s keeps a provider's outage from being hammered; a region whose provider asks for another pace sets it.
   */
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // SITHS sign-in through the region's OpenID Connect provider (docs/OPERATIONS.md "SITHS sign-in"):
  // all four of issuer, client id, client secret and redirect URI, or none of them.
  OIDC_ISSUER: z.url({ message: "expected the provider's issuer URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Vårdnav's callback as registered at the provider: https://<host>/api/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.url({ message: "expected an http(s) URL" }).optional(),
  /** The ID token (or userinfo) claim that carries the person's HSA-id. */
  OIDC_HSA_ID_CLAIM: z.string().min(1, "must not be empty").default("hsa_id"),
  /** Scopes asked of the provider, space-separated; must include openid. */
  OIDC_SCOPE: z
    .string()
    .regex(/(^| )openid( |$)/, "must include the scope openid")
    .default("openid"),
  /** Demo mode only: seed today's contacts and keep the simulator running in the server. */
  VARDNAV_DEMO_LIVE: booleanFromEnv.default(true),
});

const checkedConfigSchema = configSchema.superRefine((config, issues) => {
  // In production the keys must come from the operator, never be generated into the database they protect.
  if (config.NODE_ENV === "production" && config.VARDNAV_SECRET === undefined) {
    issues.addIssue({
      code: "custom",
      path: ["VARDNAV_SECRET"],
      message: "required when NODE_ENV=production",
    });
  }
  checkOidc(config, issues);
  if (config.VARDNAV_SECRET_PREVIOUS !== undefined && config.VARDNAV_SECRET === undefined) {
    issues.addIssue({
      code: "custom",
      path: ["VARDNAV_SECRET_PREVIOUS"],
      message: "only meaningful beside VARDNAV_SECRET (the new secret)",
    });
  }
  // The chosen adapter must have what it needs, or the first message would fail hours after the start.
  const required =
    config.NOTIFY_ADAPTER === "sms"
      ? (["ELKS_API_USERNAME", "ELKS_API_PASSWORD", "ELKS_FROM"] as const)
      : config.NOTIFY_ADAPTER === "email"
        ? (["SMTP_URL", "SMTP_FROM"] as const)
        : [];
  for (const name of required) {
    if (config[name] === undefined) {
      issues.addIssue({
        code: "custom",
        path: [name],
        message: `required when NOTIFY_ADAPTER=${config.NOTIFY_ADAPTER}`,
      });
    }
  }
});

const OIDC_REQUIRED = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_REDIRECT_URI"] as const;

/** True for http://localhost, http://127.x.x.x and http://[::1]: a provider on this machine (tests). */
export function isLoopbackHttp(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:") return false;
  const host = parsed.hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * OIDC is all-or-none: a half-configured sign-in would only fail at the first user's click. The provider
 * must be reached over https; plain http only on this machine and never with NODE_ENV=production.
 */
function checkOidc(
  config: z.infer<typeof configSchema>,
  issues: { addIssue(issue: { code: "custom"; path: string[]; message: string }): void },
): void {
  const given = OIDC_REQUIRED.filter((name) => config[name] !== undefined);
  if (given.length === 0) return;
  for (const name of OIDC_REQUIRED) {
    if (config[name] === undefined) {
      issues.addIssue({
        code: "custom",
        path: [name],
        message: `required for SITHS sign-in, since ${given.join(", ")} ${given.length === 1 ? "is" : "are"} set (set all of ${OIDC_REQUIRED.join(", ")} or none)`,
      });
    }
  }
  for (const name of ["OIDC_ISSUER", "OIDC_REDIRECT_URI"] as const) {
    const url = config[name];
    if (url === undefined) continue;
    const protocol = new URL(url).protocol;
    const loopback = isLoopbackHttp(url);
    if (protocol !== "https:" && !(loopback && config.NODE_ENV !== "production")) {
      issues.addIssue({
        code: "custom",
        path: [name],
        message:
          config.NODE_ENV === "production"
            ? "must be an https URL when NODE_ENV=production"
            : "must be an https URL (plain http only for a provider on this machine, outside production)",
      });
    }
  }
}

/** The OpenID Connect settings when SITHS sign-in is configured, else null. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  hsaIdClaim: string;
  scope: string;
  /** Plain http to a loopback issuer, outside production only (tests and a developer's machine). */
  allowInsecureLoopback: boolean;
}

/** The settings SITHS sign-in is made from (oidcConfigOf). */
export type OidcSettingKey =
  | "NODE_ENV"
  | "OIDC_ISSUER"
  | "OIDC_CLIENT_ID"
  | "OIDC_CLIENT_SECRET"
  | "OIDC_REDIRECT_URI"
  | "OIDC_HSA_ID_CLAIM"
  | "OIDC_SCOPE";

export function oidcConfigOf(config: Pick<Config, OidcSettingKey>): OidcConfig | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI } = config;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URI) return null;
  return {
    issuer: OIDC_ISSUER,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    redirectUri: OIDC_REDIRECT_URI,
    hsaIdClaim: config.OIDC_HSA_ID_CLAIM,
    scope: config.OIDC_SCOPE,
    allowInsecureLoopback: config.NODE_ENV !== "production" && isLoopbackHttp(OIDC_ISSUER),
  };
}

export type Config = Omit<z.infer<typeof configSchema>, "COOKIE_SECURE"> & { COOKIE_SECURE: boolean };

export interface ConfigOverrides {
  dataDir?: string;
}

/**
 * Reads configuration from the environment. A wrong value stops the start with a message naming the
 * variable, because a server that silently falls back to a default is worse than one that refuses to start.
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") picked[key] = value;
  }
  if (overrides.dataDir) picked.VARDNAV_DATA_DIR = overrides.dataDir;
  const parsed = checkedConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const got = picked[name] === undefined ? "" : ` (got "${picked[name]}")`;
      return `${name}: ${issue.message}${got}`;
    });
    throw new AppError(
      "invalid_configuration",
      `Invalid configuration: ${lines.join("; ")}`,
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })),
    );
  }
  const dataDir = resolve(parsed.data.VARDNAV_DATA_DIR);
  return {
    ...parsed.data,
    COOKIE_SECURE: parsed.data.COOKIE_SECURE ?? parsed.data.NODE_ENV === "production",
    VARDNAV_DATA_DIR: dataDir,
    AUDIT_HEAD_FILE: resolve(parsed.data.AUDIT_HEAD_FILE ?? `${dataDir}.audit-head.json`),
  };
}
