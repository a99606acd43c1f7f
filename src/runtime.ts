import { Writable } from "node:stream";
import pino from "pino";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/connect.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { redactStatusTokens } from "./domain/notifications/status-token-redaction.ts";
import { type Clock, type Logger, type ServiceContext, systemClock } from "./lib/context.ts";
import { Keyring } from "./lib/sealing.ts";
import { AuditHeadKeeper } from "./modules/audit/audit-head.ts";
import { settleContactNotifications } from "./modules/contacts/change-bus.ts";
import { resealPendingAtStart } from "./modules/sealing/resealing.service.ts";

/** A CLI logger: everything to standard error, so standard output carries only the command's result. */
export function stderrLogger(level: Config["LOG_LEVEL"]): Logger {
  return pino({ level, base: undefined }, redactingStream(process.stderr));
}

/** A log destination that redacts resident status tokens from every line (docs/SECURITY.md). */
export function redactingStream(destination: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      destination.write(redactStatusTokens(String(chunk)));
      done();
    },
  });
}

export interface Runtime {
  ctx: ServiceContext;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens (and migrates) the configured database and assembles the service context. */
export async function openRuntime(
  config: Config,
  options: {
    purpose: string;
    logger: Logger;
    clock?: Clock;
    migrate?: boolean;
    /** Re-seal rows of the older schemes while migration 0031's marker is set (default: with migrate). */
    resealAtStart?: boolean;
  },
): Promise<Runtime> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    dataDir: config.VARDNAV_DATA_DIR,
    purpose: options.purpose,
  });
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(database.db as never);
      if (applied.length > 0) options.logger.info({ applied }, "database migrated");
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  // Said once by the server, not by every CLI command (whose standard error scripts read).
  if (config.VARDNAV_SECRET === undefined && options.purpose === "server") {
    options.logger.warn(
      "VARDNAV_SECRET is not set: personal data, secrets and the access log's chain are keyed with the public development secret. Set it before real data.",
    );
  }
  // Derived once here; every service reads its keys from the context, none from the environment.
  const keyring = Keyring.fromSecrets({
    secret: config.VARDNAV_SECRET,
    previousSecret: config.VARDNAV_SECRET_PREVIOUS,
  });
  const auditHead = new AuditHeadKeeper(
    database.db,
    config.AUDIT_HEAD_FILE ?? `${config.VARDNAV_DATA_DIR}.audit-head.json`,
    options.logger,
  );
  const ctx: ServiceContext = {
    db: database.db,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    keyring,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    auditHead,
    dumpDataDir: database.dumpDataDir,
  };
  if (options.migrate !== false && options.resealAtStart !== false) {
    try {
      // Rows of the sealing schemes before migration 0031 are re-sealed before anything reads them.
      await resealPendingAtStart(ctx);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return {
    ctx,
    database,
    async close() {
      await settleContactNotifications(ctx);
      // The head must cover everything this process appended before the database goes away.
      await auditHead
        .flush()
        .catch((error) => options.logger.error({ err: error }, "audit head not written"));
      await database.close();
    },
  };
}
