import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import pg from "pg";
import { kyselyForPostgres } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import type { Database } from "../../src/db/schema.ts";
import { silentLogger, systemClock } from "../../src/lib/context.ts";
import { developmentKeyring } from "../../src/lib/sealing.ts";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../../src/modules/regions/regions.service.ts";
import { exampleRegionFile } from "./app.ts";

// Tests that need real server processes on PostgreSQL (crash recovery, several processes sharing one
// database). They run against DATABASE_URL's server, or the local one, in a database of their own.

export const POSTGRES_SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, migrated database with the example region 22, marked initialised (no demo on start). */
export async function createSeededDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  const db: Kysely<Database> = kyselyForPostgres(url.toString(), 2);
  try {
    await migrateToLatest(db as never);
    await importRegionFile(
      { db, clock: systemClock, logger: silentLogger, keyring: developmentKeyring() },
      systemActor("test"),
      exampleRegionFile(),
      {
        purpose: "test seed",
      },
    );
    await db
      .insertInto("settings")
      .values({ key: "initialized_at", value: JSON.stringify(new Date().toISOString()) })
      .execute();
  } finally {
    await db.destroy();
  }
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}
