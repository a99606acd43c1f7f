import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import pg from "pg";
import { kyselyForPostgres } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import type { Database } from "../../src/db/schema.ts";
import { silentLogger, systemClock } from "../../src/lib/context.ts";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../../src/modules/regions/regions.service.ts";
import { exampleRegionFile } from "./app.ts";

// Tests that need real server processes on PostgreSQL (crash recovery, several processes sharing one
// database). They run against DATABASE_URL's server, or the local one, in a database of their own.

export const POSTGRES_SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const VARDNAV = fileURLToPath(new URL("../../bin/vardnav", import.meta.url));

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
      { db, clock: systemClock, logger: silentLogger },
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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

/** `bin/vardnav serve --no-demo` on the database; resolves once /api/health answers 200. */
export async function startVardnavServer(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(VARDNAV, ["serve", "--no-demo"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      PUBLIC_RATE_LIMIT_PER_MINUTE: "100000",
      VARDNAV_DEMO_LIVE: "false",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const health = await fetch(`${base}/api/health`);
      if (health.status === 200) return { child, base, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become healthy: ${stderr}`);
}
