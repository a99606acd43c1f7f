import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type DatabaseConnection, type Driver, Kysely, PGliteDialect, PostgresDialect } from "kysely";
import pg from "pg";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";
import { PREPARED_MARK } from "./prepared.ts";
import type { Database } from "./schema.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** The embedded database's whole data folder as a gzipped tar (PGlite only; PostgreSQL has pg_dump). */
  dumpDataDir?: () => Promise<Blob>;
}

const INT8_OID = 20;
const DATE_OID = 1082;

// int8 (bigint, count(*), bigserial) must not silently lose precision past 2^53: money sums use it.
// Dates stay ISO strings: a calendar date is not an instant and must not pick up a time zone.
const parseInt8 = (value: string): bigint => BigInt(value);
const keepDateText = (value: string): string => value;

/**
 * The PGlite driver hands every caller the same single connection, so a query issued while another
 * request holds a transaction would run inside that transaction. A mutex makes each acquired connection
 * exclusive until released, as a pool of one would.
 */
class ExclusivePGliteDriver implements Driver {
  readonly #inner: Driver;
  readonly #pglite: PGlite;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;
  #destroyed = false;

  constructor(inner: Driver, pglite: PGlite) {
    this.#inner = inner;
    this.#pglite = pglite;
  }
  /**
   * Kysely's PGlite driver starts a transaction on a closed instance by leaving PGlite's rejection
   * unobserved and the transaction waiting forever (an unhandled rejection, and a hung caller). Work that
   * outlives its database — a notification drained after shutdown, a timer in a test — gets a plain error
   * here instead, which its caller handles like any other failed query.
   */
  #refuseWhenClosed(): void {
    if (this.#destroyed || this.#pglite.closed) throw new Error("the embedded database is closed");
  }
  init() {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    // PGlite answers in-process, so a loop of queries (an import, the demo's live day) is one long chain
    // of promise callbacks that never lets the event loop accept a connection or read a request. One
    // macrotask turn per acquisition lets HTTP requests in and queue behind at most one transaction.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#inner.acquireConnection();
  }
  async beginTransaction(
    connection: DatabaseConnection,
    settings: Parameters<Driver["beginTransaction"]>[1],
  ) {
    // Refused here, not at acquisition: Kysely holds its own lock across a failed acquisition.
    this.#refuseWhenClosed();
    return this.#inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.#inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(connection);
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const release = this.#release;
    this.#release = null;
    release?.();
  }
  async destroy() {
    // Let a transaction already under way (a background appender, a job) finish before PGlite closes under
    // it, which would otherwise surface as an unhandled rejection inside PGlite; bounded, so a leaked
    // connection cannot hold a shutdown forever.
    await Promise.race([this.#queue, new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref())]);
    this.#destroyed = true;
    return this.#inner.destroy();
  }
}

class ExclusivePGliteDialect extends PGliteDialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    super({ pglite });
    this.#pglite = pglite;
  }
  override createDriver(): Driver {
    return new ExclusivePGliteDriver(super.createDriver(), this.#pglite);
  }
}

export function pgliteParsers() {
  return { [INT8_OID]: parseInt8, [DATE_OID]: keepDateText };
}

/** Wraps an existing PGlite instance (tests load one from a migrated template). */
export function kyselyForPGlite(pglite: PGlite): Kysely<Database> {
  return new Kysely<Database>({ dialect: new ExclusivePGliteDialect(pglite) });
}

/** Prepares a statement that starts with the prepared mark under its name, once per connection (src/db/prepared.ts). */
class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; only the (text, values) form is rewritten.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && typeof callback !== "function") {
      const mark = PREPARED_MARK.exec(config);
      if (mark) return super.query({ name: mark[1] as string, text: config, values });
    }
    return super.query(config, values, callback);
  }
}

export function kyselyForPostgres(connectionString: string, maxConnections = 10): Kysely<Database> {
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === INT8_OID) return parseInt8;
        if (oid === DATE_OID) return keepDateText;
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection can be closed by the server (restart, failover, an administrator, a dropped
  // test database). pg then emits "error" on the pool, which would crash the process without a listener;
  // the pool already discarded the client and opens a new one on the next query, so a warning is enough.
  pool.on("error", (error) => {
    process.stderr.write(`PostgreSQL closed an idle connection: ${error.message}\n`);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** PostgreSQL pool size; PGlite has one connection whatever this says. */
  poolSize?: number | undefined;
  dataDir: string;
  /** What the process does, written into the lock so a second process can say who holds the folder. */
  purpose: string;
}

/**
 * Opens the production database when DATABASE_URL is set, else the embedded PGlite database in the data
 * folder (`<dataDir>/pgdata`), locked to this process.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const db = kyselyForPostgres(options.databaseUrl, options.poolSize);
    return { db, kind: "postgres", close: () => db.destroy() };
  }
  const lock: DataDirLock = acquireDataDirLock(options.dataDir, options.purpose);
  try {
    const pglite = await PGlite.create(join(options.dataDir, "pgdata"), { parsers: pgliteParsers() });
    const db = kyselyForPGlite(pglite);
    return {
      db,
      kind: "pglite",
      dumpDataDir: () => pglite.dumpDataDir("gzip"),
      async close() {
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
