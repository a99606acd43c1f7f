import pino from "pino";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/connect.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { type Clock, type Logger, type ServiceContext, systemClock } from "./lib/context.ts";

/** A CLI logger: everything to standard error, so standard output carries only the command's result. */
export function stderrLogger(level: Config["LOG_LEVEL"]): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export interface Runtime {
  ctx: ServiceContext;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens (and migrates) the configured database and assembles the service context. */
export async function openRuntime(
  config: Config,
  options: { purpose: string; logger: Logger; clock?: Clock; migrate?: boolean },
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
  return {
    ctx: {
      db: database.db,
      clock: options.clock ?? systemClock,
      logger: options.logger,
      secret: config.VARDNAV_SECRET,
      publicBaseUrl: config.PUBLIC_BASE_URL,
    },
    database,
    close: () => database.close(),
  };
}
