import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Database } from "../db/schema.ts";
import type { Keyring } from "./sealing.ts";

/** The clock is injected everywhere so rules about "today" and deadlines can be tested at any instant. */
export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

export function fixedClock(instant: Temporal.Instant | string): Clock {
  const value = typeof instant === "string" ? Temporal.Instant.from(instant) : instant;
  return { now: () => value };
}

/** The subset of pino's interface the services use; fastify's logger and the CLI's both satisfy it. */
export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Keeps the access log's chain head in a file outside the database (modules/audit/audit-head.ts). */
export interface AuditHeadSink {
  readonly file: string;
  /** An append happened: bring the head up to the committed chain soon. */
  notify(): void;
  /** Bring the head up to the committed chain now. */
  flush(): Promise<unknown>;
}

/** What every service receives: the database handle, the clock and the logger, never globals. */
export interface ServiceContext {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /**
   * Every key, derived once at start-up from config VARDNAV_SECRET (and VARDNAV_SECRET_PREVIOUS while
   * rotating): sealing of personal data and secrets, blind indexes, the access log's chain (lib/sealing.ts).
   */
  keyring: Keyring;
  /** Keeps the access log's chain head outside the database (absent in most tests: no head is kept). */
  auditHead?: AuditHeadSink | undefined;
  /** The embedded database's data folder as a gzipped tar, for a backup on request (absent on PostgreSQL). */
  dumpDataDir?: (() => Promise<Blob>) | undefined;
  /** Config PUBLIC_BASE_URL: makes links in messages to residents absolute. */
  publicBaseUrl?: string | undefined;
}
